"""Records of the assistance domain: requests, offers, matches and the experts' decisions.

Areas, weapon types and types of assistance are codes of ``data/taxonomy.json`` kept in JSON
lists (portable between SQLite and PostgreSQL). ``None`` means "not given": the engine infers
them from the text and ``tags`` keeps what it inferred, with its evidence, until an expert
confirms them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.scoping import VisibleQuerySet
from clearinghouse.core.concurrency import Versioned

from . import workflow as wf
from .models_needs import Coverage, Need, NeedStatus, coverage_of  # noqa: F401  (re-exported)


class Consent(models.TextChoices):
    NO_ANSWER = "no_answer", _("no answer")
    CONSENTED = "consented", _("consented")
    OBJECTED = "objected", _("objected")


class Channel(models.TextChoices):
    NOTE_VERBALE = "note_verbale", _("note verbale")
    NATIONAL_REPORT = "national_report", _("within a national report")
    INFORMAL = "informal", _("informal")


def published_q(today: dt.date) -> Q:
    """Public: the State consented, or it was circulated and the objection window closed."""
    window_closed = Q(circulated_on__isnull=False, objection_deadline__lt=today) & ~Q(
        consent=Consent.OBJECTED
    )
    return Q(consent=Consent.CONSENTED) | window_closed


class RequestQuerySet(VisibleQuerySet):
    def published(self, today: dt.date | None = None):
        from django.utils import timezone

        return self.filter(published_q(today or timezone.localdate()))

    def open(self):
        return self.filter(status__in=wf.OPEN)


class Request(Versioned):
    """A request for assistance from a State (or a regional organisation such as CARICOM)."""

    reference = models.CharField(_("reference"), max_length=40, unique=True, null=True,
                                 blank=True, help_text=_("Identifier in the exchange format"))
    state = models.ForeignKey("registry.State", verbose_name=_("requesting State"), null=True,
                              blank=True, on_delete=models.PROTECT,
                              related_name="assistance_requests")
    organisation = models.ForeignKey("registry.Organisation", null=True, blank=True,
                                     verbose_name=_("requesting organisation"),
                                     on_delete=models.PROTECT, related_name="assistance_requests")
    received = models.DateField(_("date received"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices,
                               default=Channel.NOTE_VERBALE)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    summary = models.TextField(_("published summary"), blank=True)
    areas = models.JSONField(_("areas"), null=True, blank=True)
    weapons = models.JSONField(_("weapon types"), null=True, blank=True)
    types = models.JSONField(_("types of assistance"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    tags = models.JSONField(_("tags with provenance"), default=dict, blank=True)
    beneficiaries = models.TextField(_("beneficiary agencies"), blank=True)
    timeframe = models.CharField(_("timeframe"), max_length=200, blank=True)
    previous_assistance = models.TextField(_("previous assistance"), blank=True)
    action_plan_items = models.TextField(
        _("action-plan items"), blank=True,
        help_text=_("References to items of the State's national implementation action plan"))
    plan_items = models.ManyToManyField(
        "reporting.ActionPlanItem", blank=True, related_name="assistance_requests",
        verbose_name=_("linked action-plan items"))
    contact = models.TextField(_("contact"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=wf.STATUS_CHOICES,
                              default=wf.RECEIVED, db_index=True)
    consent = models.CharField(_("consent to publish"), max_length=12, choices=Consent.choices,
                               default=Consent.NO_ANSWER)
    circulated_on = models.DateField(_("circulated on"), null=True, blank=True)
    objection_deadline = models.DateField(_("objection deadline"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True, db_index=True)
    followed_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    circulated_to_states = models.ManyToManyField(
        "registry.State", blank=True, related_name="assistance_requests_received",
        verbose_name=_("circulated to States"))
    circulated_to_organisations = models.ManyToManyField(
        "registry.Organisation", blank=True, related_name="assistance_requests_received",
        verbose_name=_("circulated to organisations"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received", "-pk"]
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__isnull=False, organisation__isnull=True)
                | Q(state__isnull=True, organisation__isnull=False),
                name="request_from_one_state_or_organisation"),
        ]

    def __str__(self):
        return f"{self.engine_id}: {self.title}"

    def get_absolute_url(self):
        return reverse("assistance:request", args=[self.pk])

    @property
    def engine_id(self) -> str:
        return self.reference or f"R-{self.pk}"

    @property
    def requester(self):
        return self.state or self.organisation

    @property
    def requester_code(self) -> str:
        return self.state.iso3 if self.state_id else self.organisation.code

    @property
    def requester_name(self) -> str:
        return self.state.short_name if self.state_id else self.organisation.name

    def is_public(self, today: dt.date) -> bool:
        if self.consent == Consent.CONSENTED:
            return True
        return bool(self.circulated_on and self.objection_deadline
                    and self.objection_deadline < today and self.consent != Consent.OBJECTED)

    def public_summary(self) -> str:
        return self.summary or self.title

    def follow_up_overdue(self, today: dt.date) -> bool:
        return bool(self.follow_up_due and not self.followed_up_on and self.follow_up_due < today)

    @property
    def coverage(self) -> str:
        """"fully" / "partly" / "none": how far its open needs are matched (see
        ``models_needs.coverage_of``). Uses prefetched ``needs`` and ``matches`` if any."""
        return coverage_of(self.needs.all(), self.matches.all())

    def get_coverage_display(self) -> str:
        return str(Coverage(self.coverage).label)


class RequestEvent(models.Model):
    """One step of a request's history: who, when, from which status to which, and why."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(_("who"), max_length=150)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=30, default="transition")
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("request event")

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.from_status}->{self.to_status}"

    # The step as a person reads it, in the reader's language (assistance/history.py).
    def kind_display(self) -> str:
        from .history import kind_label

        return kind_label(self.kind)

    def from_display(self) -> str:
        from .history import status_label

        return status_label(self.from_status)

    def to_display(self) -> str:
        from .history import status_label

        return status_label(self.to_status)

    def note_display(self) -> str:
        from .history import note_text

        return note_text(self.kind, self.note)


RECONFIRM_AFTER_DAYS = 365  # resolution 2663 (2022), OP18: an up-to-date list of providers


class OfferQuerySet(VisibleQuerySet):
    def due_for_reconfirmation(self, today=None):
        """Active offers whose provider has not confirmed them for a year (or ever, if the
        offer is older than a year)."""
        today = today or timezone.localdate()
        cutoff = today - dt.timedelta(days=RECONFIRM_AFTER_DAYS)
        since = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
        return self.filter(active=True).filter(
            Q(confirmed_at__lt=since) | Q(confirmed_at__isnull=True, created_at__lt=since))

    def current(self, today=None):
        """Active offers not expired: open-ended, or valid to today or later."""
        today = today or timezone.localdate()
        return self.filter(active=True).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))

    def of_provider(self, state_id=None, organisation_id=None):
        if state_id:
            return self.filter(provider_state_id=state_id)
        if organisation_id:
            return self.filter(provider_organisation_id=organisation_id)
        return self.none()


class Offer(Versioned):
    """An offer of assistance from a State or an organisation."""

    reference = models.CharField(_("reference"), max_length=40, unique=True, null=True,
                                 blank=True)
    provider_state = models.ForeignKey("registry.State", null=True, blank=True,
                                       verbose_name=_("providing State"),
                                       on_delete=models.PROTECT, related_name="assistance_offers")
    provider_organisation = models.ForeignKey("registry.Organisation", null=True, blank=True,
                                              verbose_name=_("providing organisation"),
                                              on_delete=models.PROTECT,
                                              related_name="assistance_offers")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    areas = models.JSONField(_("areas"), null=True, blank=True)
    weapons = models.JSONField(_("weapon types"), null=True, blank=True)
    types = models.JSONField(_("types of assistance"), null=True, blank=True)
    tags = models.JSONField(_("tags with provenance"), default=dict, blank=True)
    eligibility = models.JSONField(
        _("eligibility"), default=list, blank=True,
        help_text=_('[{"name": as given, "label": resolved, "members": [ISO3...]}]; empty = any State'))
    languages = models.JSONField(_("languages"), default=list, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=1,
                                           help_text=_("Engagements it can take on at once"))
    engaged_elsewhere = models.PositiveIntegerField(
        _("engagements outside the clearinghouse"), default=0,
        help_text=_("Counted in its load with its accepted matches (the exchange format's "
                    "\"active\")"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    contact = models.TextField(_("contact"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        _("last confirmed by its provider"), null=True, blank=True,
        help_text=_("Offers not confirmed for a year are flagged to their provider and the experts"))

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("assistance offer")
        verbose_name_plural = _("assistance offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(provider_state__isnull=False, provider_organisation__isnull=True)
                | Q(provider_state__isnull=True, provider_organisation__isnull=False),
                name="offer_from_one_state_or_organisation"),
        ]

    def __str__(self):
        return f"{self.engine_id}: {self.title}"

    def get_absolute_url(self):
        return reverse("assistance:offer", args=[self.pk])

    @property
    def engine_id(self) -> str:
        return self.reference or f"O-{self.pk}"

    @property
    def expired(self) -> bool:
        return bool(self.valid_to and self.valid_to < timezone.localdate())

    @property
    def validity(self) -> str:
        """The period in words: "open-ended", "from 1 March 2024", "until ...", "... to ..."."""
        from django.utils.formats import date_format

        start = date_format(self.valid_from, "j F Y") if self.valid_from else None
        end = date_format(self.valid_to, "j F Y") if self.valid_to else None
        if start and end:
            text = _("%(start)s to %(end)s") % {"start": start, "end": end}
        elif start:
            text = _("from %(start)s, open-ended") % {"start": start}
        elif end:
            text = _("until %(end)s") % {"end": end}
        else:
            text = _("open-ended")
        if self.expired:
            text = _("%(period)s (expired)") % {"period": text}
        return str(text)

    @property
    def provider(self):
        return self.provider_state or self.provider_organisation

    @property
    def provider_code(self) -> str:
        return self.provider_state.iso3 if self.provider_state_id else self.provider_organisation.code

    @property
    def provider_name(self) -> str:
        if self.provider_state_id:
            return self.provider_state.short_name
        return self.provider_organisation.name

    @property
    def last_confirmed(self):
        """When its provider last confirmed it (never confirmed: when it was recorded)."""
        return self.confirmed_at or self.created_at

    def due_for_reconfirmation(self, today=None) -> bool:
        """Active and not confirmed for a year (``OfferQuerySet.due_for_reconfirmation``)."""
        today = today or timezone.localdate()
        cutoff = today - dt.timedelta(days=RECONFIRM_AFTER_DAYS)
        since = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
        return bool(self.active and self.last_confirmed and self.last_confirmed < since)

    def eligibility_text(self) -> str:
        return ", ".join(rule.get("label") or rule.get("name", "") for rule in self.eligibility)


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted by the provider")
    DECLINED = "declined", _("declined")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")


ENGAGED = (MatchStatus.ACCEPTED, MatchStatus.IN_PROGRESS)


class Match(Versioned):
    """A proposed pairing of a request and an offer, with the score and reasons of that moment."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="matches")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches",
                             verbose_name=_("need"))
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="matches")
    score = models.FloatField(_("score"))
    components = models.JSONField(_("score components"), default=dict)
    # The engine's reasons at the time of proposal as codes ({"code", "params", "quotes"}),
    # rendered in the reader's language when shown (reasons_in); older matches hold English
    # sentences as "legacy" reasons, shown as written.
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=MatchStatus.choices,
                              default=MatchStatus.PROPOSED, db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["need", "offer"],
                                               name="one_match_per_need_and_offer")]

    def __str__(self):
        return f"{self.request.engine_id} -> {self.offer.engine_id} ({self.status})"

    @property
    def explanation(self) -> tuple:
        """The stored reasons as the engine's reason codes."""
        from .engine.models import Reason

        return tuple(Reason.from_record(r) for r in self.reasons or ())

    def reasons_in(self, lang: str | None = None) -> tuple[str, ...]:
        """The reasons' sentences in ``lang`` (default: the active language)."""
        from django.utils.translation import get_language

        from .engine.render import render_all

        return render_all(self.explanation, lang or get_language() or "en")


class Party(models.TextChoices):
    REQUESTER = "requester", _("requester")
    PROVIDER = "provider", _("provider")


class Outcome(models.TextChoices):
    MET = "met", _("met fully")
    PARTLY = "partly", _("met partly")
    NOT_MET = "not_met", _("not met")


class Feedback(models.Model):
    """What the requester or the provider says of a completed match (resolution 2663 (2022)):
    one per party per match; an expert may record it on a party's behalf."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback",
                              verbose_name=_("match"))
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    by_label = models.CharField(_("given by"), max_length=150)
    on_behalf = models.BooleanField(_("recorded by an expert on the party's behalf"),
                                    default=False)
    at = models.DateTimeField(_("given at"), auto_now_add=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [models.UniqueConstraint(fields=["match", "party"],
                                               name="one_feedback_per_party")]

    def __str__(self):
        return f"{self.match_id} {self.party}: {self.outcome}"


class Pin(models.Model):
    """An expert's decision that a need goes to an offer (the engine allocates it): one per
    need; ``request`` is the need's request (for scoping and queries)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="pins")
    need = models.OneToOneField(Need, on_delete=models.CASCADE, related_name="pin")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="pins")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    objects = VisibleQuerySet.as_manager()

    def __str__(self):
        return f"pin {self.request_id}#{self.need_id} -> {self.offer_id}"


class Exclusion(models.Model):
    """An expert's decision that an offer is never proposed for a need."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="exclusions")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="exclusions")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="exclusions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "offer"],
                                               name="one_exclusion_per_need_and_offer")]

    def __str__(self):
        return f"exclude {self.request_id}#{self.need_id} -> {self.offer_id}"
