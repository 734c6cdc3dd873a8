"""The needs of a request: each matched on its own, with its own areas, weapon types, types of
assistance and status (a published request typically lists three to five numbered needs, each
of which may be met by a different provider).

A need is edited with its request (the request's form carries the request's revision and the
actions lock the request's row), so a need has no revision of its own.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.scoping import VisibleQuerySet


class NeedStatus(models.TextChoices):
    OPEN = "open", _("open")
    MET = "met", _("met")
    WITHDRAWN = "withdrawn", _("withdrawn")


# A need is covered when one of its matches is in one of these statuses (or it is met).
COVERING = ("accepted", "in_progress", "completed")


class Coverage(models.TextChoices):
    FULLY = "fully", _("matched fully")
    PARTLY = "partly", _("matched partly")
    NONE = "none", _("not matched yet")


class Need(models.Model):
    """One need of a request. ``areas``/``weapons``/``types`` None = inferred from its text
    (``tags`` keeps what was inferred, with its evidence)."""

    request = models.ForeignKey("assistance.Request", on_delete=models.CASCADE,
                                related_name="needs", verbose_name=_("request"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"))
    areas = models.JSONField(_("areas"), null=True, blank=True)
    weapons = models.JSONField(_("weapon types"), null=True, blank=True)
    types = models.JSONField(_("types of assistance"), null=True, blank=True)
    tags = models.JSONField(_("tags with provenance"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=NeedStatus.choices,
                              default=NeedStatus.OPEN, db_index=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["request", "number"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [models.UniqueConstraint(fields=["request", "number"],
                                               name="one_need_number_per_request")]

    def __str__(self):
        return f"{self.request_id}#{self.number}: {self.label}"

    @property
    def label(self) -> str:
        """The need in a few words: its title, or the start of its description."""
        if self.title:
            return self.title
        text = " ".join(self.description.split())
        return text if len(text) <= 120 else text[:119].rstrip() + "…"

    @property
    def text(self) -> str:
        return f"{self.title}. {self.description}" if self.title else self.description

    def covered(self, matches=None) -> bool:
        """Met, or one of its matches accepted / in progress / completed. ``matches``: the
        need's matches already loaded (else read)."""
        if self.status == NeedStatus.MET:
            return True
        if matches is None:
            return self.matches.filter(status__in=COVERING).exists()
        return any(m.status in COVERING for m in matches)


def coverage_of(needs, matches) -> str:
    """"fully" when every open need is covered (met, or an accepted / in-progress / completed
    match), "partly" when some are, "none" otherwise; withdrawn needs do not count."""
    by_need: dict[int, list] = {}
    for m in matches:
        by_need.setdefault(m.need_id, []).append(m)
    counted = [n for n in needs if n.status != NeedStatus.WITHDRAWN]
    covered = sum(1 for n in counted if n.covered(by_need.get(n.pk, [])))
    if counted and covered == len(counted):
        return Coverage.FULLY
    return Coverage.PARTLY if covered else Coverage.NONE
