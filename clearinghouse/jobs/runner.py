"""Every task run goes through ``run()``: audited, retried, and kept for the experts when it
failed its last attempt (never lost).

A task body is a plain function; ``run(task, body, attempt, **kwargs)`` calls it, records
``task.run`` in the audit log when it succeeds, ``task.retry`` and a new enqueue (later, after
``JOBS_RETRY_DELAY`` seconds doubled at each attempt) when it fails before ``JOBS_MAX_ATTEMPTS``,
and ``task.failed`` with a :class:`TaskFailure` row after the last attempt. The exception is
raised again so that the queue's own result row says "failed" too.
"""

from __future__ import annotations

import datetime as dt
import traceback

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from clearinghouse.audit import log

ACTOR = "task-worker"


def max_attempts() -> int:
    return getattr(settings, "JOBS_MAX_ATTEMPTS", 3)


def retry_delay(attempt: int) -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "JOBS_RETRY_DELAY", 60) * 2 ** (attempt - 1))


def run(task, body, attempt: int = 1, *, target_of=None, **kwargs):
    """Run ``body(**kwargs)`` as attempt ``attempt`` of the django-tasks ``task``."""
    from .models import TaskFailure

    name = getattr(task, "module_path", str(task))
    target = target_of() if target_of else None
    try:
        result = body(**kwargs)
    except Exception as exc:
        error = "".join(traceback.format_exception_only(exc)).strip()[:2000]
        with transaction.atomic():
            if attempt < max_attempts():
                when = timezone.now() + retry_delay(attempt)
                queued = task.using(run_after=when).enqueue(attempt=attempt + 1, **kwargs)
                log.record(ACTOR, "task.retry", target,
                           {"task": name, "attempt": attempt, "error": error,
                            "next_attempt_at": when, "next_task_id": str(queued.id),
                            "kwargs": kwargs}, label=name)
            else:
                failure = TaskFailure.objects.create(task=name, kwargs=kwargs, attempts=attempt,
                                                     error=error)
                log.record(ACTOR, "task.failed", failure,
                           {"task": name, "attempts": attempt, "error": error, "kwargs": kwargs})
        raise
    with transaction.atomic():
        log.record(ACTOR, "task.run", target,
                   {"task": name, "attempt": attempt, "kwargs": kwargs, "result": result},
                   label=name)
    return result


def run_again(failure, actor):
    """An expert runs a failed task again (a new first attempt); the failure is resolved."""
    from . import tasks

    task = tasks.BY_NAME.get(failure.task)
    if task is None:
        raise ValueError(f"unknown task {failure.task}")
    with transaction.atomic():
        failure = type(failure).objects.select_for_update().get(pk=failure.pk)
        if failure.resolved_at:
            return None
        kwargs = {k: v for k, v in failure.kwargs.items() if k != "attempt"}
        queued = task.enqueue(**kwargs)
        failure.resolved_at = timezone.now()
        failure.resolved_by = actor.get_username()
        failure.save(update_fields=["resolved_at", "resolved_by"])
        log.record(actor, "task.run_again", failure,
                   {"task": failure.task, "task_id": str(queued.id)})
    return queued
