"""Every write of the assistance domain: one transaction, one audit entry, one event.

Functions raise :class:`ActionError` (a message for the person) and change nothing when an
action is not possible; permission checks (``require``) come first.

No silent lost update (``core.concurrency``): every action reloads the record it changes under
a lock inside its transaction (``concurrency.lock``). Edits take the revision the user opened
(``revision``) and raise ``Conflict`` when the record changed since; workflow steps check the
status they need on the locked row and raise :class:`ActionConflict` when someone else acted
first (``expected_status``: the status the page showed).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import can, require
from clearinghouse.audit.log import record
from clearinghouse.core import concurrency
from clearinghouse.core.concurrency import Conflict  # noqa: F401  (raised by the edits)
from clearinghouse.notifications import recipients
from clearinghouse.notifications.models import Kind
from clearinghouse.notifications.notify import notify

from . import tagging
from . import workflow as wf
from .models import Consent, Offer, Request, RequestEvent


class ActionError(ValueError):
    """The action is not possible; the message says why."""


class ActionConflict(ActionError, concurrency.StateConflict):
    """Someone else acted first: the record is no longer in the state this action needs.
    ``details`` (e.g. the existing match) go into the API's answer."""

    def __init__(self, message: str, **details):
        super().__init__(message)
        self.details = details


def _moved_on(obj, message: str, **values) -> ActionConflict:
    """An ActionConflict naming who changed ``obj`` last and when."""
    return ActionConflict(message % {**concurrency.changed_by(obj), **values})


def _expect(req: Request, expected_status: str | None) -> None:
    """The request must still be in the status the page showed."""
    if expected_status and req.status != expected_status:
        raise _moved_on(req, _("The request is now %(status)s (changed by %(who)s at %(when)s): "
                               "nothing was done. Look at it again."),
                        status=req.get_status_display())


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
                   consent_note: str = "", needs=None, **fields) -> Request:
    """A new request (status "received"), its tags' provenance computed; the requesting
    State may consent to publication at once. ``needs``: its needs ([{"title",
    "description", "areas", "weapons", "types"}], see ``need_actions.clean``); None = one
    need, the request itself."""
    from . import need_actions

    req = Request(**fields)
    if needs is not None:
        try:
            needs = need_actions.clean(needs)
        except need_actions.NeedsError as exc:
            raise ActionError(str(exc)) from None
    _require(actor, "assistance.request.create", req)
    if req.organisation_id and not req.organisation.intergovernmental:
        raise ActionError(_("Only an intergovernmental organisation may request assistance "
                            "(on behalf of its member States): %(name)s is not one.")
                          % {"name": req.organisation.name})
    if consent not in (Consent.NO_ANSWER, Consent.CONSENTED):
        raise ActionError(_("At submission, consent to publication or leave it for later."))
    if consent == Consent.CONSENTED:
        _require(actor, "assistance.consent", req)
    items = _check_plan_items(req, plan_items)
    _tag(req)
    concurrency.stamp(req, actor)
    with transaction.atomic():
        req.save()
        if needs is not None and len(needs) > 1:
            need_actions.replace_needs(req, actor, needs)
        else:
            need_actions.mirror_request(req)
        if items:
            req.plan_items.set(items)
        _event(req, actor, "received", "", req.status, req.channel)  # shown by its label
        notify(Kind.RECEIVED, req, recipients.experts())
        if consent == Consent.CONSENTED:
            req.consent, req.published_on = consent, timezone.localdate()
            req.save(update_fields=["consent", "published_on", "updated_at"])
            _event(req, actor, consent, Consent.NO_ANSWER, consent,
                   consent_note or _("Consent given at submission."))
            notify(Kind.PUBLISHED, req, recipients.requester_contacts(req), consented=True)
    return req


def _changes(obj, fields: dict, allowed) -> dict:
    refused = sorted(set(fields) - set(allowed))
    if refused:
        raise ActionError(_("These fields cannot be changed here: %s") % ", ".join(refused))
    return {k: {"from": getattr(obj, k), "to": v} for k, v in fields.items()
            if getattr(obj, k) != v}


def update_request(req: Request, actor, *, plan_items=None, revision=None, needs=None,
                   **fields) -> Request:
    """Change a request's descriptive fields (never its status): experts any time, the
    State's point of contact while it is "received". Tags are recomputed if the text or
    the given tags changed. ``revision``: the one the user opened (``Conflict`` if it moved).
    ``needs``: the request's needs as they should be (``need_actions.replace_needs``); None =
    unchanged (the only need of a one-need request follows the request's text)."""
    from . import need_actions

    _require(actor, "assistance.request.edit", req)
    if needs is not None:
        try:
            need_actions.clean(needs)
        except need_actions.NeedsError as exc:
            raise ActionError(str(exc)) from None
    expert = isinstance(actor, str) or can(actor, "assistance.manage")
    allowed = REQUEST_EXPERT_FIELDS if expert else REQUEST_FIELDS
    _changes(req, fields, allowed)  # refuse fields that may not change, before locking
    with transaction.atomic():
        concurrency.lock(req, revision, actor=actor)
        if not isinstance(actor, str) and not can(actor, "assistance.request.edit", req):
            raise _moved_on(req, _("The request is now %(status)s (changed by %(who)s at "
                                   "%(when)s): you can no longer change it."),
                            status=req.get_status_display())
        changes = _changes(req, fields, allowed)
        if plan_items is not None:
            items = _check_plan_items(req, plan_items)
            before = sorted(item.pk for item in req.plan_items.all())
            if sorted(item.pk for item in items) != before:
                changes["plan_items"] = {"from": before, "to": sorted(i.pk for i in items)}
        if needs is not None and _needs_differ(req, needs):
            changes["needs"] = {"from": len(req.needs.all()), "to": len(needs)}
        if not changes:
            return req
        for name, change in changes.items():
            if name not in ("plan_items", "needs"):
                setattr(req, name, change["to"])
        if TEXT_FIELDS & set(changes):
            _tag(req)
        req.save()
        if "needs" in changes:
            need_actions.replace_needs(req, actor, needs)
        elif len(req.needs.all()) <= 1 and TEXT_FIELDS & set(changes):
            need_actions.mirror_request(req)
        if "plan_items" in changes:
            req.plan_items.set(items)
        RequestEvent.objects.create(request=req, actor=_user(actor), actor_label=_label(actor),
                                    kind="edited", from_status=req.status, to_status=req.status,
                                    note=_("Changed: %s") % ", ".join(sorted(changes)))
        record(actor, "assistance.request.edited", req, changes)
    return req


def _needs_differ(req: Request, needs: list[dict]) -> bool:
    """Do the needs given differ from the stored ones (on the fields each gives)?"""
    from .need_actions import NEED_FIELDS, clean

    current = list(req.needs.order_by("number"))
    if len(current) != len(needs):
        return True
    for need, raw, item in zip(current, needs, clean(needs), strict=True):
        if any(getattr(need, name) != item[name] for name in NEED_FIELDS
               if name in raw or name == "description"):
            return True
    return False


def create_offer(actor, **fields) -> Offer:
    offer = Offer(**fields)
    _require(actor, "assistance.offer.manage", offer)
    _tag(offer)
    concurrency.stamp(offer, actor)
    with transaction.atomic():
        offer.save()
        record(actor, "assistance.offer.created", offer, {"title": offer.title})
    return offer


def update_offer(offer: Offer, actor, *, revision=None, **fields) -> Offer:
    """Change an offer (not its provider); tags recomputed if the text or given tags changed.
    ``revision``: the one the user opened (``Conflict`` if it moved)."""
    _require(actor, "assistance.offer.manage", offer)
    _changes(offer, fields, OFFER_FIELDS)
    with transaction.atomic():
        concurrency.lock(offer, revision, actor=actor)
        changes = _changes(offer, fields, OFFER_FIELDS)
        if not changes:
            return offer
        for name, change in changes.items():
            setattr(offer, name, change["to"])
        if TEXT_FIELDS & set(changes):
            _tag(offer)
        offer.save()
        record(actor, "assistance.offer.edited", offer, changes)
    return offer


def set_offer_active(offer: Offer, actor, active: bool, *, revision=None) -> Offer:
    _require(actor, "assistance.offer.manage", offer)
    with transaction.atomic():
        concurrency.lock(offer, revision, actor=actor)
        if offer.active == active:
            return offer
        offer.active = active
        offer.save(update_fields=["active"])
        record(actor, "assistance.offer.active", offer, {"active": active})
    return offer


def reconfirm_offer(offer: Offer, actor, *, now=None) -> Offer:
    """The provider (or an expert) confirms that the offer still stands: ``confirmed_at`` is
    set to now (resolution 2663 (2022): an up-to-date list of providers)."""
    _require(actor, "assistance.offer.manage", offer)
    with transaction.atomic():
        concurrency.lock(offer, actor=actor)
        before = offer.confirmed_at
        offer.confirmed_at = now or timezone.now()
        offer.save(update_fields=["confirmed_at"])
        record(actor, "assistance.offer.reconfirmed", offer,
               {"from": before.isoformat(timespec="seconds") if before else None,
                "to": offer.confirmed_at.isoformat(timespec="seconds")})
    return offer


def transition(req: Request, actor, target: str, note: str = "", *,
               expected_status: str | None = None, revision=None) -> Request:
    """Move the request to ``target`` (compare-and-set: on the locked row, from the status the
    page showed when ``expected_status`` is given)."""
    _require(actor, "assistance.manage")
    if target == wf.CIRCULATED:
        raise ActionError(_("Use “circulate” to circulate a request to providers."))
    with transaction.atomic():
        concurrency.lock(req, revision, actor=actor)
        _expect(req, expected_status)
        if not wf.can_move(req.status, target):
            raise ActionError(_("A request that is %(current)s cannot become %(target)s.") % {
                "current": req.get_status_display(), "target": dict(wf.STATUS_CHOICES).get(
                    target, target)})
        before = req.status
        req.status = target
        req.save(update_fields=["status", "updated_at"])
        _event(req, actor, "transition", before, target, note)
        if target == wf.ACKNOWLEDGED:
            notify(Kind.ACKNOWLEDGED, req, recipients.requester_contacts(req))
    return req


def _circulated_again(req: Request) -> bool:
    """Already circulated and still open: it may reach further providers."""
    return bool(req.circulated_on) and req.status not in wf.TERMINAL


def circulate(req: Request, actor, providers=None, *, today: dt.date | None = None,
              note: str = "", expected_status: str | None = None) -> Request:
    """Circulate to the providers given (States and organisations); by default, the providers
    of the request's current candidate offers. Sets the objection deadline and follow-up.

    A request already circulated (and still open) can be circulated to further providers: they
    are added, and its status, objection deadline and follow-up date stay as they are."""
    _require(actor, "assistance.manage")
    _expect(req, expected_status)
    again = _circulated_again(req)
    if not again and not wf.can_move(req.status, wf.CIRCULATED):
        raise ActionError(_("Only an acknowledged request can be circulated (this one is %s).")
                          % req.get_status_display())
    today = today or timezone.localdate()
    if providers is None:
        from .matching import run_for

        providers = [offer.provider for offer, _c in run_for(req).candidates_of_needs(req)]
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
        concurrency.lock(req, actor=actor)
        _expect(req, expected_status)
        if again != _circulated_again(req) or not (again or wf.can_move(req.status,
                                                                          wf.CIRCULATED)):
            raise _moved_on(req, _("The request is now %(status)s (changed by %(who)s at "
                                   "%(when)s): it cannot be circulated."),
                            status=req.get_status_display())
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
        notify(Kind.CIRCULATED, req, recipients.provider_contacts(states.values(), orgs.values()))
        if not again:
            notify(Kind.OBJECTION_WINDOW, req, recipients.requester_contacts(req))
    return req


def answer_publication(req: Request, actor, consent: str, note: str = "", *,
                       today: dt.date | None = None) -> Request:
    """The requesting State consents to publication, or objects (any time before it)."""
    _require(actor, "assistance.consent", req)
    today = today or timezone.localdate()
    if consent not in (Consent.CONSENTED, Consent.OBJECTED):
        raise ActionError(_("Answer “consented” or “objected”."))
    with transaction.atomic():
        concurrency.lock(req, actor=actor)
        if req.consent == consent:
            raise _moved_on(req, _("This answer (%(answer)s) was already recorded by %(who)s at "
                                   "%(when)s."), answer=req.get_consent_display())
        if consent == Consent.OBJECTED and req.is_public(today):
            raise ActionConflict(_("The summary is already published: an objection must come "
                                   "before publication (deadline %s).") % req.objection_deadline)
        before = req.consent
        req.consent = consent
        # Published now (and told, once): publish_due and a later answer find published_on set.
        published_now = consent == Consent.CONSENTED and not req.published_on
        if published_now:
            req.published_on = today
        req.save(update_fields=["consent", "published_on", "updated_at"])
        _event(req, actor, consent, before, consent, note)
        if published_now:
            notify(Kind.PUBLISHED, req, recipients.requester_contacts(req), consented=True)
    return req


def publish_due(today: dt.date | None = None, actor="system") -> list[Request]:
    """Record the publication of every request whose objection window closed without an
    objection (pages already treat them as public from the day after the deadline)."""
    from .models import published_q

    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(Request.objects.select_for_update()
                   .filter(published_q(today), published_on__isnull=True))
        for req in due:
            concurrency.stamp(req, actor)
            req.published_on = today
            req.save(update_fields=["published_on", "updated_at"])
            _event(req, actor, "published", req.consent, "published",
                   _("No objection within 5 working days (deadline %s).") % req.objection_deadline)
            notify(Kind.PUBLISHED, req, recipients.requester_contacts(req))
    return due


def record_follow_up(req: Request, actor, note: str = "", *, today: dt.date | None = None):
    _require(actor, "assistance.manage")
    with transaction.atomic():
        concurrency.lock(req, actor=actor)
        if not req.circulated_on:
            raise ActionError(_("A follow-up is due only after circulation."))
        req.followed_up_on = today or timezone.localdate()
        req.save(update_fields=["followed_up_on", "updated_at"])
        _event(req, actor, "follow_up", req.status, req.status, note)
    return req


def confirm_tags(record_obj, actor, codes: dict | None = None, *, revision=None):
    """An expert confirms (or corrects) the areas, weapon types and types of a record: they
    become given, with who confirmed them kept in the provenance."""
    _require(actor, "assistance.manage")
    with transaction.atomic():
        concurrency.lock(record_obj, revision, actor=actor)
        return _confirm_tags(record_obj, actor, codes)


def _confirm_tags(record_obj, actor, codes):
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
    record_obj.save()
    if isinstance(record_obj, Request) and len(record_obj.needs.all()) <= 1:
        from .need_actions import mirror_request

        mirror_request(record_obj)
    record(actor, "assistance.tags.confirmed", record_obj,
           {k: getattr(record_obj, k) for k in tagging.KINDS})
    return record_obj


# -- matches and the experts' decisions: in match_actions.py, re-exported here ---------------
from .feedback_actions import give_feedback  # noqa: E402
from .match_actions import (  # noqa: E402  (they use the helpers above)
    exclude,
    pin,
    propose_match,
    remove_decision,
    respond,
    set_match_status,
)
from .need_actions import set_need_status  # noqa: E402

__all__ = ["ActionConflict", "ActionError", "Conflict", "answer_publication", "circulate",
           "confirm_tags", "create_offer", "create_request", "exclude", "give_feedback", "pin",
           "propose_match", "publish_due", "reconfirm_offer", "record_follow_up",
           "remove_decision", "respond", "set_match_status", "set_need_status",
           "set_offer_active", "transition", "update_offer", "update_request"]
