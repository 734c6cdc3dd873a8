"""The tasks of the platform, on django-tasks (database backend; ``clearinghouse db_worker``).

Periodic (enqueued by ``clearinghouse scheduler``): publication of the requests whose objection
window closed, the reminders (follow-ups due, offers to reconfirm), the digest, the daily
clean-up, every two months the draft of the matchmaking briefing. Started by a person: the annual outreach review (PDF or DOCX),
rendered as its owner would see it, with progress and the result kept for download.

Every task takes ``attempt`` (1 for the first run): see runner.py for retries and audit.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_
from django_tasks import task

from clearinghouse.audit import log

from . import runner
from .models import Job


def _publish_due(today: str | None = None) -> dict:
    from clearinghouse.assistance.actions import publish_due

    day = dt.date.fromisoformat(today) if today else None
    published = publish_due(day, actor="task:assistance.publish_due")
    return {"published": [r.engine_id for r in published]}


@task()
def publish_due(attempt: int = 1, today: str | None = None):
    """Record the publication of the requests whose objection window closed."""
    return runner.run(publish_due, _publish_due, attempt, today=today)


def _cleanup() -> dict:
    from clearinghouse.core import cleanup

    return {k: v for k, v in cleanup.run_all().items() if isinstance(v, int | str | list)}


@task()
def daily_cleanup(attempt: int = 1):
    """Unconfirmed uploads, expired sessions, old lockout records."""
    return runner.run(daily_cleanup, _cleanup, attempt)


# -- notices by e-mail ------------------------------------------------------------------------

def _send_notice(notice_id: int) -> dict:
    from django.core.mail import send_mail

    from clearinghouse.notifications.models import Notice

    notice = Notice.objects.select_related("recipient").get(pk=notice_id)
    if notice.emailed_at:
        return {"notice": notice_id, "sent": False}
    send_mail(notice.subject, notice.body, None, [notice.recipient.email])
    with transaction.atomic():
        Notice.objects.filter(pk=notice_id).update(emailed_at=timezone.now())
        log.record(runner.ACTOR, "notice.emailed", notice, {"to": notice.recipient.email})
    return {"notice": notice_id, "sent": True}


@task()
def send_notice(attempt: int = 1, notice_id: int = 0):
    """E-mail one notice (chosen "immediately")."""
    return runner.run(send_notice, _send_notice, attempt, notice_id=notice_id)


def _digest() -> dict:
    from django.core.mail import send_mail
    from django.utils import translation

    from clearinghouse.notifications.models import Mode, Notice

    pending = (Notice.objects.filter(mode=Mode.DIGEST, emailed_at__isnull=True)
               .exclude(recipient__email="").select_related("recipient").order_by("pk"))
    people: dict = {}
    for notice in pending:
        people.setdefault(notice.recipient, []).append(notice)
    for user, notices in people.items():
        with translation.override(notices[-1].language):
            subject = translation.gettext("1540 Clearinghouse: %(n)d notices") % {
                "n": len(notices)}
        body = "\n\n".join(f"{n.subject}\n{n.body}" for n in notices)
        send_mail(subject, body, None, [user.email])
        with transaction.atomic():
            Notice.objects.filter(pk__in=[n.pk for n in notices]).update(
                emailed_at=timezone.now())
            log.record(runner.ACTOR, "notice.digest", user,
                       {"to": user.email, "notices": [n.pk for n in notices]},
                       label=user.get_username())
    return {"digests": len(people)}


@task()
def daily_digest(attempt: int = 1):
    """One e-mail per person with the notices they chose to receive as a daily digest."""
    return runner.run(daily_digest, _digest, attempt)


def _reminders(today: str | None = None) -> dict:
    from clearinghouse.notifications import reminders

    return reminders.run(dt.date.fromisoformat(today) if today else None)


@task()
def notice_reminders(attempt: int = 1, today: str | None = None):
    """Follow-ups falling due and offers to reconfirm: each notice once per due date."""
    return runner.run(notice_reminders, _reminders, attempt, today=today)


# -- jobs a person starts ---------------------------------------------------------------------

def _progress(job_id: int, percent: int, message: str = "", **fields) -> None:
    # Progress is shown to the owner only; it is not a record change (the start, the end and
    # every failure of the job are in the audit log).
    Job.objects.filter(pk=job_id).update(progress=percent, message=message[:300], **fields)


def _outreach_review(job_id: int) -> dict:
    from clearinghouse.outreach import review

    job = Job.objects.select_related("owner").get(pk=job_id)
    _progress(job_id, 5, N_("Collecting the year's events"), status=Job.Status.RUNNING,
              attempts=job.attempts + 1)
    year, fmt = int(job.params["year"]), job.params.get("format", "pdf")
    context = review.review_context(job.owner, year)
    _progress(job_id, 40, N_("Rendering the document"))
    data = review.render_pdf(context) if fmt == "pdf" else review.render_docx(context)
    _progress(job_id, 90, N_("Keeping the result"))
    filename = f"outreach-review-{year}.{fmt}"
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        job.result.save(f"{job.pk}-{filename}", ContentFile(data), save=False)
        job.filename = filename
        job.content_type = ("application/pdf" if fmt == "pdf" else
                            "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document")
        job.status, job.progress, job.message = Job.Status.DONE, 100, ""
        job.finished_at = timezone.now()
        job.save()
        log.record(runner.ACTOR, "job.done", job, {"bytes": len(data), "file": filename})
    return {"job": job_id, "bytes": len(data)}


@task()
def outreach_review(attempt: int = 1, job_id: int = 0):
    """Render the annual outreach review for the job's owner."""
    try:
        return runner.run(outreach_review, _outreach_review, attempt,
                          target_of=lambda: Job.objects.filter(pk=job_id).first(), job_id=job_id)
    except Exception:
        last = attempt >= runner.max_attempts()
        _progress(job_id, 0, N_("Failed; the experts were told") if last else
                  N_("Failed; it will be tried again shortly"),
                  status=Job.Status.FAILED if last else Job.Status.QUEUED)
        raise


# -- the bi-monthly briefing's draft (scheduled) ----------------------------------------------

def _briefing_reader():
    """The briefing is drafted as the experts read it (they see every request and match): an
    expert who is nobody, never saved, so that no account's scope decides what it holds."""
    from clearinghouse.accounts.models import Role, User

    return User(username="task:briefing", role=Role.EXPERT, is_active=True)


def _briefing_draft(start: str) -> dict:
    from django.conf import settings
    from django.utils import translation

    from clearinghouse.assistance import briefing, queries
    from clearinghouse.core.models import ILLUSTRATIVE_NOTICE, illustrative_loaded
    from clearinghouse.notifications import recipients
    from clearinghouse.notifications.models import Kind
    from clearinghouse.notifications.notify import notify

    first, last = briefing.period(dt.date.fromisoformat(f"{start}-01"))
    with transaction.atomic():
        job, _created = Job.objects.get_or_create(
            kind=Job.Kind.BRIEFING, owner=None, params__start=first.isoformat(),
            defaults={"params": {"start": first.isoformat(), "end": last.isoformat()},
                      "message": N_("Waiting for a worker")})
    if job.status == Job.Status.DONE:
        return {"job": job.pk, "bytes": job.result.size if job.result else 0}
    _progress(job.pk, 10, N_("Collecting the period's requests and matches"),
              status=Job.Status.RUNNING, attempts=job.attempts + 1)
    with translation.override(settings.LANGUAGE_CODE):
        notice = str(ILLUSTRATIVE_NOTICE) if illustrative_loaded() else ""
        data = briefing.render_docx(queries.briefing(_briefing_reader(), first, last), notice)
    _progress(job.pk, 90, N_("Keeping the result"))
    filename = f"matchmaking-briefing-{first:%Y-%m}-draft.docx"
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        job.result.save(f"{job.pk}-{filename}", ContentFile(data), save=False)
        job.filename = filename
        job.content_type = ("application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document")
        job.status, job.progress, job.message = Job.Status.DONE, 100, ""
        job.finished_at = timezone.now()
        job.save()
        log.record(runner.ACTOR, "job.done", job, {"bytes": len(data), "file": filename})
        notify(Kind.BRIEFING, job, recipients.experts())
    return {"job": job.pk, "bytes": len(data)}


@task()
def briefing_draft(attempt: int = 1, start: str = ""):
    """Every two months: the draft of the matchmaking briefing of the two months just ended
    (``start``: their first month, YYYY-MM), kept for download by the experts, who are told."""
    def the_job():
        return Job.objects.filter(kind=Job.Kind.BRIEFING, params__start=f"{start}-01").first()

    try:
        return runner.run(briefing_draft, _briefing_draft, attempt, target_of=the_job,
                          start=start)
    except Exception:
        job = the_job()
        if job is not None:
            last = attempt >= runner.max_attempts()
            _progress(job.pk, 0, N_("Failed; the experts were told") if last else
                      N_("Failed; it will be tried again shortly"),
                      status=Job.Status.FAILED if last else Job.Status.QUEUED)
        raise


BY_NAME = {t.module_path: t for t in (publish_due, daily_cleanup, outreach_review, send_notice,
                                      daily_digest, notice_reminders, briefing_draft)}


def start_outreach_review(user, year: int, fmt: str) -> Job:
    """A person starts the rendering of the annual review: the job, its audit row, the task."""
    with transaction.atomic():
        job = Job.objects.create(owner=user, kind=Job.Kind.OUTREACH_REVIEW,
                                 params={"year": year, "format": fmt},
                                 message=N_("Waiting for a worker"))
        queued = outreach_review.enqueue(job_id=job.pk)
        job.task_id = str(queued.id)
        job.save(update_fields=["task_id"])
        log.record(user, "job.start", job, {"kind": job.kind, "year": year, "format": fmt,
                                            "task_id": job.task_id})
    return job
