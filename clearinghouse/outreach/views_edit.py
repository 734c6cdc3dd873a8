"""The experts' event form: create an event from the web (a draft) or edit one. Thin: the
form checks the input, ``actions.save_event`` resolves the names and writes, audited. An edit
carries the revision opened: if the event changed since, the conflict page (409) shows both
versions and keeps the input."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import require
from clearinghouse.core.concurrency import Conflict
from clearinghouse.core.concurrency.forms import add_revision, conflict_page, opened
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
    add_revision(form, event)  # the revision opened: no silent lost update
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
                    if upload else None, revision=opened(form))
            except Conflict as exc:
                return conflict_page(request, "outreach/event_form.html", {"event": event},
                                     form=form, conflict=exc,
                                     stored_initial=EventForm.initial_for(exc.stored),
                                     discard_url=reverse("outreach:event-edit", args=[event.pk]))
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
