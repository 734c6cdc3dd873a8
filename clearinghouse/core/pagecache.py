"""Anonymous pages from a cache, until the data changes.

Public pages change only when data changes, so an anonymous GET is answered from the "pages"
cache when the same page (path and query, language, day) was rendered under the current data
generation (core/generation.py); the language is the address's (/fr/states/) or, on an
unprefixed address, the reader's (which LanguageMiddleware redirects when it is not English).
Safe by construction:

- only requests that carry no session and no messages cookie are looked up or stored: a
  signed-in user (any role) is never served a cached page, and never has one stored;
- only 200 HTML responses that set no cookie, used no CSRF token and carry no
  ``Cache-Control: private/no-store`` are stored;
- /admin/, /api/, /accounts/ and the language switcher are never cached.

The key holds the data generation, so a write anywhere (any process) makes every stored page
unreachable at once; the stored copies age out of each worker's memory.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from . import generation, reader_language

SKIPPED_PREFIXES = reader_language.UNPREFIXED  # /admin/ /api/ /accounts/ /i18n/ /static/ /media/
HEADER = "X-Page-Cache"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _key(request, token: str) -> str:
    raw = "\n".join([
        token,
        # As LanguageMiddleware (further in) will choose it: the address's language (/fr/...),
        # else the reader's (cookie, Accept-Language), for which it may redirect instead.
        reader_language.page_language(request),
        timezone.now().date().isoformat(),  # "today" on pages (as-of dates, upcoming events)
        request.method if request.method == "GET" else "GET",
        request.get_full_path(),
    ])
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not _cacheable_request(request):
            return self.get_response(request)
        token = generation.current()
        if not token:
            return self.get_response(request)
        cache = caches["pages"]
        key = _key(request, token)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_vary_headers(response, ["Cookie"])
            headers = [(k, v) for k, v in response.items() if k.lower() not in {"set-cookie"}]
            cache.set(key, (response.status_code, headers, response.content),
                      settings.PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response
