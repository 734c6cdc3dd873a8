"""Feedback on completed matches through the API (resolution 2663 (2022)): read on each
match (``feedback``: what the caller may read of it, the same scoping as the pages: staff and
the two parties only) and given with POST ``matches/{id}/feedback/`` by the party's point of
contact or an expert on its behalf, through ``actions.give_feedback``.
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from clearinghouse.api.conditional import STEP_RESPONSES
from clearinghouse.core.concurrency import StateConflict

from . import actions
from .feedback_actions import COMMENT_MAX
from .models import Feedback, Outcome, Party


class FeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Feedback
        fields = ["id", "party", "outcome", "comment", "by_label", "on_behalf", "at"]


class GiveFeedbackSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=Party.choices,
                                    help_text="Whose feedback: the requester's or the provider's")
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=COMMENT_MAX)


def visible_feedback(queryset, user):
    """``queryset`` of matches with ``visible_feedback``: the feedback ``user`` may read of
    each, read in one query for all of them."""
    return queryset.prefetch_related(Prefetch(
        "feedback", queryset=Feedback.objects.visible_to(user), to_attr="visible_feedback"))


def feedback_of(match, request) -> list[dict]:
    """The feedback on ``match`` that the caller may read (prefetched when listed)."""
    given = getattr(match, "visible_feedback", None)
    if given is None:
        user = getattr(request, "user", None)
        given = Feedback.objects.visible_to(user).filter(match=match) if user else []
    return FeedbackSerializer(given, many=True).data


class FeedbackActionMixin:
    """The ``feedback`` route of the matches' viewset."""

    @property
    def write_action(self):
        return ("assistance.feedback" if getattr(self, "action", None) == "feedback"
                else self.match_write_action)

    @extend_schema(request=GiveFeedbackSerializer,
                   responses={201: FeedbackSerializer, 409: STEP_RESPONSES[409]})
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None, **kwargs):
        """Give a party's feedback on a completed match (met fully / partly / not, and
        words): the requester's or the provider's point of contact for its own side, or an
        expert on a party's behalf; once per party (409 naming who gave it first)."""
        match = get_object_or_404(self.get_queryset().select_related("offer", "request"),
                                  pk=self.kwargs.get("pk"))
        body = GiveFeedbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            given = actions.give_feedback(match, request.user, body.validated_data["party"],
                                          body.validated_data["outcome"],
                                          body.validated_data.get("comment", ""))
        except StateConflict:
            raise
        except actions.ActionError as exc:
            raise ValidationError({"detail": str(exc)}) from None
        return Response(FeedbackSerializer(given).data, status=201)
