"""The report form: a State's point of contact drafts its own State's reports; experts record any."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from clearinghouse.registry.models import State

from .documents import DocumentError, check
from .models import NationalReport, Publication


class ReportForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"), queryset=State.objects.none(), to_field_name="iso3", required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=NationalReport.Kind.choices)
    submitted_on = forms.DateField(
        label=_("Date submitted"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a draft: submitting dates it today."))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    language = forms.CharField(label=_("Language"), max_length=40, required=False)
    document = forms.FileField(
        label=_("Document (PDF, DOCX or text)"), required=False,
        help_text=_("Its text is extracted and kept for search."))
    text = forms.CharField(label=_("Text (if there is no document)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    status = forms.ChoiceField(label=_("Publication status"), choices=Publication.choices,
                               initial=Publication.DRAFT, required=False)

    def __init__(self, *args, expert: bool, state: State | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.expert = expert
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
        return data
