"""Forms and pages side of "no silent lost update".

- ``add_revision(form, record)``: a hidden field carrying the token of the record as the user
  opened it; ``opened(form)`` reads it back for the action.
- ``conflict_page(...)``: the page the second writer gets (HTTP 409): who changed the record
  and when, their version and the stored one field by field with the differences marked, and
  the form again with their input, now carrying the stored revision, so that saving it again
  is a deliberate choice made with both versions in view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .records import Conflict, token

REVISION = "revision"


def add_revision(form: forms.BaseForm, record) -> None:
    """Give ``form`` the hidden revision field, set to ``record``'s token."""
    field = forms.CharField(widget=forms.HiddenInput, max_length=100, required=True,
                            initial=token(record) if record is not None else "")
    field.error_messages["required"] = _(
        "This form does not say which revision of the record you opened (an old page?): "
        "open the record again.")
    form.fields[REVISION] = field
    form.initial[REVISION] = field.initial


def opened(form: forms.BaseForm) -> str | None:
    """The token the user opened (None when the form has no revision field)."""
    if REVISION not in form.fields:
        return None
    return form.cleaned_data.get(REVISION) or None


@dataclass(frozen=True)
class Row:
    label: str
    mine: str
    stored: str

    @property
    def differs(self) -> bool:
        return self.mine != self.stored


def _flat_choices(choices):
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat_choices(label)
        else:
            yield str(key), str(label)


def shown(field: forms.Field, value) -> str:
    """A field's value as a person reads it (choice labels, ISO dates, one line per item)."""
    if value is None or value == "" or value == [] or value == ():
        return ""
    if isinstance(field, forms.BooleanField):
        return str(_("yes")) if field.to_python(value) else str(_("no"))
    if hasattr(field, "choices"):
        labels = dict(_flat_choices(field.choices))
        items = value if isinstance(value, list | tuple) else [value]
        out = []
        for item in items:
            key = field.prepare_value(item) if isinstance(field, forms.ModelChoiceField) else item
            out.append(labels.get(str(key), str(item)))
        return "\n".join(out)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return "\n".join(line.rstrip() for line in str(value).strip().splitlines())


def rows(form: forms.BaseForm, stored_initial: dict) -> list[Row]:
    """Field by field: what the user submitted, and what is stored now."""
    out = []
    for bound in form.visible_fields():
        if isinstance(bound.field, forms.FileField) or bound.name not in stored_initial:
            continue
        out.append(Row(str(bound.label), shown(bound.field, bound.data),
                       shown(bound.field, stored_initial[bound.name])))
    return out


def rebase(form: forms.BaseForm, conflict: Conflict) -> None:
    """Keep the user's input, now carrying the stored token: saving again is deliberate."""
    if form.is_bound and REVISION in form.fields:
        data = form.data.copy()
        data[form.add_prefix(REVISION)] = conflict.token
        form.data = data


def conflict_page(request, template: str, context: dict, *, form, conflict: Conflict,
                  stored_initial: dict, extra_rows=(), discard_url: str = ""):
    """Render the form's own template with the conflict panel above the form (HTTP 409)."""
    compared = [*rows(form, stored_initial), *extra_rows]
    rebase(form, conflict)
    files = any(isinstance(b.field, forms.FileField) and b.data for b in form.visible_fields())
    return render(request, template, {
        **context, "form": form, "conflict": conflict, "conflict_rows": compared,
        "conflict_files": files, "discard_url": discard_url or request.path,
    }, status=409)
