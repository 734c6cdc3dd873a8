from django.contrib import admin

from .actions import delete_record, save_record
from .models import AuditEntry


class AuditedAdmin(admin.ModelAdmin):
    """Admin whose every save and delete goes through the audited actions."""

    def save_model(self, request, obj, form, change):
        save_record(request.user, obj, list(form.changed_data), created=not change)

    def delete_model(self, request, obj):
        delete_record(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            delete_record(request.user, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_record(request.user, obj)
        for obj in instances:
            save_record(request.user, obj)
        formset.save_m2m()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through their domain's actions: shown, never edited here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "action", "target_type", "target_label")
    list_filter = ("action", "target_type")
    search_fields = ("actor_label", "action", "target_label")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
