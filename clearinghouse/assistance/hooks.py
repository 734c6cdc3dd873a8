"""What the assistance domain adds to shared pages and commands (see clearinghouse.core.extensions)."""

from django.utils.translation import gettext_lazy as _

from clearinghouse.core.extensions import (
    demo_loader,
    nav_link,
    organisation_panel,
    start_panel,
    state_panel,
)

from . import demo, importer, start  # noqa: F401  (importer registers the "assistance" importer)


def _state_context(request, state):
    from clearinghouse.accounts.permissions import STAFF, role_of
    from clearinghouse.assistance.rules import circulated_to

    from .models import Offer, Request

    user = request.user
    role = role_of(user)
    requests = list(Request.objects.visible_to(user).filter(state=state).order_by("-received"))
    circulated = set()
    if role == "provider_poc":
        circulated = set(Request.objects.filter(circulated_to(user)).values_list("pk", flat=True))
    for r in requests:
        r.full = (role in STAFF or (role == "state_poc" and user.state_id == state.pk)
                  or r.pk in circulated)
    offers = Offer.objects.visible_to(user).filter(provider_state=state, active=True)
    return {"requests": requests, **_offers_context(user, offers)}


def _offers_context(user, offers) -> dict:
    """A provider's active offers with when each was last confirmed (resolution 2663 (2022):
    an up-to-date list of providers), those not confirmed for a year flagged; whether this
    user may reconfirm them (the provider's point of contact, experts)."""
    from clearinghouse.accounts.permissions import can

    offers = list(offers.order_by("title", "pk"))
    for offer in offers:
        offer.due = offer.due_for_reconfirmation()
        offer.may_reconfirm = can(user, "assistance.offer.manage", offer)
    return {"offers": offers,
            "last_confirmed": max((o.last_confirmed for o in offers), default=None),
            "flagged": sum(1 for o in offers if o.due)}


def _organisation_context(request, organisation):
    from clearinghouse.accounts.permissions import STAFF, role_of
    from clearinghouse.assistance.rules import circulated_to, speaks_for

    from .models import Offer, Request

    user = request.user
    role = role_of(user)
    offers = Offer.objects.visible_to(user).filter(provider_organisation=organisation,
                                                    active=True)
    # Its own requests (an intergovernmental organisation may request, e.g. CARICOM, SICA).
    requests = list(Request.objects.visible_to(user).filter(organisation=organisation)
                    .order_by("-received"))
    circulated = set()
    if role == "provider_poc":
        circulated = set(Request.objects.filter(circulated_to(user)).values_list("pk", flat=True))
    for r in requests:
        r.full = role in STAFF or speaks_for(user, role, r) or r.pk in circulated
    return {"requests": requests, **_offers_context(user, offers)}


nav_link(30, "assistance:public", _("Assistance"))
nav_link(31, "assistance:board", _("Clearinghouse board"), "assistance.board")
nav_link(32, "assistance:my-matches", _("My matches"), "assistance.my_matches")
state_panel(30, "assistance/_state_panel.html", _state_context)
start_panel(20, "assistance/_start_panel.html", start.start_context)
organisation_panel(30, "assistance/_organisation_panel.html", _organisation_context)
demo_loader(30, "assistance", demo.load, demo.clear)
