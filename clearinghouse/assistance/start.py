"""The assistance domain's part of a signed-in person's start page (/my/, core.extensions).

Each list is built from ``visible_to(user)``: a point of contact sees its own State's (or
organisation's) requests and the matches it may see; a provider its proposals and its offers.
A fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import role_of

from . import queries
from . import workflow as wf
from .models import Consent, Match, MatchStatus, Offer, Request

LISTED = 20


def _own_requests(user):
    requests = Request.objects.visible_to(user).select_related("state", "organisation")
    if user.state_id:
        return requests.filter(state_id=user.state_id)
    if user.organisation_id:
        return requests.filter(organisation_id=user.organisation_id)
    return requests.none()


def _requester(user, today: dt.date) -> dict:
    """A State's (or organisation's) point of contact: its requests with their matches, what
    awaits its consent (with the deadline), and what the Committee asked of it (follow-ups)."""
    requests = list(_own_requests(user).order_by("-received", "-pk"))
    matches = defaultdict(list)
    for m in (Match.objects.visible_to(user).filter(request__in=[r.pk for r in requests])
              .select_related("offer__provider_state", "offer__provider_organisation")):
        matches[m.request_id].append(m)
    for r in requests:
        r.start_matches = matches.get(r.pk, [])
    consent = [r for r in requests if r.circulated_on and r.consent == Consent.NO_ANSWER
               and r.objection_deadline and r.objection_deadline >= today]
    asked = [r for r in requests if r.follow_up_due and not r.followed_up_on
             and r.status != wf.WITHDRAWN
             and r.follow_up_due <= today + dt.timedelta(days=queries.DUE_SOON_DAYS)]
    return {"requests": requests[:LISTED], "consent": consent, "asked": asked}


def _provider(user, today: dt.date) -> dict:
    """A provider's point of contact: proposals awaiting its answer, offers to reconfirm."""
    offers = Offer.objects.visible_to(user).of_provider(user.state_id, user.organisation_id)
    proposals = list(Match.objects.visible_to(user).filter(
        status=MatchStatus.PROPOSED, offer__in=offers).select_related(
        "request__state", "request__organisation", "offer").order_by("proposed_at", "pk")[:LISTED])
    reconfirm = list(offers.due_for_reconfirmation(today).order_by("title", "pk")[:LISTED])
    return {"proposals": proposals, "reconfirm": reconfirm}


def _board(user, today: dt.date) -> dict:
    """An expert: a summary of the board (open requests by status, follow-ups, proposals)."""
    requests = queries.requests_for(user)
    due, overdue = queries.follow_ups(requests, today)
    counts = dict.fromkeys(wf.OPEN, 0)
    for status in requests.filter(status__in=wf.OPEN).values_list("status", flat=True):
        counts[status] += 1
    labels = dict(wf.STATUS_CHOICES)
    return {"open_counts": [(labels[s], n) for s, n in counts.items()],
            "due": due, "overdue": overdue,
            "awaiting_answer": Match.objects.visible_to(user).filter(
                status=MatchStatus.PROPOSED).count(),
            "to_reconfirm": Offer.objects.visible_to(user).due_for_reconfirmation(today).count()}


def start_context(request):
    user = request.user
    role = role_of(user)
    today = timezone.localdate()
    if role == Role.STATE_POC:
        return {"role": role, **_requester(user, today)}
    if role == Role.PROVIDER_POC:
        context = {"role": role, **_provider(user, today)}
        if user.organisation_id:  # an organisation may also request (CARICOM, SICA)
            requester = _requester(user, today)
            if requester["requests"]:
                context.update(requester)
        return context
    if role == Role.EXPERT:
        return {"role": role, **_board(user, today)}
    return None
