"""The notices of a request's life, of reports, plans and matrices, and the date-driven ones
(follow-ups, reconfirmation): who gets each, who must not, in which language; once per date."""

import datetime as dt

import pytest
from django.utils import timezone

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Offer
from clearinghouse.audit.models import AuditEntry
from clearinghouse.jobs import tasks
from clearinghouse.matrix import actions as matrix
from clearinghouse.notifications import reminders
from clearinghouse.notifications.models import Kind, Notice
from clearinghouse.notifications.notify import deliver
from clearinghouse.reporting import actions as reporting
from tests.assistance.factories import circulated_request, offer
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _to(kind):
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def _french(user):
    user.language = "fr"
    user.save()
    return user


def test_a_request_received_goes_to_the_experts_only(people, django_capture_on_commit_callbacks):
    _french(people["expert"])
    with django_capture_on_commit_callbacks(execute=True):
        req = actions.create_request(people["state_poc"], state=people["kaz"],
                                     received=dt.date(2026, 11, 2), title="Biosecurity",
                                     description="Laboratory biosecurity training")
    assert _to(Kind.RECEIVED) == ["expert"]     # not the State that sent it, nor providers
    notice = Notice.objects.get(kind=Kind.RECEIVED)
    assert notice.language == "fr" and "2 novembre 2026" in notice.body
    assert notice.url == req.get_absolute_url()
    assert deliver(Kind.RECEIVED, req, [people["kgz_poc"], people["provider_poc"]]) == []


def test_acknowledged_goes_to_the_requesting_state_or_organisation(
        people, django_capture_on_commit_callbacks):
    expert = people["expert"]
    req = actions.create_request(expert, state=people["kaz"], received=dt.date(2026, 11, 2),
                                 title="Export licensing", description="Licensing training")
    actions.transition(req, expert, wf.AUTHENTICATED)
    assert not Notice.objects.filter(kind=Kind.ACKNOWLEDGED).exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.transition(req, expert, wf.ACKNOWLEDGED)
    assert _to(Kind.ACKNOWLEDGED) == ["poc-kaz"]   # not poc-kgz, provider-osce, the experts
    assert Notice.objects.get(kind=Kind.ACKNOWLEDGED).language == "fr"
    assert deliver(Kind.ACKNOWLEDGED, req, [people["kgz_poc"], people["eu_poc"]]) == []


def test_publication_tells_the_state_with_the_date(people, django_capture_on_commit_callbacks):
    req = circulated_request(people["expert"], people["kaz"], [people["osce"]],
                             day=dt.date(2026, 11, 23))
    other = circulated_request(people["expert"], people["kgz"], [people["osce"]],
                               day=dt.date(2026, 11, 23), title="Kyrgyz request")
    # Kyrgyzstan objects within its window (on the 25th), whatever the date the test runs.
    actions.answer_publication(other, people["kgz_poc"], "objected", today=dt.date(2026, 11, 25))
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.publish_due(dt.date(2026, 12, 2)) == [req]
    assert _to(Kind.PUBLISHED) == ["poc-kaz"]   # not the providers, not the objecting State
    notice = Notice.objects.get(kind=Kind.PUBLISHED)
    assert notice.language == "fr"
    assert "2 décembre 2026" in notice.subject and "1 décembre 2026" in notice.body


def test_a_follow_up_falling_due_tells_the_experts_once(people,
                                                        django_capture_on_commit_callbacks):
    _french(people["expert"])
    req = circulated_request(people["expert"], people["kaz"], [people["osce"]],
                             day=dt.date(2025, 12, 15))
    assert req.follow_up_due == dt.date(2026, 12, 15)
    circulated_request(people["expert"], people["kgz"], [people["osce"]],
                       day=dt.date(2026, 6, 1), title="Not due for months")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run(dt.date(2026, 10, 1)) == {"follow_ups": [], "reconfirm": []}
        assert reminders.run(dt.date(2026, 11, 20))["follow_ups"] == [req.pk]
    assert _to(Kind.FOLLOW_UP) == ["expert"]
    notice = Notice.objects.get(kind=Kind.FOLLOW_UP)
    assert notice.language == "fr" and "15 décembre 2026" in notice.subject
    # The next days (by the task, as the scheduler runs it) repeat nothing for this date.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.notice_reminders.call(today="2026-11-21")
        tasks.notice_reminders.call(today="2026-12-16")
    assert Notice.objects.filter(kind=Kind.FOLLOW_UP).count() == 1
    assert AuditEntry.objects.filter(action="notice.reminder").count() == 1
    # Once followed up, nothing more.
    actions.record_follow_up(req, people["expert"], today=dt.date(2026, 12, 16))
    assert reminders.run(dt.date(2026, 12, 17))["follow_ups"] == []


def test_an_offer_to_reconfirm_tells_its_provider_and_the_experts_once(
        people, django_capture_on_commit_callbacks):
    _french(people["provider_poc"])
    old = offer(people["expert"], people["osce"], title="OSCE export control training")
    recent = offer(people["expert"], people["eu"], title="EU programme, created recently")
    year_ago = timezone.now() - dt.timedelta(days=400)
    Offer.objects.filter(pk=old.pk).update(created_at=year_ago, confirmed_at=year_ago)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run(today)["reconfirm"] == [old.pk]
        assert reminders.run(today + dt.timedelta(days=1))["reconfirm"] == []
    assert _to(Kind.RECONFIRM) == ["expert", "provider-osce"]     # not provider-eu
    notice = Notice.objects.get(kind=Kind.RECONFIRM, recipient=people["provider_poc"])
    assert notice.language == "fr" and old.title in notice.subject
    assert timezone.localtime(year_ago).strftime("%Y") in notice.body
    # Reconfirmed, then not confirmed for another year: a new due date, a new notice (and the
    # recent offer is due by then too).
    later = timezone.now() + dt.timedelta(days=400)
    Offer.objects.filter(pk=old.pk).update(confirmed_at=timezone.now())
    assert reminders.run(timezone.localtime(later).date())["reconfirm"] == [old.pk, recent.pk]


def test_a_report_or_plan_submitted_goes_to_the_experts(people,
                                                        django_capture_on_commit_callbacks):
    _french(people["expert"])
    poc = people["state_poc"]
    report = reporting.create_report(poc, poc.state, kind="first", text="National measures",
                                     submitted_on=dt.date(2026, 11, 5))
    assert not Notice.objects.exists()     # a draft tells nobody
    with django_capture_on_commit_callbacks(execute=True):
        reporting.submit_report(poc, report)
    assert _to(Kind.REPORT) == ["expert"]    # not the State itself, not another State
    notice = Notice.objects.get(kind=Kind.REPORT)
    assert notice.language == "fr" and "5 novembre 2026" in notice.body
    assert deliver(Kind.REPORT, report, [people["kgz_poc"], people["provider_poc"]]) == []
    item = {"area_code": "op2", "area": "Legislation", "action": "Review the law",
            "target_date": dt.date(2026, 6, 1), "progress": "planned"}
    plan = reporting.create_plan(poc, poc.state, adopted_on=dt.date(2026, 3, 1),
                                 title="National plan", items=[item])
    with django_capture_on_commit_callbacks(execute=True):
        reporting.submit_plan(poc, plan)
    assert _to(Kind.REPORT) == ["expert", "expert"]
    plan_notice = Notice.objects.get(kind=Kind.REPORT, target_id=str(plan.pk),
                                     target_type="reporting.actionplan")
    assert "1 mars 2026" in plan_notice.body and "National plan" in plan_notice.body


def test_a_matrix_approved_goes_to_the_state_and_the_experts(
        people, django_capture_on_commit_callbacks):
    version = matrix.start_version(people["expert"], people["kaz"],
                                   report_date=dt.date(2004, 10, 28))
    with django_capture_on_commit_callbacks(execute=True):
        matrix.approve(people["expert"], version, dt.date(2026, 11, 5), reference="1540/SR.9")
    assert _to(Kind.MATRIX) == ["expert", "poc-kaz"]   # not poc-kgz, not providers
    notice = Notice.objects.get(kind=Kind.MATRIX, recipient=people["state_poc"])
    assert notice.language == "fr" and "5 novembre 2026" in notice.body
    kgz_draft = matrix.start_version(people["expert"], people["kgz"])
    assert deliver(Kind.MATRIX, kgz_draft, [people["state_poc"], people["provider_poc"]]) == []


def test_an_inactive_expert_gets_nothing(people, django_capture_on_commit_callbacks):
    gone = make_user("expert-gone", Role.EXPERT)
    gone.is_active = False
    gone.save()
    with django_capture_on_commit_callbacks(execute=True):
        actions.create_request(people["expert"], state=people["kaz"],
                               received=dt.date(2026, 11, 2), title="Biosecurity",
                               description="Laboratory biosecurity training")
    assert _to(Kind.RECEIVED) == ["expert"]


def test_an_organisations_request_tells_its_own_point_of_contact(
        people, django_capture_on_commit_callbacks):
    """Issue 11: an organisation's point of contact has a State's rights on its own requests,
    so it gets their notices (acknowledged, objection window, publication); a point of contact
    of one of its member States, or of another organisation, does not."""
    from clearinghouse.registry.models import Organisation, State

    sica = Organisation.objects.get(code="SICA")
    sica_poc = make_user("poc-sica", Role.PROVIDER_POC, organisation=sica)
    cri_poc = make_user("poc-cri", Role.STATE_POC, state=State.objects.get(iso3="CRI"))
    expert = people["expert"]
    req = actions.create_request(expert, organisation=sica, received=dt.date(2026, 11, 2),
                                 title="Formación en licencias", description="Formación")
    actions.transition(req, expert, wf.AUTHENTICATED)
    with django_capture_on_commit_callbacks(execute=True):
        actions.transition(req, expert, wf.ACKNOWLEDGED)
        # Circulated today, so that its window is still open when the test reads it.
        actions.circulate(req, expert, [people["osce"]], today=timezone.localdate())
    assert _to(Kind.ACKNOWLEDGED) == ["poc-sica"]
    assert _to(Kind.OBJECTION_WINDOW) == ["poc-sica"]
    # (while it is not published: a member State's or another body's PoC may not read it)
    assert deliver(Kind.ACKNOWLEDGED, req, [cri_poc, people["eu_poc"]]) == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer_publication(req, sica_poc, "consented")
    assert _to(Kind.PUBLISHED) == ["poc-sica"]
