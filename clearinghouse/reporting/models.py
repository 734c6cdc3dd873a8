"""Records of the reporting domain: national reports, action plans, country visits, peer reviews.

Every record carries a publication status (draft, submitted, published): the public sees only
published records; who sees and changes what is decided in
``clearinghouse.reporting.rules``. Writes go through ``reporting.actions``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.scoping import VisibleQuerySet
from clearinghouse.core.concurrency import Versioned


class Publication(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    PUBLISHED = "published", _("published")


# Reports that count as "submitted to the Committee" for the reporting figures (see docs/reporting.md).
COUNTED = (Publication.SUBMITTED, Publication.PUBLISHED)


class Tracked(Versioned):
    """Publication status, author and timestamps shared by every record of the domain; its
    revision and last change (``Versioned``)."""

    status = models.CharField(
        _("publication status"), max_length=10, choices=Publication.choices,
        default=Publication.DRAFT, db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    illustrative = models.BooleanField(
        _("illustrative"), default=False, editable=False,
        help_text=_("Part of the generated demonstration dataset (clearinghouse demo)"),
    )

    class Meta:
        abstract = True


class NationalReport(Tracked):
    """A State's first report under OP4 or a later report of additional information."""

    class Kind(models.TextChoices):
        FIRST = "first", _("first report")
        ADDITIONAL = "additional", _("additional information")

    state = models.ForeignKey(
        "registry.State", verbose_name=_("State"), on_delete=models.PROTECT,
        related_name="national_reports",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    submitted_on = models.DateField(
        _("date submitted"), null=True, blank=True,
        help_text=_("The date the Committee received it; empty while a draft"),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=40, blank=True)
    document = models.FileField(_("document"), upload_to="reporting/reports/%Y/", blank=True)
    text = models.TextField(_("extracted text"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "submitted_on", "pk"]
        verbose_name = _("national report")
        verbose_name_plural = _("national reports")
        constraints = [
            models.UniqueConstraint(
                fields=["state"], condition=Q(kind="first"), name="one_first_report_per_state"
            ),
        ]
        indexes = [models.Index(fields=["kind", "status", "state", "submitted_on"])]

    def __str__(self):
        when = self.submitted_on.isoformat() if self.submitted_on else _("undated draft")
        return f"{self.state} — {self.get_kind_display()} ({when})"

    def get_absolute_url(self):
        return reverse("reporting:report", args=[self.pk])

    @property
    def language_name(self) -> str:
        from clearinghouse.core.languages import name

        return name(self.language) if self.language else ""


class ActionPlan(Tracked):
    """A National Implementation Action Plan (NAP): a State's priority actions, voluntary."""

    state = models.ForeignKey(
        "registry.State", verbose_name=_("State"), on_delete=models.PROTECT,
        related_name="action_plans",
    )
    adopted_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name", "-adopted_on", "pk"]
        verbose_name = _("national implementation action plan")
        verbose_name_plural = _("national implementation action plans")
        constraints = [
            models.UniqueConstraint(fields=["state", "adopted_on"], name="one_plan_per_state_and_date")
        ]

    def __str__(self):
        return f"{self.state} — {self.title} ({self.adopted_on.isoformat()})"

    def get_absolute_url(self):
        return reverse("reporting:plan", args=[self.pk])


class ActionPlanItem(models.Model):
    """One priority action of a plan, with the assistance it needs."""

    class Progress(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        DELAYED = "delayed", _("delayed")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="items")
    area_code = models.CharField(
        _("area code"), max_length=40, blank=True,
        help_text=_("A code of the assistance taxonomy (op2, op3c, ...), when the area is one"),
    )
    area = models.CharField(_("area"), max_length=200)
    action = models.TextField(_("action"))
    agency = models.CharField(_("responsible agency"), max_length=300, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    progress = models.CharField(
        _("status"), max_length=12, choices=Progress.choices, default=Progress.PLANNED
    )
    assistance_needed = models.TextField(_("assistance needed"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")

    def __str__(self):
        return f"{self.area_label}: {self.action[:60]}"

    @property
    def area_label(self) -> str:
        """The area by its name ("OP3(d) Export control — control lists"), never a raw code."""
        from .areas import display

        return display(self.area_code, self.area) if self.area_code else self.area


class CountryVisit(Tracked):
    """A visit by the Committee and its experts to a State, at the State's invitation."""

    state = models.ForeignKey(
        "registry.State", verbose_name=_("State"), on_delete=models.PROTECT,
        related_name="country_visits",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    delegation = models.TextField(_("delegation"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("country visit")
        verbose_name_plural = _("country visits")
        constraints = [
            models.UniqueConstraint(fields=["state", "start"], name="one_visit_per_state_and_start"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="visit_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.state} ({self.start.isoformat()} – {self.end.isoformat()})"

    def get_absolute_url(self):
        return reverse("reporting:visit", args=[self.pk])


class PeerReview(Tracked):
    """A voluntary peer review between two or more States, with its report."""

    states = models.ManyToManyField(
        "registry.State", verbose_name=_("States"), related_name="peer_reviews"
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    report = models.FileField(_("report document"), upload_to="reporting/peer-reviews/%Y/", blank=True)
    report_text = models.TextField(_("report"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("peer review")
        verbose_name_plural = _("peer reviews")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="review_ends_after_start"),
        ]

    def __str__(self):
        return self.title or "{} {}".format(_("Peer review"), self.start.isoformat())

    def get_absolute_url(self):
        return reverse("reporting:peer-review", args=[self.pk])
