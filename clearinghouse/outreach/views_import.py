"""The experts' note upload page: upload, side-by-side review, then create the drafts.

The same reading and checks as ``clearinghouse import-note`` (outreach.importing); a file with
any problem creates nothing for any file.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import require
from clearinghouse.core import pending
from clearinghouse.core.importing import ImportFailed
from clearinghouse.outreach import actions
from clearinghouse.outreach.importing import MAX_BYTES, SUPPORTED, plan_files

MAX_FILES = 20


def upload(request):
    require(request.user, "outreach.import")
    context = {"accept": ",".join(SUPPORTED), "max_files": MAX_FILES}
    if request.method != "POST":
        return render(request, "outreach/import.html", context)
    if "token" in request.POST:
        return _create(request, context)
    uploads = request.FILES.getlist("files")
    problems = []
    if not uploads:
        problems.append(_("Choose at least one note file."))
    elif len(uploads) > MAX_FILES:
        problems.append(_("At most %(n)s files at a time.") % {"n": MAX_FILES})
    for f in uploads:
        if f.size > MAX_BYTES:
            problems.append(_("%(name)s is larger than 20 MB.") % {"name": f.name})
    if problems:
        return render(request, "outreach/import.html", {**context, "problems": problems},
                      status=400)
    files = [(Path(f.name).name, f.read()) for f in uploads]
    try:
        plans = plan_files(files)
    except ImportFailed as failed:
        context["problems"] = [str(p) for p in failed.problems]
        return render(request, "outreach/import.html", context, status=400)
    token = pending.stash(request, "notes", files)
    context.update(plans=plans, token=token)
    return render(request, "outreach/import.html", context)


def _create(request, context):
    held = pending.take(request, "notes", request.POST.get("token", ""))
    if held is None:
        messages.error(request, _("This upload has expired; please upload the notes again."))
        return redirect("outreach:import")
    files, _meta = held
    try:
        events = actions.import_notes(request.user, plan_files(files))
    except ImportFailed as failed:
        context["problems"] = [str(p) for p in failed.problems]
        return render(request, "outreach/import.html", context, status=400)
    messages.success(request, _("%(n)s draft event(s) created: check and confirm each.")
                     % {"n": len(events)})
    if len(events) == 1:
        return redirect(events[0])
    return redirect(reverse("outreach:events") + "?status=draft")
