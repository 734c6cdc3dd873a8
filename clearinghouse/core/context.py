from django.conf import settings

from clearinghouse.accounts.permissions import can, role_of


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_name": "1540 Clearinghouse",
        "user_role": role_of(user),
        "can_view_audit": can(user, "audit.view"),
        "can_admin": can(user, "admin.access"),
        "ui_languages": settings.LANGUAGES,
    }
