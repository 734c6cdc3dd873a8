"""Permission rules of the assistance domain: actions and visibility of its records.

Registered into the policy engine (``accounts.permissions``) by ``AppConfig.ready()``. Keep
every rule of the domain here.

- The requester's point of contact: a State's point of contact for its State's requests, and
  the point of contact of an intergovernmental organisation (role provider_poc, bound to it)
  for its organisation's requests (CARICOM, SICA): the same rights (``speaks_for``).
- A request: experts and Committee members see all; the requester's point of contact its own;
  a provider's point of contact the requests circulated to its State or organisation; everyone
  the published ones (as a summary, unless they may see it in full).
- A match: experts and Committee members all; the requester's point of contact those of
  its requests; a provider's point of contact those of its own offers **whose request was
  circulated to it** (proposing requires that circulation, see ``actions.propose_match``; the
  scope holds even for a match recorded otherwise).
- An offer: active ones for everyone; a provider's point of contact also its own; the
  requester's point of contact also the offers proposed for its requests.
- A request's history (``RequestEvent``): staff and the requester's point of contact,
  who does not see the steps recording the experts' pins and exclusions.
- Feedback on a completed match: staff and the two parties (the requester's and the
  provider's points of contact, as they see the match); the public only counts (statistics).
- Pins and exclusions (the experts' decisions): staff only.
"""

from django.db.models import Q
from django.utils import timezone

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import (
    EVERYONE,
    EXPERTS,
    STAFF,
    register_actions,
    register_scope,
)
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Match, Request, published_q


def _bound(user) -> tuple[int | None, int | None]:
    return getattr(user, "state_id", None), getattr(user, "organisation_id", None)


def circulated_to(user) -> Q:
    """Requests circulated to this provider's State or organisation (none if bound to neither)."""
    state_id, org_id = _bound(user)
    if state_id:
        return Q(circulated_to_states=state_id)
    if org_id:
        return Q(circulated_to_organisations=org_id)
    return Q(pk__in=[])


def reached(request, offer) -> bool:
    """Was the request circulated to the offer's provider (State or organisation)?"""
    if request is None or offer is None or request.pk is None:
        return False
    if offer.provider_state_id:
        return request.circulated_to_states.filter(pk=offer.provider_state_id).exists()
    return request.circulated_to_organisations.filter(pk=offer.provider_organisation_id).exists()


def provides(user, offer) -> bool:
    """Is this provider's point of contact bound to the offer's provider?"""
    state_id, org_id = _bound(user)
    if offer is None:
        return False
    if state_id:
        return offer.provider_state_id == state_id
    return bool(org_id) and offer.provider_organisation_id == org_id


def own_requests(user, role) -> Q | None:
    """The requests this point of contact speaks for: its State's, or its organisation's (an
    organisation's point of contact has the role provider_poc); None for anyone else."""
    if role == Role.STATE_POC and getattr(user, "state_id", None):
        return Q(state_id=user.state_id)
    if role == Role.PROVIDER_POC and getattr(user, "organisation_id", None):
        return Q(organisation_id=user.organisation_id)
    return None


def speaks_for(user, role, request) -> bool:
    """Is this the point of contact of the request's requester (State or organisation)?"""
    if request is None:
        return False
    if role == Role.STATE_POC and getattr(user, "state_id", None):
        return request.state_id == user.state_id
    if role == Role.PROVIDER_POC and getattr(user, "organisation_id", None):
        return request.organisation_id == user.organisation_id
    return False


def may_request(user, role) -> bool:
    """A State's point of contact, or the point of contact of an intergovernmental
    organisation (only those may request assistance)."""
    if role == Role.STATE_POC:
        return bool(user.state_id)
    if role == Role.PROVIDER_POC and user.organisation_id:
        return user.organisation.intergovernmental
    return False


def sees_in_full(user, role, request) -> bool:
    """May this user read the whole request (description, contact, tags)? Its history and
    linked plan items follow their own rules (``RequestEvent``, ``ActionPlanItem``)."""
    if role in STAFF:
        return True
    if request is None:
        return False
    if speaks_for(user, role, request):
        return True
    if role == Role.PROVIDER_POC:
        return Request.objects.filter(circulated_to(user), pk=request.pk).exists()
    return False


def _consent(user, role, request) -> bool:
    if role == Role.EXPERT:
        return True  # recording a consent or objection received by note verbale
    return speaks_for(user, role, request)


def _respond(user, role, match) -> bool:
    return role == Role.PROVIDER_POC and match is not None and provides(user, match.offer)


def _create_request(user, role, request) -> bool:
    """Experts record a request for any State or intergovernmental organisation; the
    requester's point of contact submits its own (obj None: may open the form)."""
    if role == Role.EXPERT:
        return True
    if not may_request(user, role):
        return False
    return request is None or speaks_for(user, role, request)


def _edit_request(user, role, request) -> bool:
    """Experts edit a request's descriptive fields at any time; the requester's point of
    contact edits its own request while it is still "received" (before authentication)."""
    if role == Role.EXPERT:
        return True
    return speaks_for(user, role, request) and request.status == wf.RECEIVED


def _feedback(user, role, match) -> bool:
    """Feedback on a completed match: experts (on a party's behalf), the requester's point of
    contact and the provider's (obj None: may give some feedback at all)."""
    if role == Role.EXPERT:
        return True
    if match is None:
        return role in (Role.STATE_POC, Role.PROVIDER_POC)
    return speaks_for(user, role, match.request) or (
        role == Role.PROVIDER_POC and provides(user, match.offer))


def _manage_offer(user, role, offer) -> bool:
    """Experts manage any offer; a provider's point of contact its own State's or
    organisation's (obj None: may open the form for a new one)."""
    if role == Role.EXPERT:
        return True
    if role != Role.PROVIDER_POC or not any(_bound(user)):
        return False
    return offer is None or provides(user, offer)


register_actions({
    "assistance.view": EVERYONE,  # public page, offers, published summaries, statistics
    "assistance.board": STAFF,
    "assistance.briefing": STAFF,
    "assistance.candidates": STAFF,
    "assistance.manage": EXPERTS,  # transitions, circulation, proposals, pins, exclusions, tags
    "assistance.request.full": sees_in_full,
    "assistance.consent": _consent,
    "assistance.respond": _respond,
    "assistance.offer.manage": _manage_offer,
    "assistance.request.create": _create_request,
    "assistance.request.edit": _edit_request,
    "assistance.feedback": _feedback,
    "assistance.my_matches": frozenset({Role.EXPERT, Role.PROVIDER_POC}),
    # API writes on matches: experts propose, providers answer (each action checks the object).
    "assistance.match.write": frozenset({Role.EXPERT, Role.PROVIDER_POC}),
})


@register_scope("assistance.request")
def _requests(qs, user, role):
    if role in STAFF:
        return qs
    visible = published_q(timezone.localdate())
    if (own := own_requests(user, role)) is not None:
        visible |= own
    if role == Role.PROVIDER_POC:
        visible |= Q(pk__in=Request.objects.filter(circulated_to(user)).values("pk"))
    return qs.filter(visible)


# Steps of a request's history that record the experts' own decisions (pins, exclusions):
# they follow the decisions' rule (staff only), not the request's.
DECISION_KINDS = ("pinned", "excluded", "decision.removed")


@register_scope("assistance.requestevent")
def _events(qs, user, role):
    if role in STAFF:
        return qs
    if (own := own_requests(user, role)) is not None:
        mine = Request.objects.filter(own).values("pk")
        return qs.filter(request_id__in=mine).exclude(kind__in=DECISION_KINDS)
    return qs.none()


@register_scope("assistance.offer")
def _offers(qs, user, role):
    if role in STAFF:
        return qs
    visible = Q(active=True)
    if role == Role.PROVIDER_POC and any(_bound(user)):
        state_id, org_id = _bound(user)
        visible |= Q(provider_state_id=state_id) if state_id else Q(
            provider_organisation_id=org_id)
    if (own := own_requests(user, role)) is not None:  # offers proposed for its requests
        mine = Request.objects.filter(own).values("pk")
        visible |= Q(pk__in=Match.objects.filter(request_id__in=mine).values("offer_id"))
    return qs.filter(visible)


@register_scope("assistance.match")
def _matches(qs, user, role):
    if role in STAFF:
        return qs
    visible = Q(pk__in=[])
    if (own := own_requests(user, role)) is not None:  # the matches of its own requests
        visible |= Q(request_id__in=Request.objects.filter(own).values("pk"))
    if role == Role.PROVIDER_POC and any(_bound(user)):
        state_id, org_id = _bound(user)
        offered = Q(offer__provider_state_id=state_id) if state_id else Q(
            offer__provider_organisation_id=org_id)
        reached_it = Request.objects.filter(circulated_to(user)).values("pk")
        visible |= offered & Q(request_id__in=reached_it)
    return qs.filter(visible)


@register_scope("assistance.feedback")
def _feedbacks(qs, user, role):
    """Staff, and the two parties: whoever sees the match as its requester or its provider."""
    if role in STAFF:
        return qs
    if role not in (Role.STATE_POC, Role.PROVIDER_POC):
        return qs.none()
    return qs.filter(match_id__in=Match.objects.visible_to(user).values("pk"))


@register_scope("assistance.pin")
def _pins(qs, user, role):
    return qs if role in STAFF else qs.none()


@register_scope("assistance.exclusion")
def _exclusions(qs, user, role):
    return qs if role in STAFF else qs.none()


@register_scope("assistance.need")
def _needs(qs, user, role):
    """A need follows its request: whoever sees the request sees its needs (the published
    summary pages show only what a published request shows: see ``views.public``)."""
    if role in STAFF:
        return qs
    return qs.filter(request_id__in=_requests(Request.objects.all(), user, role).values("pk"))
