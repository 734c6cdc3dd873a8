"""A real worker (django-tasks-db's db_worker loop, in a thread on its own database connection)
picks up and finishes the platform's tasks: the scheduler's periodic ones, a person's long job,
and a failing task retried and then shown to the experts. Runs on SQLite and PostgreSQL."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from clearinghouse.accounts.models import Role
from clearinghouse.assistance.models import Request
from clearinghouse.audit.models import AuditEntry
from clearinghouse.jobs import schedule, tasks
from clearinghouse.jobs.models import Job, ScheduleMark, TaskFailure
from clearinghouse.registry.models import State
from tests.assistance.factories import circulated_request
from tests.conftest import make_user
from tests.outreach.conftest import make_event

pytestmark = pytest.mark.django_db(transaction=True)


def work(timeout: float = 120):
    """Run one worker until the queue has nothing ready; fail if it does not finish."""
    errors = []

    def target():
        try:
            Worker(queue_names=["default"], interval=0.05, batch=True, backend_name="default",
                   startup_delay=False, max_tasks=None, worker_id="test-worker",
                   excluded_queue_names=[]).run()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "the worker did not finish"
    assert not errors, errors


@pytest.fixture
def quick_retries(settings):
    settings.JOBS_RETRY_DELAY = 0
    settings.JOBS_MAX_ATTEMPTS = 3


def test_scheduler_enqueues_once_per_day_and_the_worker_publishes(reference_data, personas):
    req = circulated_request(personas["expert"], State.objects.get(iso3="KAZ"),
                             [State.objects.get(iso3="USA")], day=dt.date(2026, 11, 23),
                             title="Silent")
    assert req.objection_deadline == dt.date(2026, 12, 1)  # Thanksgiving does not count
    now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
    assert set(schedule.tick(now)) == {"assistance.publish_due", "core.daily_cleanup",
                                       "notifications.daily_digest", "notifications.reminders",
                                       "assistance.briefing_draft"}
    assert schedule.tick(now) == [] and schedule.tick(now + dt.timedelta(hours=5)) == []
    assert ScheduleMark.objects.count() == 5 and DBTaskResult.objects.count() == 5
    work()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    req = Request.objects.get(pk=req.pk)
    assert req.published_on == dt.date(2026, 12, 2)
    runs = AuditEntry.objects.filter(action="task.run")
    assert {e.changes["task"] for e in runs} == {tasks.publish_due.module_path,
                                                  tasks.daily_cleanup.module_path,
                                                  tasks.daily_digest.module_path,
                                                  tasks.notice_reminders.module_path,
                                                  tasks.briefing_draft.module_path}
    assert next(e for e in runs if "publish" in e.changes["task"]).changes["result"] == {
        "published": [req.engine_id]}
    assert AuditEntry.objects.filter(action="task.enqueue").count() == 5
    # The next day is a new period for the daily tasks, not for the bi-monthly briefing.
    assert len(schedule.tick(now + dt.timedelta(days=1))) == 4


def test_a_person_starts_the_review_and_downloads_it_alone(reference_data, personas,
                                                           client_for):
    make_event(start=dt.date(2016, 5, 10))
    committee = client_for("committee")
    page = committee.get(reverse("outreach:statistics"))
    assert b"Render in the background" in page.content
    answer = committee.post(reverse("jobs:start-review"), {"year": "2016", "format": "pdf"})
    job = Job.objects.get()
    assert answer.status_code == 302 and answer["Location"] == job.get_absolute_url()
    waiting = committee.get(job.get_absolute_url())
    assert b'data-status="queued"' in waiting.content and b'http-equiv="refresh"' in waiting.content
    assert committee.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    work()
    job.refresh_from_db()
    assert (job.status, job.progress, job.filename) == ("done", 100, "outreach-review-2016.pdf")
    done = committee.get(job.get_absolute_url())
    assert b'data-status="done"' in done.content and b'http-equiv="refresh"' not in done.content
    pdf = committee.get(reverse("jobs:download", args=[job.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    started_from = committee.get(reverse("outreach:statistics")).content.decode()
    assert reverse("jobs:download", args=[job.pk]) in started_from
    # Scoped to its owner: nobody else sees the job, its result or its audit rows.
    for other in ("expert", "state_poc", "provider_poc"):
        client = client_for(other)
        assert client.get(job.get_absolute_url()).status_code == 404, other
        assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404, other
        assert b"outreach-review-2016" not in client.get(reverse("jobs:list")).content
    assert client_for("public").get(job.get_absolute_url()).status_code in (302, 403)
    assert set(AuditEntry.objects.filter(target_type="jobs.job").values_list(
        "action", flat=True)) == {"job.start", "job.done", "task.run"}
    # Experts read the whole audit log; another Committee member does not see these rows.
    other_member = make_user("committee-2", Role.COMMITTEE)
    assert not Job.objects.visible_to(personas["expert"]).exists()
    assert not AuditEntry.objects.visible_to(other_member).filter(target_type="jobs.job").exists()
    assert AuditEntry.objects.visible_to(personas["committee"]).filter(
        target_type="jobs.job").count() == 3


def test_bad_review_year_is_refused_naming_the_field(reference_data, personas, client_for):
    answer = client_for("committee").post(reverse("jobs:start-review"), {"year": "20x6"})
    assert answer.status_code == 400 and b"year" in answer.content
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def test_a_failing_task_is_retried_then_shown_to_the_experts(reference_data, personas,
                                                             client_for, quick_retries,
                                                             monkeypatch):
    def broken():
        raise RuntimeError("disk full")

    monkeypatch.setattr(tasks, "_cleanup", broken)
    tasks.daily_cleanup.enqueue()
    work()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 3
    assert AuditEntry.objects.filter(action="task.retry").count() == 2
    failure = TaskFailure.objects.get()
    assert (failure.attempts, failure.task) == (3, tasks.daily_cleanup.module_path)
    assert "disk full" in failure.error
    assert AuditEntry.objects.get(action="task.failed").target_id == str(failure.pk)

    page = client_for("expert").get(reverse("jobs:failures"))
    assert b"disk full" in page.content and b"Run again" in page.content
    for other in ("committee", "state_poc", "provider_poc"):
        assert client_for(other).get(reverse("jobs:failures")).status_code == 403, other

    monkeypatch.undo()
    answer = client_for("expert").post(reverse("jobs:run-again", args=[failure.pk]))
    assert answer.status_code == 302
    failure.refresh_from_db()
    assert failure.resolved_by == "expert"
    work()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert AuditEntry.objects.filter(action="task.run").count() == 1
    assert b"disk full" not in client_for("expert").get(reverse("jobs:failures")).content
