"""Self-service for signed-in users: change one's password, manage one's API keys, and the
language switcher (which also saves a signed-in person's choice in the profile)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_http_methods, require_POST

from clearinghouse.accounts.permissions import require

from . import apikeys, language
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


def set_language(request):
    """Django's switcher (cookie, redirect to the same page in the chosen language: the address
    of a page carries its language), and for a signed-in person the choice is kept in the
    profile. The form carries a CSRF token only for signed-in people (anonymous pages stay
    cacheable): the profile is written only when the token is valid."""
    # translate_url() resolves ``next`` in the active language: use the one its address carries.
    next_url = request.POST.get("next") or "/"
    shown = translation.get_language_from_path(urlsplit(next_url).path) or settings.LANGUAGE_CODE
    with translation.override(shown):
        response = i18n.set_language(request)
    code = request.POST.get("language", "") if request.method == "POST" else ""
    user = request.user
    if (user.is_authenticated and code in language.CODES
            and CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None):
        language.remember(user, user, code)
    return response
