"""Who a notice is proposed to (``notify`` then keeps only those who may see the record)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from clearinghouse.accounts.models import Role


def provider_contacts(states=(), organisations=()):
    """The points of contact of provider States and organisations."""
    User = get_user_model()
    return list(User.objects.filter(
        Q(role=Role.STATE_POC, state__in=list(states))
        | Q(role=Role.PROVIDER_POC, organisation__in=list(organisations)), is_active=True))


def of_provider(provider):
    kind = provider.__class__.__name__
    return provider_contacts(states=[provider] if kind == "State" else [],
                             organisations=[provider] if kind == "Organisation" else [])


def state_contacts(state):
    return provider_contacts(states=[state])


def experts():
    User = get_user_model()
    return list(User.objects.filter(Q(role=Role.EXPERT) | Q(is_superuser=True), is_active=True))


def requester_contacts(req):
    """The points of contact of the State or organisation that made a request."""
    return provider_contacts(states=[req.state] if req.state_id else [],
                             organisations=[req.organisation] if req.organisation_id else [])
