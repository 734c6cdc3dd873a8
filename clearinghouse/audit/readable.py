"""The "changes" of an audit entry as a person reads them: one line per field, "old → new"
for a change, the value alone otherwise.

Entries record codes; they are read in the reader's language at display time: a field of the
entry's record by its verbose name, a choice code by its choice label, a key naming a model
("organisation_aliases", as a reference-data load records its counts) by that model's verbose
name. A value an older entry recorded as an English label is shown as recorded.
"""

from __future__ import annotations

from functools import lru_cache

ARROW = "→"


def _yes_no(value: bool) -> str:
    from django.utils.translation import gettext

    return gettext("yes") if value else gettext("no")


def _text(value, field=None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list | tuple):
        return ", ".join(_text(v, field) for v in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if field is not None and getattr(field, "choices", None) and isinstance(value, str | int):
        for code, label in field.flatchoices:
            if str(code) == str(value):
                return str(label)
    return str(value)


@lru_cache(maxsize=1)
def _models_by_name() -> dict:
    """{"organisation_aliases": model, "organisation_alias": model, ...}: keys naming a model
    by its English verbose name (singular or plural), as entries record them."""
    from django.apps import apps
    from django.utils import translation

    out = {}
    with translation.override("en"):
        for model in apps.get_models():
            meta = model._meta
            for name in (meta.verbose_name, meta.verbose_name_plural):
                out.setdefault(str(name).replace(" ", "_").lower(), (model, name is
                                                                      meta.verbose_name_plural))
    return out


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist, or a key that is no field name
        return None


def _label(key: str, model=None) -> str:
    field = _field(model, key)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    if named := _models_by_name().get(str(key).lower()):
        other, plural = named
        return str(other._meta.verbose_name_plural if plural else other._meta.verbose_name)
    return str(key).replace("_", " ")


def _model(target_type: str):
    if not target_type or "." not in target_type:
        return None
    from django.apps import apps

    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def lines(changes, target_type: str = "") -> list[str]:
    """``{"status": ["draft", "published"], "title": "X"}`` -> ["status: draft → published",
    "title: X"]; ``{"from": a, "to": b, "note": n}`` -> ["a → b", "note: n"]. With the
    entry's ``target_type`` ("matrix.matrixversion"), names and codes in the reader's language."""
    if not changes:
        return []
    if not isinstance(changes, dict):
        return [_text(changes)]
    model = _model(target_type)
    out = []
    rest = dict(changes)
    if "from" in rest and "to" in rest:
        status = _field(model, "status")
        out.append(f"{_text(rest.pop('from'), status)} {ARROW} {_text(rest.pop('to'), status)}")
    for key, value in rest.items():
        field = _field(model, key)
        name = _label(key, model)
        if isinstance(value, list | tuple) and len(value) == 2 and not any(
                isinstance(v, list | tuple | dict) for v in value):
            out.append(f"{name}: {_text(value[0], field)} {ARROW} {_text(value[1], field)}")
        elif isinstance(value, dict) and set(value) == {"old", "new"}:
            out.append(f"{name}: {_text(value['old'], field)} {ARROW} {_text(value['new'], field)}")
        else:
            out.append(f"{name}: {_text(value, field)}")
    return out
