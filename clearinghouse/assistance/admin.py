"""Data entry for experts. Workflow fields (status, circulation, publication) change only
through the actions on the request's page, which record each transition; here they are read-only."""

from django.contrib import admin

from clearinghouse.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Match, Offer, Request, RequestEvent


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor_label", "kind", "from_status", "to_status", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Request)
class RequestAdmin(AuditedAdmin):
    list_display = ("reference", "title", "state", "organisation", "received", "status", "consent")
    list_filter = ("status", "consent", "channel")
    search_fields = ("reference", "title", "description", "state__short_name")
    autocomplete_fields = ("state", "organisation")
    readonly_fields = ("status", "consent", "circulated_on", "objection_deadline", "published_on",
                       "follow_up_due", "followed_up_on", "tags", "created_at", "updated_at")
    exclude = ("circulated_to_states", "circulated_to_organisations", "plan_items")
    inlines = [RequestEventInline]


@admin.register(Offer)
class OfferAdmin(AuditedAdmin):
    list_display = ("reference", "title", "provider_state", "provider_organisation", "capacity",
                    "valid_from", "valid_to", "active")
    list_filter = ("active",)
    search_fields = ("reference", "title", "description")
    autocomplete_fields = ("provider_state", "provider_organisation")
    readonly_fields = ("tags", "created_at")


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    """Matches are proposed and answered on the pages (with the engine's reasons): read-only here."""

    list_display = ("request", "offer", "score", "status")
    list_filter = ("status",)
