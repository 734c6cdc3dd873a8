"""The Committee's procedure: transitions with who and when, publication, follow-up."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Consent, Request
from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import Organisation, State

from .factories import LICENSING, circulated_request

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2025, 3, 7)


def test_working_days_skip_weekends():
    assert FRIDAY.weekday() == 4
    assert wf.objection_deadline(FRIDAY) == dt.date(2025, 3, 14)  # next Friday
    assert wf.objection_deadline(dt.date(2025, 3, 10)) == dt.date(2025, 3, 17)  # Mon -> Mon
    assert wf.objection_deadline(dt.date(2025, 3, 8)) == dt.date(2025, 3, 14)  # Sat -> Fri
    assert wf.follow_up_due(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_every_transition_records_who_and_when(personas):
    expert = personas["expert"]
    kaz = State.objects.get(iso3="KAZ")
    req = circulated_request(expert, kaz, [Organisation.objects.get(code="OSCE")], day=FRIDAY)
    steps = [(e.kind, e.from_status, e.to_status, e.actor_label) for e in req.events.all()]
    assert steps == [
        ("received", "", "received", "expert"),
        ("transition", "received", "authenticated", "expert"),
        ("transition", "authenticated", "acknowledged", "expert"),
        ("circulated", "acknowledged", "circulated", "expert"),
    ]
    assert all(e.at is not None and e.actor == expert for e in req.events.all())
    assert AuditEntry.objects.filter(action="assistance.circulated", target_id=str(req.pk),
                                     actor=expert).exists()
    assert req.objection_deadline == dt.date(2025, 3, 14)
    assert req.follow_up_due == dt.date(2026, 3, 7)
    assert list(req.circulated_to_organisations.values_list("code", flat=True)) == ["OSCE"]


def test_illegal_moves_and_roles_are_refused(personas):
    expert = personas["expert"]
    req = actions.create_request(expert, state=State.objects.get(iso3="KAZ"),
                                 received=FRIDAY, title="x", description=LICENSING)
    with pytest.raises(actions.ActionError):
        actions.transition(req, expert, wf.COMPLETED)
    with pytest.raises(actions.ActionError):
        actions.circulate(req, expert, [State.objects.get(iso3="USA")])  # not acknowledged
    with pytest.raises(PermissionDenied):
        actions.transition(req, personas["state_poc"], wf.AUTHENTICATED)
    req.refresh_from_db()
    assert req.status == wf.RECEIVED and req.events.count() == 1


def test_silence_publishes_after_five_working_days(personas):
    req = circulated_request(personas["expert"], State.objects.get(iso3="KAZ"),
                             [State.objects.get(iso3="USA")], day=FRIDAY)
    deadline = dt.date(2025, 3, 14)
    assert not req.is_public(deadline)
    assert not Request.objects.published(deadline).filter(pk=req.pk).exists()
    assert req.is_public(deadline + dt.timedelta(days=1))
    assert Request.objects.published(deadline + dt.timedelta(days=1)).filter(pk=req.pk).exists()
    assert actions.publish_due(deadline) == []
    assert actions.publish_due(deadline + dt.timedelta(days=1)) == [req]
    req.refresh_from_db()
    assert req.published_on == dt.date(2025, 3, 15)
    assert req.events.last().kind == "published"
    # once published, an objection is too late
    with pytest.raises(actions.ActionError, match="already published"):
        actions.answer_publication(req, personas["state_poc"], Consent.OBJECTED,
                                   today=dt.date(2025, 3, 17))


def test_objection_before_the_deadline_blocks_publication(personas):
    req = circulated_request(personas["expert"], State.objects.get(iso3="KAZ"),
                             [State.objects.get(iso3="USA")], day=FRIDAY)
    actions.answer_publication(req, personas["state_poc"], Consent.OBJECTED, "No",
                               today=dt.date(2025, 3, 14))
    later = dt.date(2026, 1, 1)
    assert not req.is_public(later)
    assert not Request.objects.published(later).filter(pk=req.pk).exists()
    assert actions.publish_due(later) == []
    event = req.events.last()
    assert (event.kind, event.actor_label, event.to_status) == ("objected", "poc-kaz", "objected")


def test_consent_publishes_at_once_and_only_the_states_poc_answers(personas):
    from tests.conftest import make_user

    req = circulated_request(personas["expert"], State.objects.get(iso3="KAZ"),
                             [State.objects.get(iso3="USA")], day=FRIDAY)
    other = make_user("poc-uzb", "state_poc", state=State.objects.get(iso3="UZB"))
    for user in (other, personas["provider_poc"], personas["committee"], None):
        with pytest.raises(PermissionDenied):
            actions.answer_publication(req, user, Consent.CONSENTED, today=FRIDAY)
    actions.answer_publication(req, personas["state_poc"], Consent.CONSENTED, today=FRIDAY)
    assert req.is_public(FRIDAY) and req.published_on == FRIDAY
    assert Request.objects.published(FRIDAY).filter(pk=req.pk).exists()


def test_follow_up_due_after_a_year_and_overdue_list(personas):
    from clearinghouse.assistance import queries

    expert = personas["expert"]
    kaz = State.objects.get(iso3="KAZ")
    usa = State.objects.get(iso3="USA")
    old = circulated_request(expert, kaz, [usa], day=dt.date(2024, 1, 10), title="Old")
    soon = circulated_request(expert, kaz, [usa], day=dt.date(2024, 3, 1), title="Soon")
    done = circulated_request(expert, kaz, [usa], day=dt.date(2023, 12, 1), title="Done")
    actions.record_follow_up(done, expert, "met", today=dt.date(2024, 12, 5))
    today = dt.date(2025, 2, 15)
    due, overdue = queries.follow_ups(Request.objects.all(), today)
    assert [r.title for r in overdue] == ["Old"]
    assert [r.title for r in due] == ["Soon"]
    assert old.follow_up_overdue(today) and not soon.follow_up_overdue(today)


def test_publish_due_command(personas, capsys):
    circulated_request(personas["expert"], State.objects.get(iso3="KAZ"),
                       [State.objects.get(iso3="USA")], day=FRIDAY, title="Silent")
    call_command("assistance-publish-due", "--today", "2025-03-14")
    assert "0 request summary" in capsys.readouterr().out
    call_command("assistance-publish-due", "--today", "2025-03-17")
    out = capsys.readouterr().out
    assert "Silent" in out and "1 request summary" in out
