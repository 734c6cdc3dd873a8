"""Hooks by which each domain adds to the shared pages and commands.

Apps register in their ``AppConfig.ready()``; the core pages render what is registered, in
order. A panel's context function must run a fixed number of queries (not one per row).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable  # (request, obj) -> dict, or (request) -> dict for the home page


@dataclass(frozen=True)
class NavLink:
    order: int
    url_name: str
    label: str  # lazily translated
    action: str | None = None  # permission action needed to see the link


@dataclass(frozen=True)
class DemoLoader:
    order: int
    name: str
    load: Callable  # (rng: random.Random, actor) -> dict of counts
    clear: Callable  # () -> None: delete what load() created


HOME_PANELS: list[Panel] = []
# The start page of a signed-in person (/my/): what awaits them, from each domain. The context
# function gets the request and returns None when the domain has nothing for this role.
START_PANELS: list[Panel] = []
STATE_PANELS: list[Panel] = []
ORGANISATION_PANELS: list[Panel] = []
NAV_LINKS: list[NavLink] = []
DEMO_LOADERS: list[DemoLoader] = []


def _add(registry: list, item) -> None:
    if item not in registry:
        registry.append(item)
        registry.sort(key=lambda x: x.order)


def home_panel(order: int, template: str, context: Callable) -> None:
    _add(HOME_PANELS, Panel(order, template, context))


def start_panel(order: int, template: str, context: Callable) -> None:
    _add(START_PANELS, Panel(order, template, context))


def state_panel(order: int, template: str, context: Callable) -> None:
    _add(STATE_PANELS, Panel(order, template, context))


def organisation_panel(order: int, template: str, context: Callable) -> None:
    _add(ORGANISATION_PANELS, Panel(order, template, context))


def nav_link(order: int, url_name: str, label, action: str | None = None) -> None:
    _add(NAV_LINKS, NavLink(order, url_name, label, action))


def demo_loader(order: int, name: str, load: Callable, clear: Callable) -> None:
    _add(DEMO_LOADERS, DemoLoader(order, name, load, clear))


def demo_day():
    """The reference day of the illustrative dataset: the day it is loaded. Every loader dates
    its records on or before it (never at load time where that would not be their own day)."""
    from django.utils import timezone

    return timezone.localdate()


def render_panels(panels: list[Panel], request, *args) -> list[str]:
    out = []
    for panel in panels:
        context = panel.context(request, *args)
        if context is not None:
            out.append(render_to_string(panel.template, context, request=request))
    return out
