"""Long jobs a person starts: how each is started (by a view) and done (by the worker).

- the annual outreach review (PDF or DOCX), rendered as its owner would see it;
- a batch of Information Notes (the events a list shows, filtered), one ZIP of notes rendered
  as the owner may read them, in the language the owner read the list in;
- a large import, once its preview was confirmed: the file is kept with the job, checked
  again and written in one transaction with the job's end, so that a retry never writes twice.

Each job has its row (progress, message, result kept for download), its audit rows (start,
end) and its task (tasks.py: retried, then shown to the experts; runner.py).
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from clearinghouse.audit import log

from . import runner
from .models import Job

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A batch holds at most this many notes: a longer list is narrowed with the list's filters.
MAX_NOTES = 300
NOTE_FORMATS = ("pdf", "docx", "html", "md")


class Finished(Exception):
    """The job had already ended when this attempt came to write (nothing is written twice)."""


def progress(job_id: int, percent: int, message: str = "", **fields) -> None:
    """Progress is shown to the owner only; it is not a record change (the start, the end and
    every failure of the job are in the audit log)."""
    Job.objects.filter(pk=job_id).update(progress=percent, message=message[:300], **fields)


def failed(job_id: int, last: bool) -> None:
    """An attempt failed: the job's page says it will be tried again, or (``last``) that it
    failed and the experts were told (runner.py keeps the failure for them)."""
    if last:
        progress(job_id, 0, gettext_noop("Failed; the experts were told"),
                 status=Job.Status.FAILED)
    else:
        progress(job_id, 0, gettext_noop("Failed; it will be tried again shortly"),
                 status=Job.Status.QUEUED)


def begin(job_id: int, message: str) -> Job:
    job = Job.objects.select_related("owner").get(pk=job_id)
    if job.status != Job.Status.DONE:  # a failed job run again by an expert runs again
        progress(job_id, 5, message, status=Job.Status.RUNNING, attempts=job.attempts + 1)
    return job


def keep(job_id: int, data: bytes, filename: str, content_type: str, *,
         status: str = Job.Status.DONE, message: str = "", params: dict | None = None) -> Job:
    """The job's result kept for download, its end recorded (in the caller's transaction if
    there is one)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        job.result.save(f"{job.pk}-{filename}", ContentFile(data), save=False)
        job.filename, job.content_type = filename, content_type
        job.status, job.message = status, message
        job.progress = 100 if status == Job.Status.DONE else job.progress
        job.params = {**job.params, **(params or {})}
        job.finished_at = timezone.now()
        if job.upload:
            job.upload.delete(save=False)
        job.save()
        log.record(runner.ACTOR, "job.done" if status == Job.Status.DONE else "job.failed", job,
                   {"bytes": len(data), "file": filename, **(params or {})})
    return job


def start(user, kind: str, params: dict, task, upload: tuple[str, bytes] | None = None) -> Job:
    """A person starts a job: its row, its audit row and its task, in one transaction."""
    with transaction.atomic():
        job = Job(owner=user, kind=kind, params=params, message=gettext_noop("Waiting for a worker"))
        if upload is not None:
            job.save()
            job.upload.save(f"{job.pk}-{upload[0]}", ContentFile(upload[1]), save=False)
        job.save()
        queued = task.enqueue(job_id=job.pk)
        job.task_id = str(queued.id)
        job.save(update_fields=["task_id"])
        log.record(user, "job.start", job, {"kind": kind, **params, "task_id": job.task_id})
    return job


# -- the annual outreach review ---------------------------------------------------------------

def outreach_review(job_id: int) -> dict:
    from clearinghouse.outreach import review

    job = begin(job_id, gettext_noop("Collecting the year's events"))
    if job.status == Job.Status.DONE:
        return {"job": job_id, "status": job.status}
    year, fmt = int(job.params["year"]), job.params.get("format", "pdf")
    context = review.review_context(job.owner, year)
    progress(job_id, 40, gettext_noop("Rendering the document"))
    data = review.render_pdf(context) if fmt == "pdf" else review.render_docx(context)
    progress(job_id, 90, gettext_noop("Keeping the result"))
    keep(job_id, data, f"outreach-review-{year}.{fmt}",
         "application/pdf" if fmt == "pdf" else DOCX)
    return {"job": job_id, "bytes": len(data)}


# -- a batch of Information Notes -------------------------------------------------------------

def notes(job_id: int) -> dict:
    """Every listed event's note that the owner may still read, rendered in the job's language
    and format, in one ZIP. Events the owner may no longer read are left out and counted."""
    from clearinghouse.outreach import notes_service
    from clearinghouse.outreach.models import Event

    job = begin(job_id, gettext_noop("Rendering the notes"))
    if job.status == Job.Status.DONE:
        return {"job": job_id, "status": job.status}
    ids = [int(pk) for pk in job.params["events"]]
    fmt, language = job.params["format"], job.params["language"]
    visible = notes_service.with_note_parts(Event.objects.visible_to(job.owner))
    buffer, done, skipped = io.BytesIO(), 0, 0
    with translation.override(language), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for first in range(0, len(ids), 25):
            chunk = ids[first:first + 25]
            events = {event.pk: event for event in visible.filter(pk__in=chunk)}
            for pk in chunk:
                event = events.get(pk)
                if event is None:
                    skipped += 1
                    continue
                content = notes_service.render(event, fmt, job.owner, language)
                zf.writestr(notes_service.filename(event, fmt),
                            content.encode() if isinstance(content, str) else content)
                done += 1
                progress(job_id, 5 + 85 * (done + skipped) // max(len(ids), 1),
                         gettext_noop("Rendering the notes"))
    progress(job_id, 95, gettext_noop("Keeping the result"))
    stamp = timezone.now().strftime("%Y-%m-%d")
    keep(job_id, buffer.getvalue(), f"information-notes-{stamp}-{fmt}.zip", "application/zip",
         params={"rendered": done, "left_out": skipped})
    return {"job": job_id, "rendered": done, "left_out": skipped}


def start_notes(user, event_ids: list[int], fmt: str, language: str, filters: dict) -> Job:
    from . import tasks

    return start(user, Job.Kind.NOTES, {"events": event_ids[:MAX_NOTES], "count": len(event_ids),
                                        "format": fmt, "language": language,
                                        "filters": filters}, tasks.notes_batch)


# -- a large import ---------------------------------------------------------------------------

def _report(outcome) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["file", "rows", *outcome.summary])
    writer.writerow([outcome.file, outcome.rows, *outcome.summary.values()])
    return out.getvalue().encode("utf-8-sig")


def _problems(problems) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["file", "line", "field", "problem"])
    for p in problems:
        writer.writerow([p.file, p.line or "", p.field or "", p.message])
    return out.getvalue().encode("utf-8-sig")


def import_file(job_id: int) -> dict:
    """Check the confirmed file again and write it, with the job's end in the same transaction.
    A file that no longer passes (the records changed since the preview) writes nothing: the
    job ends as failed, with its problems kept for download; it is not retried."""
    from clearinghouse.core.importing import ImportFailed, run_import

    job = begin(job_id, gettext_noop("Reading the file"))
    if job.status == Job.Status.DONE:
        return {"job": job_id, "status": job.status}
    kind, name = job.params["kind"], job.params["file"]
    with job.upload.open("rb") as handle:
        content = handle.read()

    def written(outcome):
        locked = Job.objects.select_for_update().get(pk=job_id)
        if locked.status == Job.Status.DONE:
            raise Finished(job_id)
        keep(job_id, _report(outcome), f"import-report-{job_id}.csv", "text/csv",
             params={"rows": outcome.rows, "summary": outcome.summary})

    try:
        outcome = run_import(kind, name, content, job.owner, on_written=written,
                             progress=lambda percent, message: progress(job_id, percent, message))
    except Finished:
        return {"job": job_id, "status": "done"}
    except ImportFailed as failed:
        keep(job_id, _problems(failed.problems), f"import-problems-{job_id}.csv", "text/csv",
             status=Job.Status.FAILED, params={"problems": len(failed.problems)},
             message=gettext_noop("The file no longer passes the checks: nothing was written"))
        return {"job": job_id, "problems": len(failed.problems)}
    return {"job": job_id, "rows": outcome.rows, "summary": outcome.summary}


def start_import(user, kind: str, name: str, content: bytes, rows: int) -> Job:
    from . import tasks

    return start(user, Job.Kind.IMPORT, {"kind": kind, "file": name, "rows": rows},
                 tasks.import_file, upload=(name, content))
