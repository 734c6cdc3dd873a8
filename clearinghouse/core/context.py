from django.conf import settings
from django.urls import reverse

from clearinghouse.accounts.permissions import can, role_of

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
    }
