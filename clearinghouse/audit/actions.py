"""Generic audited writes, for records edited as a whole (the admin, simple forms).

Domain modules with richer rules write their own actions; all of them end in ``log.record``
inside the same transaction as the change.
"""

from __future__ import annotations

from django.db import transaction

from .log import record


def _action(obj, verb: str) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}.{verb}"


def save_record(actor, obj, changed: list[str] | None = None, *, created: bool | None = None):
    created = obj._state.adding if created is None else created
    fields = changed if changed is not None else [f.name for f in obj._meta.concrete_fields]
    with transaction.atomic():
        obj.save()
        values = {f: getattr(obj, f, None) for f in fields if hasattr(obj, f)}
        values.pop("password", None)
        record(actor, _action(obj, "created" if created else "changed"), obj, values)
    return obj


def delete_record(actor, obj):
    label = str(obj)
    with transaction.atomic():
        record(actor, _action(obj, "deleted"), obj, {}, label=label)
        obj.delete()
