"""API endpoints of the assistance domain, registered on the shared router.

Same scoping as the pages: ``visible_to`` for every list; a request is serialised in full only
for those who may read it in full (others get its published summary).
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from clearinghouse.accounts.permissions import STAFF, require, role_of
from clearinghouse.assistance.rules import circulated_to

from . import actions, queries
from .models import Match, Offer, Request


class RequestSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField(source="engine_id")
    requester = serializers.CharField(source="requester_code")
    requester_name = serializers.CharField()
    received = serializers.DateField()
    status = serializers.CharField()
    summary = serializers.CharField(source="public_summary")

    FULL = ("title", "description", "channel", "areas", "weapons", "types", "languages",
            "tags", "beneficiaries", "timeframe", "previous_assistance", "action_plan_items",
            "contact", "consent", "circulated_on", "objection_deadline", "published_on",
            "follow_up_due", "followed_up_on")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.pk in self.context.get("full", ()):
            for name in self.FULL:
                value = getattr(instance, name)
                data[name] = value.isoformat() if hasattr(value, "isoformat") else value
            data["plan_items"] = [item.pk for item in instance.plan_items.all()]
        return data


class OfferSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="engine_id", read_only=True)
    provider = serializers.CharField(source="provider_code", read_only=True)
    provider_name = serializers.CharField(read_only=True)

    class Meta:
        model = Offer
        fields = ["id", "reference", "provider", "provider_name", "title", "description",
                  "areas", "weapons", "types", "tags", "eligibility", "languages", "capacity",
                  "valid_from", "valid_to", "contact", "active"]


class MatchSerializer(serializers.ModelSerializer):
    request = serializers.IntegerField(source="request_id")
    offer = serializers.IntegerField(source="offer_id")

    class Meta:
        model = Match
        fields = ["id", "request", "offer", "score", "components", "reasons", "status", "notes",
                  "proposed_at", "responded_at"]


def _full_set(user, requests) -> set[int]:
    role = role_of(user)
    pks = [r.pk for r in requests]
    if role in STAFF:
        return set(pks)
    if role == "state_poc":
        return {r.pk for r in requests if r.state_id and r.state_id == user.state_id}
    if role == "provider_poc":
        return set(Request.objects.filter(circulated_to(user), pk__in=pks)
                   .values_list("pk", flat=True))
    return set()


class RequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Assistance requests: published summaries for all; in full for those who may see them."""

    read_action = "assistance.view"
    serializer_class = RequestSerializer

    def get_queryset(self):
        from clearinghouse.reporting.models import ActionPlanItem

        items = ActionPlanItem.objects.visible_to(self.request.user)  # as their plan
        return queries.requests_for(self.request.user).prefetch_related(
            Prefetch("plan_items", queryset=items))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["full"] = getattr(self, "_full", set())
        return context

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = page if page is not None else list(self.get_queryset())
        self._full = _full_set(request.user, rows)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        self._full = _full_set(request.user, [obj])
        return Response(self.get_serializer(obj).data)

    def get_object(self):
        pk = self.kwargs.get("pk", "")
        if not str(pk).isdigit():
            from django.http import Http404

            raise Http404
        return get_object_or_404(self.get_queryset(), pk=int(pk))

    @extend_schema(responses=inline_serializer("Candidates", {
        "offer": serializers.IntegerField(), "reference": serializers.CharField(),
        "score": serializers.FloatField(), "components": serializers.DictField(),
        "reasons": serializers.ListField(child=serializers.CharField())}, many=True))
    @action(detail=True)
    def candidates(self, request, pk=None, **kwargs):
        """Ranked candidate offers with score components and reasons (experts, Committee)."""
        from .matching import run_for

        require(request.user, "assistance.candidates")
        req = self.get_object()
        return Response([{"offer": offer.pk, "reference": offer.engine_id,
                          "score": round(c.score, 4), "components": c.components,
                          "reasons": list(c.reasons)}
                         for offer, c in run_for(req).candidates(req)])


class OfferViewSet(viewsets.ReadOnlyModelViewSet):
    """Offers of assistance (active ones for the public; a provider also sees its own)."""

    read_action = "assistance.view"
    serializer_class = OfferSerializer

    def get_queryset(self):
        return queries.offers_for(self.request.user)


class ProposeSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    offer = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AnswerSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class MatchViewSet(viewsets.ReadOnlyModelViewSet):
    """Matches: experts propose (POST); the provider's point of contact accepts or declines."""

    read_action = "assistance.view"
    write_action = "assistance.match.write"
    serializer_class = MatchSerializer

    def get_queryset(self):
        return Match.objects.visible_to(self.request.user).order_by("-proposed_at", "-pk")

    @extend_schema(request=ProposeSerializer, responses=MatchSerializer)
    def create(self, request):
        require(request.user, "assistance.manage")
        body = ProposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        req = get_object_or_404(queries.requests_for(request.user), pk=body.validated_data["request"])
        offer = get_object_or_404(Offer.objects.all(), pk=body.validated_data["offer"])
        try:
            match = actions.propose_match(req, offer, request.user,
                                          body.validated_data.get("note", ""))
        except actions.ActionError as exc:
            raise ValidationError({"detail": str(exc)}) from None
        return Response(MatchSerializer(match).data, status=201)

    def _answer(self, request, accept: bool):
        match = get_object_or_404(self.get_queryset().select_related("offer", "request"),
                                  pk=self.kwargs.get("pk"))
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            actions.respond(match, request.user, accept, body.validated_data.get("note", ""))
        except actions.ActionError as exc:
            raise ValidationError({"detail": str(exc)}) from None
        return Response(MatchSerializer(match).data)

    @extend_schema(request=AnswerSerializer, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None, **kwargs):
        """The provider's point of contact accepts the proposed match."""
        return self._answer(request, True)

    @extend_schema(request=AnswerSerializer, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None, **kwargs):
        """The provider's point of contact declines the proposed match."""
        return self._answer(request, False)


class StatisticsViewSet(viewsets.ViewSet):
    """Requests by year, area and region; share matched; median days to match (over the
    requests the caller may see)."""

    read_action = "assistance.view"

    @extend_schema(responses=inline_serializer("AssistanceStatistics", {
        "total": serializers.IntegerField(), "by_year": serializers.ListField(),
        "by_area": serializers.ListField(), "by_region": serializers.ListField(),
        "matched": serializers.IntegerField(), "share_matched": serializers.FloatField(),
        "median_days_to_match": serializers.FloatField()}))
    def list(self, request, *args, **kwargs):  # kwargs: the ".json" format suffix
        return Response(queries.statistics(queries.requests_for(request.user)))


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("assistance/requests", RequestViewSet, basename="assistance-request")
    router.register("assistance/offers", OfferViewSet, basename="assistance-offer")
    router.register("assistance/matches", MatchViewSet, basename="assistance-match")
    router.register("assistance/statistics", StatisticsViewSet, basename="assistance-statistics")
