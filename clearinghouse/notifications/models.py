"""Notices: what the platform tells a person (in the platform, and by e-mail), and each
person's choice per kind (immediately, in a daily digest, or not at all)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import role_of
from clearinghouse.accounts.scoping import VisibleQuerySet


class Kind(models.TextChoices):
    CIRCULATED = "circulated", _("a request circulated to my organisation or State")
    PROPOSAL = "proposal", _("a match proposed for my offer")
    ANSWERED = "answered", _("a provider accepted or declined a match")
    OBJECTION_WINDOW = "objection_window", _(
        "the objection window of my State's or organisation's request")
    RECEIVED = "received", _("a request received")
    ACKNOWLEDGED = "acknowledged", _("my State's or organisation's request acknowledged")
    PUBLISHED = "published", _("my State's or organisation's request published")
    FOLLOW_UP = "follow_up", _("a request's follow-up falling due")
    REPORT = "report", _("a national report or action plan submitted")
    MATRIX = "matrix", _("a matrix version approved")
    MATRIX_REVIEW = "matrix_review", _("a matrix version sent to my State for review")
    MATRIX_ANSWER = "matrix_answer", _("a State's answer to the review of its matrix")
    RECONFIRM = "reconfirm", _("an offer to reconfirm")
    BRIEFING = "briefing", _("the draft of the bi-monthly matchmaking briefing")
    FEEDBACK = "feedback", _("a party's feedback on a completed match")


# Who may receive each kind (and choose how on the preferences page): the roles the domain
# actions send it to. ``deliver`` sends nothing to anyone else, whatever the caller proposes.
_POCS = frozenset({Role.STATE_POC, Role.PROVIDER_POC})
AUDIENCE = {
    Kind.CIRCULATED: _POCS,                      # provider States' and organisations' PoCs
    Kind.PROPOSAL: _POCS,                        # the offer's provider
    Kind.ANSWERED: frozenset({Role.EXPERT}),
    Kind.OBJECTION_WINDOW: _POCS,                # the requesting State or organisation
    Kind.RECEIVED: frozenset({Role.EXPERT}),
    Kind.ACKNOWLEDGED: _POCS,                    # the requesting State or organisation
    Kind.PUBLISHED: _POCS,
    Kind.FOLLOW_UP: frozenset({Role.EXPERT}),
    Kind.REPORT: frozenset({Role.EXPERT}),
    Kind.MATRIX: frozenset({Role.EXPERT, Role.STATE_POC}),
    Kind.MATRIX_REVIEW: frozenset({Role.STATE_POC}),
    Kind.MATRIX_ANSWER: frozenset({Role.EXPERT}),
    Kind.RECONFIRM: frozenset({Role.EXPERT, *_POCS}),
    Kind.BRIEFING: frozenset({Role.EXPERT}),
    Kind.FEEDBACK: frozenset({Role.EXPERT}),
}


def kinds_for(user) -> list[tuple[str, str]]:
    """The kinds (value, label) this person may receive, in the order of ``Kind``."""
    role = role_of(user)
    return [(kind, label) for kind, label in Kind.choices if role in AUDIENCE[kind]]


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("immediately")
    DIGEST = "digest", _("in a daily digest")
    OFF = "off", _("not at all")


class Notice(models.Model):
    """One notice to one person, written in their language when it was sent."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notices")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    url = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    language = models.CharField(max_length=10)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.subject


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notice_preferences")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IMMEDIATE)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_pref_once")]

    def __str__(self):
        return f"{self.user} {self.kind}: {self.mode}"
