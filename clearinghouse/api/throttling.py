"""API throttles: per client address (whoever is signed in) and per signed-in user.

Both count in the shared "default" cache, so the limits hold across gunicorn workers. Rates are
set in settings (API_RATE_ADDRESS, API_RATE_USER). A throttled call gets HTTP 429 with
Retry-After and a JSON message.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from clearinghouse.accounts.clientip import client_ip


class _LiveRate(SimpleRateThrottle):
    def get_rate(self):
        # Read when used (not at import), so a changed setting takes effect.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class AddressThrottle(_LiveRate):
    scope = "address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class UserThrottle(_LiveRate):
    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
