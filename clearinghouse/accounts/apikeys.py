"""API keys: a token scheme for programs, instead of HTTP Basic auth.

A key reads ``ch_<prefix>_<secret>``; the database keeps the prefix (to find the row) and the
SHA-256 of the whole key, so a copy of the database (or a backup) reveals no usable key.
Checking a key costs one indexed query and one hash: unlike a password, it burns no CPU, so
a flood of wrong keys cannot take the site down (and the API is throttled per address).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from clearinghouse.audit.log import record

from .models import ApiKey

SCHEMES = (b"bearer", b"token")
LAST_USED_EVERY = timedelta(minutes=5)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(actor, user, name: str) -> tuple[ApiKey, str]:
    """A new key for ``user``; the key itself is returned once and never stored."""
    prefix = secrets.token_hex(4)
    key = f"ch_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        api_key = ApiKey.objects.create(user=user, name=name[:100], prefix=prefix,
                                        digest=_digest(key))
        record(actor, "accounts.api-key-create", api_key, {"user": user.get_username()},
               label=str(api_key))
    return api_key, key


def revoke(actor, api_key: ApiKey) -> None:
    with transaction.atomic():
        api_key.revoked = timezone.now()
        api_key.save(update_fields=["revoked"])
        record(actor, "accounts.api-key-revoke", api_key, label=str(api_key))


def check(key: str):
    """The active user a key belongs to, or None."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != "ch" or len(parts[1]) != 8:
        return None
    api_key = (ApiKey.objects.select_related("user").filter(prefix=parts[1], revoked=None)
               .first())
    if api_key is None or not hmac.compare_digest(api_key.digest, _digest(key)):
        return None
    if not api_key.user.is_active:
        return None
    now = timezone.now()
    if api_key.last_used is None or now - api_key.last_used > LAST_USED_EVERY:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used=now)
    return api_key.user, api_key


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer ch_...`` (or ``Token ch_...``)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in SCHEMES:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Authorization header: give the scheme and the key, separated by one space."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The API key has characters no key has.")) from None
        found = check(key)
        if found is None:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked API key."))
        return found

    def authenticate_header(self, request):
        return self.keyword
