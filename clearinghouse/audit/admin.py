from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict

from clearinghouse.core import concurrency
from clearinghouse.core.concurrency import forms as revision_forms

from .actions import delete_record, save_record
from .models import AuditEntry


class RevisionGuard:
    """Admin form mixin: the token of the record as opened rides in a hidden field; ``clean``
    compares it with the stored row, locked (the admin's change view runs in one transaction,
    so the lock holds until the save). A conflict becomes a form error, the comparison table
    above the form and the user's input kept, now carrying the stored token."""

    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            revision_forms.add_revision(self, self.instance)

    def clean(self):
        data = super().clean()
        opened = data.get(revision_forms.REVISION)
        if self.instance.pk is not None and opened:
            try:
                with transaction.atomic():
                    concurrency.check(self.instance, opened)
            except concurrency.Conflict as exc:
                self.conflict = exc
                raise ValidationError(exc.message()) from None
        return data


class AuditedAdmin(admin.ModelAdmin):
    """Admin whose every save and delete goes through the audited actions, and never
    overwrites a change made after the record was opened (``RevisionGuard``)."""

    change_form_template = "admin/audited_change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)  # UserAdmin: keyword
        if obj is None or issubclass(form, RevisionGuard):
            return form
        return type(form)(f"Guarded{form.__name__}", (RevisionGuard, form), {"__module__": __name__})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        conflict = getattr(form, "conflict", None)
        if conflict is not None:
            stored = model_to_dict(conflict.stored, fields=list(form.fields))
            context["conflict_rows"] = revision_forms.rows(form, stored)
            context["conflict"] = conflict
            context["discard_url"] = request.path
            revision_forms.rebase(form, conflict)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        save_record(request.user, obj, list(form.changed_data), created=not change,
                    opened=form.cleaned_data.get(revision_forms.REVISION) if change else None)

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
