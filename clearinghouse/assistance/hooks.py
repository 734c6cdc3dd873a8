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
    return {"requests": requests, "offers": list(offers)}


def _organisation_context(request, organisation):
    from .models import Offer

    offers = Offer.objects.visible_to(request.user).filter(provider_organisation=organisation,
                                                            active=True)
    return {"offers": list(offers)}


nav_link(30, "assistance:public", _("Assistance"))
nav_link(31, "assistance:board", _("Clearinghouse board"), "assistance.board")
nav_link(32, "assistance:my-matches", _("My matches"), "assistance.my_matches")
state_panel(30, "assistance/_state_panel.html", _state_context)
start_panel(20, "assistance/_start_panel.html", start.start_context)
organisation_panel(30, "assistance/_organisation_panel.html", _organisation_context)
demo_loader(30, "assistance", demo.load, demo.clear)
