"""No silent lost update in the API: ETag on reads, If-Match on writes, 428 / 412 / 409."""

import datetime as dt

import pytest

from clearinghouse.assistance import actions as assistance
from clearinghouse.assistance.models import Match, Offer, Request
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting import actions as reporting
from clearinghouse.reporting.models import NationalReport
from tests.assistance.factories import LICENSING, offer, world

from .helpers import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(personas):
    return world(personas)


def test_reads_of_single_records_carry_their_revision(w, personas):
    expert = client_of(personas["expert"])
    for url, record in [(f"/api/assistance/requests/{w['kaz_req'].pk}/", w["kaz_req"]),
                        (f"/api/assistance/offers/{w['osce_offer'].pk}/", w["osce_offer"]),
                        (f"/api/assistance/matches/{w['match'].pk}/", w["match"])]:
        response = expert.get(url)
        record.refresh_from_db()
        assert response["ETag"] == f'"{record.revision}"', url
        assert response.json()["revision"] == record.revision
    # The public reads a published summary of a request: no revision of a confidential record.
    published = client_of(personas["state_poc"]).get(f"/api/assistance/requests/{w['kgz_req'].pk}/")
    assert published.status_code == 404


def test_patch_needs_if_match(w, personas):
    poc = client_of(personas["provider_poc"])
    url = f"/api/assistance/offers/{w['osce_offer'].pk}/"
    response = poc.patch(url, {"capacity": 5}, content_type="application/json")
    assert response.status_code == 428 and "If-Match" in response.json()["detail"]
    assert Offer.objects.get(pk=w["osce_offer"].pk).capacity == 2


def test_patch_with_the_etag_read_and_then_a_stale_one(w, personas):
    poc, expert = client_of(personas["provider_poc"]), client_of(personas["expert"])
    url = f"/api/assistance/offers/{w['osce_offer'].pk}/"
    etag = poc.get(url)["ETag"]
    assert expert.get(url)["ETag"] == etag  # both read the same revision
    done = poc.patch(url, {"capacity": 5, "languages": ["ru", "EN"]},
                     content_type="application/json", HTTP_IF_MATCH=etag)
    assert done.status_code == 200 and done.json()["capacity"] == 5
    assert done.json()["languages"] == ["ru", "en"] and done["ETag"] != etag
    stale = expert.patch(url, {"contact": "x@example.org"}, content_type="application/json",
                         HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    body = stale.json()
    assert body["changed_by"] == "provider-osce" and body["changed_at"]
    assert "provider-osce" in body["detail"] and stale["ETag"] == done["ETag"]
    assert body["revision"] == done["ETag"].strip('"')
    offer_now = Offer.objects.get(pk=w["osce_offer"].pk)
    assert (offer_now.capacity, offer_now.contact) == (5, "")
    again = expert.patch(url, {"contact": "x@example.org"}, content_type="application/json",
                         HTTP_IF_MATCH=stale["ETag"])
    assert again.status_code == 200 and again.json()["contact"] == "x@example.org"


@pytest.mark.parametrize("header, code", [('W/"1"', 412), ("1", 400), ('"1", "9"', 200),
                                          ("*", 200)])
def test_if_match_forms(personas, header, code):
    made = offer(personas["expert"], Organisation.objects.get(code="EU"))
    response = client_of(personas["expert"]).patch(
        f"/api/assistance/offers/{made.pk}/", {"capacity": 3}, content_type="application/json",
        HTTP_IF_MATCH=header)
    assert response.status_code == code, response.json()


def test_patch_a_request_and_bad_input(w, personas):
    expert = client_of(personas["expert"])
    req = w["kgz_req"]
    url = f"/api/assistance/requests/{req.pk}/"
    etag = expert.get(url)["ETag"]
    bad = expert.patch(url, {"status": "completed", "areas": ["nope"], "languages": ["xx"]},
                       content_type="application/json", HTTP_IF_MATCH=etag)
    assert bad.status_code == 400
    assert set(bad.json()) >= {"status", "areas", "languages"}
    done = expert.patch(url, {"timeframe": "2026", "areas": ["op3a"]},
                        content_type="application/json", HTTP_IF_MATCH=etag)
    assert done.status_code == 200, done.json()
    req.refresh_from_db()
    assert (req.timeframe, req.areas, req.status) == ("2026", ["op3a"], "received")
    # The State's point of contact edits its own request while "received"; not the summary.
    poc = client_of(w["other_state_poc"])
    refused = poc.patch(url, {"summary": "x"}, content_type="application/json",
                        HTTP_IF_MATCH=done["ETag"])
    assert refused.status_code == 400 and "summary" in refused.json()["detail"]
    assert client_of(personas["provider_poc"]).patch(
        url, {"title": "x"}, content_type="application/json",
        HTTP_IF_MATCH=done["ETag"]).status_code in (403, 404)


def test_a_pair_proposed_twice_is_a_409_naming_the_match(w, personas):
    expert = client_of(personas["expert"])
    body = {"request": w["kaz_req"].pk, "offer": w["osce_offer"].pk}
    response = expert.post("/api/assistance/matches/", body, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["match"] == w["match"].pk
    assert "already been proposed" in response.json()["detail"]
    assert "expert" in response.json()["detail"]


def test_an_answer_after_the_other_is_a_409(w, personas):
    provider = client_of(personas["provider_poc"])
    url = f"/api/assistance/matches/{w['match'].pk}/"
    etag = provider.get(url)["ETag"]
    assert provider.post(url + "decline/", HTTP_IF_MATCH=etag).status_code == 200
    late = provider.post(url + "accept/")
    assert late.status_code == 409 and late.json()["status"] == "declined"
    assert "declined by provider-osce" in late.json()["detail"]
    stale = provider.post(url + "accept/", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Match.objects.get(pk=w["match"].pk).status == "declined"


def test_report_steps_with_if_match(personas):
    poc, expert = client_of(personas["state_poc"]), client_of(personas["expert"])
    report = reporting.create_report(personas["state_poc"], State.objects.get(iso3="KAZ"),
                                     kind="first", title="First report", text="National measures")
    url = f"/api/reports/{report.pk}/"
    etag = poc.get(url)["ETag"]
    reporting.update_report(personas["state_poc"], NationalReport.objects.get(pk=report.pk),
                            title="First report (rev.)")
    assert poc.post(url + "submit/", HTTP_IF_MATCH=etag).status_code == 412
    submitted = poc.post(url + "submit/", HTTP_IF_MATCH=poc.get(url)["ETag"])
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    published = expert.post(url + "publish/")
    assert published.status_code == 200 and published["ETag"] == f'"{published.json()["revision"]}"'
    assert expert.post(url + "publish/").status_code == 200  # published already: nothing changes


def test_request_not_seen_in_full_has_no_etag(w, personas):
    assistance.answer_publication(w["kgz_req"], w["other_state_poc"], "consented")
    response = client_of(personas["provider_poc"]).get(f"/api/assistance/requests/{w['kgz_req'].pk}/")
    assert response.status_code == 200 and "ETag" not in response
    assert "revision" not in response.json()
    req = Request.objects.create(state=State.objects.get(iso3="KAZ"), received=dt.date(2025, 1, 1),
                                 title="t", description=LICENSING)
    assert client_of(personas["state_poc"]).get(f"/api/assistance/requests/{req.pk}/")["ETag"] == '"1"'
