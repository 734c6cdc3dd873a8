"""Site-wide pages: home, audit log, error pages."""

from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render

from clearinghouse.accounts.permissions import require
from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import Organisation, State

from . import params
from .extensions import HOME_PANELS, render_panels

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


def audit_log(request):
    require(request.user, "audit.view")
    entries = AuditEntry.objects.visible_to(request.user)
    if action := params.text(request.GET, "action"):
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(params.page(request.GET))
    return render(request, "core/audit_log.html", {"page": page, "action": action or ""})


def error_404(request, exception=None):
    return render(request, "core/error.html", {"status": 404, "message": str(exception or "")}, status=404)


def error_403(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def error_400(request, exception=None):
    return render(request, "core/error.html", {"status": 400}, status=400)


def error_500(request):
    # Standalone template: no context processor (which may need the database) runs here.
    from django.template.loader import get_template

    return HttpResponseServerError(get_template("core/500.html").render({}))
