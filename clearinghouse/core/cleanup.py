"""Periodic clean-up, as plain functions (a task queue can call them later).

- uploads awaiting confirmation (core/pending.py) that were never confirmed, after a day;
- expired sessions; the lockout's records of failed sign-ins past their cool-off time;
- the kept results of jobs that ended more than ``JOBS_KEEP_DAYS`` days ago (the job's row,
  its status and its audit rows stay; its page says the result was removed).

`clearinghouse cleanup` runs them all; `clearinghouse init` runs them at start-up, and the
README shows a cron line (or the systemd timer in deploy/) for a daily run.
"""

from __future__ import annotations

import shutil
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings

PENDING_MAX_AGE = timedelta(days=1)


def pending_uploads(max_age: timedelta = PENDING_MAX_AGE, now: float | None = None) -> list[str]:
    """Remove the folders of uploads stashed longer than ``max_age`` ago; their tokens."""
    root = Path(settings.MEDIA_ROOT) / "pending-imports"
    if not root.is_dir():
        return []
    limit = (now if now is not None else time.time()) - max_age.total_seconds()
    removed = []
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def expired_sessions() -> None:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.filter(expire_date__lt=timezone.now()).delete()


def old_login_failures() -> int:
    from axes.models import AccessAttempt
    from django.utils import timezone

    cooloff = timedelta(hours=settings.AXES_COOLOFF_TIME)
    deleted, _ = AccessAttempt.objects.filter(
        attempt_time__lt=timezone.now() - cooloff).delete()
    return deleted


def old_job_results(now=None) -> int:
    """Remove the result (and any kept upload) of the jobs that ended more than
    ``JOBS_KEEP_DAYS`` days ago (0: keep them all); how many jobs lost theirs."""
    from django.utils import timezone

    from clearinghouse.jobs.models import Job

    days = getattr(settings, "JOBS_KEEP_DAYS", 90)
    if not days:
        return 0
    limit = (now or timezone.now()) - timedelta(days=days)
    removed = 0
    for job in Job.objects.filter(finished_at__lt=limit).exclude(result="", upload=""):
        job.result.delete(save=False)
        job.upload.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result="", upload="", filename="")
        removed += 1
    return removed


def run_all() -> dict:
    return {"pending_uploads": pending_uploads(), "sessions": expired_sessions(),
            "login_failures": old_login_failures(), "job_results": old_job_results()}
