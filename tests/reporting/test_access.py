"""Who sees what: every page and endpoint of the domain, for each role."""

import datetime as dt

import pytest

from clearinghouse.registry.models import State
from clearinghouse.reporting.models import ActionPlan, CountryVisit, NationalReport, PeerReview

pytestmark = pytest.mark.django_db

PERSONAS = ["expert", "committee", "state_poc", "provider_poc", "public"]
OPEN = dict.fromkeys(PERSONAS, 200)
STAFF_AND_OWN = {"expert": 200, "committee": 200, "state_poc": 200, "provider_poc": 404, "public": 404}
STAFF = {"expert": 200, "committee": 200, "state_poc": 404, "provider_poc": 404, "public": 404}
DRAFTERS = {"expert": 200, "committee": 403, "state_poc": 200, "provider_poc": 403, "public": 403}


@pytest.fixture
def records(db):
    kaz, fra = State.objects.get(iso3="KAZ"), State.objects.get(iso3="FRA")
    r = {
        "kaz_published": NationalReport.objects.create(state=kaz, kind="first", status="published",
                                                       submitted_on=dt.date(2004, 10, 28), text="KAZ text"),
        "kaz_draft": NationalReport.objects.create(state=kaz, kind="additional", status="draft"),
        "fra_submitted": NationalReport.objects.create(state=fra, kind="first", status="submitted",
                                                       submitted_on=dt.date(2004, 10, 1)),
        "fra_draft": NationalReport.objects.create(state=fra, kind="additional", status="draft"),
        "kaz_plan": ActionPlan.objects.create(state=kaz, adopted_on=dt.date(2015, 1, 1), title="KAZ plan",
                                              status="submitted"),
        "fra_visit": CountryVisit.objects.create(state=fra, start=dt.date(2016, 1, 1), end=dt.date(2016, 1, 2),
                                                 status="submitted"),
        "pub_visit": CountryVisit.objects.create(state=fra, start=dt.date(2017, 1, 1), end=dt.date(2017, 1, 2),
                                                 status="published"),
    }
    review = PeerReview.objects.create(start=dt.date(2017, 6, 1), end=dt.date(2017, 9, 1), status="draft")
    review.states.set([kaz, State.objects.get(iso3="KGZ")])
    r["kaz_review"] = review
    return r


def _pages(r):
    return {
        "/reporting/status/": OPEN,
        "/reporting/status/?as_of=2014-03-31": OPEN,
        "/reporting/status/?as_of=2014-03-31&export=csv&table=organisation": OPEN,
        "/reports/": OPEN,
        "/reports/?state=KAZ&kind=first&year=2004&status=published": OPEN,
        "/reports/?export=xlsx": OPEN,
        f"/reports/{r['kaz_published'].pk}/": OPEN,
        f"/reports/{r['kaz_draft'].pk}/": STAFF_AND_OWN,
        f"/reports/{r['fra_submitted'].pk}/": STAFF,
        f"/reports/{r['fra_draft'].pk}/": STAFF,
        f"/reports/{r['kaz_draft'].pk}/edit/": {**STAFF_AND_OWN, "committee": 403},
        "/reports/new/": DRAFTERS,
        "/plans/": OPEN,
        f"/plans/{r['kaz_plan'].pk}/": STAFF_AND_OWN,
        "/visits/": OPEN,
        f"/visits/{r['fra_visit'].pk}/": STAFF,
        f"/visits/{r['pub_visit'].pk}/": OPEN,
        "/peer-reviews/": OPEN,
        f"/peer-reviews/{r['kaz_review'].pk}/": STAFF_AND_OWN,
        "/api/reports/": OPEN,
        f"/api/reports/{r['kaz_draft'].pk}/": STAFF_AND_OWN,
        f"/api/reports/{r['fra_draft'].pk}/": STAFF,
        f"/api/plans/{r['kaz_plan'].pk}/": STAFF_AND_OWN,
        f"/api/visits/{r['fra_visit'].pk}/": STAFF,
        f"/api/peer-reviews/{r['kaz_review'].pk}/": STAFF_AND_OWN,
        "/api/reporting-status/?as_of=2014-03-31": OPEN,
        "/states/KAZ/": OPEN,
        "/": OPEN,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_checklist(client_for, records, persona):
    client = client_for(persona)
    for path, expected in _pages(records).items():
        assert client.get(path).status_code == expected[persona], (path, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_show_only_what_the_role_may_see(client_for, records, persona):
    client = client_for(persona)
    ids = {row["id"] for row in client.get("/api/reports/").json()["results"]}
    expected = {
        "expert": {"kaz_published", "kaz_draft", "fra_submitted", "fra_draft"},
        "committee": {"kaz_published", "kaz_draft", "fra_submitted", "fra_draft"},
        "state_poc": {"kaz_published", "kaz_draft"},
        "provider_poc": {"kaz_published"},
        "public": {"kaz_published"},
    }[persona]
    assert ids == {records[k].pk for k in expected}
    exported = client.get("/reports/?export=json").json()["rows"]
    assert len(exported) == len(expected)
    reviews = client.get("/api/peer-reviews/").json()["results"]
    assert len(reviews) == (1 if persona in ("expert", "committee", "state_poc") else 0)
    visits = {v["id"] for v in client.get("/api/visits/").json()["results"]}
    assert (records["fra_visit"].pk in visits) == (persona in ("expert", "committee"))
    assert records["pub_visit"].pk in visits


def test_state_page_shows_only_visible_reports(client_for, records):
    public = client_for("public").get("/states/FRA/").content.decode()
    assert "No report recorded." in public  # the submitted one is not published
    assert "First report submitted on 1 October 2004" in public  # the public figure still counts it
    poc = client_for("state_poc").get("/states/KAZ/").content.decode()
    assert "undated draft" in poc and "Draft a report" in poc
    assert "Draft a report" not in client_for("state_poc").get("/states/FRA/").content.decode()


def test_status_figures_count_submitted_reports_for_everyone(client_for, records):
    for persona in PERSONAS:
        data = client_for(persona).get("/api/reporting-status/?as_of=2005-01-01").json()
        assert data["reported"] == 2, persona


@pytest.mark.parametrize("path", [
    "/reporting/status/?as_of=2014-02-30", "/reporting/status/?as_of=abc",
    "/reporting/status/?export=csv&table=nope", "/api/reporting-status/?as_of=2014-99-01",
    "/api/reports/?year=abc", "/api/reports/?kind=second"])
def test_bad_input_is_400_with_a_message(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "2014-02-30" in response.content.decode() or path != "/reporting/status/?as_of=2014-02-30"


def test_bad_filters_on_the_page_are_named_not_500(client, records):
    response = client.get("/reports/?year=abc&kind=second&status=secret")
    assert response.status_code == 400
    page = response.content.decode()
    assert "year: &quot;abc&quot; is not a year" in page and "kind: &quot;second&quot;" in page
    assert client.get("/reports/?export=pdf").status_code == 400
    assert client.get("/reports/999999/").status_code == 404
    assert client.get("/reporting/nothing/1/publish/").status_code == 405
