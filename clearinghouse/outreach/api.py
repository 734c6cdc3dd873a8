"""API endpoints of the outreach domain, registered on the shared router.

/api/events/ (filters as on the page), /api/events/{id}/, /api/events/{id}/note/{pdf|docx|html|md}/,
/api/events/statistics/. Scoped by role: a draft event is seen by experts only.
"""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clearinghouse.api.conditional import ETAG_HEADER, ETagRetrieveMixin
from clearinghouse.api.schema import choice_param, text_param, year_param
from clearinghouse.core import documents, params
from clearinghouse.outreach import notes_service, queries, topics
from clearinghouse.outreach.convert import visible_related
from clearinghouse.outreach.models import Event, MentionedEvent, Organiser, Participant


class EntityField(serializers.Serializer):
    def to_representation(self, link):
        if link.state_id:
            return {"kind": "state", "code": link.state.iso3}
        if link.organisation_id:
            return {"kind": "organisation", "code": link.organisation.code}
        return None


class OrganiserSerializer(serializers.ModelSerializer):
    entity = EntityField(source="*", read_only=True)

    class Meta:
        model = Organiser
        fields = ["name", "entity"]


class ParticipantSerializer(serializers.ModelSerializer):
    entity = EntityField(source="*", read_only=True)

    class Meta:
        model = Participant
        fields = ["group", "name", "entity", "confidence", "remark", "flagged"]


class MentionSerializer(serializers.ModelSerializer):
    linked = serializers.SerializerMethodField()

    class Meta:
        model = MentionedEvent
        fields = ["title", "start", "end", "venue", "linked"]

    def get_linked(self, mention) -> int | None:
        """The recorded event the mention is linked to, if the caller may see it."""
        return mention.linked_id if mention.linked_id in self.context["visible_ids"] else None


class EventSerializer(serializers.ModelSerializer):
    venue_state = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)
    series = serializers.StringRelatedField(allow_null=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail")

    class Meta:
        model = Event
        fields = ["id", "url", "title", "kind", "status", "series", "start", "end",
                  "venue_place", "venue_city", "venue_state", "committee_members",
                  "committee_experts", "topics", "illustrative", "revision"]


class EventDetailSerializer(EventSerializer):
    organisers = OrganiserSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    mentions = MentionSerializer(many=True, read_only=True)
    related = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()

    class Meta(EventSerializer.Meta):
        fields = EventSerializer.Meta.fields + [
            "committee_remark", "organisers", "participants", "background", "highlights",
            "chair_summary_heading", "chair_summary", "chair_summary_url", "additional_comments",
            "mentions", "related", "notes",
        ]

    def get_related(self, event) -> list[int]:
        visible = self.context["visible_ids"]
        return [e.pk for e in event.related.all() if e.pk in visible]

    def to_representation(self, event):
        # The events this one links to that the caller may see (one query per event).
        _related, seen = visible_related(event, self.context["request"].user)
        self.context["visible_ids"] = seen
        return super().to_representation(event)

    def get_notes(self, event) -> dict:
        request = self.context["request"]
        return {fmt: request.build_absolute_uri(f"/api/events/{event.pk}/note/{fmt}/")
                for fmt in notes_service.FORMATS}


@extend_schema(parameters=[
    year_param(),
    choice_param("kind", Event.Kind.values),
    choice_param("status", Event.Status.values, "experts only: draft, confirmed or published"),
    choice_param("topic", topics.areas(), "an area of the assistance taxonomy"),
    *(text_param(name, f"filter by {name}") for name in ("region", "state", "organisation", "q")),
])
class EventViewSet(ETagRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    """Outreach events with their participants and notes (drafts: experts only)."""

    read_action = "outreach.view"

    @extend_schema(parameters=[ETAG_HEADER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            return queries.events(user, queries.event_filters(self.request.query_params))
        return notes_service.with_note_parts(Event.objects.visible_to(user))

    def get_serializer_class(self):
        return EventSerializer if self.action == "list" else EventDetailSerializer

    @extend_schema(responses={
        (200, "application/pdf"): OpenApiTypes.BINARY,
        (200, notes_service.content_type("docx")): OpenApiTypes.BINARY,
        (200, "text/html"): OpenApiTypes.STR,
        (200, "text/markdown"): OpenApiTypes.STR},
                   parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH,
                                                enum=list(notes_service.FORMATS))])
    @action(detail=True, url_path=r"note/(?P<fmt>pdf|docx|html|md)")
    def note(self, request, pk=None, fmt="pdf", **kwargs):
        """The event's Information Note in the Committee's layout."""
        event = self.get_object()

        def build():
            response = HttpResponse(notes_service.render(event, fmt, request.user),
                                    content_type=notes_service.content_type(fmt))
            response["Content-Disposition"] = (
                f'attachment; filename="{notes_service.filename(event, fmt)}"'
            )
            return response

        return documents.cached(request, "note-api", (event.pk, fmt), build)

    @extend_schema(responses=OpenApiTypes.OBJECT, parameters=[year_param()])
    @action(detail=False)
    def statistics(self, request, **kwargs):
        """Events per year and kind, the Committee's participation, States, organisations,
        regions: the figures of /events/statistics/ (visible events only)."""
        stats = queries.statistics(request.user, params.year(request.query_params, "year"))
        tables = queries.statistics_tables(stats)
        return Response({
            name: {"title": t.title, "columns": list(t.columns),
                   "rows": [dict(zip(t.columns, row, strict=True)) for row in t.rows]}
            for name, t in tables.items()
        })


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("events", EventViewSet, basename="event")
