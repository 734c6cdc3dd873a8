from django.conf import settings
from django.urls import reverse
from django.utils import translation

from clearinghouse.accounts.permissions import can, role_of

from . import reader_language
from .extensions import NAV_LINKS
from .models import ILLUSTRATIVE_NOTICE, illustrative_loaded

# The platform's name in every page title (the sign-in view passes it too: Django's LoginView
# would otherwise put the host name there).
SITE_NAME = "1540 Clearinghouse"


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_name": SITE_NAME,
        "user_role": role_of(user),
        "can_view_audit": can(user, "audit.view"),
        "can_admin": can(user, "admin.access"),
        "can_import": can(user, "import.run"),
        "nav_links": [
            (reverse(link.url_name), link.label)
            for link in NAV_LINKS
            if link.action is None or can(user, link.action)
        ],
        "illustrative_notice": ILLUSTRATIVE_NOTICE if illustrative_loaded() else "",
        "ui_languages": settings.LANGUAGES,
        "alternates": alternates(request),
    }


def alternates(request) -> list[tuple[str, str]]:
    """(hreflang, absolute address) of this page in each language, then x-default (the
    unprefixed address, which sends a reader to their language); none off the pages."""
    if not reader_language.is_page(request.path_info) or request.method != "GET":
        return []
    shown = translation.get_language()
    full = request.get_full_path()
    found = []
    for code, _name in settings.LANGUAGES:
        with translation.override(shown):
            url = translation_url(full, code)
        if url is None:
            return []
        found.append((code.replace("zh-hans", "zh-Hans"), request.build_absolute_uri(url)))
    default = dict(found).get(settings.LANGUAGE_CODE)
    return found + ([("x-default", default)] if default else [])


def translation_url(url: str, code: str) -> str | None:
    from django.urls import translate_url

    translated = translate_url(url, code)
    if translated == url and code != translation.get_language():
        return None  # not a page of the urlconf (an error page)
    return translated
