"""Data entry for experts. Saves go through the audited actions; approved versions are read-only
(their cells too): changes after approval go into a new version, started on the matrix page."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext as _

from clearinghouse.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Cell, Field, MatrixTemplate, MatrixVersion, Section


@admin.register(MatrixTemplate)
class MatrixTemplateAdmin(ReadOnlyAdmin):
    list_display = ("version", "title", "loaded_at")


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "op_reference", "template")


@admin.register(Field)
class FieldAdmin(ReadOnlyAdmin):
    list_display = ("code", "label", "op_reference", "weapon", "section")
    list_filter = ("section__code", "weapon")
    search_fields = ("code", "label")


@admin.register(MatrixVersion)
class MatrixVersionAdmin(AuditedAdmin):
    list_display = ("matrix", "number", "status", "report_date", "approved_on", "measures_total")
    list_filter = ("status",)
    search_fields = ("matrix__state__short_name", "matrix__state__iso3")
    fields = ("matrix", "number", "template", "status", "report_date", "addenda_dates", "approved_on",
              "decision_procedure", "decision_reference", "approved_by", "decision_recorded_at",
              "measures_total")
    # The Committee's decision is recorded on the matrix page (actions.approve), never here.
    readonly_fields = ("matrix", "number", "template", "status", "approved_on", "decision_procedure",
                       "decision_reference", "approved_by", "decision_recorded_at", "measures_total")

    def has_add_permission(self, request):
        return False  # a version is started on the matrix page (it copies the latest)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)


@admin.register(Cell)
class CellAdmin(AuditedAdmin):
    list_display = ("version", "field", "dimension", "value", "source")
    list_filter = ("value", "dimension", "version__status")
    search_fields = ("version__matrix__state__iso3", "field__code", "source")
    raw_id_fields = ("version", "field")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.version.is_draft)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.version.is_draft)

    def save_model(self, request, obj, form, change):
        from django.contrib import messages

        from clearinghouse.core import concurrency

        from .actions import refresh_measures, touch

        with transaction.atomic():
            version = concurrency.lock(obj.version)
            if not version.is_draft:
                messages.error(request, _("%(v)s is not a draft: cells of approved versions cannot change.")
                               % {"v": version})
                return
            touch(request.user, version, obj)  # a new revision of the draft, which the cell carries
            super().save_model(request, obj, form, change)
            refresh_measures([obj.version_id])

    def delete_model(self, request, obj):
        """A draft's cell is cleared (kept blank: clearing is a change other editors see)."""
        from .actions import set_cell

        set_cell(request.user, obj.version, obj.field.code, obj.dimension, "", "", "")

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("version", "field"):
            self.delete_model(request, obj)
