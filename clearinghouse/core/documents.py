"""Generated documents (PDF, DOCX of notes, the review, the briefing, the matrix): cached until
their data changes, and their generation throttled.

Rendering a PDF costs ~0.6 s of CPU a page: six clients asking for the same review kept both
workers busy. A document is now rendered once per data generation (core/generation.py), per
visibility class of the viewer and per language, and kept in the shared "default" cache, so
every worker serves it. The key:

- kind and arguments of the document (event 12 as PDF, review 2014 as DOCX, ...);
- the data generation: a write anywhere makes it unreachable;
- the viewer's visibility class: the role for the public, experts and Committee members (who
  see alike), the user for points of contact (whose own records differ);
- the language.

Only a render (a cache miss) is throttled: DOCUMENT_RATE (default 12 a minute) per signed-in
user, or per address for the public. Over it, HTTP 429 with Retry-After and a message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import role_of
from clearinghouse.accounts.throttle import throttle_wait

from . import generation

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
DOCUMENT_SECONDS = 7 * 24 * 3600


def visibility_class(user) -> str:
    role = role_of(user)
    if role in (Role.PUBLIC, Role.EXPERT, Role.COMMITTEE):
        return str(role)
    return f"{role}:{user.pk}"


def _key(request, kind: str, parts) -> str:
    raw = "\n".join([kind, repr(tuple(parts)), generation.current(),
                     visibility_class(request.user), get_language() or ""])
    return "document:" + hashlib.sha256(raw.encode()).hexdigest()


def too_many(wait: int) -> HttpResponse:
    response = HttpResponse(
        _("Too many documents generated from your address or account: try again in "
          "%(seconds)s seconds.") % {"seconds": wait},
        status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    return response


def cached(request, kind: str, parts, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The document ``kind``/``parts`` for this viewer: from the cache, or built by ``build``."""
    cache = caches["default"]
    key = _key(request, kind, parts)
    stored = cache.get(key)
    if stored is not None:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Document-Cache"] = "hit"
        return response
    wait = throttle_wait(request)
    if wait:
        return too_many(wait)
    response = build()
    if response.status_code == 200 and not response.streaming:
        headers = [(h, response[h]) for h in KEPT_HEADERS if h in response]
        cache.set(key, (response.status_code, headers, response.content), DOCUMENT_SECONDS)
        response["X-Document-Cache"] = "miss"
    return response
