"""Permission rules of the outreach domain: actions and visibility of its records.

Registered into the policy engine (``accounts.permissions``) by ``AppConfig.ready()``. Keep
every rule of the domain here.

An event is seen by role according to its status: ``draft`` by experts only, ``confirmed``
by experts and Committee members, ``published`` by everyone. The records hanging from an
event (organisers, participants, mentioned events, documents) follow their event.
"""

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import EVERYONE, EXPERTS, register_actions, register_scope

register_actions({
    "outreach.view": EVERYONE,
    "outreach.change": EXPERTS,
    "outreach.import": EXPERTS,
    "outreach.confirm": EXPERTS,
    "outreach.publish": EXPERTS,
})


def visible_statuses(role) -> tuple[str, ...]:
    if role == Role.EXPERT:
        return ("draft", "confirmed", "published")
    if role == Role.COMMITTEE:
        return ("confirmed", "published")
    return ("published",)


@register_scope("outreach.event")
def _events(qs, user, role):
    if role == Role.EXPERT:
        return qs
    return qs.filter(status__in=visible_statuses(role))


@register_scope("outreach.eventseries")
def _series(qs, user, role):
    return qs


def _follows_event(qs, user, role):
    if role == Role.EXPERT:
        return qs
    return qs.filter(event__status__in=visible_statuses(role))


for _label in ("outreach.organiser", "outreach.participant", "outreach.mentionedevent",
               "outreach.eventdocument"):
    register_scope(_label)(_follows_event)
