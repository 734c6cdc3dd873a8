"""The one place that decides what each role may see and change.

Two halves, both here:
- ``can(user, action, obj=None)`` / ``require(...)``: may this user do this action (to this object)?
- ``scope(queryset, user)``: which rows of a model this user may see. Models expose it as
  ``Model.objects.visible_to(user)`` (see ``scoping.VisibleQuerySet``).

Views, API endpoints, exports and commands call these and nothing else; no view filters
confidential data by itself. A model with no scope rule raises: nothing is visible by accident.

The rules of each domain live beside this file (``reporting.py``, ``matrix.py``,
``assistance.py``, ``outreach.py``) and are registered here at import: one package decides.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from clearinghouse.accounts.models import Role

EVERYONE = frozenset(Role.values)
STAFF = frozenset({Role.EXPERT, Role.COMMITTEE})
EXPERTS = frozenset({Role.EXPERT})


def role_of(user) -> str:
    """The role a user acts in; anonymous visitors and inactive accounts are the public."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Role.PUBLIC
    if user.is_superuser:
        return Role.EXPERT
    return user.role


# -- actions ----------------------------------------------------------------------------
# An action maps to the roles allowed, or to a function (user, role, obj) -> bool.
Rule = frozenset | Callable[[object, str, object], bool]

ACTIONS: dict[str, Rule] = {
    "registry.view": EVERYONE,
    "registry.change": EXPERTS,
    "audit.view": STAFF,
    "accounts.manage": EXPERTS,
    "admin.access": EXPERTS,
    # Signed-in users manage their own password and API keys.
    "accounts.self": frozenset(Role.values) - {Role.PUBLIC},
    "import.run": EXPERTS,
}


def can(user, action: str, obj=None) -> bool:
    try:
        rule = ACTIONS[action]
    except KeyError:
        raise ImproperlyConfigured(f"no permission rule for action {action!r}") from None
    role = role_of(user)
    if isinstance(rule, frozenset):
        return role in rule
    return bool(rule(user, role, obj))


def require(user, action: str, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(action)


# -- scoping ----------------------------------------------------------------------------
def _public(qs, user, role):
    return qs


def _staff_only(qs, user, role):
    return qs if role in STAFF else qs.none()


def _users(qs, user, role):
    if role == Role.EXPERT:
        return qs
    if role == Role.PUBLIC:
        return qs.none()
    return qs.filter(pk=user.pk)


SCOPES: dict[str, Callable] = {
    "registry.state": _public,
    "registry.organisation": _public,
    "registry.membership": _public,
    "audit.auditentry": _staff_only,
    "accounts.user": _users,
    # API keys: experts see all (to revoke them); everyone else only their own.
    "accounts.apikey": lambda qs, user, role: (
        qs if role == Role.EXPERT else qs.none() if role == Role.PUBLIC else qs.filter(user=user)
    ),
}


def register_scope(label: str):
    """Decorator for the scope rules of each domain, kept in this package."""

    def wrap(fn):
        SCOPES[label] = fn
        return fn

    return wrap


def register_actions(rules: dict) -> None:
    ACTIONS.update(rules)


def scope(qs, user):
    label = qs.model._meta.label_lower
    try:
        rule = SCOPES[label]
    except KeyError:
        raise ImproperlyConfigured(f"no visibility rule for {label}") from None
    return rule(qs, user, role_of(user))


# The domains' rules (imported last: they use the helpers above).
from . import assistance, matrix, outreach, reporting  # noqa: E402,F401
