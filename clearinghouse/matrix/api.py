"""API endpoints of the matrix domain, registered on the shared router (read only, scoped).

/api/matrices/            each State's matrix with the versions the caller may see
/api/matrix-versions/     versions (?state=KAZ); the detail nests the cells
/api/matrix-counts/       fields with measures recorded, per State, section and year of approval
/api/matrix-template/     the template: sections and fields
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from clearinghouse.api.conditional import ETAG_HEADER, ETagRetrieveMixin
from clearinghouse.api.schema import text_param
from clearinghouse.core import params

from . import queries, tables
from .models import BLANK, Cell, Matrix, MatrixVersion


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


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("matrices", MatrixViewSet, basename="matrix")
    router.register("matrix-versions", MatrixVersionViewSet, basename="matrix-version")
    router.register("matrix-counts", MatrixCountsViewSet, basename="matrix-counts")
    router.register("matrix-template", MatrixTemplateViewSet, basename="matrix-template")
