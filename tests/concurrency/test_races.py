"""Real races: two threads, each on its own database connection, both read the record before
either writes (a ``threading.Barrier`` between the read and the write), then both write.

Each race must end with one winner, the loser told why (a ``Conflict`` for an edit, an
``ActionConflict`` / ``StateChanged`` / HTTP 409 for a workflow step), and a final state that
agrees with what the winner was told. They run on PostgreSQL (row locks, READ COMMITTED) and on
SQLite (a database file in WAL mode; transactions take the write lock at BEGIN IMMEDIATE).
"""

import datetime as dt

import pytest
from django.db import transaction

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions as assistance
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Consent, Match, Request
from clearinghouse.audit.models import AuditEntry
from clearinghouse.core import concurrency
from clearinghouse.core.concurrency import Conflict, StateConflict
from clearinghouse.matrix import actions as matrix
from clearinghouse.matrix.models import Cell, MatrixVersion
from clearinghouse.outreach import actions as outreach
from clearinghouse.outreach.models import Event
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting import actions as reporting
from clearinghouse.reporting.models import ActionPlan, NationalReport
from tests.assistance.factories import LICENSING, world
from tests.conftest import make_user

from .helpers import client_of, race

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(reference_data, personas):
    return {**personas, "expert_b": make_user("expert-b", Role.EXPERT),
            "committee_b": make_user("committee-b", Role.COMMITTEE, chair_office=True)}


def _fresh(record):
    return lambda: type(record).objects.get(pk=record.pk)


def _outcome(results):
    """(winners' values, losers' exceptions); any other exception fails the test."""
    won = [value for kind, value in results if kind == "ok"]
    lost = [value for kind, value in results if kind == "error"]
    for exc in lost:
        if not isinstance(exc, Conflict | StateConflict | assistance.ActionError):
            raise exc
    return won, lost


def _one_winner(results, loser_type):
    won, lost = _outcome(results)
    assert len(won) == 1 and len(lost) == 1, results
    assert isinstance(lost[0], loser_type), lost
    return won[0], lost[0]


def test_lock_outside_a_transaction_is_refused(people):
    made = Organisation.objects.get(code="OSCE")
    with pytest.raises(RuntimeError):
        concurrency.check(made, "x")
    with transaction.atomic():
        assert concurrency.check(made, concurrency.token(made)).pk == made.pk


# -- edits -----------------------------------------------------------------------------------

def test_two_edits_of_the_same_request(people):
    a, b = people["expert"], people["expert_b"]
    req = assistance.create_request(a, state=State.objects.get(iso3="KAZ"),
                                    received=dt.date(2025, 3, 3), title="Licensing training",
                                    description=LICENSING)
    results = race(
        (_fresh(req), lambda seen: assistance.update_request(
            seen, a, revision=concurrency.token(seen), timeframe="12 months")),
        (_fresh(req), lambda seen: assistance.update_request(
            seen, b, revision=concurrency.token(seen), title="B's title")),
    )
    winner, loser = _one_winner(results, Conflict)
    req.refresh_from_db()
    assert req.revision == 2 and (req.timeframe == "12 months") != (req.title == "B's title")
    assert loser.who == winner.modified_by_label == req.modified_by_label
    assert AuditEntry.objects.filter(action="assistance.request.edited").count() == 1


def test_two_api_edits_with_the_same_etag(people):
    w = world(people)
    url = f"/api/assistance/offers/{w['osce_offer'].pk}/"
    clients = [client_of(people["provider_poc"]), client_of(people["expert"])]

    def step(client, body):
        return (lambda: client.get(url)["ETag"],
                lambda etag: client.patch(url, body, content_type="application/json",
                                          HTTP_IF_MATCH=etag))

    results = race(step(clients[0], {"capacity": 5}), step(clients[1], {"capacity": 1}))
    codes = sorted(response.status_code for _kind, response in results)
    assert codes == [200, 412], results
    winner = next(r for _k, r in results if r.status_code == 200)
    assert w["osce_offer"].__class__.objects.get(pk=w["osce_offer"].pk).capacity == \
        winner.json()["capacity"]


def test_two_experts_set_the_same_matrix_cell(people):
    a, b = people["expert"], people["expert_b"]
    version = matrix.start_version(a, State.objects.get(iso3="KAZ"))
    page = concurrency.token(version)
    results = race(
        (lambda: page, lambda seen: matrix.set_cell(a, version, "OP1.NPT", "single", "X",
                                                    "Ratified 1994", opened=seen)),
        (lambda: page, lambda seen: matrix.set_cell(b, version, "OP1.NPT", "single", "?",
                                                    "", "doubt", opened=seen)),
    )
    winner, _loser = _one_winner(results, Conflict)
    stored = Cell.objects.get(version=version, field__code="OP1.NPT")
    assert stored.value == winner.value and stored.revision == 2


# -- proposing and answering matches ---------------------------------------------------------

def test_two_experts_propose_the_same_pair_over_the_api(people):
    w = world(people)
    Match.objects.all().delete()
    proposed = w["kaz_req"].events.filter(kind="match.proposed").count()
    body = {"request": w["kaz_req"].pk, "offer": w["osce_offer"].pk}
    url = f"/api/assistance/requests/{w['kaz_req'].pk}/"

    def step(user):
        client = client_of(user)
        return (lambda: client.get(url).status_code,
                lambda _seen: client.post("/api/assistance/matches/", body,
                                          content_type="application/json"))

    results = race(step(people["expert"]), step(people["expert_b"]))
    responses = [r for _kind, r in results]
    assert sorted(r.status_code for r in responses) == [201, 409], responses
    made = Match.objects.get()
    loser = next(r for r in responses if r.status_code == 409).json()
    assert loser["match"] == made.pk and "already been proposed" in loser["detail"]
    assert w["kaz_req"].events.filter(kind="match.proposed").count() == proposed + 1


def test_accept_and_decline_of_the_same_match(people):
    w = world(people)
    provider = people["provider_poc"]
    results = race(
        (_fresh(w["match"]), lambda seen: assistance.respond(seen, provider, accept=True)),
        (_fresh(w["match"]), lambda seen: assistance.respond(seen, provider, accept=False)),
    )
    winner, loser = _one_winner(results, assistance.ActionConflict)
    match = Match.objects.get(pk=w["match"].pk)
    assert match.status == winner.status and f"already answered: {match.get_status_display()}" in str(loser)
    req = Request.objects.get(pk=w["kaz_req"].pk)
    answers = req.events.filter(kind__in=["match.accepted", "match.declined"])
    assert [e.kind for e in answers] == [f"match.{match.status}"]
    # its only need now has an accepted match: matched fully
    assert req.status == (wf.MATCHED_FULLY if match.status == "accepted" else wf.CIRCULATED)


def test_accept_and_decline_over_the_api(people):
    w = world(people)
    url = f"/api/assistance/matches/{w['match'].pk}/"

    def step(answer):
        client = client_of(people["provider_poc"])
        return (lambda: client.get(url).json()["status"],
                lambda _seen: client.post(url + answer + "/"))

    results = race(step("accept"), step("decline"))
    responses = [r for _kind, r in results]
    assert sorted(r.status_code for r in responses) == [200, 409], responses
    told = next(r for r in responses if r.status_code == 200).json()["status"]
    assert Match.objects.get(pk=w["match"].pk).status == told
    assert next(r for r in responses if r.status_code == 409).json()["status"] == told


# -- request workflow ------------------------------------------------------------------------

def test_two_moves_of_a_circulated_request(people):
    w = world(people)
    req = w["kaz_req"]
    results = race(
        (_fresh(req), lambda seen: assistance.transition(seen, people["expert"], wf.UNMET)),
        (_fresh(req), lambda seen: assistance.transition(seen, people["expert_b"],
                                                         wf.MATCHED_FULLY)),
    )
    winner, _loser = _one_winner(results, assistance.ActionError)
    req.refresh_from_db()
    assert req.status == winner.status
    assert req.events.filter(kind="transition", from_status=wf.CIRCULATED).count() == 1


def test_a_request_circulated_twice(people):
    a = people["expert"]
    req = assistance.create_request(a, state=State.objects.get(iso3="KAZ"),
                                    received=dt.date(2025, 3, 3), title="t", description=LICENSING)
    assistance.transition(req, a, wf.AUTHENTICATED)
    assistance.transition(req, a, wf.ACKNOWLEDGED)
    osce, eu = Organisation.objects.get(code="OSCE"), Organisation.objects.get(code="EU")
    results = race(
        (_fresh(req), lambda seen: assistance.circulate(seen, a, [osce])),
        (_fresh(req), lambda seen: assistance.circulate(seen, people["expert_b"], [eu])),
    )
    winner, loser = _one_winner(results, assistance.ActionConflict)
    req.refresh_from_db()
    assert "cannot be circulated" in str(loser)
    assert req.events.filter(kind="circulated").count() == 1
    assert list(req.circulated_to_organisations.all()) == list(
        winner.circulated_to_organisations.all())


def test_two_moves_from_the_status_the_page_showed(people):
    a = people["expert"]
    req = assistance.create_request(a, state=State.objects.get(iso3="KAZ"),
                                    received=dt.date(2025, 3, 3), title="t", description=LICENSING)
    results = race(
        (_fresh(req), lambda seen: assistance.transition(seen, a, wf.AUTHENTICATED,
                                                         expected_status=seen.status)),
        (_fresh(req), lambda seen: assistance.transition(seen, people["expert_b"], wf.WITHDRAWN,
                                                         expected_status=seen.status)),
    )
    winner, _loser = _one_winner(results, assistance.ActionConflict)
    assert Request.objects.get(pk=req.pk).status == winner.status


def test_the_same_consent_twice(people):
    w = world(people)
    req, poc = w["kgz_req"], w["other_state_poc"]
    results = race(
        (_fresh(req), lambda seen: assistance.answer_publication(seen, poc, Consent.CONSENTED)),
        (_fresh(req), lambda seen: assistance.answer_publication(seen, poc, Consent.CONSENTED)),
    )
    _one_winner(results, assistance.ActionConflict)
    assert Request.objects.get(pk=req.pk).events.filter(kind=Consent.CONSENTED).count() == 1


def test_consent_and_objection_at_once(people):
    w = world(people)
    req, poc = w["kaz_req"], people["state_poc"]  # circulated today: the window is open
    results = race(
        (_fresh(req), lambda seen: assistance.answer_publication(seen, poc, Consent.CONSENTED)),
        (_fresh(req), lambda seen: assistance.answer_publication(seen, people["expert"],
                                                                 Consent.OBJECTED)),
    )
    won, lost = _outcome(results)
    req.refresh_from_db()
    answers = [e.kind for e in req.events.filter(kind__in=[Consent.CONSENTED, Consent.OBJECTED])]
    # Consent first: the objection comes too late (published). Objection first: the State may
    # still consent. Never "objected" with a publication date.
    assert not (req.consent == Consent.OBJECTED and req.published_on)
    assert answers[-1] == req.consent and len(answers) == len(won)
    if lost:
        assert answers == [Consent.CONSENTED] and "already published" in str(lost[0])


# -- reports, plans, matrices, events --------------------------------------------------------

def test_a_report_submitted_twice(people):
    poc = people["state_poc"]
    report = reporting.create_report(poc, State.objects.get(iso3="KAZ"), kind="first", text="Report")
    results = race((_fresh(report), lambda seen: reporting.submit_report(poc, seen)),
                   (_fresh(report), lambda seen: reporting.submit_report(people["expert"], seen)))
    _one_winner(results, concurrency.StateChanged)
    assert AuditEntry.objects.filter(action="reporting.report.submitted").count() == 1


def test_a_report_published_twice(people):
    report = NationalReport.objects.create(state=State.objects.get(iso3="KAZ"), kind="first",
                                           status="submitted", submitted_on=dt.date(2005, 1, 1))
    results = race(
        (_fresh(report), lambda seen: reporting.publish(people["expert"], seen)),
        (_fresh(report), lambda seen: reporting.publish(people["expert_b"], seen)))
    won, _lost = _outcome(results)
    assert len(won) == 2  # both told "published", which is true
    assert AuditEntry.objects.filter(action="reporting.nationalreport.published").count() == 1


def test_a_plan_submitted_twice(people):
    poc = people["state_poc"]
    plan = reporting.create_plan(poc, State.objects.get(iso3="KAZ"), adopted_on=dt.date(2020, 1, 1),
                                 title="NAP", items=[{"area": "Export control", "action": "Lists"}])
    results = race((_fresh(plan), lambda seen: reporting.submit_plan(poc, seen)),
                   (_fresh(plan), lambda seen: reporting.submit_plan(people["expert"], seen)))
    _one_winner(results, concurrency.StateChanged)
    assert ActionPlan.objects.get(pk=plan.pk).status == "submitted"
    assert AuditEntry.objects.filter(action="reporting.plan.submitted").count() == 1


def test_a_matrix_approved_twice_and_published_twice(people):
    version = matrix.start_version(people["expert"], State.objects.get(iso3="KAZ"))
    results = race(
        (_fresh(version), lambda seen: matrix.approve(people["expert"], seen, dt.date(2024, 1, 1), reference="1540/SR.1")),
        (_fresh(version), lambda seen: matrix.approve(people["committee_b"], seen, dt.date(2024, 2, 1),
                                                         reference="1540/SR.1")))
    winner, loser = _one_winner(results, concurrency.StateChanged)
    stored = MatrixVersion.objects.get(pk=version.pk)
    assert stored.approved_on == winner.approved_on and stored.approved_by == winner.approved_by
    assert winner.approved_by.get_username() in str(loser)
    results = race(
        (_fresh(version), lambda seen: matrix.publish(people["expert"], seen)),
        (_fresh(version), lambda seen: matrix.publish(people["expert_b"], seen)))
    _one_winner(results, concurrency.StateChanged)
    assert AuditEntry.objects.filter(action="matrix.version.published").count() == 1


def test_two_new_versions_at_once(people):
    kaz = State.objects.get(iso3="KAZ")
    first = matrix.start_version(people["expert"], kaz)
    matrix.approve(people["expert"], first, dt.date(2024, 1, 1), reference="1540/SR.1")
    results = race(
        (lambda: kaz, lambda state: matrix.start_version(people["expert"], state)),
        (lambda: kaz, lambda state: matrix.start_version(people["expert_b"], state)))
    winner, loser = _one_winner(results, concurrency.StateChanged)
    assert "already has a draft" in " ".join(loser.messages)
    assert list(MatrixVersion.objects.filter(matrix__state=kaz).values_list("number", flat=True)
                .order_by("number")) == [1, winner.number] == [1, 2]


def test_an_event_confirmed_twice_and_published_twice(people):
    from tests.outreach.conftest import make_event

    event = make_event("draft")
    results = race((_fresh(event), lambda seen: outreach.confirm(people["expert"], seen)),
                   (_fresh(event), lambda seen: outreach.confirm(people["expert_b"], seen)))
    _one_winner(results, concurrency.StateChanged)
    event.participants.filter(flagged=True).delete()  # its names resolved: publishable
    results = race((_fresh(event), lambda seen: outreach.publish(people["expert"], seen)),
                   (_fresh(event), lambda seen: outreach.publish(people["expert_b"], seen)))
    assert len(_outcome(results)[0]) == 2
    assert Event.objects.get(pk=event.pk).status == "published"
    assert AuditEntry.objects.filter(action="outreach.event.confirmed").count() == 1
    assert AuditEntry.objects.filter(action="outreach.event.published").count() == 1
