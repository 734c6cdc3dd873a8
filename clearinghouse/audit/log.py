"""``record()``: every domain action calls it inside its own transaction."""

from __future__ import annotations

import datetime as dt
import decimal

from django.db import transaction

from .models import AuditEntry

SYSTEM = "system"


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def _label(target) -> str:
    """The record's name as kept in the entry: ``audit_label`` where a model's ``str()`` holds
    words of the interface (a status, a role), which would be kept in one language; the entry's
    changes record those as codes, shown in the reader's language."""
    label = getattr(target, "audit_label", None)
    return str(label() if callable(label) else label) if label is not None else str(target)


def record(actor, action: str, target=None, changes: dict | None = None, label: str = "") -> AuditEntry:
    """Write one audit row. Must run inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the change's transaction")
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=real_actor,
        actor_label=real_actor.get_username() if real_actor else (actor if isinstance(actor, str) else SYSTEM),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(label or _label(target))[:300] if target is not None else label[:300],
        changes=_plain(changes or {}),
    )
