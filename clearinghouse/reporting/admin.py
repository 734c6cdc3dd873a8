"""Data entry for experts: saves go through the audited actions (AuditedAdmin)."""

from django.contrib import admin

from clearinghouse.audit.admin import AuditedAdmin

from .documents import DocumentError, extract_text
from .models import ActionPlan, ActionPlanItem, CountryVisit, NationalReport, PeerReview


@admin.register(NationalReport)
class NationalReportAdmin(AuditedAdmin):
    list_display = ("state", "kind", "submitted_on", "language", "status", "illustrative")
    list_filter = ("kind", "status", "illustrative", "state__region")
    search_fields = ("state__short_name", "state__iso3", "title", "text")
    autocomplete_fields = ("state",)
    date_hierarchy = "submitted_on"
    readonly_fields = ("created_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        # A document uploaded here gets its text extracted too (kept for search).
        if "document" in form.changed_data and obj.document:
            upload = form.cleaned_data["document"]
            content = upload.read()
            upload.seek(0)
            try:
                obj.text = extract_text(upload.name, content)
            except DocumentError as exc:
                self.message_user(request, str(exc), level="warning")
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ActionPlanItemInline(admin.TabularInline):
    model = ActionPlanItem
    extra = 1


@admin.register(ActionPlan)
class ActionPlanAdmin(AuditedAdmin):
    list_display = ("state", "adopted_on", "title", "status", "illustrative")
    list_filter = ("status", "illustrative")
    search_fields = ("state__short_name", "title")
    autocomplete_fields = ("state",)
    inlines = [ActionPlanItemInline]


@admin.register(CountryVisit)
class CountryVisitAdmin(AuditedAdmin):
    list_display = ("state", "start", "end", "status", "illustrative")
    list_filter = ("status", "illustrative")
    search_fields = ("state__short_name",)
    autocomplete_fields = ("state",)


@admin.register(PeerReview)
class PeerReviewAdmin(AuditedAdmin):
    list_display = ("__str__", "start", "end", "status", "illustrative")
    list_filter = ("status", "illustrative")
    filter_horizontal = ("states",)
