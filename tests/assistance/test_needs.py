"""Requests of several needs on the Django side: records, matching, decisions and coverage
per need, and who sees the needs."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.matching import need_key, run_for, run_open
from clearinghouse.assistance.models import Match, Need, Pin, Request
from clearinghouse.registry.models import Organisation, State
from tests.assistance.factories import EXPORT_OFFER, circulated_request, offer
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

NEEDS = [
    {"description": "Training of the officials of the licensing authority on dual-use export "
                    "licensing, end-user certificates and the national control list."},
    {"description": "Radiation portal monitors and handheld radiation detectors for the "
                    "border crossing points, with training of customs officers in their use."},
    {"description": "Biosafety and biosecurity training for laboratory specialists handling "
                    "dangerous pathogens, and biorisk management in laboratories."},
]
BORDER_OFFER = ("Border security programme: radiation portal monitors, handheld radiation "
                "detection equipment for border crossing points and customs, and training of "
                "customs and border officers to detect illicit trafficking of nuclear material.")
BIO_OFFER = ("Laboratory biosafety and biosecurity: training of laboratory specialists, "
             "biorisk management, pathogen inventories and the security of laboratories "
             "holding dangerous pathogens.")


@pytest.fixture
def w(personas):
    expert = personas["expert"]
    osce, eu = Organisation.objects.get(code="OSCE"), Organisation.objects.get(code="EU")
    usa = State.objects.get(iso3="USA")
    offers = {
        "export": offer(expert, osce, title="OSCE export control training",
                        description=EXPORT_OFFER, capacity=3),
        "border": offer(expert, eu, title="EU border detection equipment",
                        description=BORDER_OFFER, capacity=3),
        "bio": offer(expert, usa, title="Laboratory biosecurity programme",
                     description=BIO_OFFER, capacity=3),
    }
    req = circulated_request(expert, State.objects.get(iso3="KAZ"), [osce, eu, usa],
                             title="Implementation of resolution 1540 (2004)",
                             description="Kazakhstan requests assistance in three areas.",
                             needs=NEEDS)
    return {"expert": expert, "req": req, **offers,
            "usa_poc": make_user("provider-usa", Role.PROVIDER_POC, state=usa),
            "eu_poc": make_user("provider-eu", Role.PROVIDER_POC, organisation=eu)}


def test_a_request_holds_its_needs_numbered_each_with_its_own_tags(w):
    needs = list(w["req"].needs.order_by("number"))
    assert [n.number for n in needs] == [1, 2, 3]
    assert [n.status for n in needs] == ["open"] * 3
    areas = [{t["code"] for t in n.tags["areas"]} for n in needs]
    assert areas[0] != areas[1] and areas[1] != areas[2]


def test_a_request_entered_without_needs_is_one_need_that_follows_its_text(personas):
    expert = personas["expert"]
    req = actions.create_request(expert, state=State.objects.get(iso3="KGZ"),
                                 received=dt.date(2025, 3, 1), title="Licensing",
                                 description="Training of licensing officers.")
    need = req.needs.get()
    assert (need.number, need.title, need.description) == (1, "Licensing",
                                                           "Training of licensing officers.")
    actions.update_request(req, expert, description="Training of customs officers.")
    assert req.needs.get().description == "Training of customs officers."


def test_each_need_has_its_own_best_candidate(w):
    run = run_for(w["req"])
    req = run.requests[w["req"].engine_id]
    best = [run.candidates(req, n)[0][0].pk for n in req.needs.all()]
    assert best == [w["export"].pk, w["border"].pk, w["bio"].pk]
    assert need_key(req, req.needs.all()[1]) == f"{req.engine_id}#2"


def test_proposals_acceptance_and_coverage_go_need_by_need(w, personas):
    expert, req = w["expert"], w["req"]
    n1, n2, n3 = req.needs.order_by("number")
    with pytest.raises(actions.ActionError, match="3 needs: choose the need"):
        actions.propose_match(req, w["export"], expert)
    m1 = actions.propose_match(req, w["export"], expert, need=n1)
    m2 = actions.propose_match(req, w["border"], expert, need=n2)
    m3 = actions.propose_match(req, w["bio"], expert, need=n3)
    # one match per need and offer (the same offer may be matched to another need)
    with pytest.raises(actions.ActionConflict):
        actions.propose_match(req, w["export"], expert, need=n1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(request=req, need=n1, offer=w["export"], score=1)
    again = Match.objects.create(request=req, need=n2, offer=w["export"], score=0.1)
    assert req.coverage == "none"
    actions.respond(m1, personas["provider_poc"], True)
    req.refresh_from_db()
    assert (req.coverage, req.status) == ("partly", wf.MATCHED_PARTLY)
    actions.respond(again, personas["provider_poc"], False)  # a declined match covers nothing
    actions.respond(m2, w["eu_poc"], True)
    req.refresh_from_db()
    assert req.coverage == "partly"
    actions.respond(m3, w["usa_poc"], True)
    req.refresh_from_db()
    assert (req.coverage, req.status) == ("fully", wf.MATCHED_FULLY)
    assert req.get_coverage_display() == "matched fully"


def test_a_met_need_counts_as_covered_and_a_withdrawn_one_does_not_count(w, personas):
    expert, req = w["expert"], w["req"]
    n1, n2, n3 = req.needs.order_by("number")
    m1 = actions.propose_match(req, w["export"], expert, need=n1)
    actions.respond(m1, personas["provider_poc"], True)
    actions.set_need_status(n2, expert, "met")
    assert Request.objects.get(pk=req.pk).coverage == "partly"
    actions.set_need_status(n3, expert, "withdrawn")
    assert Request.objects.get(pk=req.pk).coverage == "fully"
    with pytest.raises(actions.ActionError, match="withdrawn"):
        actions.propose_match(req, w["bio"], expert, need=Need.objects.get(pk=n3.pk))
    # a met or withdrawn need is no longer matched by the engine
    run = run_open()
    assert f"{req.engine_id}#3" not in run.result.ranking
    assert f"{req.engine_id}#1" in run.result.ranking
    with pytest.raises(PermissionDenied):
        actions.set_need_status(n1, personas["state_poc"], "met")


def test_pins_and_exclusions_are_per_need_and_steer_the_allocation(w):
    expert, req = w["expert"], w["req"]
    n1, n2, _n3 = req.needs.order_by("number")
    actions.pin(req, w["border"], expert, need=n2)
    actions.pin(req, w["export"], expert, need=n1)
    assert Pin.objects.filter(request=req).count() == 2
    alloc = {k: o for k, o, _ in run_open().result.allocation}
    assert alloc[f"{req.engine_id}#1"] == w["export"].engine_id
    assert alloc[f"{req.engine_id}#2"] == w["border"].engine_id
    actions.exclude(req, w["export"], expert, need=n1)  # removes its pin
    assert not Pin.objects.filter(need=n1).exists()
    run = run_for(req)
    stored = run.requests[req.engine_id]
    assert w["export"].pk not in [o.pk for o, _ in run.candidates(stored, stored.needs.all()[0])]
    with pytest.raises(actions.ActionError, match="excluded"):
        actions.propose_match(req, w["export"], expert, need=n1)
    actions.remove_decision(req, w["export"], expert, need=n1)
    assert actions.propose_match(req, w["export"], expert, need=n1).need == n1


def test_editing_the_needs_keeps_their_matches_and_withdraws_a_dropped_need_with_matches(w):
    expert, req = w["expert"], w["req"]
    n1 = req.needs.get(number=1)
    match = actions.propose_match(req, w["export"], expert, need=n1)
    kept = [dict(NEEDS[1]), dict(NEEDS[2])]
    actions.update_request(Request.objects.get(pk=req.pk), expert, needs=kept)
    needs = list(Request.objects.get(pk=req.pk).needs.order_by("number"))
    assert [(n.number, n.status) for n in needs] == [(1, "open"), (2, "open"), (3, "withdrawn")]
    assert needs[2].pk == n1.pk and Match.objects.get(pk=match.pk).need_id == n1.pk
    with pytest.raises(actions.ActionError, match="Need 2: give a description"):
        actions.update_request(Request.objects.get(pk=req.pk), expert,
                               needs=[NEEDS[0], {"description": " "}])
    with pytest.raises(actions.ActionError, match="unknown areas: nonsense"):
        actions.update_request(Request.objects.get(pk=req.pk), expert,
                               needs=[{"description": "x", "areas": ["nonsense"]}, NEEDS[0]])


def test_a_request_stored_without_needs_is_still_matched_and_proposed(w):
    expert = w["expert"]
    old = Request.objects.create(state=State.objects.get(iso3="KAZ"), received=dt.date(2024, 1, 1),
                                 title="Licensing", description=NEEDS[0]["description"],
                                 status=wf.CIRCULATED, circulated_on=dt.date(2024, 2, 1))
    old.circulated_to_organisations.add(w["export"].provider_organisation)
    assert run_for(old).candidates(old)[0][0].pk == w["export"].pk
    match = actions.propose_match(old, w["export"], expert)
    assert match.need.number == 1 and match.need.description == old.description


def test_needs_are_seen_by_whoever_sees_their_request(w, personas):
    req = w["req"]
    kgz_poc = make_user("poc-kgz", Role.STATE_POC, state=State.objects.get(iso3="KGZ"))
    other_provider = make_user("provider-cis", Role.PROVIDER_POC,
                               organisation=Organisation.objects.get(code="CIS"))
    seen = {name: Need.objects.visible_to(user).filter(request=req).count()
            for name, user in [("expert", personas["expert"]),
                               ("committee", personas["committee"]),
                               ("state_poc", personas["state_poc"]),
                               ("provider_poc", personas["provider_poc"]),
                               ("kgz_poc", kgz_poc), ("other_provider", other_provider),
                               ("public", AnonymousUser())]}
    assert seen == {"expert": 3, "committee": 3, "state_poc": 3, "provider_poc": 3,
                    "kgz_poc": 0, "other_provider": 0, "public": 0}


def test_the_api_carries_the_needs_and_proposes_per_need(w, personas):
    from django.test import Client

    req = w["req"]
    expert = Client()
    expert.force_login(personas["expert"])
    body = {"request": req.pk, "offer": w["border"].pk}
    refused = expert.post("/api/assistance/matches/", body, content_type="application/json")
    assert refused.status_code == 400 and "3 needs: choose the need" in refused.json()["detail"]
    missing = expert.post("/api/assistance/matches/", {**body, "need": 9},
                          content_type="application/json")
    assert missing.status_code == 400 and "has no need 9" in missing.json()["need"][0]
    made = expert.post("/api/assistance/matches/", {**body, "need": 2},
                       content_type="application/json")
    assert made.status_code == 201 and made.json()["need_number"] == 2
    candidates = expert.get(f"/api/assistance/requests/{req.pk}/candidates/").json()
    assert {c["need"] for c in candidates} == {1, 2, 3}
    poc = Client()
    poc.force_login(personas["state_poc"])
    data = poc.get(f"/api/assistance/requests/{req.pk}/").json()
    assert [n["number"] for n in data["needs"]] == [1, 2, 3]
    assert data["needs"][1]["matches"] == [{"id": made.json()["id"], "offer": w["border"].pk,
                                            "status": "proposed"}]
    assert data["coverage"] == "none"
    public = Client().get(f"/api/assistance/requests/{req.pk}/")
    assert public.status_code == 404 or "needs" not in public.json()


def test_statistics_count_needs_met_and_time_to_match_per_need(w, personas):
    from clearinghouse.assistance import queries

    expert, req = w["expert"], w["req"]
    n1, n2, n3 = req.needs.order_by("number")
    actions.respond(actions.propose_match(req, w["export"], expert, need=n1),
                    personas["provider_poc"], True)
    actions.set_need_status(n2, expert, "met")
    actions.set_need_status(n3, expert, "withdrawn")
    data = queries.statistics(Request.objects.all())
    assert (data["needs"], data["needs_met"], data["share_needs_met"]) == (2, 2, 1.0)
    assert data["needs_with_dates"] == 1 and data["median_days_to_match_need"] == 10


def test_the_briefing_gives_the_share_of_needs_met(w, personas):
    from clearinghouse.assistance import briefing, queries

    expert, req = w["expert"], w["req"]
    n1 = req.needs.get(number=1)
    actions.respond(actions.propose_match(req, w["export"], expert, need=n1),
                    personas["provider_poc"], True)
    today = dt.date.today()
    data = queries.briefing(expert, today - dt.timedelta(days=40), today)
    heading, columns, rows = briefing.sections(data)[-1]
    assert heading == "Needs of the requests received so far"
    assert rows == [["3", "1", "33 %", "10"]]
