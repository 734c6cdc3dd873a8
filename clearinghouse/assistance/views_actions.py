"""POST endpoints of the pages: each calls one action and returns to the page with a message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.permissions import require
from clearinghouse.registry.models import Organisation, State

from . import actions, queries
from .models import Match, MatchStatus, Offer
from .views import _pk, provider_value

NOTE_MAX = 2000
FEEDBACK_MAX = 5000


def _note(request) -> str:
    return (request.POST.get("note") or "").strip()[:NOTE_MAX]


def _done(request, req, fn, *args, success: str, **kwargs):
    try:
        fn(*args, **kwargs)
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect(req.get_absolute_url())


def _request_and_offer(request, pk):
    req = get_object_or_404(queries.requests_for(request.user), pk=_pk(pk))
    offer = None
    if "offer" in request.POST:
        offer = get_object_or_404(Offer.objects.all(), pk=_pk(request.POST.get("offer")))
    return req, offer


def _need(request, req):
    """The need named by the form (one of this request's), or None."""
    if not request.POST.get("need"):
        return None
    return get_object_or_404(req.needs.all(), pk=_pk(request.POST.get("need")))


@require_POST
def request_action(request, pk, action):
    """propose / pin / exclude / undecide / transition / circulate / consent / follow-up / tags."""
    req, offer = _request_and_offer(request, pk)
    user, note = request.user, _note(request)
    if action == "consent":
        require(user, "assistance.consent", req)
        answer = request.POST.get("answer", "")
        return _done(request, req, actions.answer_publication, req, user, answer, note,
                     success=_("Your answer is recorded."))
    require(user, "assistance.manage")
    need = _need(request, req)
    if action in ("propose", "pin", "exclude", "undecide") and offer is None:
        messages.error(request, _("Choose an offer."))
        return redirect(req.get_absolute_url())
    if action == "propose":
        return _done(request, req, actions.propose_match, req, offer, user, note, need,
                     success=_("Match proposed to %s.") % offer.provider.name_in())
    if action == "pin":
        return _done(request, req, actions.pin, req, offer, user, note, need,
                     success=_("Pinned: the allocation will give this offer to the request."))
    if action == "exclude":
        return _done(request, req, actions.exclude, req, offer, user, note, need,
                     success=_("Excluded: this offer will not be proposed for the request."))
    if action == "undecide":
        return _done(request, req, actions.remove_decision, req, offer, user, need,
                     success=_("Decision removed."))
    if action == "need-status":
        if need is None:
            messages.error(request, _("Choose a need."))
            return redirect(req.get_absolute_url())
        return _done(request, req, actions.set_need_status, need, user,
                     request.POST.get("status", ""), note, success=_("Need updated."))
    seen = request.POST.get("from_status") or None  # the status the page showed
    if action == "transition":
        return _done(request, req, actions.transition, req, user,
                     request.POST.get("status", ""), note, expected_status=seen,
                     success=_("Status changed."))
    if action == "circulate":
        providers = _providers(request.POST.getlist("provider"))
        if not providers:
            messages.error(request, _("Choose at least one provider to circulate the request to."))
            return redirect(req.get_absolute_url())
        if request.POST.get("confirmed") != "yes":  # the expert sees the list and confirms
            return render(request, "assistance/circulate_confirm.html", {
                "req": req, "providers": [(provider_value(p), getattr(p, "short_name", None) or p.name)
                                          for p in providers],
                "note": note, "from_status": seen or ""})
        success = (_("Circulated to further providers.") if req.circulated_on else
                   _("Circulated; the State may object within 5 working days."))
        return _done(request, req, actions.circulate, req, user, providers, note=note,
                     expected_status=seen, success=success)
    if action == "follow-up":
        return _done(request, req, actions.record_follow_up, req, user, note,
                     success=_("Follow-up recorded."))
    if action == "confirm-tags":
        return _done(request, req, actions.confirm_tags, req, user,
                     success=_("Tags confirmed."))
    raise PermissionDenied(action)


def _providers(values: list[str]) -> list:
    """"state:KAZ" / "organisation:OSCE" values of the circulation form."""
    isos = [v.split(":", 1)[1] for v in values if v.startswith("state:")]
    codes = [v.split(":", 1)[1] for v in values if v.startswith("organisation:")]
    return [*State.objects.filter(iso3__in=isos), *Organisation.objects.filter(code__in=codes)]


@require_POST
def match_action(request, pk, action):
    """The provider's point of contact accepts or declines; experts move a match on; the
    parties (or an expert on their behalf) give feedback once it is completed."""
    match = get_object_or_404(Match.objects.visible_to(request.user).select_related(
        "offer", "request"), pk=_pk(pk))
    user, note = request.user, _note(request)
    if action == "feedback":
        try:
            actions.give_feedback(match, user, request.POST.get("party", ""),
                                  request.POST.get("outcome", ""),
                                  (request.POST.get("comment") or "")[:FEEDBACK_MAX])
        except actions.ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you: your feedback is recorded."))
        return redirect(match.request.get_absolute_url())
    try:
        if action in ("accept", "decline"):
            actions.respond(match, user, action == "accept", note)
            messages.success(request, _("Match accepted.") if action == "accept"
                             else _("Match declined."))
        elif action in (MatchStatus.IN_PROGRESS, MatchStatus.COMPLETED):
            actions.set_match_status(match, user, action, note)
            messages.success(request, _("Match updated."))
        else:
            raise PermissionDenied(action)
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    nxt = request.POST.get("next", "")
    if nxt == "request":
        return redirect(match.request.get_absolute_url())
    return redirect("assistance:my-matches")
