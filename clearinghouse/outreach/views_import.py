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

from clearinghouse.accounts.permissions import can, require
from clearinghouse.core import concurrency, pending
from clearinghouse.core.concurrency import Conflict
from clearinghouse.core.importing import ImportFailed
from clearinghouse.outreach import actions
from clearinghouse.outreach.importing import MAX_BYTES, SUPPORTED, plan_files
from clearinghouse.outreach.views_names import import_name_action, review_items
from clearinghouse.registry.models import Organisation
from clearinghouse.registry.services import registry_changed

MAX_FILES = 20


def upload(request):
    require(request.user, "outreach.import")
    context = {"accept": ",".join(SUPPORTED), "max_files": MAX_FILES}
    if request.method != "POST":
        return render(request, "outreach/import.html", context)
    if "token" in request.POST and request.POST.get("name_action"):
        return _resolve_name(request, context)
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
    return _review(request, context, plans, token)


def _review(request, context, plans, token, status=200):
    for plan in plans:
        plan.review = review_items(plan.flagged)
        plan.duplicate_revision = concurrency.token(plan.duplicate_of) if plan.duplicate_of else ""
    context.update(plans=plans, token=token, kinds=Organisation.Kind.choices,
                   can_resolve=can(request.user, "registry.change"))
    return render(request, "outreach/import.html", context, status=status)


def _resolve_name(request, context):
    """An alias added or an organisation created for a flagged name; the notes read again."""
    token = request.POST.get("token", "")
    held = pending.peek(request, "notes", token)
    if held is None:
        messages.error(request, _("This upload has expired; please upload the notes again."))
        return redirect("outreach:import")
    problem = import_name_action(request)
    registry_changed()  # this process reads the notes again at once, with the new name
    if problem:
        messages.error(request, _("Nothing changed: %(why)s") % {"why": problem})
    else:
        messages.success(request, _("The registry now knows “%(name)s”; the notes were read "
                                    "again.") % {"name": request.POST.get("name", "")})
    try:
        plans = plan_files(held[0])
    except ImportFailed as failed:
        context["problems"] = [str(p) for p in failed.problems]
        return render(request, "outreach/import.html", context, status=400)
    return _review(request, context, plans, token, status=400 if problem else 200)


def _create(request, context):
    held = pending.take(request, "notes", request.POST.get("token", ""))
    if held is None:
        messages.error(request, _("This upload has expired; please upload the notes again."))
        return redirect("outreach:import")
    files, _meta = held
    try:
        plans = plan_files(files)
        update = {i for i, plan in enumerate(plans) if plan.duplicate_of is not None
                  and request.POST.get(f"again-{i}", "update") == "update"}
        revisions = {i: request.POST.get(f"again-revision-{i}") or None for i in update}
        events = actions.import_notes(request.user, plans, update=update, revisions=revisions)
    except ImportFailed as failed:
        context["problems"] = [str(p) for p in failed.problems]
        return render(request, "outreach/import.html", context, status=400)
    except Conflict as conflict:
        context["problems"] = [_("Event #%(pk)s was changed after you reviewed the notes: "
                                 "nothing was written. Upload the notes again.")
                               % {"pk": conflict.stored.pk}]
        return render(request, "outreach/import.html", context, status=409)
    created = len(events) - len(update)
    if created:
        messages.success(request, _("%(n)s draft event(s) created: check and confirm each.")
                         % {"n": created})
    if update:
        messages.success(request, _("%(n)s event(s) updated from their note.") % {"n": len(update)})
    if len(events) == 1:
        return redirect(events[0])
    return redirect(reverse("outreach:events") + "?status=draft")
