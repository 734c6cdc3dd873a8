"""The report form: a State's point of contact drafts its own State's reports; experts record any."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from clearinghouse.core import languages
from clearinghouse.registry.models import State

from . import areas
from .actions import RESOLUTION_ADOPTED
from .documents import DocumentError, check
from .models import ActionPlanItem, NationalReport, Publication


class ReportForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"), queryset=State.objects.none(), to_field_name="iso3", required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=NationalReport.Kind.choices)
    submitted_on = forms.DateField(
        label=_("Date submitted"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a draft: submitting dates it today."))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=languages.choices, required=False)
    document = forms.FileField(
        label=_("Document (PDF, DOCX or text)"), required=False,
        help_text=_("Its text is extracted and kept for search."))
    text = forms.CharField(label=_("Text (if there is no document)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    status = forms.ChoiceField(label=_("Publication status"), choices=Publication.choices,
                               initial=Publication.DRAFT, required=False)

    def __init__(self, *args, expert: bool, state: State | None = None,
                 stored_document: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.expert = expert
        self.stored_document = stored_document
        recorded = (self.initial or {}).get("language") or ""
        if recorded and recorded not in languages.names():  # older free text, kept until changed
            self.fields["language"].choices = [
                *languages.choices(), (recorded, _("%(text)s (as recorded)") % {"text": recorded})]
        self.fields["submitted_on"].widget.attrs.update(
            min=RESOLUTION_ADOPTED.isoformat(), max=dt.date.today().isoformat())
        if expert and state is None:
            self.fields["state"].queryset = State.objects.order_by("short_name")
            self.fields["state"].required = True
        else:
            del self.fields["state"]
        if not expert:
            del self.fields["status"]

    def clean_submitted_on(self):
        day = self.cleaned_data.get("submitted_on")
        if day and day > dt.date.today():
            raise forms.ValidationError(_("The date submitted cannot be in the future."))
        if day and day < RESOLUTION_ADOPTED:
            raise forms.ValidationError(_("The date submitted cannot be before 28 April 2004, when "
                                          "resolution 1540 was adopted."))
        return day

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            try:
                check(upload.name, upload.size)
            except DocumentError as exc:
                raise forms.ValidationError(str(exc)) from None
        return upload

    def clean(self):
        data = super().clean()
        status = data.get("status") or Publication.DRAFT
        data["status"] = status
        if status != Publication.DRAFT and not data.get("submitted_on"):
            self.add_error("submitted_on", _("A submitted or published report needs its date."))
        if not (data.get("document") or self.stored_document or (data.get("text") or "").strip()
                or "document" in self.errors):
            self.add_error("document", _("Attach the report's document or write its text."))
        return data


# -- National Implementation Action Plan ---------------------------------------------------------
OTHER_AREA = "other"


class PlanForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"), queryset=State.objects.none(), to_field_name="iso3", required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    adopted_on = forms.DateField(label=_("Date adopted"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Publication status"), choices=Publication.choices,
                               initial=Publication.DRAFT, required=False)

    def __init__(self, *args, expert: bool, choose_state: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if expert and choose_state:
            self.fields["state"].queryset = State.objects.order_by("short_name")
            self.fields["state"].required = True
        else:
            del self.fields["state"]
        if not expert:
            del self.fields["status"]

    def clean_adopted_on(self):
        day = self.cleaned_data.get("adopted_on")
        if day and day > dt.date.today():
            raise forms.ValidationError(_("The date of the plan cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        data["status"] = data.get("status") or Publication.DRAFT
        return data


def area_choices():
    return [("", "—"), *areas.choices(), (OTHER_AREA, _("Other (write it below)"))]


class PlanItemForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=area_choices)
    area_other = forms.CharField(label=_("Other area"), max_length=200, required=False)
    action = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    agency = forms.CharField(label=_("Responsible agency"), max_length=300, required=False)
    target_date = forms.DateField(label=_("Target date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    progress = forms.ChoiceField(label=_("Status"), choices=ActionPlanItem.Progress.choices,
                                 initial=ActionPlanItem.Progress.PLANNED)
    assistance_needed = forms.CharField(label=_("Assistance needed"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        area = data.get("area")
        if area == OTHER_AREA:
            if not (data.get("area_other") or "").strip():
                self.add_error("area_other", _("Write the area, or choose one from the list."))
            else:
                data["area_code"], data["area"] = areas.match(data["area_other"])
        elif area:
            data["area_code"], data["area"] = area, areas.areas()[area]
        return data

    def item(self) -> dict:
        data = self.cleaned_data
        return {"area_code": data.get("area_code", ""), "area": data["area"],
                "action": data["action"].strip(), "agency": data.get("agency", ""),
                "target_date": data.get("target_date"), "progress": data["progress"],
                "assistance_needed": data.get("assistance_needed", "")}

    @staticmethod
    def initial_for(item: ActionPlanItem) -> dict:
        known = item.area_code in areas.areas()
        return {"area": item.area_code if known else OTHER_AREA,
                "area_other": "" if known else item.area, "action": item.action,
                "agency": item.agency, "target_date": item.target_date,
                "progress": item.progress, "assistance_needed": item.assistance_needed}


class BasePlanItemFormSet(forms.BaseFormSet):
    def check_targets(self, adopted_on) -> bool:
        """Mark each kept row whose target date is before the plan's adoption; True if none."""
        ok = True
        for i, form in enumerate(self.forms):
            if self._should_delete_form(form) or (i >= self.initial_form_count() and not form.has_changed()):
                continue
            day = form.cleaned_data.get("target_date")
            if adopted_on and day and day < adopted_on:
                form.add_error("target_date", _("The target date cannot be before the plan's "
                                                "adoption (%(day)s).") % {"day": adopted_on.isoformat()})
                ok = False
        return ok

    def items(self) -> list[dict]:
        """The kept items, in order (removed rows and untouched blank rows left out)."""
        kept = []
        for i, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            if i >= self.initial_form_count() and not form.has_changed():
                continue
            kept.append(form.item())
        return kept


PlanItemFormSet = forms.formset_factory(PlanItemForm, formset=BasePlanItemFormSet, extra=1,
                                        can_delete=True, max_num=200, validate_max=True)
