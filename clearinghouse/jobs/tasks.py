"""The tasks of the platform, on django-tasks (database backend; ``clearinghouse db_worker``).

Periodic (enqueued by ``clearinghouse scheduler``): publication of the requests whose objection
window closed, the reminders (follow-ups due, offers to reconfirm), the digest, the daily
clean-up, every two months the draft of the matchmaking briefing. Started by a person
(person_jobs.py): the annual outreach review, a batch of Information Notes, a large import,
with progress and the result kept for download.

Every task takes ``attempt`` (1 for the first run): see runner.py for retries and audit.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import task

from clearinghouse.audit import log

from . import person_jobs, runner
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


# -- jobs a person starts (person_jobs.py) ----------------------------------------------------

def _run_job(task, body, attempt: int, job_id: int):
    """A person's job: run, and when it fails say so on its page (retried, or failed and
    shown to the experts)."""
    try:
        return runner.run(task, body, attempt,
                          target_of=lambda: Job.objects.filter(pk=job_id).first(), job_id=job_id)
    except Exception:
        person_jobs.failed(job_id, last=attempt >= runner.max_attempts())
        raise


@task()
def outreach_review(attempt: int = 1, job_id: int = 0):
    """Render the annual outreach review for the job's owner."""
    return _run_job(outreach_review, person_jobs.outreach_review, attempt, job_id)


@task()
def notes_batch(attempt: int = 1, job_id: int = 0):
    """Render a list of events' Information Notes into one ZIP for the job's owner."""
    return _run_job(notes_batch, person_jobs.notes, attempt, job_id)


@task()
def import_file(attempt: int = 1, job_id: int = 0):
    """Check and write a large import its owner confirmed."""
    return _run_job(import_file, person_jobs.import_file, attempt, job_id)


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
                      "message": gettext_noop("Waiting for a worker")})
    if job.status == Job.Status.DONE:
        return {"job": job.pk, "bytes": job.result.size if job.result else 0}
    person_jobs.progress(job.pk, 10,
                         gettext_noop("Collecting the period's requests and matches"),
                         status=Job.Status.RUNNING, attempts=job.attempts + 1)
    with translation.override(settings.LANGUAGE_CODE):
        notice = str(ILLUSTRATIVE_NOTICE) if illustrative_loaded() else ""
        data = briefing.render_docx(queries.briefing(_briefing_reader(), first, last), notice)
    person_jobs.progress(job.pk, 90, gettext_noop("Keeping the result"))
    with transaction.atomic():
        job = person_jobs.keep(job.pk, data, f"matchmaking-briefing-{first:%Y-%m}-draft.docx",
                               person_jobs.DOCX)
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
            person_jobs.failed(job.pk, last=attempt >= runner.max_attempts())
        raise


BY_NAME = {t.module_path: t for t in (publish_due, daily_cleanup, outreach_review, send_notice,
                                      daily_digest, notice_reminders, briefing_draft,
                                      notes_batch, import_file)}


def start_outreach_review(user, year: int, fmt: str) -> Job:
    """A person starts the rendering of the annual review: the job, its audit row, the task."""
    return person_jobs.start(user, Job.Kind.OUTREACH_REVIEW, {"year": year, "format": fmt},
                             outreach_review)
