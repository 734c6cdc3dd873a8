"""Data entry for experts. Confirming and publishing go through the event page's actions."""

from django.contrib import admin

from clearinghouse.audit.admin import AuditedAdmin

from .models import Event, EventDocument, EventSeries, Organiser, Participant


class OrganiserInline(admin.TabularInline):
    model = Organiser
    extra = 0
    autocomplete_fields = ("state", "organisation")


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ("state", "organisation")


class DocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0


@admin.register(Event)
class EventAdmin(AuditedAdmin):
    list_display = ("title", "kind", "start", "venue_city", "venue_state", "status")
    list_filter = ("status", "kind")
    search_fields = ("title", "venue_city")
    date_hierarchy = "start"
    autocomplete_fields = ("venue_state", "series")
    readonly_fields = ("status", "source_filename", "import_warnings", "created", "updated")
    exclude = ("source_text", "related")
    inlines = [OrganiserInline, ParticipantInline, DocumentInline]


@admin.register(EventSeries)
class EventSeriesAdmin(AuditedAdmin):
    search_fields = ("name",)
