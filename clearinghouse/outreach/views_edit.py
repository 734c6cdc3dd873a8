"""The experts' event form: create an event from the web (a draft) or edit one. Thin: the
form checks the input, ``actions.save_event`` resolves the names and writes, audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import require
from clearinghouse.outreach import actions
from clearinghouse.outreach.forms import EventForm
from clearinghouse.outreach.models import Event


def event_new(request):
    require(request.user, "outreach.change")
    form = EventForm(request.POST or None, request.FILES or None)
    return _save(request, form, None)


def event_edit(request, pk: int):
    require(request.user, "outreach.change")
    try:
        event = (Event.objects.visible_to(request.user)
                 .prefetch_related("organisers", "participants").get(pk=pk))
    except Event.DoesNotExist:
        raise Http404(_("No event number %(pk)s.") % {"pk": pk}) from None
    form = EventForm(request.POST or None, request.FILES or None,
                     initial=EventForm.initial_for(event))
    return _save(request, form, event)


def _save(request, form, event):
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            changed = form.changed_data if event is not None else ["organisers", "participants"]
            upload = data.get("document")
            try:
                saved = actions.save_event(
                    request.user, event, form.event_fields(),
                    organiser_names=data["organisers"] if "organisers" in changed else None,
                    participant_rows=data["participants"] if "participants" in changed else None,
                    new_series=data.get("new_series") or "",
                    document=(upload.name, upload.read(), data["document_title"])
                    if upload else None)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                flagged = sum(1 for p in saved.participants.all() if p.flagged)
                messages.success(request, _("Event saved."))
                if flagged:
                    messages.warning(request, _("%(n)s name(s) could not be matched to the "
                                                "registry with confidence: kept as written and "
                                                "flagged.") % {"n": flagged})
                return redirect(saved)
    return render(request, "outreach/event_form.html", {"form": form, "event": event},
                  status=400 if request.method == "POST" else 200)


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
