from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from clearinghouse.audit.admin import AuditedAdmin

from .models import User


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ("username", "email", "role", "state", "organisation", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = DjangoUserAdmin.fieldsets + (
        ("Role", {"fields": ("role", "state", "organisation")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        ("Role", {"fields": ("role", "state", "organisation")}),
    )
    autocomplete_fields = ("state", "organisation")
