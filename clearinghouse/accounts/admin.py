from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction

from clearinghouse.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .auth_audit import password_changed
from .models import ApiKey, User


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ("username", "email", "role", "chair_office", "state", "organisation", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = DjangoUserAdmin.fieldsets + (
        ("Role", {"fields": ("role", "state", "organisation", "chair_office")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        ("Role", {"fields": ("role", "state", "organisation")}),
    )
    autocomplete_fields = ("state", "organisation")

    def user_change_password(self, request, id, form_url=""):
        """An expert sets another user's password: audited in the same transaction."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                password_changed(request.user, User.objects.get(pk=id), "admin")
        return response


@admin.register(ApiKey)
class ApiKeyAdmin(ReadOnlyAdmin):
    """Keys are created by their users (or `clearinghouse apikey`); experts see and revoke."""

    list_display = ("prefix", "name", "user", "created", "last_used", "revoked")
    list_filter = ("revoked",)
    search_fields = ("prefix", "name", "user__username")
    actions = ["revoke"]

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request, queryset):
        from . import apikeys

        for api_key in queryset.filter(revoked=None):
            apikeys.revoke(request.user, api_key)
