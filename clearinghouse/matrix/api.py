"""API endpoints of the matrix domain, registered on the shared router (read only, scoped).

/api/matrices/            each State's matrix with the versions the caller may see
/api/matrix-versions/     versions (?state=KAZ); the detail nests the cells
/api/matrix-counts/       fields with measures recorded, per State, section and year of approval
/api/matrix-template/     the template: sections and fields
/api/matrix/reviews/      drafts sent to their State for review (staff and that State's points
                          of contact only); POST .../{id}/answer/: the State confirms or comments
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from clearinghouse.accounts.permissions import STAFF, role_of
from clearinghouse.api.conditional import (
    ETAG_HEADER,
    IF_MATCH_OPTIONAL,
    STEP_RESPONSES,
    ETagRetrieveMixin,
    if_match,
    with_etag,
)
from clearinghouse.api.schema import choice_param, text_param
from clearinghouse.core import params
from clearinghouse.core.concurrency import StateConflict

from . import actions, queries, tables
from .models import BLANK, Cell, Matrix, MatrixVersion, Review


class VersionSummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:matrix-version-detail")
    state = serializers.CharField(source="matrix.state.iso3")
    template_version = serializers.IntegerField(source="template.version")
    approved_by = serializers.SerializerMethodField()

    class Meta:
        model = MatrixVersion
        fields = ["id", "url", "state", "number", "status", "template_version", "report_date",
                  "addenda_dates", "approved_on", "approved_by", "decision_procedure",
                  "decision_reference", "decision_recorded_at", "measures", "measures_total",
                  "revision"]

    def get_approved_by(self, obj) -> str:
        return obj.approved_by.get_username() if obj.approved_by else ""


class CellSerializer(serializers.ModelSerializer):
    field = serializers.CharField(source="field.code")
    section = serializers.CharField(source="field.section.code")

    class Meta:
        model = Cell
        fields = ["section", "field", "dimension", "value", "source", "remarks"]


class VersionDetailSerializer(VersionSummarySerializer):
    cells = CellSerializer(many=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [*VersionSummarySerializer.Meta.fields, "cells"]


class MatrixSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="state.iso3")
    name = serializers.CharField(source="state.short_name")
    versions = VersionSummarySerializer(many=True)

    class Meta:
        model = Matrix
        fields = ["state", "name", "versions"]


def _versions(user):
    return MatrixVersion.objects.visible_to(user).select_related("matrix__state", "template", "approved_by")


class MatrixViewSet(viewsets.ReadOnlyModelViewSet):
    """Each State's 1540 Matrix with the versions you may see (the public: published ones)."""

    read_action = "matrix.view"
    serializer_class = MatrixSerializer
    lookup_field = "state__iso3"
    lookup_url_kwarg = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"

    def get_queryset(self):
        user = self.request.user
        return (Matrix.objects.visible_to(user).select_related("state").order_by("state__short_name")
                .prefetch_related(Prefetch("versions", queryset=_versions(user).order_by("number"))))

    def get_object(self):
        self.kwargs["iso3"] = self.kwargs["iso3"].upper()
        return super().get_object()


@extend_schema(parameters=[text_param("state", "ISO3 code, e.g. KAZ")])
class MatrixVersionViewSet(ETagRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    """Versions of the matrices; a version's detail nests its cells (blank cells are absent)
    and answers its ETag (the draft's revision, which counts every change of its cells)."""

    read_action = "matrix.view"

    @extend_schema(parameters=[ETAG_HEADER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_queryset(self):
        qs = _versions(self.request.user).order_by("matrix__state__short_name", "number")
        if state := params.text(self.request.query_params, "state"):
            qs = qs.filter(matrix__state__iso3=state.upper())
        if self.action == "retrieve":
            qs = qs.prefetch_related(Prefetch(
                "cells", queryset=Cell.objects.exclude(BLANK).select_related("field__section").order_by("field__order",
                                                                                          "dimension")))
        return qs

    def get_serializer_class(self):
        return VersionDetailSerializer if self.action == "retrieve" else VersionSummarySerializer


class MatrixCountsViewSet(viewsets.ViewSet):
    """Fields with measures recorded (cells holding X) of the latest version of each State's
    matrix you may see, per section, with average and distribution, and by year of approval.
    Not a compliance score."""

    read_action = "matrix.view"

    @extend_schema(
        parameters=[text_param("region"), text_param("subregion"),
                    text_param("organisation", "e.g. OSCE")],
        responses={200: dict},
    )
    def list(self, request, *args, **kwargs):  # kwargs: the ".json" format suffix
        filters = queries.state_filters(request.query_params)
        lay = queries.layout()
        latest = queries.latest_versions(request.user, filters)
        return Response({
            "caveat": str(tables.CAVEAT),
            "filters": filters,
            "states": [{"state": r["matrix__state__iso3"], "version": r["number"], "status": r["status"],
                        "approved_on": r["approved_on"], "measures": r["measures"],
                        "measures_total": r["measures_total"]} for r in latest],
            "sections": queries.distribution(lay, latest),
            "by_year_of_approval": queries.trend_by_year(request.user, filters),
        })


class MatrixTemplateViewSet(viewsets.ViewSet):
    """The matrix template: sections and their fields (code, label, OP, weapon, dimensions)."""

    read_action = "matrix.view"

    @extend_schema(responses={200: dict})
    def list(self, request, *args, **kwargs):  # kwargs: the ".json" format suffix
        lay = queries.layout()
        return Response({
            "version": lay.version, "title": lay.title,
            "sections": [{"code": s.code, "title": s.title, "op_reference": s.op_reference,
                          "dimensions": list(s.dimensions),
                          "fields": [{"code": r.code, "label": r.label, "op_reference": r.op_reference,
                                      "weapon": r.weapon, "dimensions": list(r.dimensions)}
                                     for g in s.groups for r in g.rows]} for s in lay.sections],
        })


AWAITED = "awaited"  # the API's word for a review not answered yet (stored blank)
ANSWER_VALUES = [AWAITED, Review.Answer.CONFIRMED.value, Review.Answer.COMMENTS.value]


class ReviewSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:matrix-review-detail")
    state = serializers.CharField(source="version.matrix.state.iso3", help_text="ISO3 code")
    version = serializers.IntegerField(source="version.number", help_text="The version's number")
    version_url = serializers.HyperlinkedRelatedField(
        source="version", view_name="api:matrix-version-detail", read_only=True)
    answer = serializers.SerializerMethodField(help_text="awaited, confirmed or comments")
    changed_since_sent = serializers.SerializerMethodField(
        help_text="The draft changed after it was sent for this review")
    # Who sent and who answered: to staff only (absent for the State's points of contact).
    sent_by = serializers.CharField(
        source="sent_by.username", required=False, allow_null=True,
        help_text="Username of the expert who sent it (to staff only)")
    answered_by = serializers.CharField(
        source="answered_by.username", required=False, allow_null=True,
        help_text="Username of the point of contact who answered (to staff only)")

    class Meta:
        model = Review
        fields = ["id", "url", "state", "version", "version_url", "sent_on", "deadline",
                  "answer", "comments", "answered_on", "changed_since_sent", "sent_by",
                  "answered_by", "revision"]

    def get_answer(self, obj) -> str:
        return obj.answer or AWAITED

    def get_changed_since_sent(self, obj) -> bool:
        return obj.version.revision != obj.revision_sent

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("staff"):  # who sent and answered: staff only
            data.pop("sent_by", None)
            data.pop("answered_by", None)
        return data


class ReviewAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(
        choices=[Review.Answer.CONFIRMED.value, Review.Answer.COMMENTS.value],
        help_text="confirmed: the State confirms the version; comments: it sends comments")
    comments = serializers.CharField(
        required=False, allow_blank=True, max_length=20000,
        help_text="The State's comments (required with answer=comments)")


class ReviewViewSet(ETagRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    """Drafts sent to their State for review, with the State's answer (newest first). Seen by
    the experts, the Committee and that State's points of contact only; who sent and who
    answered are named to staff only."""

    read_action = "matrix.view"
    write_action = "matrix.review.answer"
    serializer_class = ReviewSerializer

    def get_queryset(self):
        qs = (Review.objects.visible_to(self.request.user)
              .select_related("version__matrix__state", "sent_by", "answered_by")
              .order_by("-sent_on", "-pk"))
        if self.action == "list":
            if state := params.text(self.request.query_params, "state", max_length=3):
                qs = qs.filter(version__matrix__state__iso3=state.upper())
            answer = params.choice(self.request.query_params, "answer", ANSWER_VALUES)
            if answer is not None:
                qs = qs.filter(answer="" if answer == AWAITED else answer)
        return qs

    def get_serializer_context(self):
        return {**super().get_serializer_context(),
                "staff": role_of(self.request.user) in STAFF}

    @extend_schema(parameters=[text_param("state", "ISO3 code, e.g. KAZ", max_length=3),
                               choice_param("answer", ANSWER_VALUES,
                                            "awaited: not answered yet")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[ETAG_HEADER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=ReviewAnswerSerializer, parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
                   responses={200: ReviewSerializer, **STEP_RESPONSES})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None, **kwargs):
        """The State's point of contact confirms the version sent for review, or sends comments
        (the experts are told); once: 409 naming who answered if it was already answered."""
        review = self.get_object()
        body = ReviewAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            actions.answer_review(request.user, review, body.validated_data["answer"],
                                  body.validated_data.get("comments", ""),
                                  revision=if_match(request, required=False))
        except StateConflict:
            raise
        except DjangoValidationError as exc:  # the field it names: answer or comments
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict")
                                  else exc.messages) from None
        return with_etag(Response(self.get_serializer(review).data), review)


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("matrices", MatrixViewSet, basename="matrix")
    router.register("matrix-versions", MatrixVersionViewSet, basename="matrix-version")
    router.register("matrix-counts", MatrixCountsViewSet, basename="matrix-counts")
    router.register("matrix-template", MatrixTemplateViewSet, basename="matrix-template")
    router.register("matrix/reviews", ReviewViewSet, basename="matrix-review")
