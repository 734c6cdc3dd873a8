"""A small fixed-window throttle in the shared cache (documents, sign-in attempts).

Counts per signed-in user, or per client address for the public; the API has DRF's own.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches

from .clientip import client_ip


def parse_rate(rate: str) -> tuple[int, int]:
    """"12/minute" -> (12, 60)."""
    count, _sep, period = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[0]]
    return int(count), seconds


def throttle_wait(request, scope: str = "documents", rate: str | None = None,
                  by_address: bool = False) -> int:
    """0 if this client may go on now (and counts it), else the seconds to wait."""
    count, period = parse_rate(rate or settings.DOCUMENT_RATE)
    user = getattr(request, "user", None)
    signed_in = not by_address and user is not None and user.is_authenticated
    ident = f"user:{user.pk}" if signed_in else f"address:{client_ip(request)}"
    now = int(time.time())
    window = now // period
    key = f"throttle:{scope}:{ident}:{window}"
    cache = caches["default"]
    used = cache.get(key, 0)
    if used >= count:
        return period - now % period or 1
    cache.set(key, used + 1, period + 1)
    return 0
