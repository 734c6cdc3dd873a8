"""The cell form of a draft's page (and of its conflict page)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Dimension, Value


class CellForm(forms.Form):
    field = forms.CharField(label=_("Field code"), max_length=30)
    dimension = forms.ChoiceField(label=_("Dimension"), choices=Dimension.choices)
    value = forms.ChoiceField(label=_("Value"), required=False,
                              choices=[(v.value, v.label) for v in Value])
    source = forms.CharField(label=_("Source"), required=False, max_length=5000)
    remarks = forms.CharField(label=_("Remarks"), required=False, max_length=5000)
    revision = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    @staticmethod
    def initial_for(cell) -> dict:
        return {"value": cell.value, "source": cell.source, "remarks": cell.remarks}
