"""Site-wide records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IllustrativeDataset(models.Model):
    """Marks that illustrative (demo) data is loaded: every page and export then says so."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("illustrative dataset")

    def __str__(self):
        return self.name


ILLUSTRATIVE_NOTICE = _(
    "Illustrative data: the records shown are a generated demonstration dataset, not the "
    "Committee's records. Only the registry of States and organisations is real."
)


def illustrative_loaded() -> bool:
    return IllustrativeDataset.objects.exists()


class DataGeneration(models.Model):
    """One row: a token that changes whenever data changes (core/generation.py)."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("data generation")

    def __str__(self):
        return self.token
