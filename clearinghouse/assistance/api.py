"""API endpoints of the assistance domain, registered on the shared router.

Same scoping as the pages: ``visible_to`` for every list; a request is serialised in full only
for those who may read it in full (others get its published summary).

No silent lost update (``api.conditional``): a request (read in full), an offer or a match
answers its ETag; PATCH on a request or an offer needs If-Match (428 without, 412 if it
moved); proposing, accepting and declining are compare-and-set (409 when someone acted first).
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from clearinghouse.accounts.permissions import STAFF, require, role_of
from clearinghouse.api.conditional import (
    EDIT_RESPONSES,
    ETAG_HEADER,
    IF_MATCH_OPTIONAL,
    IF_MATCH_REQUIRED,
    STEP_RESPONSES,
    ETagRetrieveMixin,
    if_match,
    with_etag,
)
from clearinghouse.api.schema import choice_param
from clearinghouse.core import params
from clearinghouse.core.concurrency import StateConflict

from . import actions, queries
from .api_edits import OfferEditSerializer, RequestEditSerializer
from .api_feedback import FeedbackActionMixin, FeedbackSerializer, feedback_of, visible_feedback
from .models import Match, Offer, Request
from .rules import circulated_to, own_requests


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
            data["revision"] = instance.revision
            for name in self.FULL:
                value = getattr(instance, name)
                data[name] = value.isoformat() if hasattr(value, "isoformat") else value
            data["plan_items"] = [item.pk for item in instance.plan_items.all()]
            data["needs"], data["coverage"] = self._needs(instance)
        return data

    def _needs(self, instance) -> tuple[list[dict], str]:
        """Its needs, each with its codes, status and the ids of its matches this user sees."""
        from .models import coverage_of

        by_request = self.context.get("matches")
        if by_request is not None:  # read for all the page's requests at once
            matches = by_request.get(instance.pk, [])
        else:
            user = self.context["request"].user if self.context.get("request") else None
            matches = (list(Match.objects.visible_to(user).filter(request=instance))
                       if user else [])
        needs = list(instance.needs.all())
        out = [{"id": n.pk, "number": n.number, "title": n.title,
                "description": n.description, "areas": n.areas, "weapons": n.weapons,
                "types": n.types, "tags": n.tags, "status": n.status,
                "matches": [{"id": m.pk, "offer": m.offer_id, "status": m.status}
                            for m in matches if m.need_id == n.pk]} for n in needs]
        return out, coverage_of(needs, matches)


class OfferSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="engine_id", read_only=True)
    provider = serializers.CharField(source="provider_code", read_only=True)
    provider_name = serializers.CharField(read_only=True)

    class Meta:
        model = Offer
        fields = ["id", "reference", "provider", "provider_name", "title", "description",
                  "areas", "weapons", "types", "tags", "eligibility", "languages", "capacity",
                  "valid_from", "valid_to", "contact", "active", "revision"]


# ?lang= for the reasons' sentences; without it, the request's language (Accept-Language).
REASON_LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
LANG_PARAM = choice_param("lang", REASON_LANGUAGES, "The language of the reasons' sentences "
                          "(default: the request's Accept-Language, else English).")
EXPLANATION = serializers.ListField(child=serializers.DictField(), help_text=(
    "The engine's reasons as codes: {code, params, quotes}; quotes are the request's words "
    "that triggered the reason; code \"legacy\": a sentence stored before codes (params.text)."))


def reasons_language(request) -> str:
    """The language the API writes reasons in: ``?lang=``, else the request's language."""
    from django.utils.translation import get_language

    chosen = params.choice(request.query_params, "lang", REASON_LANGUAGES) if request else None
    return chosen or get_language() or "en"


class MatchSerializer(serializers.ModelSerializer):
    request = serializers.IntegerField(source="request_id")
    need = serializers.IntegerField(source="need_id", help_text="The need's id")
    need_number = serializers.IntegerField(source="need.number",
                                           help_text="The need's number in its request")
    offer = serializers.IntegerField(source="offer_id")
    reasons = serializers.SerializerMethodField(
        help_text="The reasons' sentences in the language asked (?lang=, Accept-Language).")
    explanation = serializers.SerializerMethodField()
    feedback = serializers.SerializerMethodField(
        help_text="The parties' feedback once completed, for staff and the two parties only")

    class Meta:
        model = Match
        fields = ["id", "request", "need", "need_number", "offer", "score", "components",
                  "reasons", "explanation", "status", "notes", "proposed_at", "responded_at",
                  "revision", "feedback"]

    @extend_schema_field(FeedbackSerializer(many=True))
    def get_feedback(self, match) -> list[dict]:
        return feedback_of(match, self.context.get("request"))

    def get_reasons(self, match) -> list[str]:
        return list(match.reasons_in(reasons_language(self.context.get("request"))))

    @extend_schema_field(EXPLANATION)
    def get_explanation(self, match) -> list[dict]:
        return [r.as_record() for r in match.explanation]


def _edit(write):
    """Run an edit action: a refusal is a 400 with its message; conflicts go to the handler."""
    try:
        return write()
    except StateConflict:
        raise
    except actions.ActionError as exc:
        raise ValidationError({"detail": str(exc)}) from None


def _full_set(user, requests) -> set[int]:
    role = role_of(user)
    pks = [r.pk for r in requests]
    if role in STAFF:
        return set(pks)
    if role == "state_poc":
        return {r.pk for r in requests if r.state_id and r.state_id == user.state_id}
    if role == "provider_poc":  # circulated to it, or its (intergovernmental) organisation's
        reached = Request.objects.filter(circulated_to(user), pk__in=pks)
        full = set(reached.values_list("pk", flat=True))
        if (own := own_requests(user, role)) is not None:
            full |= set(Request.objects.filter(own, pk__in=pks).values_list("pk", flat=True))
        return full
    return set()


class RequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Assistance requests: published summaries for all; in full for those who may see them."""

    read_action = "assistance.view"
    # Those who may submit requests may ask to edit one; the action checks the request itself.
    write_action = "assistance.request.create"
    serializer_class = RequestSerializer

    def get_queryset(self):
        from clearinghouse.reporting.models import ActionPlanItem

        items = ActionPlanItem.objects.visible_to(self.request.user)  # as their plan
        return queries.requests_for(self.request.user).prefetch_related(
            Prefetch("plan_items", queryset=items), "needs")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["full"] = getattr(self, "_full", set())
        context["matches"] = getattr(self, "_matches", None)
        return context

    def _read(self, rows) -> None:
        """Which of ``rows`` the caller reads in full, and their matches it may see: one
        query for all of them, however many they are."""
        self._full = _full_set(self.request.user, rows)
        self._matches = {pk: [] for pk in self._full}
        if self._full:
            for m in Match.objects.visible_to(self.request.user).filter(
                    request__in=self._full).order_by("pk"):
                self._matches[m.request_id].append(m)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = page if page is not None else list(self.get_queryset())
        self._read(rows)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(parameters=[ETAG_HEADER])
    def retrieve(self, request, *args, **kwargs):
        """A request; in full (with its ETag) for those who may read it in full."""
        obj = self.get_object()
        self._read([obj])
        response = Response(self.get_serializer(obj).data)
        return with_etag(response, obj) if obj.pk in self._full else response

    @extend_schema(request=RequestEditSerializer, parameters=[IF_MATCH_REQUIRED, ETAG_HEADER],
                   responses={200: RequestSerializer, **EDIT_RESPONSES})
    def partial_update(self, request, *args, **kwargs):
        """Change a request's descriptive fields. If-Match (the ETag read) is required."""
        req = self.get_object()
        opened = if_match(request, required=True)
        body = RequestEditSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        _edit(lambda: actions.update_request(req, request.user, revision=opened,
                                             **body.validated_data))
        self._read([req])
        return with_etag(Response(self.get_serializer(req).data), req)

    def get_object(self):
        pk = self.kwargs.get("pk", "")
        if not str(pk).isdigit():
            from django.http import Http404

            raise Http404
        return get_object_or_404(self.get_queryset(), pk=int(pk))

    @extend_schema(responses=inline_serializer("Candidates", {
        "need": serializers.IntegerField(), "offer": serializers.IntegerField(),
        "reference": serializers.CharField(),
        "score": serializers.FloatField(),
        "components": serializers.DictField(child=serializers.FloatField()),
        "reasons": serializers.ListField(child=serializers.CharField()),
        "explanation": EXPLANATION}, many=True), parameters=[LANG_PARAM])
    @action(detail=True, pagination_class=None)  # the ranked list, whole (the engine's top N)
    def candidates(self, request, pk=None, **kwargs):
        """Ranked candidate offers of each need, with score components and reasons (experts,
        Committee); ``need``: the need's number."""
        from .matching import run_for

        require(request.user, "assistance.candidates")
        req = self.get_object()
        lang = reasons_language(request)
        run = run_for(req)
        stored = run.requests[req.engine_id]
        return Response([{"need": need.number, "offer": offer.pk,
                          "reference": offer.engine_id, "score": round(c.score, 4),
                          "components": c.components, "reasons": list(c.reasons_in(lang)),
                          "explanation": [r.as_record() for r in c.explanation]}
                         for need in stored.needs.all()
                         for offer, c in run.candidates(stored, need)])


class OfferViewSet(ETagRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    """Offers of assistance (active ones for the public; a provider also sees its own)."""

    read_action = "assistance.view"
    write_action = "assistance.offer.manage"  # experts, providers' points of contact
    serializer_class = OfferSerializer

    def get_queryset(self):
        return queries.offers_for(self.request.user)

    @extend_schema(parameters=[ETAG_HEADER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=OfferEditSerializer, parameters=[IF_MATCH_REQUIRED, ETAG_HEADER],
                   responses={200: OfferSerializer, **EDIT_RESPONSES})
    def partial_update(self, request, *args, **kwargs):
        """Change an offer (its provider's point of contact, or an expert). If-Match (the ETag
        read) is required."""
        offer = self.get_object()
        opened = if_match(request, required=True)
        body = OfferEditSerializer(data=request.data, partial=True, context={"offer": offer})
        body.is_valid(raise_exception=True)
        _edit(lambda: actions.update_offer(offer, request.user, revision=opened,
                                           **body.validated_data))
        return with_etag(Response(self.get_serializer(offer).data), offer)


class ProposeSerializer(serializers.Serializer):
    request = serializers.IntegerField(min_value=1, max_value=params.MAX_INT)
    need = serializers.IntegerField(
        min_value=1, max_value=1000, required=False,
        help_text="The number of the request's need; required when it has several")
    offer = serializers.IntegerField(min_value=1, max_value=params.MAX_INT)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AnswerSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class MatchViewSet(FeedbackActionMixin, ETagRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    """Matches: experts propose (POST); the provider's point of contact accepts or declines;
    the parties (or an expert) give feedback once completed."""

    read_action = "assistance.view"
    match_write_action = "assistance.match.write"  # feedback: "assistance.feedback"
    serializer_class = MatchSerializer

    def get_queryset(self):
        matches = Match.objects.visible_to(self.request.user).select_related("need")
        return visible_feedback(matches, self.request.user).order_by("-proposed_at", "-pk")

    @extend_schema(parameters=[LANG_PARAM])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[ETAG_HEADER, LANG_PARAM])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=ProposeSerializer,
                   responses={201: MatchSerializer, 409: STEP_RESPONSES[409]})
    def create(self, request):
        """Propose an offer for a request (experts); 409, naming the existing match, if the pair
        was already proposed (by anyone, even a moment before)."""
        require(request.user, "assistance.manage")
        body = ProposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        # Records named in the body: a missing one is the body's fault (400 naming the field).
        req = queries.requests_for(request.user).filter(pk=body.validated_data["request"]).first()
        offer = Offer.objects.filter(pk=body.validated_data["offer"]).first()
        if req is None or offer is None:
            raise ValidationError({**({"request": ["No such request, or not one you may see."]}
                                      if req is None else {}),
                                   **({"offer": ["No such offer."]} if offer is None else {})})
        need = None
        if "need" in body.validated_data:
            need = req.needs.filter(number=body.validated_data["need"]).first()
            if need is None:
                raise ValidationError({"need": [f"Request {req.pk} has no need "
                                                f"{body.validated_data['need']}."]})
        try:
            match = actions.propose_match(req, offer, request.user,
                                          body.validated_data.get("note", ""), need)
        except StateConflict:
            raise
        except actions.ActionError as exc:
            raise ValidationError({"detail": str(exc)}) from None
        return with_etag(Response(MatchSerializer(match, context={"request": request}).data, status=201), match)

    def _answer(self, request, accept: bool):
        match = get_object_or_404(self.get_queryset().select_related("offer", "request"),
                                  pk=self.kwargs.get("pk"))
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        opened = if_match(request, required=False)
        _edit(lambda: actions.respond(match, request.user, accept,
                                      body.validated_data.get("note", ""), revision=opened))
        return with_etag(Response(MatchSerializer(match, context={"request": request}).data), match)

    @extend_schema(request=AnswerSerializer, parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
                   responses={200: MatchSerializer, **STEP_RESPONSES})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None, **kwargs):
        """The provider's point of contact accepts the proposed match; 409 if it was already
        answered (the answer that came first stands)."""
        return self._answer(request, True)

    @extend_schema(request=AnswerSerializer, parameters=[IF_MATCH_OPTIONAL, ETAG_HEADER],
                   responses={200: MatchSerializer, **STEP_RESPONSES})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None, **kwargs):
        """The provider's point of contact declines the proposed match; 409 if it was already
        answered (the answer that came first stands)."""
        return self._answer(request, False)


def _pairs(what: str):
    return serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=2, max_length=2),
        help_text=f"[{what}, number of requests] pairs")


@extend_schema_serializer(many=False)  # one object, though served by a list route
class AssistanceStatisticsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_year = _pairs("year")
    by_area = _pairs("area")
    by_region = _pairs("region")
    matched = serializers.IntegerField()
    share_matched = serializers.FloatField(allow_null=True, help_text="null when no request")
    median_days_to_match = serializers.FloatField(allow_null=True,
                                                  help_text="null when no match has a date")
    matched_with_dates = serializers.IntegerField()
    needs = serializers.IntegerField(help_text="Needs of these requests, withdrawn ones aside")
    needs_met = serializers.IntegerField(
        help_text="Needs met, or with a match accepted, in progress or completed")
    share_needs_met = serializers.FloatField(allow_null=True, help_text="null when no need")
    median_days_to_match_need = serializers.FloatField(
        allow_null=True, help_text="Receipt to the first accepted match of each need; null "
                                   "when no need has one")
    needs_with_dates = serializers.IntegerField()


class StatisticsViewSet(viewsets.ViewSet):
    """Requests by year, area and region; share matched; median days to match (over the
    requests the caller may see)."""

    read_action = "assistance.view"

    @extend_schema(responses=AssistanceStatisticsSerializer)
    def list(self, request, *args, **kwargs):  # kwargs: the ".json" format suffix
        return Response(queries.statistics(queries.requests_for(request.user)))


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("assistance/requests", RequestViewSet, basename="assistance-request")
    router.register("assistance/offers", OfferViewSet, basename="assistance-offer")
    router.register("assistance/matches", MatchViewSet, basename="assistance-match")
    router.register("assistance/statistics", StatisticsViewSet, basename="assistance-statistics")
