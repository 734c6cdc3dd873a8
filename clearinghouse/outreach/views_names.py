"""Experts resolve the names a note or the event form could not: on an event's page (pick the
entity from suggestions, optionally remember the name as an alias, or create a new
organisation) and on the import review page (add an alias or create an organisation, then
read the notes again). Thin: the registry's and outreach's actions do the audited writes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.permissions import require
from clearinghouse.outreach import actions
from clearinghouse.outreach.models import Event
from clearinghouse.registry import actions as registry_actions
from clearinghouse.registry.models import Organisation
from clearinghouse.registry.services import resolver

MAX_SUGGESTIONS = 6


def suggestions(name: str) -> list[dict]:
    """What the reviewer may pick for a name: [{value, code, name, kind, confidence}]."""
    out = []
    for c in resolver().suggest(name, limit=MAX_SUGGESTIONS):
        out.append({"value": f"{c.entity.kind}:{c.entity.code}", "code": c.entity.code,
                    "name": c.entity.name, "kind": c.entity.kind,
                    "confidence": round(c.confidence, 2)})
    return out


def review_items(links) -> list[dict]:
    """The flagged names of an event (or of an import plan) with their suggestions."""
    seen: dict[str, list] = {}
    items = []
    for link in links:
        if link.name not in seen:
            seen[link.name] = suggestions(link.name)
        kind = "participant" if hasattr(link, "group") and hasattr(link, "flagged") else "organiser"
        items.append({"link": link, "name": link.name, "suggestions": seen[link.name],
                      "key": f"{kind}-{getattr(link, 'pk', '')}"})
    return items


def picked_entity(post):
    """The entity chosen in a review form: a suggestion ("state:KAZ") or a typed code."""
    value = (post.get("entity") or "").strip()
    code = (post.get("code") or "").strip()
    if code:
        kind = "state" if len(code) == 3 and code.isalpha() and not Organisation.objects.filter(
            code=code.upper()).exists() else "organisation"
        return registry_actions.entity_of(kind, code)
    if ":" in value:
        kind, _sep, code = value.partition(":")
        return registry_actions.entity_of(kind, code)
    raise ValidationError(_("Pick an entity from the suggestions or type its code."))


def new_organisation_fields(post, default_name: str) -> dict:
    return {"code": post.get("new_code", ""), "name": post.get("new_name") or default_name,
            "kind": post.get("new_kind", ""), "website": (post.get("new_website") or "").strip()}


def _error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(exc.messages)


@require_POST
def event_names(request, pk: int):
    """Resolve one flagged participant or organiser of an event."""
    require(request.user, "outreach.change")
    try:
        event = Event.objects.visible_to(request.user).get(pk=pk)
    except Event.DoesNotExist:
        raise Http404(_("No event number %(pk)s.") % {"pk": pk}) from None
    kind, _sep, link_id = (request.POST.get("link") or "").partition("-")
    related = {"participant": event.participants, "organiser": event.organisers}.get(kind)
    link = related.filter(pk=link_id).first() if related is not None and link_id.isdigit() else None
    if link is None:
        messages.error(request, _("This name is not one of the event's."))
        return redirect(event)
    try:
        if request.POST.get("do") == "create":
            require(request.user, "registry.change")
            organisation = actions.create_and_link(
                request.user, link, **new_organisation_fields(request.POST, link.name))
            messages.success(request, _("Organisation %(code)s created; “%(name)s” linked to it.")
                             % {"code": organisation.code, "name": link.name})
        else:
            remember = request.POST.get("remember") == "1"
            if remember:
                require(request.user, "registry.change")
            entity = picked_entity(request.POST)
            actions.link_name(request.user, link, entity, remember=remember)
            messages.success(request, _("“%(name)s” linked to %(entity)s.")
                             % {"name": link.name, "entity": entity})
    except ValidationError as exc:
        messages.error(request, _("Nothing changed: %(why)s") % {"why": _error_text(exc)})
    return redirect(event)


def import_name_action(request) -> str | None:
    """On the import review page: add a name as an alias, or create an organisation for it;
    returns an error sentence, or None when done (the notes are then read again)."""
    require(request.user, "registry.change")
    name = (request.POST.get("name") or "").strip()
    try:
        if request.POST.get("do") == "create":
            registry_actions.create_organisation(
                request.user, aliases=[name] if name else [],
                **new_organisation_fields(request.POST, name))
        else:
            registry_actions.add_alias(request.user, picked_entity(request.POST), name)
    except ValidationError as exc:
        return _error_text(exc)
    return None
