"""Records of the outreach domain: events, who organised and attended them, their notes.

An event's life: ``draft`` (created by hand or imported from a note; experts only) ->
``confirmed`` (an expert checked it; experts and Committee members see it) -> ``published``
(everyone sees it). See docs/outreach.md.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.scoping import VisibleQuerySet
from clearinghouse.core.concurrency import Versioned
from clearinghouse.outreach.notes.model import KINDS


class EventSeries(models.Model):
    """Events that follow one another (the Central Asian meetings 2009-2014)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return self.name


class Event(Versioned):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("workshop")
        SEMINAR = "seminar", _("seminar")
        CONFERENCE = "conference", _("conference")
        TRAINING = "training course", _("training course")
        BRIEFING = "briefing", _("briefing")
        COUNTRY_VISIT = "country visit", _("country visit")
        PEER_REVIEW = "peer review", _("peer review")
        MEETING = "meeting", _("meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONFIRMED = "confirmed", _("confirmed")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    series = models.ForeignKey(
        EventSeries, verbose_name=_("series"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="events",
    )
    start = models.DateField(_("start"), null=True, blank=True, db_index=True)
    end = models.DateField(_("end"), null=True, blank=True)
    venue_place = models.CharField(_("place"), max_length=200, blank=True)
    venue_city = models.CharField(_("city"), max_length=120, blank=True)
    venue_state = models.ForeignKey(
        "registry.State", verbose_name=_("venue State"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="events_hosted",
    )
    committee_members = models.PositiveSmallIntegerField(_("Committee members"), default=0)
    committee_experts = models.PositiveSmallIntegerField(_("Committee experts"), default=0)
    committee_remark = models.CharField(_("Committee participation as written"), max_length=300,
                                        blank=True)
    topics = models.JSONField(_("topics (assistance areas)"), default=list, blank=True)
    background = models.TextField(_("background"), blank=True)
    highlights = models.TextField(_("highlights of the discussions"), blank=True)
    chair_summary_heading = models.CharField(_("heading of the chair's summary"),
                                             max_length=200, default="Chair's summary")
    chair_summary = models.TextField(_("chair's summary"), blank=True)
    chair_summary_url = models.URLField(_("link to the chair's summary"), max_length=500,
                                        blank=True)
    additional_comments = models.TextField(_("additional comments"), blank=True)
    related = models.ManyToManyField("self", verbose_name=_("related events"), blank=True,
                                     symmetrical=True)
    source_filename = models.CharField(_("imported from"), max_length=255, blank=True)
    source_text = models.TextField(_("text of the imported note"), blank=True)
    import_warnings = models.JSONField(_("import warnings"), default=list, blank=True)
    illustrative = models.BooleanField(_("illustrative (demo) record"), default=False)
    country_visit = models.ForeignKey(
        "reporting.CountryVisit", verbose_name=_("country visit record"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="events",
    )
    peer_review = models.ForeignKey(
        "reporting.PeerReview", verbose_name=_("peer review record"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="events",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self):
        when = self.start.isoformat() if self.start else "?"
        return f"{self.title} ({when})"

    def get_absolute_url(self):
        return reverse("outreach:event", args=[self.pk])

    @property
    def committee_took_part(self) -> bool:
        return bool(self.committee_members or self.committee_experts or self.committee_remark)

    @property
    def flagged_count(self) -> int:
        return sum(1 for p in self.participants.all() if p.flagged)


assert tuple(Event.Kind.values) == KINDS  # the note package and the model agree


class EntityLink(models.Model):
    """A registry State or organisation, or a name nobody could resolve (kept verbatim)."""

    name = models.CharField(_("name as written"), max_length=300)
    state = models.ForeignKey("registry.State", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    organisation = models.ForeignKey("registry.Organisation", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position"]

    @property
    def entity(self):
        return self.state or self.organisation

    @property
    def entity_code(self) -> str:
        if self.state_id:
            return self.state.iso3
        if self.organisation_id:
            return self.organisation.code
        return ""


class Organiser(EntityLink):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organisers")
    state = models.ForeignKey("registry.State", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="events_organised")
    organisation = models.ForeignKey("registry.Organisation", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="events_organised")

    class Meta(EntityLink.Meta):
        verbose_name = _("organiser")

    def __str__(self):
        return self.name


class Participant(EntityLink):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    group = models.CharField(_("group as listed"), max_length=200)
    state = models.ForeignKey("registry.State", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="event_participations")
    organisation = models.ForeignKey("registry.Organisation", null=True, blank=True,
                                     on_delete=models.PROTECT,
                                     related_name="event_participations")
    confidence = models.FloatField(_("confidence of the name match"), default=0.0)
    remark = models.CharField(_("remark"), max_length=300, blank=True)
    flagged = models.BooleanField(_("needs checking"), default=False)

    class Meta(EntityLink.Meta):
        verbose_name = _("participant")

    def __str__(self):
        return f"{self.group}: {self.name}"


class MentionedEvent(models.Model):
    """An earlier event named in the note ("Previous activities ..."), as written."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mentions")
    title = models.CharField(_("title"), max_length=500)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    linked = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="mentioned_by")
    position = models.PositiveSmallIntegerField(default=0)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.title


class EventDocument(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="outreach/documents/%Y/")
    added = models.DateTimeField(auto_now_add=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["added"]
        verbose_name = _("attached document")

    def __str__(self):
        return self.title
