"""Writes on matches and the experts' decisions (pins, exclusions); see ``actions``.

Each locks the request (or the match) it acts on inside its transaction, so that two experts
proposing the same pair, or a provider's two answers, are decided one after the other.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clearinghouse.audit.log import record
from clearinghouse.core import concurrency
from clearinghouse.notifications import recipients
from clearinghouse.notifications.models import Kind
from clearinghouse.notifications.notify import notify

from . import engine, rules
from . import workflow as wf
from .actions import ActionConflict, ActionError, _event, _moved_on, _require, _user
from .models import Exclusion, Match, MatchStatus, Offer, Pin, Request


def _pair(req: Request, offer: Offer, *, pins=()):
    from .matching import run_on

    run = run_on(Request.objects.filter(pk=req.pk), Offer.objects.filter(pk=offer.pk),
                 use_decisions=False)
    return run.result.explain(req.engine_id, offer.engine_id)


def _already_proposed(match: Match) -> ActionConflict:
    who = match.proposed_by.get_username() if match.proposed_by else _("someone")
    return ActionConflict(
        _("This offer has already been proposed for this request, by %(who)s at %(when)s.")
        % {"who": who, "when": match.proposed_at.isoformat(timespec="seconds")},
        match=match.pk)


def propose_match(req: Request, offer: Offer, actor, note: str = "") -> Match:
    """Propose an offer for a request, keeping the score and reasons of this moment. The
    request must have been circulated to the offer's provider.

    Two experts proposing the same pair at once: the request's row is locked, so the second
    finds the first's match and gets an :class:`ActionConflict` naming it (never a crash)."""
    _require(actor, "assistance.manage")
    if req.status in wf.TERMINAL:
        raise ActionError(_("The request is %s: nothing can be proposed for it.")
                          % req.get_status_display())
    if Exclusion.objects.filter(request=req, offer=offer).exists():
        raise ActionError(_("An expert excluded this offer for this request."))
    if existing := Match.objects.filter(request=req, offer=offer).first():
        raise _already_proposed(existing)
    if not rules.reached(req, offer):
        # The provider's point of contact would read the request on "my matches": it must
        # have reached them first (a provider sees a request once circulated to it).
        raise ActionError(_("The request has not been circulated to %(provider)s: circulate it "
                            "to them before proposing their offer.")
                          % {"provider": offer.provider.name_in()})
    found = _pair(req, offer)
    if isinstance(found, engine.Rejection):
        raise ActionError(" ".join(found.reasons_in(get_language())))
    with transaction.atomic():
        concurrency.lock(req)  # one proposal (or decision) at a time per request
        if req.status in wf.TERMINAL:
            raise _moved_on(req, _("The request is now %(status)s (changed by %(who)s at "
                                   "%(when)s): nothing can be proposed for it."),
                            status=req.get_status_display())
        if Exclusion.objects.filter(request=req, offer=offer).exists():
            raise ActionConflict(_("An expert excluded this offer for this request."))
        if existing := Match.objects.filter(request=req, offer=offer).first():
            raise _already_proposed(existing)
        match = Match(request=req, offer=offer, score=round(found.score, 4),
                      components=found.components,
                      reasons=[r.as_record() for r in found.explanation],
                      proposed_by=_user(actor), notes=note)
        concurrency.stamp(match, actor)
        try:
            with transaction.atomic():
                match.save()
        except IntegrityError:  # a writer that did not lock the request (the unique pair)
            raise _already_proposed(Match.objects.get(request=req, offer=offer)) from None
        _event(req, actor, "match.proposed", req.status, req.status,
               f"{offer.engine_id}: {offer.title} ({found.score:.3f})")
        notify(Kind.PROPOSAL, match, recipients.of_provider(offer.provider))
    return match


def _answered(match: Match) -> ActionConflict:
    who = (match.responded_by.get_username() if match.responded_by
           else concurrency.changed_by(match)["who"])
    when = match.responded_at or match.modified_at
    return ActionConflict(
        _("This match was already answered: %(status)s by %(who)s at %(when)s. Your answer was "
          "not recorded.") % {"status": match.get_status_display(), "who": who,
                              "when": when.isoformat(timespec="seconds") if when else "?"},
        match=match.pk, status=match.status)


def respond(match: Match, actor, accept: bool, note: str = "", *, revision=None) -> Match:
    """The provider's point of contact accepts or declines a proposed match (compare-and-set:
    only a match still proposed, on its locked row; the second answer is refused)."""
    _require(actor, "assistance.respond", match)
    with transaction.atomic():
        concurrency.lock(match, revision, actor=actor)
        if match.status != MatchStatus.PROPOSED:
            raise _answered(match)
        req = concurrency.lock(match.request, actor=actor)
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
            # the step just before ("match accepted") says why: no words of its own, so the
            # history reads in the reader's language (history.py)
            _event(req, actor, "transition", wf.CIRCULATED, wf.MATCHED_PARTLY)
        notify(Kind.ANSWERED, match, recipients.experts(), accepted=accept)
    return match


def set_match_status(match: Match, actor, status: str, note: str = "", *,
                     revision=None) -> Match:
    _require(actor, "assistance.manage")
    allowed = {MatchStatus.ACCEPTED: (MatchStatus.IN_PROGRESS,),
               MatchStatus.IN_PROGRESS: (MatchStatus.COMPLETED,)}
    with transaction.atomic():
        concurrency.lock(match, revision, actor=actor)
        if status not in allowed.get(match.status, ()):
            raise ActionError(_("A match that is %(a)s cannot become %(b)s.") % {
                "a": match.get_status_display(), "b": status})
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
        raise ActionError(" ".join(found.reasons_in(get_language())))
    with transaction.atomic():
        concurrency.lock(req)  # one decision at a time per request (a request has one pin)
        if Exclusion.objects.filter(request=req, offer=offer).exists():
            raise ActionError(_("The pair is excluded: remove the exclusion first."))
        Pin.objects.filter(request=req).delete()
        made = Pin.objects.create(request=req, offer=offer, decided_by=_user(actor), note=note)
        _event(req, actor, "pinned", req.status, req.status, f"{offer.engine_id} {note}".strip())
    return made


def exclude(req: Request, offer: Offer, actor, note: str = "") -> Exclusion:
    _require(actor, "assistance.manage")
    with transaction.atomic():
        concurrency.lock(req)
        Pin.objects.filter(request=req, offer=offer).delete()
        made, _created = Exclusion.objects.get_or_create(
            request=req, offer=offer, defaults={"decided_by": _user(actor), "note": note})
        _event(req, actor, "excluded", req.status, req.status,
               f"{offer.engine_id} {note}".strip())
    return made


def remove_decision(req: Request, offer: Offer, actor) -> None:
    _require(actor, "assistance.manage")
    with transaction.atomic():
        concurrency.lock(req)
        Pin.objects.filter(request=req, offer=offer).delete()
        Exclusion.objects.filter(request=req, offer=offer).delete()
        _event(req, actor, "decision.removed", req.status, req.status, offer.engine_id)
