"""The experts' upload page: the same importers as `clearinghouse load`, with a preview.

A confirmed file of ``IMPORT_BACKGROUND_ROWS`` rows or more is written by a worker (a job with
its progress, listed on this page, and its report kept for download); a smaller one at once."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import require

from . import params, pending
from .importing import IMPORTERS, ImportFailed, run_import

ALLOWED = (".csv", ".xlsx", ".json")
MAX_BYTES = 20 * 1024 * 1024


def upload(request):
    require(request.user, "import.run")
    kinds = sorted((k, cls.label or k) for k, cls in IMPORTERS.items())
    context = {"kinds": kinds, "importers": IMPORTERS,
               "background_rows": settings.IMPORT_BACKGROUND_ROWS}
    if request.method != "POST":
        context["kind"] = params.choice(request.GET, "kind", IMPORTERS) or ""
        return render(request, "core/import.html", context)

    if "token" in request.POST:
        return _confirm(request, context)
    kind = request.POST.get("kind", "")
    upload = request.FILES.get("file")
    context["kind"] = kind
    if kind not in IMPORTERS:
        context["problems"] = [_("Choose what the file holds.")]
    elif upload is None:
        context["problems"] = [_("Choose a file.")]
    elif Path(upload.name).suffix.lower() not in ALLOWED:
        context["problems"] = [_("%(name)s: use a .csv, .xlsx or .json file.") % {"name": upload.name}]
    elif upload.size > MAX_BYTES:
        context["problems"] = [_("%(name)s is larger than 20 MB.") % {"name": upload.name}]
    if context.get("problems"):
        context["problem_count"] = len(context["problems"])
        return render(request, "core/import.html", context, status=400)

    content = upload.read()
    try:
        outcome = run_import(kind, upload.name, content, request.user, dry_run=True)
    except ImportFailed as failed:
        context["problems"] = [str(p) for p in failed.problems[:200]]
        context["problem_count"] = len(failed.problems)
        return render(request, "core/import.html", context, status=400)
    token = pending.stash(request, "import", [(Path(upload.name).name, content)],
                          {"kind": kind, "rows": outcome.rows})
    context.update(outcome=outcome, token=token)
    return render(request, "core/import.html", context)


def _confirm(request, context):
    held = pending.take(request, "import", request.POST.get("token", ""))
    if held is None:
        messages.error(request, _("This upload has expired; please upload the file again."))
        return redirect("imports")
    [(name, content)], meta = held
    if meta.get("rows", 0) >= settings.IMPORT_BACKGROUND_ROWS:
        from clearinghouse.jobs import person_jobs

        job = person_jobs.start_import(request.user, meta["kind"], name, content,
                                       meta.get("rows", 0))
        messages.info(request, _("%(file)s is being saved in the background (job #%(job)s): "
                                 "its progress is shown below.") % {"file": name, "job": job.pk})
        return redirect("imports")
    try:
        outcome = run_import(meta["kind"], name, content, request.user)
    except ImportFailed as failed:  # the records changed since the preview
        context["problems"] = [str(p) for p in failed.problems[:200]]
        context["problem_count"] = len(failed.problems)
        return render(request, "core/import.html", context, status=400)
    counts = ", ".join(f"{k}: {v}" for k, v in outcome.summary.items())
    messages.success(request, _("%(file)s: %(rows)s rows loaded (%(counts)s).") % {
        "file": outcome.file, "rows": outcome.rows, "counts": counts})
    return redirect("imports")
