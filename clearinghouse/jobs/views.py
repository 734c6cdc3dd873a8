"""Pages of background jobs: start one, follow its progress, download its result; the tasks
that failed every attempt (experts)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.permissions import can, require
from clearinghouse.core import params

from . import person_jobs, runner, tasks
from .models import Job, TaskFailure

PAGE_SIZE = 50


@require_POST
def start_review(request):
    require(request.user, "jobs.start")
    require(request.user, "outreach.view")
    year = params.year(request.POST, "year")
    if year is None:
        raise params.BadParameter("year", _("year: give the year of the review."))
    fmt = params.choice(request.POST, "format", ("pdf", "docx"), default="pdf")
    job = tasks.start_outreach_review(request.user, year, fmt)
    return redirect(job.get_absolute_url())


@require_POST
def start_notes(request):
    """The Information Notes of the events a list shows (the same filters), in one ZIP."""
    from clearinghouse.outreach import queries

    require(request.user, "jobs.start")
    require(request.user, "outreach.view")
    filters = queries.event_filters(request.POST)
    fmt = params.choice(request.POST, "format", person_jobs.NOTE_FORMATS, default="pdf")
    ids = list(queries.events(request.user, filters).values_list("pk", flat=True)
               [:person_jobs.MAX_NOTES + 1])
    back = reverse("outreach:events") + ("?" + urlencode(filters) if filters else "")
    if not ids:
        messages.error(request, _("No event matches these filters: there is no note to render."))
        return redirect(back)
    if len(ids) > person_jobs.MAX_NOTES:
        messages.error(request, _("More than %(n)s events match: narrow the list with the "
                                  "filters, then render their notes.")
                       % {"n": person_jobs.MAX_NOTES})
        return redirect(back)
    job = person_jobs.start_notes(request.user, ids, fmt, get_language(), filters)
    return redirect(job.get_absolute_url())


def job_list(request):
    require(request.user, "jobs.start")
    jobs = Job.objects.visible_to(request.user)
    page = Paginator(jobs, PAGE_SIZE).get_page(params.page(request.GET))
    return render(request, "jobs/list.html", {
        "page": page, "scheduled_too": can(request.user, "jobs.failures")})


def mine(request, kind: str):
    """The list of the user's latest jobs of a kind, as the page that starts them shows it:
    that page fetches it again while a job runs (site.js), so progress shows in place."""
    require(request.user, "jobs.start")
    if kind not in Job.Kind.values:
        raise Http404(_("Unknown kind of job."))
    jobs = list(Job.objects.visible_to(request.user).filter(kind=kind)[:5])
    return render(request, "jobs/_my_jobs_list.html", {"jobs": jobs, "kind": kind})


def job_detail(request, pk: int):
    require(request.user, "jobs.start")
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    filters = []
    if job.kind == Job.Kind.NOTES:
        from clearinghouse.outreach.queries import described_filters

        filters = described_filters(job.params.get("filters") or {})
    return render(request, "jobs/detail.html", {
        "job": job, "finished": job.finished, "filters": filters,
        "keep_days": settings.JOBS_KEEP_DAYS})


def job_download(request, pk: int):
    require(request.user, "jobs.start")
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    if not job.finished or not job.result:
        raise Http404(_("This job has no result yet."))
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.filename,
                        content_type=job.content_type)


def failures(request):
    require(request.user, "jobs.failures")
    rows = TaskFailure.objects.visible_to(request.user)
    if params.choice(request.GET, "show", ("open", "all"), default="open") == "open":
        rows = rows.filter(resolved_at__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(params.page(request.GET))
    return render(request, "jobs/failures.html", {"page": page})


@require_POST
def run_again(request, pk: int):
    require(request.user, "jobs.failures")
    failure = get_object_or_404(TaskFailure.objects.visible_to(request.user), pk=pk)
    if failure.resolved_at:
        messages.error(request, _("This task was already run again by %(who)s at %(when)s.")
                       % {"who": failure.resolved_by, "when": failure.resolved_at})
    elif runner.run_again(failure, request.user):
        messages.success(request, _("The task is queued again."))
    return redirect("jobs:failures")
