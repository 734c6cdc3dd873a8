"""Self-service for signed-in users: change one's password, manage one's API keys."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clearinghouse.accounts.permissions import require

from . import apikeys
from .auth_audit import password_changed
from .models import ApiKey


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, audited in the same transaction as the change."""

    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            password_changed(self.request.user, self.request.user, "self-service")
        return response


@login_required
@require_http_methods(["GET", "POST"])
def api_keys(request):
    require(request.user, "accounts.self")
    new_key = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            messages.error(request, _("Give the key a name (what it is for)."))
        elif len(name) > 100:
            messages.error(request, _("A key's name has at most 100 characters."))
        else:
            _api_key, new_key = apikeys.create(request.user, request.user, name)
    keys = ApiKey.objects.visible_to(request.user).filter(user=request.user)
    return render(request, "registration/api_keys.html", {"keys": keys, "new_key": new_key})


@login_required
@require_POST
def api_key_revoke(request, prefix: str):
    require(request.user, "accounts.self")
    api_key = ApiKey.objects.visible_to(request.user).filter(
        user=request.user, prefix=prefix, revoked=None).first()
    if api_key is None:
        raise Http404(_("No such active key."))
    apikeys.revoke(request.user, api_key)
    messages.success(request, _("Key %(prefix)s revoked.") % {"prefix": prefix})
    return redirect("api-keys")
