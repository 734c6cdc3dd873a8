"""Shorter sessions for the privileged roles.

Experts and Committee members see confidential records, so their sessions end
PRIVILEGED_SESSION_AGE seconds after sign-in (default 8 hours), whatever the activity; other
users keep the ordinary SESSION_COOKIE_AGE. The sign-in time is kept in the session, so the
limit also applies to a user whose role was raised during a session.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.urls import reverse

from .models import Role

SIGNED_IN_AT = "signed_in_at"


def privileged(user) -> bool:
    from .permissions import role_of

    return role_of(user) in (Role.EXPERT, Role.COMMITTEE)


def on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[SIGNED_IN_AT] = int(time.time())
    if privileged(user):
        request.session.set_expiry(settings.PRIVILEGED_SESSION_AGE)


user_logged_in.connect(on_login, dispatch_uid="clearinghouse-session-age")


class PrivilegedSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and privileged(user):
            started = request.session.get(SIGNED_IN_AT)
            if started is None:
                request.session[SIGNED_IN_AT] = int(time.time())
                request.session.set_expiry(settings.PRIVILEGED_SESSION_AGE)
            elif time.time() - started > settings.PRIVILEGED_SESSION_AGE:
                logout(request)
                return redirect(f"{reverse('login')}?next={request.path}")
        return self.get_response(request)
