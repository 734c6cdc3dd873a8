"""Read endpoints for the registry and name resolution. Thin: scope, filter, serialise."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from clearinghouse.audit.models import AuditEntry
from clearinghouse.core import params
from clearinghouse.registry import queries
from clearinghouse.registry.models import Membership, Organisation, State
from clearinghouse.registry.services import resolve

from . import serializers as s
from .schema import TEXT_PATTERN, choice_param, text_param

MAX_NAMES = 200


@extend_schema(
    parameters=[
        text_param("q", "Any name of the State, in any UN language"),
        text_param("region", "M49 region, e.g. Asia"),
        text_param("subregion", "M49 sub-region, e.g. Central Asia"),
        text_param("organisation", "Code of an organisation, e.g. OSCE"),
        choice_param("status", State.Status.values),
    ]
)
class StateViewSet(viewsets.ReadOnlyModelViewSet):
    """UN Member and observer States."""

    read_action = "registry.view"
    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"

    def get_queryset(self):
        if self.action == "retrieve":
            memberships = Membership.objects.visible_to(self.request.user).select_related("organisation")
            return queries.State.objects.visible_to(self.request.user).prefetch_related(
                "names", "aliases", Prefetch("memberships", queryset=memberships)
            )
        return queries.states(self.request.user, queries.state_filters(self.request.query_params))

    def get_object(self):
        self.kwargs["iso3"] = self.kwargs["iso3"].upper()
        return super().get_object()

    def get_serializer_class(self):
        return s.StateDetailSerializer if self.action == "retrieve" else s.StateSerializer


@extend_schema(parameters=[choice_param("kind", Organisation.Kind.values)])
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations, with their member States (and dates) on the detail endpoint."""

    read_action = "registry.view"
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        user = self.request.user
        if self.action == "retrieve":
            memberships = Membership.objects.visible_to(user).select_related("state")
            return Organisation.objects.visible_to(user).prefetch_related(
                "aliases", Prefetch("memberships", queryset=memberships)
            )
        kind = params.choice(self.request.query_params, "kind", Organisation.Kind.values) or ""
        return queries.organisations(user, kind).prefetch_related(
            "aliases"
        )

    def get_serializer_class(self):
        return s.OrganisationDetailSerializer if self.action == "retrieve" else s.OrganisationSerializer


class ResolveView(APIView):
    """Which State or organisation each name means, with confidence and alternatives."""

    read_action = "registry.view"

    @extend_schema(
        parameters=[
            OpenApiParameter("name", {"type": "array", "minItems": 1, "maxItems": MAX_NAMES,
                                      "items": {"type": "string", "maxLength": params.MAX_TEXT,
                                                "pattern": TEXT_PATTERN}},
                             required=True, style="form", explode=True,
                             description="A name as written; repeat for several (at most 200)")
        ],
        responses=s.ResolutionSerializer(many=True),
    )
    def get(self, request):
        names = params.texts(request.query_params, "name", max_count=MAX_NAMES)
        if not names:
            raise ValidationError({"name": "give at least one name, e.g. ?name=Korea&name=Kosovo"})
        return Response([resolve(n).to_json() for n in names])


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The audit log (experts and Committee members)."""

    read_action = "audit.view"
    serializer_class = s.AuditEntrySerializer

    def get_queryset(self):
        return AuditEntry.objects.visible_to(self.request.user)
