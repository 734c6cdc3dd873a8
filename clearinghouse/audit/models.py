"""The audit log: who did what, to what, and when. Rows are only ever added."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.scoping import VisibleQuerySet


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("who"), max_length=150, help_text=_("User name at the time"))
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("record type"), max_length=80, blank=True)
    target_id = models.CharField(_("record"), max_length=80, blank=True)
    target_label = models.CharField(_("record name"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("audit entries are never changed")
        super().save(*args, **kwargs)

    def change_lines(self) -> list[str]:
        """The changes as a person reads them ("field: old → new"), see ``readable``."""
        from .readable import lines

        return lines(self.changes, self.target_type)
