"""The experts' event form: create and edit events from the web; names resolved on save."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clearinghouse.accounts.models import Role
from clearinghouse.audit.models import AuditEntry
from clearinghouse.outreach.models import Event, EventSeries
from clearinghouse.registry.models import State
from tests.conftest import make_user, revision_of

pytestmark = pytest.mark.django_db

PERSONAS = ["expert", "committee", "state_poc", "other_poc", "provider_poc", "public"]


@pytest.fixture
def client_of(client_for, personas):
    from django.test import Client

    other = make_user("poc-fra", Role.STATE_POC, state=State.objects.get(iso3="FRA"))

    def build(persona):
        if persona != "other_poc":
            return client_for(persona)
        client = Client()
        client.force_login(other)
        return client

    return build


def _form(**changes):
    data = {
        "title": "Regional workshop on border controls", "kind": "", "start": "2015-04-14",
        "end": "2015-04-15", "venue_city": "Almaty", "venue_state": "KAZ",
        "organisers": "Kazakhstan\nUNODA",
        "participants": "Central Asia States: Kyrgyzstan (two delegates)\nTajikistan\n"
                        "Other States: Korea\nCivil society: Centre for Nowhere Studies",
        "committee_members": "1", "committee_experts": "2",
        "committee_remark": "one member of the Committee and two experts",
        "topics": ["op3c", "op2"], "background": "Background text.",
        "highlights": "Highlights.", "chair_summary_heading": "Chair's summary",
        "chair_summary": "Summary.", "chair_summary_url": "https://www.un.org/en/sc/1540/",
        "additional_comments": "", "new_series": "Central Asian meetings",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_experts_reach_the_event_form(client_of, events, persona):
    client = client_of(persona)
    code = 200 if persona == "expert" else 403
    for event in events.values():
        assert client.get(f"/events/{event.pk}/edit/").status_code == code, (persona, event.status)
    assert client.get("/events/new/").status_code == code
    count = Event.objects.count()
    assert client.post("/events/new/", _form()).status_code == (302 if code == 200 else 403)
    # Resolvable names only: a published event never gains an unresolved one (see below).
    response = client.post(f"/events/{events['published'].pk}/edit/",
                           _form(title="Hijacked", revision=revision_of(events["published"]),
                                 participants="Central Asia States: Kyrgyzstan\nTajikistan"))
    assert response.status_code == (302 if code == 200 else 403)
    if code == 403:
        assert Event.objects.count() == count
        assert not Event.objects.filter(title="Hijacked").exists()
    shown = client.get(f"/events/{events['published'].pk}/").content.decode()
    assert ('id="edit-event"' in shown) == (persona == "expert")
    assert client_of("expert").get("/events/999999/edit/").status_code == 404


def test_expert_creates_a_draft_with_resolved_and_flagged_names(client_of, personas):
    upload = SimpleUploadedFile("agenda.txt", b"Agenda of the workshop")
    response = client_of("expert").post("/events/new/", _form(document=upload,
                                                               document_title="Agenda"))
    assert response.status_code == 302
    event = Event.objects.get(title="Regional workshop on border controls")
    assert (event.status, event.kind, event.venue_state.iso3) == ("draft", "workshop", "KAZ")
    assert (event.start, event.end) == (dt.date(2015, 4, 14), dt.date(2015, 4, 15))
    assert event.series == EventSeries.objects.get(name="Central Asian meetings")
    assert event.topics == ["op3c", "op2"]
    assert (event.committee_members, event.committee_experts) == (1, 2)
    assert [(o.name, o.entity_code) for o in event.organisers.all()] == [
        ("Kazakhstan", "KAZ"), ("UNODA", "UNODA")]
    rows = [(p.group, p.name, p.entity_code, p.remark, p.flagged)
            for p in event.participants.all()]
    assert rows == [
        ("Central Asia States", "Kyrgyzstan", "KGZ", "two delegates", False),
        ("Central Asia States", "Tajikistan", "TJK", "", False),
        ("Other States", "Korea", "", "", True),  # ambiguous: kept verbatim, flagged
        ("Civil society", "Centre for Nowhere Studies", "", "", True),
    ]
    assert any("'Korea'" in w and "ambiguous" in w for w in event.import_warnings)
    assert event.documents.get().title == "Agenda"
    page = client_of("expert").get(f"/events/{event.pk}/").content.decode()
    assert '<mark class="flagged">Korea</mark>' in page
    assert client_of("committee").get(f"/events/{event.pk}/").status_code == 404  # a draft
    actions = list(AuditEntry.objects.exclude(action__startswith="accounts.").order_by("id")
                   .values_list("action", flat=True))
    assert actions[-3:] == ["outreach.series.created", "outreach.event.created",
                            "outreach.document.added"]


def test_end_before_start_is_shown_on_the_end_field(client_of, personas):
    response = client_of("expert").post("/events/new/", _form(end="2015-04-10"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="end-errors"' in page and "The end (2015-04-10) is before the start (2015-04-14)" in page
    assert not Event.objects.filter(title="Regional workshop on border controls").exists()


@pytest.mark.parametrize("changes, field, message", [
    ({"start": "2015-02-30"}, "start", "Enter a valid date"),
    ({"topics": ["op99"]}, "topics", "Select a valid choice"),
    ({"venue_state": "XXX"}, "venue_state", "Select a valid choice"),
    ({"participants": "Other States:"}, "participants", "line 1: no name after"),
    ({"chair_summary_url": "not a link"}, "chair_summary_url", "Enter a valid URL"),
    ({"committee_members": "-1"}, "committee_members", "greater than or equal to 0"),
    ({"document": SimpleUploadedFile("x.exe", b"MZ")}, "document", "are not accepted"),
])
def test_bad_input_is_refused_with_a_message(client_of, personas, changes, field, message):
    response = client_of("expert").post("/events/new/", _form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode(), field
    assert not Event.objects.exists()


def test_expert_edits_an_event_and_names_are_resolved_again(client_of, events):
    event = events["published"]
    client = client_of("expert")
    page = client.get(f"/events/{event.pk}/edit/").content.decode()
    assert "Central Asia States: Kyrgyzstan (two delegates)" in page
    before = [(p.name, p.entity_code, p.flagged) for p in event.participants.all()]
    # Unchanged participants are kept as they are; the title changes.
    data = _form(title="Regional workshop on export controls (revised)",
                 start="2016-05-10", end="2016-05-11", venue_city="Vienna", venue_state="AUT",
                 new_series="", organisers="Austria\nOrganization for Security and Co-operation "
                 "in Europe (OSCE)")
    data["participants"] = "\n".join(
        f"{p.group}: {p.name}" + (f" ({p.remark})" if p.remark else "")
        for p in event.participants.all())
    data["revision"] = revision_of(event)
    assert client.post(f"/events/{event.pk}/edit/", data).status_code == 302
    event.refresh_from_db()
    assert event.title.endswith("(revised)") and event.status == "published"
    assert [(p.name, p.entity_code, p.flagged) for p in event.participants.all()] == before
    # A published event never gains an unresolved name: the edit is refused, nothing changes.
    data["participants"] = "States: Korea\nStates: Republic of Korea"
    data["revision"] = revision_of(event)
    refused = client.post(f"/events/{event.pk}/edit/", data)
    assert refused.status_code == 400 and "not resolved" in refused.content.decode()
    assert [(p.name, p.entity_code, p.flagged) for p in event.participants.all()] == before
    # Changed participants are resolved again (a draft may hold a flagged name).
    event = events["draft"]
    data["revision"] = revision_of(event)
    assert client.post(f"/events/{event.pk}/edit/", data).status_code == 302
    assert [(p.name, p.entity_code, p.flagged) for p in event.participants.all()] == [
        ("Korea", "", True), ("Republic of Korea", "KOR", False)]
    entry = AuditEntry.objects.filter(action="outreach.event.updated",
                                      target_id=str(event.pk)).latest("id")
    assert entry.changes["participants"] == 2
