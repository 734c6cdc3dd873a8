"""Permission rules of the audit log. Registered in ``AuditConfig.ready()``.

Experts and Committee members read the log; nobody else does. An entry names its target (type,
id, label) and often copies its text into ``changes``, so **each entry follows its target's own
visibility**: an entry whose target the reader may not see is left out entirely (not shown
without its text: even "someone changed record 12 today" is not for them). Concretely:

- experts see every entry;
- Committee members see entries with no target (imports, reference-data loads, demo), and
  entries whose target's model has a scope rule that lets them see that record today; an entry
  whose target was deleted, or whose model has no scope rule, is left out;
- everybody else sees no entry.
"""

from django.apps import apps
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import (
    SCOPES,
    STAFF,
    register_actions,
    register_scope,
    scope,
)

register_actions({
    "audit.view": STAFF,
})


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def targets_visible_to(user, role) -> Q:
    """The entries whose target this (non-expert) reader may see: one condition, no query."""
    condition = Q(target_type="")
    for label in sorted(SCOPES):
        model = _model(label)
        if model is None or label == "audit.auditentry":
            continue
        everything = model._default_manager.all()
        scoped = scope(everything, user)
        if scoped is everything:  # the rule lets this reader see every row of the model
            condition |= Q(target_type=label)
            continue
        ids = scoped.order_by().annotate(_id=Cast("pk", CharField())).values("_id")
        condition |= Q(target_type=label, target_id__in=ids)
    return condition


@register_scope("audit.auditentry")
def _entries(qs, user, role):
    if role == Role.EXPERT:
        return qs
    if role not in STAFF:
        return qs.none()
    return qs.filter(targets_visible_to(user, role))
