"""Permission rules of the reporting domain: actions and visibility of its records.

Registered into the policy engine (``accounts.permissions``) by ``AppConfig.ready()``. Keep
every rule of the domain here.

- The public (and provider points of contact) see published records only.
- Experts and Committee members see every record.
- A State point of contact sees its own State's records of every status, and creates, edits
  and submits its own State's drafts, and withdraws its submissions until they are published; nothing of another State's but what is published.
- Experts record any record, in any status, and publish.

The reporting *figures* (which States had submitted a first report by a date) count submitted
and published reports for everyone: the Committee publishes which States have reported. They
reveal no document or text; see ``reporting.status`` and docs/reporting.md.
"""

from django.db.models import Q

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import (
    EVERYONE,
    EXPERTS,
    STAFF,
    register_actions,
    register_scope,
)

PUBLISHED = "published"
DRAFT = "draft"


def _own_state(user, obj) -> bool:
    state_id = getattr(user, "state_id", None)
    if not state_id:
        return False
    if obj is None:
        return True
    if hasattr(obj, "state_id"):
        return obj.state_id == state_id
    if hasattr(obj, "iso3"):  # a State itself
        return obj.pk == state_id
    return False


def _draft(user, role, obj=None) -> bool:
    """Create a draft (obj: the State, or None) or edit a draft (obj: the record)."""
    if role == Role.EXPERT:
        return True
    if role != Role.STATE_POC or not _own_state(user, obj):
        return False
    return _status(obj) == DRAFT


def _status(obj) -> str:
    """A record's publication status; a State (or nothing) stands for a new draft."""
    if obj is None or hasattr(obj, "iso3"):
        return DRAFT
    return getattr(obj, "status", DRAFT)


def _submit(user, role, obj=None) -> bool:
    if _status(obj) != DRAFT:
        return False
    return _draft(user, role, obj)


def _withdraw(user, role, obj=None) -> bool:
    """A State withdraws its own submitted report until the experts act on it (publish it)."""
    if obj is None or _status(obj) != "submitted":
        return False
    return role == Role.EXPERT or (role == Role.STATE_POC and _own_state(user, obj))


register_actions(
    {
        "reporting.view": EVERYONE,
        "reporting.status": EVERYONE,
        "reporting.draft": _draft,
        "reporting.submit": _submit,
        "reporting.withdraw": _withdraw,
        "reporting.record": EXPERTS,
        "reporting.publish": EXPERTS,
        "reporting.see_all": STAFF,
    }
)


def _by_state(qs, user, role):
    if role in STAFF:
        return qs
    if role == Role.STATE_POC and user.state_id:
        return qs.filter(Q(status=PUBLISHED) | Q(state_id=user.state_id))
    return qs.filter(status=PUBLISHED)


for _label in ("reporting.nationalreport", "reporting.actionplan", "reporting.countryvisit"):
    register_scope(_label)(_by_state)


@register_scope("reporting.peerreview")
def _peer_reviews(qs, user, role):
    if role in STAFF:
        return qs
    if role == Role.STATE_POC and user.state_id:
        own = qs.model.states.through.objects.filter(state_id=user.state_id).values("peerreview_id")
        return qs.filter(Q(status=PUBLISHED) | Q(pk__in=own))
    return qs.filter(status=PUBLISHED)


@register_scope("reporting.actionplanitem")
def _plan_items(qs, user, role):
    """A plan's items follow their plan (an item is linked from assistance requests too)."""
    if role in STAFF:
        return qs
    if role == Role.STATE_POC and user.state_id:
        return qs.filter(Q(plan__status=PUBLISHED) | Q(plan__state_id=user.state_id))
    return qs.filter(plan__status=PUBLISHED)
