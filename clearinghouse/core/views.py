"""Site-wide pages: home, audit log, error pages."""

from pathlib import Path

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import can, require
from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import Organisation, State

from . import params
from .extensions import HOME_PANELS, START_PANELS, render_panels

AUDIT_PAGE_SIZE = 50


def home(request):
    states = State.objects.visible_to(request.user)
    context = {
        "member_count": states.members().count(),
        "observer_count": states.filter(status=State.Status.OBSERVER).count(),
        "organisation_count": Organisation.objects.visible_to(request.user).count(),
        "panels": render_panels(HOME_PANELS, request),
    }
    return render(request, "core/home.html", context)


def start(request):
    """A signed-in person's start page: what awaits them, from each domain (START_PANELS),
    everything read through ``visible_to(user)``. Sign-in lands here."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "core/start.html", {
        "panels": render_panels(START_PANELS, request),
        "can_invite": can(request.user, "accounts.invite"),
    })


def audit_log(request):
    require(request.user, "audit.view")
    entries = AuditEntry.objects.visible_to(request.user)
    if action := params.text(request.GET, "action"):
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(params.page(request.GET))
    return render(request, "core/audit_log.html", {"page": page, "action": action or ""})


FAVICON = Path(__file__).resolve().parent.parent / "static" / "clearinghouse" / "favicon.ico"


def favicon(request):
    """/favicon.ico, which browsers ask for on pages without a <link rel="icon"> (the admin)."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _api(request) -> bool:
    """Under /api/ every answer is JSON, errors from outside the API's views included."""
    return request.path_info.startswith("/api/")


def error_404(request, exception=None):
    if _api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "core/error.html", {"status": 404, "message": str(exception or "")}, status=404)


def error_403(request, exception=None):
    if _api(request):
        return JsonResponse({"detail": _("You do not have permission to perform this action.")},
                            status=403)
    return render(request, "core/error.html", {"status": 403}, status=403)


def error_400(request, exception=None):
    if _api(request):
        return JsonResponse({"detail": _("The request could not be understood.")}, status=400)
    return render(request, "core/error.html", {"status": 400}, status=400)


def error_500(request):
    if _api(request):
        return JsonResponse({"detail": "Internal error; it has been logged."}, status=500)
    # Standalone template: no context processor (which may need the database) runs here.
    from django.template.loader import get_template

    return HttpResponseServerError(get_template("core/500.html").render({}))
