"""Every outreach page and endpoint, for each role: a draft only for experts, a confirmed event
for experts and Committee members, a published one for everyone."""

import pytest

pytestmark = pytest.mark.django_db

PERSONAS = ["expert", "committee", "state_poc", "provider_poc", "public"]
OPEN = dict.fromkeys(PERSONAS, 200)
EXPERTS = {"expert": 200, "committee": 403, "state_poc": 403, "provider_poc": 403, "public": 403}
BY_STATUS = {
    "draft": {"expert": 200, "committee": 404, "state_poc": 404, "provider_poc": 404,
              "public": 404},
    "confirmed": {"expert": 200, "committee": 200, "state_poc": 404, "provider_poc": 404,
                  "public": 404},
    "published": OPEN,
}

PAGES = {
    "/events/": OPEN,
    "/events/?year=2016&kind=workshop&region=Europe&state=KAZ&organisation=OSCE&topic=op3d": OPEN,
    "/events/?page=999": OPEN,
    "/events/?year=abc&kind=nonsense&topic=zzz": dict.fromkeys(PERSONAS, 400),
    "/events/?export=csv": OPEN,
    "/events/?export=xlsx": OPEN,
    "/events/?export=json": OPEN,
    "/events/calendar/": OPEN,
    "/events/calendar/?year=2016&month=6": OPEN,
    "/events/statistics/": OPEN,
    "/events/statistics/?table=states&export=csv": OPEN,
    "/events/review/2016.pdf": OPEN,
    "/events/review/2016.docx": OPEN,
    "/events/import/": EXPERTS,
    "/states/KAZ/": OPEN,
    "/organisations/OSCE/": OPEN,
    "/api/events/": OPEN,
    "/api/events/statistics/": OPEN,
}
EVENT_PAGES = ["/events/{pk}/", "/events/{pk}/note.pdf", "/events/{pk}/note.docx",
               "/events/{pk}/note.md", "/events/{pk}/note.html", "/api/events/{pk}/",
               "/api/events/{pk}/note/md/", "/api/events/{pk}/note/docx/"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", list(PAGES))
def test_pages(client_for, events, persona, path):
    response = client_for(persona).get(path)
    assert response.status_code == PAGES[path][persona], (path, persona)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("status", list(BY_STATUS))
@pytest.mark.parametrize("template", EVENT_PAGES)
def test_event_pages_by_status(client_for, events, persona, status, template):
    path = template.format(pk=events[status].pk)
    response = client_for(persona).get(path)
    assert response.status_code == BY_STATUS[status][persona], (path, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_show_only_what_the_role_may_see(client_for, events, persona):
    client = client_for(persona)
    seen = {status: e.title in client.get("/events/").content.decode() for status, e in
            events.items()}
    expected = {status: BY_STATUS[status][persona] == 200 for status in events}
    assert seen == expected
    api = {e["title"] for e in client.get("/api/events/").json()["results"]}
    assert {s for s, e in events.items() if e.title in api} == {s for s, v in expected.items()
                                                               if v}
    csv = client.get("/events/?export=csv").content.decode("utf-8-sig")
    assert {s for s, e in events.items() if e.title in csv} == {s for s, v in expected.items()
                                                               if v}
    stats = client.get("/api/events/statistics/").json()
    total = sum(r["total"] for r in stats["per-year-kind"]["rows"])
    assert total == sum(expected.values())
    panel = client.get("/states/KAZ/").content.decode()
    assert {s for s, e in events.items() if e.title in panel} == {s for s, v in expected.items()
                                                                 if v}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_experts_confirm_and_publish(client_for, events, persona):
    client = client_for(persona)
    draft, confirmed = events["draft"], events["confirmed"]
    confirmed.participants.filter(flagged=True).delete()  # its names resolved: publishable
    r1 = client.post(f"/events/{draft.pk}/confirm/")
    r2 = client.post(f"/events/{confirmed.pk}/publish/")
    draft.refresh_from_db()
    confirmed.refresh_from_db()
    if persona == "expert":
        assert (r1.status_code, r2.status_code) == (302, 302)
        assert (draft.status, confirmed.status) == ("confirmed", "published")
    else:
        assert (r1.status_code, r2.status_code) == (403, 403)
        assert (draft.status, confirmed.status) == ("draft", "confirmed")


def test_confirm_is_post_only_and_publishing_a_draft_is_refused(client_for, events):
    client = client_for("expert")
    draft = events["draft"]
    assert client.get(f"/events/{draft.pk}/confirm/").status_code == 405
    response = client.post(f"/events/{draft.pk}/publish/", follow=True)
    assert "confirm it before publishing" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize("persona", PERSONAS)
def test_odd_addresses_are_404_or_400_never_500(client_for, events, persona):
    client = client_for(persona)
    pk = events["published"].pk
    for path in [f"/events/{pk}/note.exe", "/events/999999/", "/events/999999/note.pdf",
                 "/events/review/1800.pdf", "/events/review/2016.exe",
                 f"/events/{pk}/documents/999/", "/api/events/999999/",
                 f"/api/events/{pk}/note/exe/"]:
        assert client.get(path).status_code == 404, path
    assert client.get("/events/calendar/?year=x&month=13").status_code == 400
    assert client.get("/events/calendar/?year=2016&month=13").status_code == 400
    assert client.get("/events/statistics/?table=nope&export=csv").status_code == 400
    assert client.get("/events/?export=pdf").status_code == 400
