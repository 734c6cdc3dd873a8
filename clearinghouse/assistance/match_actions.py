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
from .models import Coverage, Exclusion, Match, MatchStatus, Need, NeedStatus, Offer, Pin, Request


def _need(req: Request, need: Need | None) -> Need:
    """The need acted on: the one given (it must be the request's), or the request's only
    need."""
    if need is not None:
        if need.request_id != req.pk:
            raise ActionError(_("This need is not one of this request's."))
        return need
    needs = list(req.needs.all())
    if not needs:  # a request stored without the actions (old data, a fixture)
        from .need_actions import mirror_request

        return mirror_request(req)
    if len(needs) == 1:
        return needs[0]
    raise ActionError(_("This request has %(n)d needs: choose the need.") % {"n": len(needs)})


def _pair(req: Request, offer: Offer, need: Need):
    from .matching import need_key, run_on

    run = run_on(Request.objects.filter(pk=req.pk), Offer.objects.filter(pk=offer.pk),
                 use_decisions=False)
    stored = run.requests[req.engine_id]
    key = need_key(stored, next(n for n in stored.needs.all() if n.pk == need.pk))
    return run.result.explain(key, offer.engine_id)


def _already_proposed(match: Match) -> ActionConflict:
    who = match.proposed_by.get_username() if match.proposed_by else _("someone")
    return ActionConflict(
        _("This offer has already been proposed for this request, by %(who)s at %(when)s.")
        % {"who": who, "when": match.proposed_at.isoformat(timespec="seconds")},
        match=match.pk)


def propose_match(req: Request, offer: Offer, actor, note: str = "", need: Need | None = None
                  ) -> Match:
    """Propose an offer for a need of a request (``need`` None: its only need), keeping the
    score and reasons of this moment. The request must have been circulated to the offer's
    provider.

    Two experts proposing the same pair at once: the request's row is locked, so the second
    finds the first's match and gets an :class:`ActionConflict` naming it (never a crash)."""
    _require(actor, "assistance.manage")
    need = _need(req, need)
    if req.status in wf.TERMINAL:
        raise ActionError(_("The request is %s: nothing can be proposed for it.")
                          % req.get_status_display())
    if need.status != NeedStatus.OPEN:
        raise ActionError(_("This need is %(status)s: nothing can be proposed for it.")
                          % {"status": need.get_status_display()})
    if Exclusion.objects.filter(need=need, offer=offer).exists():
        raise ActionError(_("An expert excluded this offer for this request."))
    if existing := Match.objects.filter(need=need, offer=offer).first():
        raise _already_proposed(existing)
    if not rules.reached(req, offer):
        # The provider's point of contact would read the request on "my matches": it must
        # have reached them first (a provider sees a request once circulated to it).
        raise ActionError(_("The request has not been circulated to %(provider)s: circulate it "
                            "to them before proposing their offer.")
                          % {"provider": offer.provider.name_in()})
    found = _pair(req, offer, need)
    if isinstance(found, engine.Rejection):
        raise ActionError(" ".join(found.reasons_in(get_language())))
    with transaction.atomic():
        concurrency.lock(req)  # one proposal (or decision) at a time per request
        if req.status in wf.TERMINAL:
            raise _moved_on(req, _("The request is now %(status)s (changed by %(who)s at "
                                   "%(when)s): nothing can be proposed for it."),
                            status=req.get_status_display())
        if Exclusion.objects.filter(need=need, offer=offer).exists():
            raise ActionConflict(_("An expert excluded this offer for this request."))
        if existing := Match.objects.filter(need=need, offer=offer).first():
            raise _already_proposed(existing)
        match = Match(request=req, need=need, offer=offer, score=round(found.score, 4),
                      components=found.components,
                      reasons=[r.as_record() for r in found.explanation],
                      proposed_by=_user(actor), notes=note)
        concurrency.stamp(match, actor)
        try:
            with transaction.atomic():
                match.save()
        except IntegrityError:  # a writer that did not lock the request (the unique pair)
            raise _already_proposed(Match.objects.get(need=need, offer=offer)) from None
        _event(req, actor, "match.proposed", req.status, req.status,
               f"#{need.number} {offer.engine_id}: {offer.title} ({found.score:.3f})")
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
        if accept:
            _matched(req, actor)
        notify(Kind.ANSWERED, match, recipients.experts(), accepted=accept)
    return match


def _matched(req: Request, actor) -> None:
    """After an acceptance: a circulated request becomes matched partly, or fully when every
    open need now has an accepted (or later) match; matched partly moves on to fully."""
    target = (wf.MATCHED_FULLY if coverage_now(req) == Coverage.FULLY else wf.MATCHED_PARTLY)
    if req.status == wf.CIRCULATED or (req.status == wf.MATCHED_PARTLY
                                       and target == wf.MATCHED_FULLY):
        before = req.status
        req.status = target
        req.save(update_fields=["status", "updated_at"])
        # the step just before ("match accepted") and the status say why: no words of its
        # own, so the history reads in the reader's language (history.py)
        _event(req, actor, "transition", before, target)


def coverage_now(req: Request) -> str:
    """The request's coverage read afresh from the database."""
    from .models import coverage_of

    return coverage_of(list(Need.objects.filter(request=req)),
                       list(Match.objects.filter(request=req)))


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


def _named(need: Need, offer: Offer, note: str = "") -> str:
    return f"#{need.number} {offer.engine_id} {note}".strip()


def pin(req: Request, offer: Offer, actor, note: str = "", need: Need | None = None) -> Pin:
    """The allocation gives this offer to this need (one pin per need)."""
    _require(actor, "assistance.manage")
    need = _need(req, need)
    found = _pair(req, offer, need)
    if isinstance(found, engine.Rejection):
        raise ActionError(" ".join(found.reasons_in(get_language())))
    with transaction.atomic():
        concurrency.lock(req)  # one decision at a time per request (a need has one pin)
        if Exclusion.objects.filter(need=need, offer=offer).exists():
            raise ActionError(_("The pair is excluded: remove the exclusion first."))
        Pin.objects.filter(need=need).delete()
        made = Pin.objects.create(request=req, need=need, offer=offer, decided_by=_user(actor),
                                  note=note)
        _event(req, actor, "pinned", req.status, req.status, _named(need, offer, note))
    return made


def exclude(req: Request, offer: Offer, actor, note: str = "", need: Need | None = None
            ) -> Exclusion:
    _require(actor, "assistance.manage")
    need = _need(req, need)
    with transaction.atomic():
        concurrency.lock(req)
        Pin.objects.filter(need=need, offer=offer).delete()
        made, _created = Exclusion.objects.get_or_create(
            need=need, offer=offer,
            defaults={"request": req, "decided_by": _user(actor), "note": note})
        _event(req, actor, "excluded", req.status, req.status, _named(need, offer, note))
    return made


def remove_decision(req: Request, offer: Offer, actor, need: Need | None = None) -> None:
    _require(actor, "assistance.manage")
    need = _need(req, need)
    with transaction.atomic():
        concurrency.lock(req)
        Pin.objects.filter(need=need, offer=offer).delete()
        Exclusion.objects.filter(need=need, offer=offer).delete()
        _event(req, actor, "decision.removed", req.status, req.status, _named(need, offer))
