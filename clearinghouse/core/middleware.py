"""The edge: what no page or endpoint can use is refused before a view or the database sees it.

- A control character in the path, in a query parameter (name or value; tab and line breaks are
  allowed in values, which may be multi-line), or in the Authorization header (including a Basic
  username or password) is answered with 400, naming where it is.
- A cookie holding a control character is dropped (the request goes on as without it).
- Form and multipart bodies (every form, the admin, the API's form bodies) lose the characters
  no store or document can hold (``core.text``), passwords excepted. JSON bodies are cleaned by
  the API's parsers (``api.parsers``), files by the importers' readers.
- :class:`~clearinghouse.core.params.BadParameter` raised by a page becomes a 400 page naming
  the parameter (the API's exception handler does the same in JSON).
"""

from __future__ import annotations

import base64
import binascii

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from .params import BadParameter
from .text import clean_text, describe, first_disallowed

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
KEEP_AS_SENT = ("password", "csrfmiddlewaretoken")


def _language(request) -> str:
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language_from_request(request)


def bad_request(request, name: str, message: str):
    """400: JSON under /api/, otherwise the error page with the message."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message, "parameter": name}, status=400)
    with translation.override(_language(request)):
        return render(request, "core/error.html", {"status": 400, "message": message}, status=400)


def _problem(request) -> tuple[str, str] | None:
    char = first_disallowed(request.path_info, multiline=False)
    if char is not None:
        return "path", _("The address holds a control character (%(char)s).") % {
            "char": describe(char)}
    for key, values in request.GET.lists():
        char = first_disallowed(key, multiline=False)
        if char is not None:
            return "query", _("A query parameter's name holds a control character (%(char)s).") % {
                "char": describe(char)}
        for value in values:
            char = first_disallowed(value)
            if char is not None:
                return key, _("%(name)s: the value holds a control character (%(char)s).") % {
                    "name": key, "char": describe(char)}
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        char = first_disallowed(header, multiline=False) or first_disallowed(
            _basic_credentials(header), multiline=False)
        if char is not None:
            return "Authorization", _("The Authorization header holds a control character "
                                      "(%(char)s).") % {"char": describe(char)}
    return None


def _basic_credentials(header: str) -> str:
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "basic" or not token:
        return ""
    try:
        return base64.b64decode(token.strip(), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return ""  # not Basic credentials at all: the authentication answers 401


def _drop_bad_cookies(request) -> None:
    bad = [k for k, v in request.COOKIES.items()
           if first_disallowed(k, multiline=False) or first_disallowed(v, multiline=False)]
    for key in bad:
        del request.COOKIES[key]


def _clean_form_body(request) -> None:
    content_type = request.META.get("CONTENT_TYPE", "")
    # Django parses form bodies of POST only; the API's parsers clean PUT and PATCH bodies.
    if request.method != "POST" or not content_type.startswith(FORM_TYPES):
        return
    data = request.POST
    if not any(first_disallowed(v) for _key, values in data.lists() for v in values):
        return
    cleaned = data.copy()
    for key, values in data.lists():
        if not any(word in key.lower() for word in KEEP_AS_SENT):
            cleaned.setlist(key, [clean_text(v) for v in values])
    cleaned._mutable = False
    request.POST = cleaned


class EdgeMiddleware:
    """Refuse control characters in the address, query and credentials; clean form bodies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _problem(request) is not None:
            # Refused before LocaleMiddleware ran: say it in the language the request asks for.
            with translation.override(_language(request)):
                return bad_request(request, *_problem(request))
        _drop_bad_cookies(request)
        _clean_form_body(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return bad_request(request, exception.name, exception.message)
        return None
