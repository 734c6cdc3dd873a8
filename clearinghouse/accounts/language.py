"""A person's language: saved in the profile when they switch, set again when they sign in.

- ``remember()``: the audited action that stores ``User.language``.
- ``signed_in()``: on ``user_logged_in``, asks the language middleware (core/reader_language.py) to set
  the language cookie and to send the sign-in's redirect to the page in that language.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from clearinghouse.audit.log import record

from .models import User

CODES = {code for code, _name in settings.LANGUAGES}


def remember(actor, user: User, code: str) -> bool:
    """Store ``code`` as ``user``'s language; True when it changed (audited)."""
    if code not in CODES:
        raise ValueError(f"not a language: {code!r}")
    with transaction.atomic():
        current = User.objects.select_for_update().filter(pk=user.pk).values_list(
            "language", flat=True).first()
        if current is None or current == code:
            return False
        User.objects.filter(pk=user.pk).update(language=code)
        record(actor, "accounts.language", user, {"language": [current, code]})
    user.language = code
    return True


def signed_in(sender, request, user, **kwargs):
    if request is not None and getattr(user, "language", "") in CODES:
        request.remembered_language = user.language


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(signed_in, dispatch_uid="clearinghouse-language")
