"""The bi-monthly matchmaking briefing's draft, a scheduled task: enqueued once per two-month
period, rendered by a worker as a DOCX kept on the experts' jobs page, the experts told;
audited; a failed run retried, then shown to the experts. Runs on SQLite and PostgreSQL."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from docx import Document

from clearinghouse.accounts.models import Role
from clearinghouse.audit.models import AuditEntry
from clearinghouse.jobs import schedule, tasks
from clearinghouse.jobs.models import Job, ScheduleMark, TaskFailure
from clearinghouse.notifications.models import Kind, Notice
from clearinghouse.registry.models import State
from tests.assistance.factories import circulated_request
from tests.conftest import make_user
from tests.jobs.test_worker import work

pytestmark = pytest.mark.django_db(transaction=True)


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T09:00:00+00:00")


@pytest.mark.parametrize("day,slot", [("2027-01-01", "2026-11"), ("2027-02-28", "2026-11"),
                                      ("2027-03-01", "2027-01"), ("2026-12-31", "2026-09"),
                                      ("2026-06-15", "2026-03")])
def test_the_period_is_the_two_months_just_ended(day, slot):
    assert schedule._last_two_months(_at(day)) == slot


def test_the_worker_drafts_the_briefing_for_the_experts(reference_data, personas, client_for):
    kaz = State.objects.get(iso3="KAZ")
    circulated_request(personas["expert"], kaz, [State.objects.get(iso3="USA")],
                       day=dt.date(2026, 12, 7), title="Export licensing training")
    personas["expert"].email = "expert@example.org"
    personas["expert"].save()
    assert "assistance.briefing_draft" in schedule.tick(_at("2027-01-04"))
    assert "assistance.briefing_draft" not in schedule.tick(_at("2027-02-26"))  # same period
    assert ScheduleMark.objects.filter(name="assistance.briefing_draft").count() == 1
    work()
    job = Job.objects.get(kind=Job.Kind.BRIEFING)
    assert (job.status, job.owner, job.params) == (
        "done", None, {"start": "2026-11-01", "end": "2026-12-31"})
    assert job.filename == "matchmaking-briefing-2026-11-draft.docx"
    expert = client_for("expert")
    assert reverse("jobs:detail", args=[job.pk]) in expert.get(reverse("jobs:list")).content.decode()
    answer = expert.get(reverse("jobs:download", args=[job.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(answer.streaming_content)))
                     .paragraphs)
    assert "Matchmaking briefing" in text
    # The experts are told (and e-mailed); nobody else sees the job or gets the notice.
    notice = Notice.objects.get(kind=Kind.BRIEFING)
    assert notice.recipient == personas["expert"] and notice.url == job.get_absolute_url()
    assert "1 November 2026" in notice.subject and notice.emailed_at is not None
    for other in ("committee", "state_poc", "provider_poc"):
        client = client_for(other)
        assert client.get(job.get_absolute_url()).status_code == 404, other
        assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404, other
    assert not Job.objects.visible_to(make_user("committee-2", Role.COMMITTEE)).exists()
    assert set(AuditEntry.objects.filter(target_type="jobs.job").values_list(
        "action", flat=True)) == {"job.done"}
    assert [e.changes["task"] for e in AuditEntry.objects.filter(action="task.run")
            if "briefing" in e.changes["task"]] == [tasks.briefing_draft.module_path]
    # Run again for the same period (a re-run by an expert): the kept draft, not a second one.
    tasks.briefing_draft.enqueue(start="2026-11")
    work()
    assert Job.objects.filter(kind=Job.Kind.BRIEFING).count() == 1
    assert Notice.objects.filter(kind=Kind.BRIEFING).count() == 1


def test_a_failed_draft_is_retried_then_shown_to_the_experts(reference_data, personas, settings,
                                                              monkeypatch):
    settings.JOBS_RETRY_DELAY = 0
    settings.JOBS_MAX_ATTEMPTS = 2
    from clearinghouse.assistance import briefing

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(briefing, "render_docx", broken)
    tasks.briefing_draft.enqueue(start="2027-01")
    work()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2
    failure = TaskFailure.objects.get()
    assert failure.task == tasks.briefing_draft.module_path and "no fonts" in failure.error
    job = Job.objects.get()
    assert (job.status, job.attempts) == ("failed", 2)
    assert AuditEntry.objects.filter(action="task.retry").count() == 1
    assert not Notice.objects.filter(kind=Kind.BRIEFING).exists()


def test_the_jobs_page_says_experts_find_the_scheduled_jobs_there(reference_data, personas):
    from tests.readers import reader

    line = "The scheduled jobs for the experts"
    assert line in reader(personas["expert"]).get("/jobs/").content.decode()
    assert line not in reader(personas["state_poc"]).get("/jobs/").content.decode()
