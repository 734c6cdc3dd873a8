"""Sign-ins, failed sign-ins, lockouts and sign-outs in the audit log.

Django's signals carry them; each is recorded in its own small transaction. A failed sign-in
names the user name tried and the address, never the password. Attempts refused while a lockout
is in force are counted by django-axes, not written here again (a flood of them would otherwise
flood the log); the lockout itself is recorded once.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction

from clearinghouse.accounts.clientip import client_ip
from clearinghouse.audit.log import record


def _address(request) -> str:
    return client_ip(request) if request is not None else ""


def _user_named(username: str):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def logged_in(sender, request, user, **kwargs):
    with transaction.atomic():
        record(user, "accounts.login", user, {"address": _address(request)})


def logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    with transaction.atomic():
        record(user, "accounts.logout", user, {"address": _address(request)})


def login_failed(sender, credentials, request=None, **kwargs):
    if request is not None and getattr(request, "axes_locked_out", False):
        return
    username = str(credentials.get("username", ""))[:150]
    target = _user_named(username)
    with transaction.atomic():
        record("anonymous", "accounts.login-failed", target,
               {"username": username, "address": _address(request)}, label=username)


def locked_out(sender, request, username, ip_address, **kwargs):
    # Axes signals again at each attempt during the lockout: record only the one that locked.
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    target = _user_named(username or "")
    with transaction.atomic():
        record("anonymous", "accounts.locked-out", target,
               {"username": (username or "")[:150], "address": ip_address or ""},
               label=(username or "")[:150])


def password_changed(actor, user, how: str) -> None:
    """Called inside the change's transaction by the views that change a password."""
    record(actor, "accounts.password-change", user, {"by": how})


def connect():
    from axes.signals import user_locked_out

    user_logged_in.connect(logged_in, dispatch_uid="clearinghouse-audit-login")
    user_logged_out.connect(logged_out, dispatch_uid="clearinghouse-audit-logout")
    user_login_failed.connect(login_failed, dispatch_uid="clearinghouse-audit-login-failed")
    user_locked_out.connect(locked_out, dispatch_uid="clearinghouse-audit-locked-out")
