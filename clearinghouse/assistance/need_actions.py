"""Writes on the needs of a request (see ``models_needs``); called by the request's actions.

A request always has at least one need. A request entered with no list of needs has one,
kept equal to the request's own title, description and tags while it stays the only one (so
the old single description and the forms that know nothing of needs keep working). Needs
proposed by the splitter (``engine.split_needs``) are only proposals: the person who enters
the request confirms or edits them, and the form sends them here.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from clearinghouse.audit.log import record

from . import tagging
from .engine import split_needs
from .models import Match, Need, NeedStatus, Request

MAX_NEEDS = 20
NEED_FIELDS = ("title", "description", "areas", "weapons", "types", "status")


class NeedsError(ValueError):
    """The needs given are not acceptable; the message names which and why."""


def proposed(description: str) -> list[dict]:
    """The needs the splitter proposes for a description: one per item of a numbered or
    bulleted list (each with the heading it sits under), or [] when the text holds no list."""
    split = split_needs(description or "")
    if not split.is_list:
        return []
    return [{"title": "", "description": item.full_text} for item in split.needs]


def _tag(need: Need) -> None:
    need.tags = tagging.provenance(need.title, need.description, need.areas, need.weapons,
                                   need.types)


def _not_a_list(kind: str, where: str) -> str:
    # One whole sentence per kind of code, never a code name spliced into a sentence.
    if kind == "areas":
        return _("%(where)s: the areas must be a list of codes.") % {"where": where}
    if kind == "weapons":
        return _("%(where)s: the weapon types must be a list of codes.") % {"where": where}
    return _("%(where)s: the types of assistance must be a list of codes.") % {"where": where}


def _unknown(kind: str, where: str, codes: str) -> str:
    values = {"where": where, "codes": codes}
    if kind == "areas":
        return _("%(where)s: unknown areas: %(codes)s") % values
    if kind == "weapons":
        return _("%(where)s: unknown weapon types: %(codes)s") % values
    return _("%(where)s: unknown types of assistance: %(codes)s") % values


def _codes(value, kind: str, where: str):
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or not all(isinstance(c, str) for c in value):
        raise NeedsError(_not_a_list(kind, where))
    terms = tagging.taxonomy().terms[kind]
    unknown = [c for c in value if c not in terms]
    if unknown:
        raise NeedsError(_unknown(kind, where, ", ".join(unknown)))
    return list(dict.fromkeys(value))


def clean(items) -> list[dict]:
    """Check a list of needs ({"title", "description", "areas", "weapons", "types",
    "status"}): every need has a description, codes are known, at most ``MAX_NEEDS``."""
    if not isinstance(items, (list, tuple)) or not items:
        raise NeedsError(_("A request needs at least one need."))
    if len(items) > MAX_NEEDS:
        raise NeedsError(_("At most %(n)d needs per request.") % {"n": MAX_NEEDS})
    out = []
    for k, item in enumerate(items, start=1):
        where = _("Need %(n)d") % {"n": k}
        if not isinstance(item, dict):
            raise NeedsError(_("%(where)s: give a description.") % {"where": where})
        description = str(item.get("description") or "").strip()
        if not description:
            raise NeedsError(_("%(where)s: give a description.") % {"where": where})
        status = item.get("status") or NeedStatus.OPEN
        if status not in NeedStatus.values:
            raise NeedsError(_("%(where)s: the status must be one of %(choices)s.")
                             % {"where": where, "choices": ", ".join(NeedStatus.values)})
        out.append({"title": str(item.get("title") or "").strip()[:300],
                    "description": description, "status": status,
                    **{kind: _codes(item.get(kind), kind, where) for kind in tagging.KINDS}})
    return out


def _single_from(req: Request) -> dict:
    return {"title": req.title, "description": req.description, "areas": req.areas,
            "weapons": req.weapons, "types": req.types}


def mirror_request(req: Request) -> Need | None:
    """Create the only need of a request that has none, or keep the only need equal to the
    request's title, description and codes. Does nothing to a request of several needs."""
    needs = list(req.needs.all())
    if len(needs) > 1:
        return None
    need = needs[0] if needs else Need(request=req, number=1)
    for name, value in _single_from(req).items():
        setattr(need, name, value)
    need.tags = req.tags
    need.save()
    return need


def replace_needs(req: Request, actor, items) -> list[Need]:
    """Set the request's needs to ``items`` (checked by :func:`clean`), numbered 1, 2, ... in
    their order. An item that is an existing need (same description) keeps that need's
    record, matches, pins and exclusions, and its title, codes and status where the item does
    not give them; a need no longer listed is deleted, or withdrawn (numbered after the
    others) if it already has matches. Call inside the request's transaction, with the
    request locked."""
    given = [set(item) if isinstance(item, dict) else set() for item in items]
    items = clean(items)
    existing = list(req.needs.order_by("number"))
    with_matches = set(Match.objects.filter(request=req).values_list("need_id", flat=True))
    free = {n.pk: n for n in existing}
    kept: list[Need] = []
    with transaction.atomic():
        # numbers out of the way first: (request, number) is unique
        for k, need in enumerate(existing, start=1):
            Need.objects.filter(pk=need.pk).update(number=1000 + k)
        for number, (item, keys) in enumerate(zip(items, given, strict=True), start=1):
            need = next((n for n in free.values() if n.description == item["description"]),
                        None)
            if need is not None:
                del free[need.pk]
            else:
                need = Need(request=req)
            need.number = number
            for name in NEED_FIELDS:
                if need.pk is None or name in keys or name == "description":
                    setattr(need, name, item[name])
            _tag(need)
            need.save()
            kept.append(need)
        number = len(kept)
        for need in free.values():
            if need.pk in with_matches:
                number += 1
                need.number, need.status = number, NeedStatus.WITHDRAWN
                need.save(update_fields=["number", "status"])
                kept.append(need)
            else:
                need.delete()
        record(actor, "assistance.request.needs", req,
               {"needs": [{"number": n.number, "label": n.label, "status": n.status}
                          for n in kept]})
    req._prefetched_objects_cache = {}
    return kept


def set_need_status(need: Need, actor, status: str, note: str = "") -> Need:
    """An expert records that a need is met (outside the clearinghouse), withdrawn, or open
    again."""
    from .actions import ActionError, _event, _require
    from .models import Request as RequestModel

    _require(actor, "assistance.manage")
    if status not in NeedStatus.values:
        raise ActionError(_("The status must be one of %(choices)s.")
                          % {"choices": ", ".join(NeedStatus.values)})
    with transaction.atomic():
        req = RequestModel.objects.select_for_update().get(pk=need.request_id)
        need = Need.objects.get(pk=need.pk)
        before = need.status
        if before == status:
            return need
        need.status = status
        need.save(update_fields=["status"])
        _event(req, actor, "need.status", req.status, req.status,
               f"#{need.number}: {before} -> {status} {note}".strip())
    return need
