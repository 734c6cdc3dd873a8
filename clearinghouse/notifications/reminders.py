"""The date-driven notices, sent by the daily ``notifications.reminders`` task.

A follow-up falling due (to the experts, from ``DUE_SOON_DAYS`` before its date) and an offer
to reconfirm (to its provider's points of contact and the experts). Each is sent once per
record and due date: a ``ScheduleMark`` (``notice.<kind>``, ``<pk>:<due date>``) is written
with the notice, and its unique constraint means that the task run again the next day, or by
two workers at once, does not repeat it. A new due date (an offer reconfirmed a year later)
is a new notice.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from clearinghouse.audit import log

from . import recipients
from .models import Kind
from .notify import notify

ACTOR = "notifications"


def _once(kind: str, record, due: dt.date, people) -> bool:
    """Notify ``people`` of ``record`` unless already done for this due date."""
    from clearinghouse.jobs.models import ScheduleMark

    try:
        with transaction.atomic():
            mark = ScheduleMark.objects.create(name=f"notice.{kind}",
                                               slot=f"{record.pk}:{due.isoformat()}")
            log.record(ACTOR, "notice.reminder", record,
                       {"kind": kind, "due": due, "mark": mark.pk})
            notify(kind, record, people)
    except IntegrityError:
        return False
    return True


def follow_ups_due(today: dt.date) -> list[int]:
    from clearinghouse.assistance import queries
    from clearinghouse.assistance.models import Request

    due, overdue = queries.follow_ups(Request.objects.all(), today)
    experts = recipients.experts()
    return [req.pk for req in overdue + due
            if _once(Kind.FOLLOW_UP, req, req.follow_up_due, experts)]


def offers_to_reconfirm(today: dt.date) -> list[int]:
    from clearinghouse.assistance.models import RECONFIRM_AFTER_DAYS, Offer

    sent = []
    offers = (Offer.objects.due_for_reconfirmation(today)
              .select_related("provider_state", "provider_organisation").order_by("pk"))
    experts = recipients.experts()
    for offer in offers:
        since = timezone.localtime(offer.confirmed_at or offer.created_at).date()
        due = since + dt.timedelta(days=RECONFIRM_AFTER_DAYS)
        if _once(Kind.RECONFIRM, offer, due, recipients.of_provider(offer.provider) + experts):
            sent.append(offer.pk)
    return sent


def run(today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {"follow_ups": follow_ups_due(today), "reconfirm": offers_to_reconfirm(today)}
