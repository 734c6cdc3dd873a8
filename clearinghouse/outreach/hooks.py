"""What the outreach domain adds to shared pages and commands (see clearinghouse.core.extensions)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.core import extensions

PANEL_ROWS = 10


def _panel(request, events_qs, filter_param: str, code: str, empty: str) -> dict | None:
    """The panel's context, or None (no panel) when the visitor sees no event for it."""
    events = list(events_qs[: PANEL_ROWS + 1])
    if not events:
        return None
    total = events_qs.count() if len(events) > PANEL_ROWS else len(events)
    return {
        "events": events[:PANEL_ROWS],
        "more": len(events) > PANEL_ROWS,
        "total": total,
        "all_url": f"{reverse('outreach:events')}?{filter_param}={code}",
        "empty": empty,
        "caption": _("Events"),
    }


def state_events(request, state):
    from clearinghouse.outreach import queries

    qs = queries.events(request.user, {"state": state.iso3})
    return _panel(request, qs, "state", state.iso3,
                  _("No recorded event with this State as participant, organiser or host."))


def organisation_events(request, organisation):
    from clearinghouse.outreach import queries

    qs = queries.events(request.user, {"organisation": organisation.code})
    return _panel(request, qs, "organisation", organisation.code,
                  _("No recorded event organised or attended by this organisation."))


extensions.state_panel(40, "outreach/_events_panel.html", state_events)
extensions.organisation_panel(40, "outreach/_events_panel.html", organisation_events)
extensions.nav_link(40, "outreach:events", _("Events"), "outreach.view")


def _load_demo(rng, actor):
    from clearinghouse.outreach.demo import load

    return load(rng, actor)


def _clear_demo():
    from clearinghouse.outreach.demo import clear

    clear()


extensions.demo_loader(40, "outreach", _load_demo, _clear_demo)
