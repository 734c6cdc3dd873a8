"""Pages of invitations: experts invite (and see recent invitations); the invited person uses
the one-time link to choose a user name and password. Thin: accounts/invitations.py acts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import invitations
from .models import Invitation, Role
from .permissions import require

ROLE_CHOICES = [(r.value, r.label) for r in invitations.INVITED_ROLES]
FIELDS = ("email", "role", "state", "organisation")


@require_http_methods(["GET", "POST"])
def invitation_list(request):
    require(request.user, "accounts.invite")
    link, errors, data, status = "", {}, {}, 200
    if request.method == "POST":
        data = {f: request.POST.get(f, "").strip() for f in FIELDS}
        data["chair_office"] = request.POST.get("chair_office") == "on"
        try:
            _invitation, token = invitations.invite(
                request.user, data["email"], data["role"], state=data["state"],
                organisation=data["organisation"], chair_office=data["chair_office"])
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            status = 400
        else:
            link = request.build_absolute_uri(invitations.link_path(token))
            messages.success(request, _("Invitation created. Send this link to %(email)s; it works "
                                        "once, for %(days)s days.")
                             % {"email": data["email"], "days": invitations.days_valid()})
            data = {}
    recent = (Invitation.objects.visible_to(request.user)
              .select_related("state", "organisation", "created_by", "user")[:50])
    return render(request, "registration/invitations.html", {
        "roles": ROLE_CHOICES, "errors": errors, "data": data, "link": link,
        "invitations": recent, "days": invitations.days_valid()}, status=status)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    try:
        invitation = invitations.find(token)
    except invitations.InvitationInvalid as exc:
        return render(request, "registration/invitation_accept.html", {"invalid": str(exc)},
                      status=404)
    errors, username, status = {}, "", 200
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        try:
            user = invitations.accept(token, username, request.POST.get("password", ""),
                                      request.POST.get("password2", ""))
        except invitations.InvitationInvalid as exc:
            return render(request, "registration/invitation_accept.html", {"invalid": str(exc)},
                          status=404)
        except ValidationError as exc:
            errors, status = exc.message_dict, 400
        else:
            login(request, user, backend="clearinghouse.accounts.backends.RoleBackend")
            messages.success(request, _("Welcome: your account is ready."))
            return redirect("start")
    return render(request, "registration/invitation_accept.html", {
        "invitation": invitation, "errors": errors, "username": username,
        "is_committee": invitation.role == Role.COMMITTEE}, status=status)
