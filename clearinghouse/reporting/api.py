"""API endpoints of the reporting domain, registered on the shared router.

Same scoping as the pages (``visible_to``); writes (submit, publish) go through ``actions``.
A record's detail answers its ETag (its revision); submit and publish take an optional
If-Match and are compare-and-set on the status (``api.conditional``).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from clearinghouse.api.conditional import (
    ETAG_HEADER,
    IF_MATCH_OPTIONAL,
    STEP_RESPONSES,
    ETagRetrieveMixin,
    if_match,
    with_etag,
)
from clearinghouse.api.schema import choice_param, date_param, text_param, year_param
from clearinghouse.core import params
from clearinghouse.core.concurrency import StateConflict

from . import actions, queries
from .models import ActionPlan, ActionPlanItem, CountryVisit, NationalReport, PeerReview
from .status import parse_day, reporting_status

STATUS_HELP = "draft, submitted or published"


class ReportSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="state.iso3")
    kind = serializers.CharField(read_only=True, help_text="first or additional")
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    state_name = serializers.CharField(source="state.short_name")
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = NationalReport
        fields = ["id", "state", "state_name", "kind", "submitted_on", "title", "language", "status",
                  "has_document", "illustrative", "revision"]

    def get_has_document(self, obj) -> bool:
        return bool(obj.document)


class ReportDetailSerializer(ReportSerializer):
    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "text"]


class ItemSerializer(serializers.ModelSerializer):
    progress = serializers.CharField(read_only=True, help_text="planned, in_progress, completed or delayed")

    class Meta:
        model = ActionPlanItem
        fields = ["area_code", "area", "action", "agency", "target_date", "progress", "assistance_needed"]


class PlanSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    state = serializers.CharField(source="state.iso3")
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["id", "state", "adopted_on", "title", "summary", "status", "items", "illustrative",
                  "revision"]


class VisitSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    state = serializers.CharField(source="state.iso3")

    class Meta:
        model = CountryVisit
        fields = ["id", "state", "start", "end", "delegation", "objectives", "outcome", "status",
                  "illustrative", "revision"]


class PeerReviewSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    states = serializers.SlugRelatedField(many=True, read_only=True, slug_field="iso3")

    class Meta:
        model = PeerReview
        fields = ["id", "states", "title", "start", "end", "report_text", "status", "illustrative",
                  "revision"]


class _Publishable(ETagRetrieveMixin):
    @extend_schema(parameters=[ETAG_HEADER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=None, parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER])
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None, **kwargs):
        """Publish the record (experts). Publishing a published record changes nothing."""
        obj = self.get_object()
        try:
            actions.publish(request.user, obj, revision=if_match(request, required=False))
        except StateConflict:
            raise
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from None
        return with_etag(Response(self.get_serializer(obj).data), obj)


def _steps(serializer):
    """The publish step's answers: the record, or 409/412 (``api.conditional``)."""
    return extend_schema_view(publish=extend_schema(responses={200: serializer, **STEP_RESPONSES}))


@_steps(ReportDetailSerializer)
@extend_schema(parameters=[
    text_param("state", "ISO3 code"),
    choice_param("kind", NationalReport.Kind.values),
    year_param(),
    choice_param("status", ["draft", "submitted", "published"]),
])
class ReportViewSet(_Publishable, viewsets.ReadOnlyModelViewSet):
    """National reports: published ones for everyone; a State's own for its point of contact."""

    read_action = "reporting.view"
    write_action = "reporting.view"  # the action itself checks who may submit or publish

    def get_queryset(self):
        if self.action == "list":
            filters, problems = queries.report_filters(self.request.query_params)
            if problems:
                raise ValidationError({"filters": problems})
            return queries.reports(self.request.user, filters)
        return NationalReport.objects.visible_to(self.request.user).select_related("state")

    def get_serializer_class(self):
        return ReportSerializer if self.action == "list" else ReportDetailSerializer

    @extend_schema(request=None, parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
                   responses={200: ReportDetailSerializer, **STEP_RESPONSES})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None, **kwargs):
        """Submit a draft to the Committee (its State's point of contact, or an expert); 409 if
        someone else submitted it first."""
        report = self.get_object()
        try:
            actions.submit_report(request.user, report, revision=if_match(request, required=False))
        except StateConflict:
            raise
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from None
        return with_etag(Response(self.get_serializer(report).data), report)


@_steps(PlanSerializer)
class PlanViewSet(_Publishable, viewsets.ReadOnlyModelViewSet):
    """National implementation action plans with their priority actions."""

    read_action = "reporting.view"
    write_action = "reporting.publish"
    serializer_class = PlanSerializer

    def get_queryset(self):
        return ActionPlan.objects.visible_to(self.request.user).select_related("state").prefetch_related(
            "items").order_by("state__short_name", "-adopted_on")


@_steps(VisitSerializer)
class VisitViewSet(_Publishable, viewsets.ReadOnlyModelViewSet):
    """Country visits."""

    read_action = "reporting.view"
    write_action = "reporting.publish"
    serializer_class = VisitSerializer

    def get_queryset(self):
        return queries.visits(self.request.user)


@_steps(PeerReviewSerializer)
class PeerReviewViewSet(_Publishable, viewsets.ReadOnlyModelViewSet):
    """Peer reviews between two or more States."""

    read_action = "reporting.view"
    write_action = "reporting.publish"
    serializer_class = PeerReviewSerializer

    def get_queryset(self):
        return queries.peer_reviews(self.request.user)


class StatusViewSet(viewsets.ViewSet):
    """Reporting status on a date: Member States, those with a first report, those without,
    by M49 region, sub-region and organisation (public figures)."""

    read_action = "reporting.status"

    @extend_schema(parameters=[date_param("as_of", "YYYY-MM-DD from 1945-01-01 up to today "
                                                    "(default today; a future date is refused)")],
                   responses={200: dict})
    def list(self, request, *args, **kwargs):  # kwargs: the ".json" format suffix
        try:
            day = parse_day(params.text(request.query_params, "as_of", max_length=40))
        except ValueError as exc:
            raise ValidationError({"as_of": str(exc)}) from None
        return Response(reporting_status(day).to_json())


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("reports", ReportViewSet, basename="report")
    router.register("plans", PlanViewSet, basename="plan")
    router.register("visits", VisitViewSet, basename="visit")
    router.register("peer-reviews", PeerReviewViewSet, basename="peer-review")
    router.register("reporting-status", StatusViewSet, basename="reporting-status")
