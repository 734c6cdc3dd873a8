"""Invitations: an expert invites a Committee member or a point of contact, bound to its State
or organisation; the person sets a password through a one-time link.

The link holds a random token; only its SHA-256 is stored. It works once, until it expires
(``INVITATION_DAYS``, 7 by default). Both steps are audited in their transaction. The account
is created when the link is used, with the role and binding the expert chose (the person
chooses only a user name and a password). Used by the page (views_invitations.py) and by
``clearinghouse invite EMAIL --role ... --state ISO3 | --organisation CODE``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clearinghouse.audit.log import record

from .models import Invitation, Role, User
from .permissions import require

INVITED_ROLES = (Role.COMMITTEE, Role.STATE_POC, Role.PROVIDER_POC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def days_valid() -> int:
    return settings.INVITATION_DAYS


def link_path(token: str) -> str:
    return reverse("invitation-accept", args=[token])


def _bound(role, state_code: str, organisation_code: str, chair_office: bool):
    """The State or organisation named by its code, checked against the role (ValidationError
    naming the field)."""
    state_code, organisation_code = (state_code or "").strip().upper(), (organisation_code or "").strip()
    state = organisation = None
    if state_code:
        state = apps.get_model("registry", "State").objects.filter(iso3=state_code).first()
        if state is None:
            raise ValidationError({"state": _("No UN Member or observer State has the code "
                                              "%(code)s.") % {"code": state_code}})
    if organisation_code:
        organisation = apps.get_model("registry", "Organisation").objects.filter(
            code__iexact=organisation_code).first()
        if organisation is None:
            raise ValidationError({"organisation": _("No organisation has the code %(code)s.")
                                   % {"code": organisation_code}})
    if role not in INVITED_ROLES:
        raise ValidationError({"role": _("Invite a Committee member, a State point of contact or a "
                                         "provider point of contact.")})
    # The account's own rules (User.clean): a State PoC to a State, a provider PoC to exactly
    # one State or organisation, a Committee member to neither; only it in the Chair's office.
    try:
        User(username="invited", role=role, state=state, organisation=organisation,
             chair_office=chair_office).clean()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise
        # A rule on the binding as a whole: name the field the person filled in (or must fill).
        raise ValidationError({"organisation" if organisation and not state else "state":
                               exc.messages}) from None
    return state, organisation


def invite(actor, email: str, role: str, *, state: str = "", organisation: str = "",
           chair_office: bool = False) -> tuple[Invitation, str]:
    """Create an invitation; returns it and the token of its link (shown once, never stored).
    ``actor``: the expert inviting from the page, or "command" (the operator at the console)."""
    if actor != "command":
        require(actor, "accounts.invite")
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    state_obj, organisation_obj = _bound(role, state, organisation, chair_office)
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        raise ValidationError({"email": _("An account with this e-mail address exists already.")})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email, role=role, state=state_obj, organisation=organisation_obj,
            chair_office=chair_office, digest=_digest(token),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            expires_at=timezone.now() + dt.timedelta(days=days_valid()))
        record(actor, "accounts.invitation.created", invitation, {
            "email": email, "role": role, "state": state_obj, "organisation": organisation_obj,
            "chair_office": chair_office, "expires_at": invitation.expires_at})
    return invitation, token


class InvitationInvalid(Exception):
    """The link is unknown, used or expired (its message says which)."""


def find(token: str) -> Invitation:
    """The invitation of a link still usable; InvitationInvalid otherwise."""
    invitation = (Invitation.objects.select_related("state", "organisation")
                  .filter(digest=_digest(token or "")).first())
    if invitation is None:
        raise InvitationInvalid(_("This invitation link is not valid. Ask the experts for a new one."))
    if invitation.used_at is not None:
        raise InvitationInvalid(_("This invitation link has been used already: sign in with the "
                                  "user name and password chosen then."))
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(_("This invitation link has expired. Ask the experts for a new one."))
    return invitation


def accept(token: str, username: str, password: str, password2: str) -> User:
    """Use the link: create the account with the invitation's role and binding."""
    username = (username or "").strip()
    errors = {}
    if not username:
        errors["username"] = _("Choose a user name.")
    elif len(username) > 150 or not User.username_validator.regex.match(username):
        errors["username"] = _("A user name has at most 150 letters, digits and @ . + - _ only.")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("This user name is taken: choose another.")
    if password != password2:
        errors["password2"] = _("The two passwords differ.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        invitation = find(token)
        # The row locked, then checked again: two uses of one link at once create one account.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used_at is not None:
            raise InvitationInvalid(_("This invitation link has been used already."))
        user = User(username=username, email=invitation.email, role=invitation.role,
                    state=invitation.state, organisation=invitation.organisation,
                    chair_office=invitation.chair_office)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        user.set_password(password)
        user.full_clean()
        user.save()
        invitation.used_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["used_at", "user"])
        record(user, "accounts.invitation.accepted", invitation,
               {"username": username, "role": invitation.role})
    return user
