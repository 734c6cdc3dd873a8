"""Who sees what: every assistance page and endpoint, for each role.

Roles: expert, committee, the requesting State's point of contact (state_poc, KAZ) and another
State's (other_state_poc, KGZ), the point of contact of a provider the request was circulated
to (provider_poc, OSCE) and of one it was not (other_provider_poc, EU), and the public.
"""

import pytest
from django.test import Client

from clearinghouse.assistance import actions
from clearinghouse.assistance.models import Consent, Match

from .factories import world

pytestmark = pytest.mark.django_db

ROLES = ["expert", "committee", "state_poc", "other_state_poc", "provider_poc",
         "other_provider_poc", "public"]


@pytest.fixture
def w(personas):
    return world(personas)


@pytest.fixture
def as_role(personas, w):
    def build(role):
        user = w[role] if role.startswith("other_") else personas[role]
        client = Client()
        if user is not None:
            client.force_login(user)
        return client
    return build


def expect(**codes):
    default = codes.pop("default", 200)
    return {role: codes.get(role, default) for role in ROLES}


STAFF = expect(default=403, expert=200, committee=200)


def pages(w):
    kaz, kgz = w["kaz_req"].pk, w["kgz_req"].pk
    return {
        "/assistance/": expect(),
        "/assistance/statistics/": expect(),
        "/assistance/board/": STAFF,
        "/assistance/briefing/?format=html&start=2025-01": STAFF,
        "/assistance/my-matches/": expect(default=403, expert=200, provider_poc=200,
                                          other_provider_poc=200),
        f"/assistance/requests/{kaz}/": expect(default=404, expert=200, committee=200,
                                               state_poc=200, provider_poc=200),
        f"/assistance/requests/{kgz}/": expect(default=404, expert=200, committee=200,
                                               other_state_poc=200),
        "/assistance/requests/nope/": expect(default=404),
        f"/assistance/offers/{w['osce_offer'].pk}/": expect(),
        "/api/assistance/requests/": expect(),
        f"/api/assistance/requests/{kaz}/": expect(default=404, expert=200, committee=200,
                                                   state_poc=200, provider_poc=200),
        f"/api/assistance/requests/{kaz}/candidates/": expect(
            default=403, expert=200, committee=200),
        "/api/assistance/requests/xyz/": expect(default=404),
        "/api/assistance/offers/": expect(),
        "/api/assistance/matches/": expect(),
        f"/api/assistance/matches/{w['match'].pk}/": expect(
            default=404, expert=200, committee=200, state_poc=200, provider_poc=200),
        "/api/assistance/statistics/": expect(),
        # forms: a State (or an intergovernmental organisation: OSCE, EU) submits and edits
        # (while received) its own requests; a provider manages its own offers; unseen
        # requests are 404, seen but not editable 403
        "/assistance/requests/new/": expect(default=403, expert=200, state_poc=200,
                                            other_state_poc=200, provider_poc=200,
                                            other_provider_poc=200),
        f"/assistance/requests/{kaz}/edit/": expect(default=404, expert=200, committee=403,
                                                    state_poc=403, provider_poc=403),
        f"/assistance/requests/{kgz}/edit/": expect(default=404, expert=200, committee=403,
                                                    other_state_poc=200),
        "/assistance/offers/new/": expect(default=403, expert=200, provider_poc=200,
                                          other_provider_poc=200),
        f"/assistance/offers/{w['osce_offer'].pk}/edit/": expect(default=403, expert=200,
                                                                 provider_poc=200),
        f"/assistance/offers/{w['osce_offer'].pk}/withdraw/": expect(default=405),
    }


@pytest.mark.parametrize("role", ROLES)
def test_page_and_endpoint_status_per_role(w, as_role, role):
    client = as_role(role)
    for path, codes in pages(w).items():
        assert client.get(path).status_code == codes[role], (path, role)


@pytest.mark.parametrize("role", ROLES)
def test_what_each_role_sees_of_a_request(w, as_role, role):
    client = as_role(role)
    listed = {r["reference"]: r for r in client.get("/api/assistance/requests/").json()["results"]}
    expected = {"expert": {"kaz", "kgz"}, "committee": {"kaz", "kgz"}, "state_poc": {"kaz"},
                "other_state_poc": {"kgz"}, "provider_poc": {"kaz"}}.get(role, set())
    refs = {"kaz": w["kaz_req"].engine_id, "kgz": w["kgz_req"].engine_id}
    assert set(listed) == {refs[k] for k in expected}
    for key in expected:
        assert "contact" in listed[refs[key]]  # who sees a request unpublished sees it in full
    page = client.get(f"/assistance/requests/{w['kaz_req'].pk}/")
    if "kaz" in expected:
        html = page.content.decode()
        assert "kaz-secret-contact@example.org" in html
        assert ('id="candidates"' in html) == (role in ("expert", "committee"))
        assert (">Propose</button>" in html) == (role == "expert")
        assert ("Object to publication" in html) == (role in ("expert", "state_poc"))


@pytest.mark.parametrize("role", ROLES)
def test_published_request_is_a_summary_for_the_public(w, as_role, personas, role):
    actions.answer_publication(w["kaz_req"], personas["state_poc"], Consent.CONSENTED)
    client = as_role(role)
    page = client.get(f"/assistance/requests/{w['kaz_req'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kazakhstan: export licensing training" in html
    full = role in ("expert", "committee", "state_poc", "provider_poc")
    assert ("kaz-secret-contact@example.org" in html) == full
    assert ("dual-use goods, end-user certificates" in html) == full
    data = client.get(f"/api/assistance/requests/{w['kaz_req'].pk}/").json()
    assert ("description" in data) == full and data["summary"]
    assert "Kazakhstan: export licensing training" in client.get("/assistance/").content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_matches_seen_by_role(w, as_role, role):
    ids = [m["id"] for m in as_role(role).get("/api/assistance/matches/").json()["results"]]
    sees = role in ("expert", "committee", "state_poc", "provider_poc")
    assert ids == ([w["match"].pk] if sees else [])
    page = as_role(role).get("/assistance/my-matches/")
    if page.status_code == 200:
        assert ("OSCE export control training" in page.content.decode()) == (
            role in ("expert", "provider_poc"))


@pytest.mark.parametrize("role", ROLES)
def test_only_the_providers_poc_accepts(w, as_role, role):
    client = as_role(role)
    response = client.post(f"/api/assistance/matches/{w['match'].pk}/accept/", {"note": "ok"})
    expected = {"provider_poc": 200, "public": 403, "committee": 403, "state_poc": 403,
                "other_state_poc": 403, "other_provider_poc": 404, "expert": 403}[role]
    assert response.status_code == expected, response.content
    status = Match.objects.get(pk=w["match"].pk).status
    assert status == ("accepted" if role == "provider_poc" else "proposed")


@pytest.mark.parametrize("role", ROLES)
def test_only_experts_propose(w, as_role, role, personas):
    client = as_role(role)
    body = {"request": w["kaz_req"].pk, "offer": w["eu_offer"].pk}
    if role == "expert":  # the request must reach the EU before its offer is proposed
        actions.circulate(w["kaz_req"], personas["expert"], [w["eu"]])
    response = client.post("/api/assistance/matches/", body)
    assert response.status_code == (201 if role == "expert" else 403), response.content
    page = client.post(f"/assistance/requests/{w['kaz_req'].pk}/exclude/",
                       {"offer": w["eu_offer"].pk})
    assert page.status_code == {"expert": 302, "committee": 403, "state_poc": 403,
                                "provider_poc": 403}.get(role, 404)


def test_bad_input_gets_a_message_not_a_500(w, as_role):
    expert = as_role("expert")
    kaz = w["kaz_req"].pk
    assert expert.post(f"/assistance/requests/{kaz}/propose/", {"offer": "x"}).status_code == 404
    r = expert.post(f"/assistance/requests/{kaz}/transition/", {"status": "bogus"}, follow=True)
    assert r.status_code == 200 and "cannot become" in r.content.decode()
    r = expert.post(f"/assistance/requests/{kaz}/propose/", {"offer": w["osce_offer"].pk},
                    follow=True)
    assert "already been proposed" in r.content.decode()
    assert expert.post(f"/assistance/requests/{kaz}/nonsense/", {}).status_code == 403
    assert expert.get("/assistance/briefing/?start=2025-13").status_code == 400
    assert expert.get("/assistance/briefing/?format=exe").status_code == 400
    assert expert.get("/assistance/statistics/?table=nope&export=csv").status_code == 400
    r = expert.post("/api/assistance/matches/", {"request": kaz, "offer": "x"})
    assert r.status_code == 400
    r = as_role("provider_poc")
    r.post(f"/api/assistance/matches/{w['match'].pk}/accept/")
    again = r.post(f"/api/assistance/matches/{w['match'].pk}/decline/")
    assert again.status_code == 409 and "already answered" in again.json()["detail"]  # 409: answered


def test_panels_on_state_and_organisation_pages(w, as_role):
    assert "Training of export licensing officers" in as_role("state_poc").get(
        "/states/KAZ/").content.decode()
    assert "Training of export licensing officers" not in as_role("public").get(
        "/states/KAZ/").content.decode()
    assert "OSCE export control training" in as_role("public").get(
        "/organisations/OSCE/").content.decode()


def test_navigation_links_follow_the_role(as_role):
    assert b'href="/assistance/board/"' in as_role("expert").get("/").content
    assert b'href="/assistance/board/"' not in as_role("public").get("/").content
    assert b'href="/assistance/my-matches/"' in as_role("provider_poc").get("/").content
    assert b'href="/assistance/"' in as_role("public").get("/").content
