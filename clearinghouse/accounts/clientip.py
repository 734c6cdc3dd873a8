"""The client's address, the one way: throttles, the login lockout and the audit log agree.

Without a proxy (PROXY_COUNT=0) only the socket address counts: a forwarded header from the
client is ignored, so nobody escapes a throttle by inventing addresses. Behind N proxies the
N-th address from the right of X-Forwarded-For is the one the first proxy saw.
"""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")  # "" when unknown (a stored NULL address)
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies][:64]
