"""Generic audited writes, for records edited as a whole (the admin, simple forms).

Domain modules with richer rules write their own actions; all of them end in ``log.record``
inside the same transaction as the change.

``opened``: the token (``core.concurrency.token``) of the record as the user opened it; the
stored row is locked and compared first, and ``Conflict`` is raised, with nothing written, if
someone else changed the record since.
"""

from __future__ import annotations

from django.db import transaction

from clearinghouse.core import concurrency

from .log import record


def _action(obj, verb: str) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}.{verb}"


def save_record(actor, obj, changed: list[str] | None = None, *, created: bool | None = None,
                opened=None):
    created = obj._state.adding if created is None else created
    fields = changed if changed is not None else [f.name for f in obj._meta.concrete_fields]
    with transaction.atomic():
        if not created and opened is not None:
            concurrency.check(obj, opened)
        concurrency.stamp(obj, actor)
        obj.save()
        values = {f: getattr(obj, f, None) for f in fields if hasattr(obj, f)}
        values.pop("password", None)
        record(actor, _action(obj, "created" if created else "changed"), obj, values)
    return obj


def delete_record(actor, obj, *, opened=None):
    label = str(obj)
    with transaction.atomic():
        if opened is not None:
            concurrency.check(obj, opened)
        record(actor, _action(obj, "deleted"), obj, {}, label=label)
        obj.delete()
