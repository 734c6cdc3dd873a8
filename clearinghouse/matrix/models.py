"""Records of the matrix domain: the versioned template and each State's versioned matrix.

The template (sections and fields) is loaded from a data file shipped in the repository
(``data/template-v1.json``, see ``template.py``). A State's matrix has versions; a version's
cells hold X / ? / NA (a blank is the absence of a cell, or a cell with only a source or remarks).
A version is immutable once approved by the Committee: changes go into a new version.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.scoping import VisibleQuerySet
from clearinghouse.core.concurrency import Versioned
from clearinghouse.registry.models import State


class Weapon(models.TextChoices):
    NONE = "", _("all")
    NW = "NW", _("Nuclear weapons")
    CW = "CW", _("Chemical weapons")
    BW = "BW", _("Biological weapons")


class Dimension(models.TextChoices):
    SINGLE = "single", _("recorded")
    LEGAL = "legal", _("National legal framework")
    ENFORCEMENT = "enforcement", _("Enforcement")


class Value(models.TextChoices):
    X = "X", "X"
    DOUBT = "?", "?"
    NA = "NA", "NA"
    BLANK = "", _("blank")


class MatrixTemplate(models.Model):
    """One version of the Committee's matrix template, as loaded from its data file."""

    version = models.PositiveIntegerField(_("template version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    source = models.TextField(_("source"), blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("matrix template")

    def __str__(self):
        return self.title


class Section(models.Model):
    template = models.ForeignKey(MatrixTemplate, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    op_reference = models.CharField(_("operative paragraph"), max_length=20)
    note = models.TextField(_("note"), blank=True)
    dimensions = models.JSONField(_("dimensions"), default=list)
    order = models.PositiveIntegerField(default=0)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="unique_section_code")]

    def __str__(self):
        return self.title


class Field(models.Model):
    """A row of the matrix: one requirement, for one weapon where the section is per weapon."""

    template = models.ForeignKey(MatrixTemplate, on_delete=models.CASCADE, related_name="fields")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="fields")
    code = models.CharField(_("code"), max_length=30)
    label = models.CharField(_("label"), max_length=300)
    op_reference = models.CharField(_("operative paragraph"), max_length=20)
    weapon = models.CharField(_("weapon"), max_length=2, choices=Weapon.choices, blank=True)
    dimensions = models.JSONField(_("dimensions"), default=list)
    order = models.PositiveIntegerField(default=0)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="unique_field_code")]

    def __str__(self):
        return f"{self.code} {self.label}"


class Matrix(models.Model):
    """A State's matrix: the series of its versions."""

    state = models.OneToOneField(State, on_delete=models.CASCADE, related_name="matrix")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["state__short_name"]
        verbose_name = _("matrix")
        verbose_name_plural = _("matrices")

    def __str__(self):
        return str(_("1540 Matrix of %(state)s") % {"state": self.state})

    def get_absolute_url(self):
        return reverse("matrix:state", args=[self.state.iso3])


class Procedure(models.TextChoices):
    """How the Committee took a decision."""

    MEETING = "meeting", _("at a meeting")
    WRITTEN = "written", _("by written procedure")


class MatrixVersion(Versioned):
    """A version of a State's matrix. Its ``revision`` counts every change of a draft: its
    header and each of its cells."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved by the Committee")
        PUBLISHED = "published", _("published")

    matrix = models.ForeignKey(Matrix, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    template = models.ForeignKey(MatrixTemplate, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    report_date = models.DateField(_("date of report"), null=True, blank=True)
    addenda_dates = models.JSONField(_("dates of addenda"), default=list, blank=True)
    # The Committee decides as a body (at a meeting or by written procedure); the Chair's office
    # or the experts record the decision on its behalf (``approved_by``: who recorded it).
    approved_on = models.DateField(_("date of Committee approval"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+",
                                    verbose_name=_("decision recorded by"))
    decision_procedure = models.CharField(_("decided"), max_length=10, choices=Procedure.choices,
                                          blank=True)
    decision_reference = models.CharField(
        _("reference of the decision"), max_length=200, blank=True,
        help_text=_("The meeting (e.g. 1540/SR.123, informal consultations of 12 May 2024) or "
                    "the written procedure (e.g. its letter's reference)"))
    decision_recorded_at = models.DateTimeField(_("decision recorded at"), null=True, blank=True)
    based_on = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Fields with measures recorded (cells holding X), per section code, kept with the cells.
    measures = models.JSONField(_("fields with measures recorded, per section"), default=dict)
    measures_total = models.PositiveIntegerField(_("fields with measures recorded"), default=0)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["matrix", "number"]
        constraints = [models.UniqueConstraint(fields=["matrix", "number"], name="unique_version_number")]
        verbose_name = _("matrix version")

    def __str__(self):
        return f"{self.matrix.state} v{self.number} ({self.get_status_display()})"

    def audit_label(self) -> str:
        """Its name in the audit log: no status label (the entries record the status code)."""
        return f"{self.matrix.state} v{self.number}"

    def get_absolute_url(self):
        return reverse("matrix:state", args=[self.matrix.state.iso3]) + f"?version={self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


# A cleared cell is kept with everything blank (see Cell); reads leave it out.
BLANK = models.Q(value="", source="", remarks="")


class Cell(Versioned):
    """One cell of a version. Its ``revision`` is the revision of its version when the cell
    last changed (set by the actions), so a page that showed the draft at revision R knows
    which cells changed since. A cleared cell is kept, blank, so that clearing is a change too."""

    bump_on_save = False

    version = models.ForeignKey(MatrixVersion, on_delete=models.CASCADE, related_name="cells")
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    value = models.CharField(_("value"), max_length=2, choices=Value.choices, blank=True)
    source = models.TextField(_("source reference"), blank=True,
                              help_text=_("Law and article, page of the national report, or URL"))
    remarks = models.TextField(_("remarks"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["version", "field__order", "dimension"]
        constraints = [
            models.UniqueConstraint(fields=["version", "field", "dimension"], name="one_cell_per_field_dimension")
        ]

    def __str__(self):
        return f"{self.field.code}/{self.dimension}: {self.value or '-'}"


class Review(Versioned):
    """A draft version sent to its State for review (the Committee's procedure: the experts
    send the draft, the State confirms it or comments, then the Committee approves).

    One row per round; a draft may be sent again after the State answered (a new round). Seen
    only by staff and the points of contact of that State: never by the public, even once the
    version is published (the State's comments are part of the Committee's exchange with it).
    """

    class Answer(models.TextChoices):
        AWAITED = "", _("awaited")
        CONFIRMED = "confirmed", _("confirmed by the State")
        COMMENTS = "comments", _("comments from the State")

    version = models.ForeignKey(MatrixVersion, on_delete=models.CASCADE, related_name="reviews")
    sent_on = models.DateField(_("sent to the State on"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("sent by"))
    deadline = models.DateField(_("answer requested by"), null=True, blank=True)
    revision_sent = models.PositiveIntegerField(default=0)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    comments = models.TextField(_("the State's comments"), blank=True)
    answered_on = models.DateField(_("date of the answer"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("answered by"))

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["version", "sent_on", "pk"]
        verbose_name = _("review by the State")

    def __str__(self):
        return str(_("Review of %(version)s sent on %(date)s")
                   % {"version": self.version, "date": self.sent_on})

    def get_absolute_url(self):
        return reverse("matrix:review", args=[self.version.matrix.state.iso3, self.version.number])

    @property
    def is_open(self) -> bool:
        return not self.answer
