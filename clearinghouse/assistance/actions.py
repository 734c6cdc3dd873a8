"""Every write of the assistance domain: one transaction, one audit entry, one event.

Functions raise :class:`ActionError` (a message for the person) and change nothing when an
action is not possible; permission checks (``require``) come first.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import can, require
from clearinghouse.audit.log import record

from . import engine, rules, tagging
from . import workflow as wf
from .models import Consent, Exclusion, Match, MatchStatus, Offer, Pin, Request, RequestEvent


class ActionError(ValueError):
    """The action is not possible; the message says why."""


def _require(actor, action: str, obj=None) -> None:
    """Commands and loaders act as a named system actor (a string) and are trusted."""
    if not isinstance(actor, str):
        require(actor, action, obj)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _label(actor) -> str:
    if getattr(actor, "is_authenticated", False):
        return actor.get_username()
    return actor if isinstance(actor, str) else "system"


def _event(req: Request, actor, kind: str, before: str, after: str, note: str = "") -> None:
    user = actor if getattr(actor, "is_authenticated", False) else None
    RequestEvent.objects.create(request=req, actor=user, actor_label=_label(actor), kind=kind,
                                from_status=before, to_status=after, note=note)
    record(actor, f"assistance.{kind}", req, {"from": before, "to": after, "note": note})


# -- requests and offers ------------------------------------------------------------------

# Fields a form may change (status, consent and circulation change only through actions).
REQUEST_FIELDS = ("title", "description", "areas", "weapons", "types", "languages",
                  "beneficiaries", "timeframe", "previous_assistance", "action_plan_items",
                  "contact")
REQUEST_EXPERT_FIELDS = (*REQUEST_FIELDS, "summary", "channel", "received")
OFFER_FIELDS = ("title", "description", "areas", "weapons", "types", "eligibility", "languages",
                "capacity", "engaged_elsewhere", "valid_from", "valid_to", "contact")
TEXT_FIELDS = frozenset({"title", "description", *tagging.KINDS})


def _tag(obj) -> None:
    obj.tags = tagging.provenance(obj.title, obj.description, obj.areas, obj.weapons, obj.types)


def _check_plan_items(req: Request, plan_items) -> list:
    items = list(plan_items or ())
    if any(item.plan.state_id != req.state_id for item in items):
        raise ActionError(_("Link only action-plan items of the requesting State."))
    return items


def create_request(actor, *, plan_items=(), consent: str = Consent.NO_ANSWER,
                   consent_note: str = "", **fields) -> Request:
    """A new request (status "received"), its tags' provenance computed; the requesting
    State may consent to publication at once."""
    req = Request(**fields)
    _require(actor, "assistance.request.create", req)
    if consent not in (Consent.NO_ANSWER, Consent.CONSENTED):
        raise ActionError(_("At submission, consent to publication or leave it for later."))
    if consent == Consent.CONSENTED:
        _require(actor, "assistance.consent", req)
    items = _check_plan_items(req, plan_items)
    _tag(req)
    with transaction.atomic():
        req.save()
        if items:
            req.plan_items.set(items)
        _event(req, actor, "received", "", req.status, req.get_channel_display())
        if consent == Consent.CONSENTED:
            req.consent, req.published_on = consent, timezone.localdate()
            req.save(update_fields=["consent", "published_on", "updated_at"])
            _event(req, actor, consent, Consent.NO_ANSWER, consent,
                   consent_note or _("Consent given at submission."))
    return req


def _changes(obj, fields: dict, allowed) -> dict:
    refused = sorted(set(fields) - set(allowed))
    if refused:
        raise ActionError(_("These fields cannot be changed here: %s") % ", ".join(refused))
    return {k: {"from": getattr(obj, k), "to": v} for k, v in fields.items()
            if getattr(obj, k) != v}


def update_request(req: Request, actor, *, plan_items=None, **fields) -> Request:
    """Change a request's descriptive fields (never its status): experts any time, the
    State's point of contact while it is "received". Tags are recomputed if the text or
    the given tags changed."""
    _require(actor, "assistance.request.edit", req)
    expert = isinstance(actor, str) or can(actor, "assistance.manage")
    changes = _changes(req, fields, REQUEST_EXPERT_FIELDS if expert else REQUEST_FIELDS)
    if plan_items is not None:
        items = _check_plan_items(req, plan_items)
        before = sorted(item.pk for item in req.plan_items.all())
        if sorted(item.pk for item in items) != before:
            changes["plan_items"] = {"from": before, "to": sorted(i.pk for i in items)}
    if not changes:
        return req
    with transaction.atomic():
        for name, change in changes.items():
            if name != "plan_items":
                setattr(req, name, change["to"])
        if TEXT_FIELDS & set(changes):
            _tag(req)
        req.save()
        if "plan_items" in changes:
            req.plan_items.set(items)
        RequestEvent.objects.create(request=req, actor=_user(actor), actor_label=_label(actor),
                                    kind="edited", from_status=req.status, to_status=req.status,
                                    note=_("Changed: %s") % ", ".join(sorted(changes)))
        record(actor, "assistance.request.edited", req, changes)
    return req


def create_offer(actor, **fields) -> Offer:
    offer = Offer(**fields)
    _require(actor, "assistance.offer.manage", offer)
    _tag(offer)
    with transaction.atomic():
        offer.save()
        record(actor, "assistance.offer.created", offer, {"title": offer.title})
    return offer


def update_offer(offer: Offer, actor, **fields) -> Offer:
    """Change an offer (not its provider); tags recomputed if the text or given tags changed."""
    _require(actor, "assistance.offer.manage", offer)
    changes = _changes(offer, fields, OFFER_FIELDS)
    if not changes:
        return offer
    with transaction.atomic():
        for name, change in changes.items():
            setattr(offer, name, change["to"])
        if TEXT_FIELDS & set(changes):
            _tag(offer)
        offer.save()
        record(actor, "assistance.offer.edited", offer, changes)
    return offer


def set_offer_active(offer: Offer, actor, active: bool) -> Offer:
    _require(actor, "assistance.offer.manage", offer)
    with transaction.atomic():
        offer.active = active
        offer.save(update_fields=["active"])
        record(actor, "assistance.offer.active", offer, {"active": active})
    return offer


def transition(req: Request, actor, target: str, note: str = "") -> Request:
    _require(actor, "assistance.manage")
    if target == wf.CIRCULATED:
        raise ActionError(_("Use “circulate” to circulate a request to providers."))
    if not wf.can_move(req.status, target):
        raise ActionError(_("A request that is %(current)s cannot become %(target)s.") % {
            "current": req.get_status_display(), "target": dict(wf.STATUS_CHOICES).get(
                target, target)})
    with transaction.atomic():
        before = req.status
        req.status = target
        req.save(update_fields=["status", "updated_at"])
        _event(req, actor, "transition", before, target, note)
    return req


def circulate(req: Request, actor, providers=None, *, today: dt.date | None = None,
              note: str = "") -> Request:
    """Circulate to the providers given (States and organisations); by default, the providers
    of the request's current candidate offers. Sets the objection deadline and follow-up.

    A request already circulated (and still open) can be circulated to further providers: they
    are added, and its status, objection deadline and follow-up date stay as they are."""
    _require(actor, "assistance.manage")
    again = bool(req.circulated_on) and req.status not in wf.TERMINAL
    if not again and not wf.can_move(req.status, wf.CIRCULATED):
        raise ActionError(_("Only an acknowledged request can be circulated (this one is %s).")
                          % req.get_status_display())
    today = today or timezone.localdate()
    if providers is None:
        from .matching import run_for

        providers = [offer.provider for offer, _c in run_for(req).candidates(req)]
    states = {p.pk: p for p in providers if p.__class__.__name__ == "State"}
    orgs = {p.pk: p for p in providers if p.__class__.__name__ == "Organisation"}
    if again:
        states = {pk: s for pk, s in states.items()
                  if not req.circulated_to_states.filter(pk=pk).exists()}
        orgs = {pk: o for pk, o in orgs.items()
                if not req.circulated_to_organisations.filter(pk=pk).exists()}
        if not states and not orgs and providers:
            raise ActionError(_("The request was already circulated to every provider given."))
    if not states and not orgs:
        raise ActionError(_("Choose at least one provider to circulate the request to."))
    names = sorted([s.iso3 for s in states.values()] + [o.code for o in orgs.values()])
    with transaction.atomic():
        before = req.status
        if not again:
            req.status = wf.CIRCULATED
            req.circulated_on = today
            req.objection_deadline = wf.objection_deadline(today)
            req.follow_up_due = wf.follow_up_due(today)
            req.save()
        req.circulated_to_states.add(*states.values())
        req.circulated_to_organisations.add(*orgs.values())
        if again:
            text = _("Also circulated to %s") % ", ".join(names)
        else:
            text = _("Circulated to %s") % ", ".join(names)
        _event(req, actor, "circulated", before, req.status, note or text)
    return req


def answer_publication(req: Request, actor, consent: str, note: str = "", *,
                       today: dt.date | None = None) -> Request:
    """The requesting State consents to publication, or objects (any time before it)."""
    _require(actor, "assistance.consent", req)
    today = today or timezone.localdate()
    if consent not in (Consent.CONSENTED, Consent.OBJECTED):
        raise ActionError(_("Answer “consented” or “objected”."))
    if consent == Consent.OBJECTED and req.is_public(today):
        raise ActionError(_("The summary is already published: an objection must come before "
                            "publication (deadline %s).") % req.objection_deadline)
    with transaction.atomic():
        before = req.consent
        req.consent = consent
        if consent == Consent.CONSENTED and not req.published_on:
            req.published_on = today
        req.save(update_fields=["consent", "published_on", "updated_at"])
        _event(req, actor, consent, before, consent, note)
    return req


def publish_due(today: dt.date | None = None, actor="system") -> list[Request]:
    """Record the publication of every request whose objection window closed without an
    objection (pages already treat them as public from the day after the deadline)."""
    from .models import published_q

    today = today or timezone.localdate()
    due = list(Request.objects.filter(published_q(today), published_on__isnull=True))
    with transaction.atomic():
        for req in due:
            req.published_on = today
            req.save(update_fields=["published_on", "updated_at"])
            _event(req, actor, "published", req.consent, "published",
                   _("No objection within 5 working days (deadline %s).") % req.objection_deadline)
    return due


def record_follow_up(req: Request, actor, note: str = "", *, today: dt.date | None = None):
    _require(actor, "assistance.manage")
    if not req.circulated_on:
        raise ActionError(_("A follow-up is due only after circulation."))
    with transaction.atomic():
        req.followed_up_on = today or timezone.localdate()
        req.save(update_fields=["followed_up_on", "updated_at"])
        _event(req, actor, "follow_up", req.status, req.status, note)
    return req


def confirm_tags(record_obj, actor, codes: dict | None = None):
    """An expert confirms (or corrects) the areas, weapon types and types of a record: they
    become given, with who confirmed them kept in the provenance."""
    _require(actor, "assistance.manage")
    tax = tagging.taxonomy()
    current = record_obj.tags or tagging.provenance(
        record_obj.title, record_obj.description, record_obj.areas, record_obj.weapons,
        record_obj.types)
    for kind in tagging.KINDS:
        chosen = (codes or {}).get(kind)
        if chosen is None:
            chosen = [t["code"] for t in current.get(kind, [])]
        unknown = [c for c in chosen if c not in tax.terms[kind]]
        if unknown:
            raise ActionError(_("Unknown %(kind)s: %(codes)s") % {"kind": kind,
                                                                  "codes": ", ".join(unknown)})
        setattr(record_obj, kind, list(dict.fromkeys(chosen)))
    tags = tagging.provenance(record_obj.title, record_obj.description, record_obj.areas,
                              record_obj.weapons, record_obj.types)
    evidence = {k: {t["code"]: t for t in current.get(k, [])} for k in tagging.KINDS}
    stamp = timezone.now().isoformat(timespec="seconds")
    for kind in tagging.KINDS:
        for tag in tags[kind]:
            before = evidence[kind].get(tag["code"])
            if before and before["source"] == "inferred":
                tag.update(source="inferred", evidence=before["evidence"])
            tag.update(confirmed_by=_label(actor), confirmed_at=stamp)
    record_obj.tags = tags
    with transaction.atomic():
        record_obj.save()
        record(actor, "assistance.tags.confirmed", record_obj,
               {k: getattr(record_obj, k) for k in tagging.KINDS})
    return record_obj


# -- matches and the experts' decisions -----------------------------------------------------

def _pair(req: Request, offer: Offer, *, pins=()):
    from .matching import run_on

    run = run_on(Request.objects.filter(pk=req.pk), Offer.objects.filter(pk=offer.pk),
                 use_decisions=False)
    return run.result.explain(req.engine_id, offer.engine_id)


def propose_match(req: Request, offer: Offer, actor, note: str = "") -> Match:
    """Propose an offer for a request, keeping the score and reasons of this moment. The
    request must have been circulated to the offer's provider."""
    _require(actor, "assistance.manage")
    if req.status in wf.TERMINAL:
        raise ActionError(_("The request is %s: nothing can be proposed for it.")
                          % req.get_status_display())
    if Exclusion.objects.filter(request=req, offer=offer).exists():
        raise ActionError(_("An expert excluded this offer for this request."))
    if Match.objects.filter(request=req, offer=offer).exists():
        raise ActionError(_("This offer has already been proposed for this request."))
    if not rules.reached(req, offer):
        # The provider's point of contact would read the request on "my matches": it must
        # have reached them first (a provider sees a request once circulated to it).
        raise ActionError(_("The request has not been circulated to %(provider)s: circulate it "
                            "to them before proposing their offer.")
                          % {"provider": offer.provider_name})
    found = _pair(req, offer)
    if isinstance(found, engine.Rejection):
        raise ActionError(" ".join(found.reasons))
    with transaction.atomic():
        match = Match.objects.create(request=req, offer=offer, score=round(found.score, 4),
                                     components=found.components, reasons=list(found.reasons),
                                     proposed_by=_user(actor),
                                     notes=note)
        _event(req, actor, "match.proposed", req.status, req.status,
               f"{offer.engine_id}: {offer.title} ({found.score:.3f})")
    return match


def respond(match: Match, actor, accept: bool, note: str = "") -> Match:
    """The provider's point of contact accepts or declines a proposed match."""
    _require(actor, "assistance.respond", match)
    if match.status != MatchStatus.PROPOSED:
        raise ActionError(_("This match is already %s.") % match.get_status_display())
    req = match.request
    with transaction.atomic():
        match.status = MatchStatus.ACCEPTED if accept else MatchStatus.DECLINED
        match.responded_by, match.responded_at = _user(actor), timezone.now()
        if note:
            match.notes = (match.notes + "\n" + note).strip()
        match.save()
        _event(req, actor, "match.accepted" if accept else "match.declined", req.status,
               req.status, f"{match.offer.engine_id}: {note}".strip(": "))
        if accept and req.status == wf.CIRCULATED:
            req.status = wf.MATCHED_PARTLY
            req.save(update_fields=["status", "updated_at"])
            _event(req, actor, "transition", wf.CIRCULATED, wf.MATCHED_PARTLY,
                   _("A provider accepted a match."))
    return match


def set_match_status(match: Match, actor, status: str, note: str = "") -> Match:
    _require(actor, "assistance.manage")
    allowed = {MatchStatus.ACCEPTED: (MatchStatus.IN_PROGRESS,),
               MatchStatus.IN_PROGRESS: (MatchStatus.COMPLETED,)}
    if status not in allowed.get(match.status, ()):
        raise ActionError(_("A match that is %(a)s cannot become %(b)s.") % {
            "a": match.get_status_display(), "b": status})
    with transaction.atomic():
        before = match.status
        match.status = status
        match.save(update_fields=["status", "updated_at"])
        record(actor, "assistance.match.status", match, {"from": before, "to": status,
                                                         "note": note})
    return match


def pin(req: Request, offer: Offer, actor, note: str = "") -> Pin:
    _require(actor, "assistance.manage")
    found = _pair(req, offer)
    if isinstance(found, engine.Rejection):
        raise ActionError(" ".join(found.reasons))
    if Exclusion.objects.filter(request=req, offer=offer).exists():
        raise ActionError(_("The pair is excluded: remove the exclusion first."))
    with transaction.atomic():
        Pin.objects.filter(request=req).delete()
        made = Pin.objects.create(request=req, offer=offer, decided_by=_user(actor), note=note)
        _event(req, actor, "pinned", req.status, req.status, f"{offer.engine_id} {note}".strip())
    return made


def exclude(req: Request, offer: Offer, actor, note: str = "") -> Exclusion:
    _require(actor, "assistance.manage")
    with transaction.atomic():
        Pin.objects.filter(request=req, offer=offer).delete()
        made, _created = Exclusion.objects.get_or_create(
            request=req, offer=offer, defaults={"decided_by": _user(actor), "note": note})
        _event(req, actor, "excluded", req.status, req.status,
               f"{offer.engine_id} {note}".strip())
    return made


def remove_decision(req: Request, offer: Offer, actor) -> None:
    _require(actor, "assistance.manage")
    with transaction.atomic():
        Pin.objects.filter(request=req, offer=offer).delete()
        Exclusion.objects.filter(request=req, offer=offer).delete()
        _event(req, actor, "decision.removed", req.status, req.status, offer.engine_id)
