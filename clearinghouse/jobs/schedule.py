"""The periodic tasks and the scheduler's tick (idempotent).

``tick(now)`` enqueues each periodic task once per period: a ``ScheduleMark`` (name, slot) is
created in the same transaction as the enqueue, and the unique constraint on the pair means
that two schedulers (or a scheduler restarted within the period) never enqueue it twice.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from clearinghouse.audit import log

from . import tasks
from .models import ScheduleMark

ACTOR = "scheduler"


def _day(now: dt.datetime) -> str:
    return timezone.localtime(now).date().isoformat()


def _last_two_months(now: dt.datetime) -> str:
    """The bi-monthly periods run January-February, March-April, ... ; the slot is the first
    month (YYYY-MM) of the period that ended last: on any day of March or April, "YYYY-01"."""
    today = timezone.localtime(now).date()
    first = today.month - (today.month - 1) % 2     # this period's first month (odd)
    month, year = first - 2, today.year
    if month < 1:
        month, year = month + 12, year - 1
    return f"{year:04d}-{month:02d}"


# name -> (task, slot of a moment: the period it belongs to, kwargs for that slot)
PERIODIC = {
    "assistance.publish_due": (tasks.publish_due, _day, lambda slot: {"today": slot}),
    "core.daily_cleanup": (tasks.daily_cleanup, _day, lambda slot: {}),
    "notifications.reminders": (tasks.notice_reminders, _day, lambda slot: {"today": slot}),
    "notifications.daily_digest": (tasks.daily_digest, _day, lambda slot: {}),
    "assistance.briefing_draft": (tasks.briefing_draft, _last_two_months,
                                  lambda slot: {"start": slot}),
}


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every periodic task whose current period has not been enqueued yet; returns the
    names enqueued."""
    now = now or timezone.now()
    done = []
    for name, (task, slot_of, kwargs_of) in PERIODIC.items():
        slot = slot_of(now)
        if ScheduleMark.objects.filter(name=name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                mark = ScheduleMark.objects.create(name=name, slot=slot)
                queued = task.enqueue(**kwargs_of(slot))
                mark.task_id = str(queued.id)
                mark.save(update_fields=["task_id"])
                log.record(ACTOR, "task.enqueue", None,
                           {"task": task.module_path, "slot": slot, "task_id": mark.task_id},
                           label=name)
        except IntegrityError:
            continue  # another scheduler took this period
        done.append(name)
    return done
