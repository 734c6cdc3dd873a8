"""Which language a request is answered in.

Public pages carry their language in the address (``i18n_patterns`` in urls.py, English without
a prefix): ``/fr/states/`` is French for everyone, so a link keeps its language. The other
addresses (UNPREFIXED: the API, the admin, /accounts/, the switcher, files) are answered in the
reader's language: the language cookie, else the browser's Accept-Language.

``LanguageMiddleware`` replaces Django's LocaleMiddleware:

- a GET of an unprefixed page by a reader whose language is not English (the cookie set by the
  switcher or at sign-in; on a first visit, the browser's Accept-Language) is redirected to the
  same page under that language's prefix (an explicit "English" choice is kept);
- after a sign-in (accounts/language.py), the cookie is set to the profile's language and the
  sign-in's redirect goes to the page in that language.

The page cache (pagecache.py) keys pages by the same rule: the address's language, else the
reader's.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import get_script_prefix, is_valid_path, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import escape_uri_path, iri_to_uri

UNPREFIXED = ("/api/", "/admin/", "/accounts/", "/i18n/", "/static/", "/media/")


def is_page(path: str) -> bool:
    """True for the addresses under i18n_patterns (they carry their language)."""
    return not path.startswith(UNPREFIXED)


def readers_language(request) -> str:
    """The cookie's language, else the browser's Accept-Language, else English."""
    return translation.get_language_from_request(request, check_path=False)


def page_language(request) -> str:
    """The language a request is answered in (before any redirect): the address's language
    for pages, else the reader's."""
    if is_page(request.path_info):
        return translation.get_language_from_path(request.path_info) or readers_language(request)
    return readers_language(request)


def _prefixed(request, language: str) -> str | None:
    """The request's address under ``language``'s prefix, escaped as get_full_path() does."""
    path = f"/{language}{request.path_info}"
    with translation.override(language):
        if not is_valid_path(path):
            return None
    target = escape_uri_path(get_script_prefix().rstrip("/") + path)
    query = request.META.get("QUERY_STRING", "")
    return f"{target}?{iri_to_uri(query)}" if query else target


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        path = request.path_info
        if not is_page(path):
            translation.activate(readers_language(request))
            request.LANGUAGE_CODE = translation.get_language()
            return None
        if (request.method in ("GET", "HEAD")
                and not translation.get_language_from_path(path)):
            wanted = readers_language(request)
            if wanted != settings.LANGUAGE_CODE:
                target = _prefixed(request, wanted)
                if target:
                    response = HttpResponseRedirect(target)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        return super().process_request(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        remembered = getattr(request, "remembered_language", "")
        if remembered:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, remembered,
                max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE)
            location = response.get("Location") if response.status_code in (301, 302, 303) else None
            if location and location.startswith("/") and not location.startswith("//"):
                response["Location"] = _translated(location, remembered)
        return response


def _translated(url: str, language: str) -> str:
    """``url`` (a local address) in ``language``: resolved in the language it carries."""
    from urllib.parse import urlsplit

    shown = translation.get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    with translation.override(shown):
        return translate_url(url, language)
