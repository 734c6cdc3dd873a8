"""Sign-in attempts per address, whatever the user names tried.

The lockout (django-axes) stops guessing one user's password; this stops one address from
trying many user names, each of which costs a password hash (~0.3 s of CPU, also for a user
name that does not exist). LOGIN_RATE (default 20 a minute) POSTs to the sign-in pages of the
site and the admin per address; over it, HTTP 429 with Retry-After, before any hashing.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from clearinghouse.accounts.throttle import throttle_wait


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = None

    def __call__(self, request):
        if request.method == "POST":
            if self.paths is None:
                self.paths = {reverse("login"), reverse("admin:login")}
            if request.path in self.paths:
                wait = throttle_wait(request, "login", settings.LOGIN_RATE, by_address=True)
                if wait:
                    response = render(request, "registration/throttled.html",
                                      {"seconds": wait}, status=429)
                    response["Retry-After"] = str(wait)
                    return response
        return self.get_response(request)
