"""No silent lost update, at the level of the actions: A saves, B saves from the revision it
opened before A's change: B is refused (``Conflict``, who and when), nothing of B's is written
and A's change stays. One test per edit path, on SQLite and PostgreSQL alike."""

import datetime as dt

import pytest
from django.db import transaction

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions as assistance
from clearinghouse.audit.actions import save_record
from clearinghouse.audit.models import AuditEntry
from clearinghouse.core import concurrency
from clearinghouse.core.concurrency import Conflict
from clearinghouse.matrix import actions as matrix
from clearinghouse.outreach import actions as outreach
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting import actions as reporting
from clearinghouse.reporting.models import NationalReport
from tests.assistance.factories import BIO, LICENSING, offer
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(personas):
    return personas["expert"], make_user("expert-b", Role.EXPERT)


def _audit_count(obj):
    return AuditEntry.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk)).count()


def _refused(b_writes, record, who):
    before = _audit_count(record)
    with pytest.raises(Conflict) as caught:
        b_writes()
    assert caught.value.who == who and caught.value.when is not None
    assert who in caught.value.message()
    assert _audit_count(record) == before  # nothing of B's was written
    return caught.value


# -- the mechanism ------------------------------------------------------------------------

def test_every_save_is_a_new_revision_counted_by_the_database(two):
    a, _b = two
    made = offer(a, Organisation.objects.get(code="OSCE"))
    assert made.revision == 1 and made.modified_by == a and made.modified_by_label == "expert"
    first, stale = (type(made).objects.get(pk=made.pk) for _ in range(2))
    first.save()
    stale.save()  # an unchecked save from an old copy still gets a new number, never "2" again
    assert (first.revision, stale.revision) == (2, 3)
    stale.refresh_from_db()
    assert stale.revision == 3 and stale.modified_by is None  # saved without saying who


def test_lock_compares_the_token_opened(two):
    made = offer(two[0], Organisation.objects.get(code="OSCE"))
    with transaction.atomic():
        assert concurrency.lock(made, "1") is made
        assert concurrency.lock(made, ("7", "1")) is made  # any of several (If-Match lists)
        with pytest.raises(Conflict):
            concurrency.lock(made, "2")


def test_a_record_that_is_not_versioned_is_compared_by_its_stored_values(personas):
    state = State.objects.get(iso3="KAZ")
    opened = concurrency.token(state)
    assert opened.startswith("h")
    State.objects.filter(pk=state.pk).update(official_name="Republic of Kazakhstan (changed)")
    state.official_name = "B's edit"
    with pytest.raises(Conflict), transaction.atomic():
        save_record(personas["expert"], state, ["official_name"], opened=opened)
    assert State.objects.get(pk=state.pk).official_name == "Republic of Kazakhstan (changed)"


# -- each edit path -------------------------------------------------------------------------

def test_assistance_request(two):
    a, b = two
    req = assistance.create_request(a, state=State.objects.get(iso3="KAZ"),
                                    received=dt.date(2025, 3, 3), title="Licensing training",
                                    description=LICENSING)
    opened = concurrency.token(req)
    mine, theirs = (type(req).objects.get(pk=req.pk) for _ in range(2))
    assistance.update_request(mine, a, revision=opened, timeframe="12 months")
    _refused(lambda: assistance.update_request(theirs, b, revision=opened, title="B's title"),
             req, "expert")
    req.refresh_from_db()
    assert (req.timeframe, req.title, req.revision) == ("12 months", "Licensing training", 2)
    assistance.update_request(theirs, b, revision=concurrency.token(theirs), title="B's title")
    req.refresh_from_db()
    assert (req.timeframe, req.title, req.modified_by_label) == ("12 months", "B's title",
                                                                 "expert-b")


def test_assistance_offer(two, personas):
    a, b = two
    made = offer(a, Organisation.objects.get(code="OSCE"))
    opened = concurrency.token(made)
    assistance.update_offer(type(made).objects.get(pk=made.pk), personas["provider_poc"],
                            revision=opened, capacity=5)
    _refused(lambda: assistance.update_offer(made, b, revision=opened, capacity=1),
             made, "provider-osce")
    made.refresh_from_db()
    assert made.capacity == 5


def test_national_report(two, personas):
    a, b = two
    poc = personas["state_poc"]
    report = reporting.create_report(poc, State.objects.get(iso3="KAZ"), kind="first",
                                     title="First report", text="Draft text")
    opened = concurrency.token(report)
    reporting.update_report(poc, NationalReport.objects.get(pk=report.pk), revision=opened,
                            text="Revised text")
    _refused(lambda: reporting.update_report(b, report, revision=opened, title="B's title"),
             report, "poc-kaz")
    report.refresh_from_db()
    assert (report.text, report.title) == ("Revised text", "First report")


def test_action_plan_and_its_items(two, personas):
    a, b = two
    poc = personas["state_poc"]
    plan = reporting.create_plan(poc, State.objects.get(iso3="KAZ"), adopted_on=dt.date(2020, 1, 1),
                                 title="NAP", items=[{"area": "Export control", "action": "Lists"}])
    opened = concurrency.token(plan)
    # A changes only an item: the plan's revision covers its items.
    reporting.update_plan(poc, type(plan).objects.get(pk=plan.pk), revision=opened,
                          items=[{"area": "Export control", "action": "Update the lists"}])
    _refused(lambda: reporting.update_plan(b, plan, revision=opened, title="B's title",
                                           items=[{"area": "Export control", "action": "Lists"}]),
             plan, "poc-kaz")
    assert [i.action for i in plan.items.all()] == ["Update the lists"]
    assert type(plan).objects.get(pk=plan.pk).title == "NAP"


def test_event(two):
    from tests.outreach.conftest import make_event

    a, b = two
    event = make_event("draft")
    opened = concurrency.token(event)
    outreach.save_event(a, type(event).objects.get(pk=event.pk), {"venue_city": "Astana"},
                        revision=opened)
    _refused(lambda: outreach.save_event(b, event, {"title": "B's title"}, revision=opened),
             event, "expert")
    event.refresh_from_db()
    assert (event.venue_city, event.title) == ("Astana", "Regional workshop on export controls")


def test_matrix_cell(two):
    a, b = two
    kaz = State.objects.get(iso3="KAZ")
    version = matrix.start_version(a, kaz)
    page = concurrency.token(version)  # the draft's revision the page showed
    matrix.set_cell(a, version, "OP1.NPT", "single", "X", "Ratified 1994", opened=page)
    with pytest.raises(Conflict) as caught:
        matrix.set_cell(b, version, "OP1.NPT", "single", "?", "", "doubt", opened=page)
    assert caught.value.who == "expert" and caught.value.stored.value == "X"
    # Another cell, untouched since the page was opened, is recorded.
    matrix.set_cell(b, version, "OP1.CWC", "single", "X", "Ratified 1995", opened=page)
    # Clearing is a change too: the cleared cell is kept (blank) with its revision.
    page = concurrency.token(type(version).objects.get(pk=version.pk))
    matrix.set_cell(a, version, "OP1.CWC", "single", "", "", "", opened=page)
    with pytest.raises(Conflict):
        matrix.set_cell(b, version, "OP1.CWC", "single", "NA", opened=str(int(page) - 1))


def test_matrix_approval_of_a_draft_that_changed_since_it_was_opened(two, personas):
    a, _b = two
    version = matrix.start_version(a, State.objects.get(iso3="KAZ"))
    seen = concurrency.token(version)
    matrix.set_cell(a, version, "OP1.NPT", "single", "X", "Ratified 1994")
    with pytest.raises(Conflict):
        matrix.approve(personas["expert"], version, dt.date(2024, 1, 1), reference="1540/SR.1", opened=seen)
    version.refresh_from_db()
    assert version.is_draft
    matrix.approve(personas["expert"], version, dt.date(2024, 1, 1), reference="1540/SR.1",
                   opened=concurrency.token(version))


def test_the_generic_audited_save(two):
    """audit.actions.save_record, which the admin uses."""
    a, b = two
    report = NationalReport.objects.create(state=State.objects.get(iso3="KGZ"), kind="first",
                                           status="published", submitted_on=dt.date(2005, 1, 1))
    opened = concurrency.token(report)
    mine = NationalReport.objects.get(pk=report.pk)
    mine.title = "A's title"
    save_record(a, mine, ["title"], opened=opened)
    report.language = "Russian"
    _refused(lambda: save_record(b, report, ["language"], opened=opened), report, "expert")
    stored = NationalReport.objects.get(pk=report.pk)
    assert (stored.title, stored.language) == ("A's title", "")


# -- workflow steps answered twice (the race's loser, one after the other) -----------------

def test_a_match_answered_twice(personas):
    from tests.assistance.factories import world

    w = world(personas)
    provider = personas["provider_poc"]
    assistance.respond(w["match"], provider, accept=False)
    stale = type(w["match"]).objects.get(pk=w["match"].pk)
    stale.status = "proposed"  # what a page opened before the answer showed
    with pytest.raises(assistance.ActionConflict, match="already answered: declined by "
                                                        "provider-osce"):
        assistance.respond(stale, provider, accept=True)
    assert type(stale).objects.get(pk=stale.pk).status == "declined"


def test_a_request_step_from_a_status_that_moved(two):
    a, b = two
    req = assistance.create_request(a, state=State.objects.get(iso3="KGZ"),
                                    received=dt.date(2025, 3, 3), title="Biosecurity",
                                    description=BIO)
    assistance.transition(req, a, "authenticated", expected_status="received")
    with pytest.raises(assistance.ActionConflict, match="now authenticated"):
        assistance.transition(req, b, "withdrawn", expected_status="received")
    req.refresh_from_db()
    assert req.status == "authenticated" and req.events.filter(kind="transition").count() == 1


def test_report_submitted_twice_and_event_confirmed_twice(personas):
    from tests.outreach.conftest import make_event

    poc = personas["state_poc"]
    report = reporting.create_report(poc, State.objects.get(iso3="KAZ"), kind="first", text="Report")
    stale = NationalReport.objects.get(pk=report.pk)
    reporting.submit_report(poc, report)
    with pytest.raises(concurrency.StateChanged, match="already submitted by poc-kaz"):
        reporting.submit_report(personas["expert"], stale)
    event = make_event("draft")
    stale_event = type(event).objects.get(pk=event.pk)
    outreach.confirm(personas["expert"], event)
    with pytest.raises(concurrency.StateChanged, match="already confirmed"):
        outreach.confirm(personas["expert"], stale_event)
    assert AuditEntry.objects.filter(action="outreach.event.confirmed").count() == 1
