"""The policy engine: the one place that decides what each role may see and change.

Two halves:
- ``can(user, action, obj=None)`` / ``require(...)``: may this user do this action (to this object)?
- ``scope(queryset, user)``: which rows of a model this user may see. Models expose it as
  ``Model.objects.visible_to(user)`` (see ``scoping.VisibleQuerySet``); ``visible(user, obj)``
  answers for one record.

The engine holds no domain's rules. Each app registers its own, from ``rules.py`` beside its
models, imported in its ``AppConfig.ready()`` (``register_actions``, ``register_scope``): the
rules of a domain live with the domain, the decision is taken here. This module imports no
domain (tests/test_policy_house.py checks it). A model with no scope rule raises
``ImproperlyConfigured``, and so does an unknown action: nothing is visible or allowed by
accident.

Views, API endpoints, exports, documents and commands call these and nothing else; no view
filters confidential data by itself, and a record embedded in another (a related event, a
match's request, a plan's items) is scoped by its own rule.
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


# -- registration -------------------------------------------------------------------------
# An action maps to the roles allowed, or to a function (user, role, obj) -> bool.
Rule = frozenset | Callable[[object, str, object], bool]
# A scope rule: (queryset, user, role) -> the rows of the queryset this user may see.
ScopeRule = Callable[[object, object, str], object]

ACTIONS: dict[str, Rule] = {}
SCOPES: dict[str, ScopeRule] = {}


def _same(a, b) -> bool:
    """The same rule registered twice (a module imported again) is not a conflict."""
    if a == b:
        return True
    name = getattr(a, "__qualname__", None)
    return bool(name) and name == getattr(b, "__qualname__", None) and getattr(
        a, "__module__", None) == getattr(b, "__module__", None)


def register_actions(rules: dict[str, Rule]) -> None:
    """Add actions and who may do them. An action already decided differently raises."""
    for action, rule in rules.items():
        if action in ACTIONS and not _same(ACTIONS[action], rule):
            raise ImproperlyConfigured(f"two rules for the action {action!r}")
        ACTIONS[action] = rule


def _label(model_or_label) -> str:
    if isinstance(model_or_label, str):
        return model_or_label.lower()
    return model_or_label._meta.label_lower


def register_scope(*models_or_labels):
    """Decorator: the scope rule of one or more models ("app.model" labels or model classes)."""

    def wrap(fn: ScopeRule) -> ScopeRule:
        for item in models_or_labels:
            label = _label(item)
            if label in SCOPES and not _same(SCOPES[label], fn):
                raise ImproperlyConfigured(f"two visibility rules for {label}")
            SCOPES[label] = fn
        return fn

    return wrap


def has_scope(model_or_label) -> bool:
    return _label(model_or_label) in SCOPES


# -- decisions ----------------------------------------------------------------------------
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


def scope(qs, user):
    label = qs.model._meta.label_lower
    try:
        rule = SCOPES[label]
    except KeyError:
        raise ImproperlyConfigured(f"no visibility rule for {label}") from None
    return rule(qs, user, role_of(user))


def visible(user, obj) -> bool:
    """May this user see this one record (by its model's own rule)?"""
    if obj is None or obj.pk is None:
        return False
    return scope(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


# -- the rules of accounts itself ---------------------------------------------------------
register_actions({
    "accounts.manage": EXPERTS,
    "admin.access": EXPERTS,
})


@register_scope("accounts.user")
def _users(qs, user, role):
    """Experts see every account; a signed-in user sees their own; the public none."""
    if role == Role.EXPERT:
        return qs
    if role == Role.PUBLIC:
        return qs.none()
    return qs.filter(pk=user.pk)


register_actions({
    # Signed-in users manage their own password and API keys.
    "accounts.self": EVERYONE - {Role.PUBLIC},
})


@register_scope("accounts.apikey")
def _api_keys(qs, user, role):
    """Experts see every key (to revoke it); a signed-in user sees their own; the public none."""
    if role == Role.EXPERT:
        return qs
    if role == Role.PUBLIC:
        return qs.none()
    return qs.filter(user=user)


register_actions({
    # Experts invite Committee members and points of contact (accounts/invitations.py).
    "accounts.invite": EXPERTS,
})


@register_scope("accounts.invitation")
def _invitations(qs, user, role):
    """Invitations (e-mail addresses of people not yet signed up): experts only."""
    return qs if role == Role.EXPERT else qs.none()
