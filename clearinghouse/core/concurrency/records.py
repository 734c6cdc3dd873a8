"""Revisions, tokens and locks: the record side of "no silent lost update".

``Versioned`` records count their changes in ``revision`` (one more at every save, computed by
the database, so two writers can never store the same number) and keep who changed them last
and when. ``token(record)`` is what a form or an ETag carries: the revision (a matrix cell's
says in which revision of its draft it last changed); records that are not versioned (the
registry, accounts) get a fingerprint of their stored values, so the admin protects them too.

Actions take the token the user opened (``opened``) and call ``lock()`` inside their
transaction: it reloads the row under ``SELECT ... FOR UPDATE`` (on SQLite the transaction
itself holds the write lock: ``transaction_mode`` IMMEDIATE in the settings) and raises
``Conflict`` if the record changed since. Workflow transitions use the same lock and check
the status they need on the locked row; when someone else moved it first they raise a
``StateConflict`` (HTTP 409 in the API).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SYSTEM = "system"


class Versioned(models.Model):
    """An editable record: its revision, and who changed it last and when."""

    revision = models.PositiveIntegerField(
        _("revision"), default=1, editable=False,
        help_text=_("Counts the changes of the record; forms and ETags carry it"))
    modified_at = models.DateTimeField(_("last changed"), null=True, blank=True, editable=False)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last changed by"), null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="+")
    modified_by_label = models.CharField(_("last changed by (name)"), max_length=150,
                                         blank=True, editable=False)

    # False: the record's actions set ``revision`` themselves (matrix cells).
    bump_on_save = True

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Every save of a stored record is a new revision, counted in the database."""
        # Who: set by ``stamp`` (None and "" for code that did not say who).
        self.modified_by, self.modified_by_label = getattr(self, "_modifier", (None, ""))
        self.modified_at = timezone.now()
        extra = ["modified_at", "modified_by", "modified_by_label"]
        bump = self.bump_on_save and not self._state.adding
        before = self.revision
        if bump:
            self.revision = F("revision") + 1
            extra.append("revision")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *extra}
        try:
            super().save(*args, **kwargs)
        except Exception:
            self.revision = before
            raise
        if bump:
            self.revision = (type(self)._base_manager.using(self._state.db)
                             .values_list("revision", flat=True).get(pk=self.pk))


def stamp(obj, actor) -> None:
    """Who makes the next saves of ``obj``: a user, or a label for commands ("cli", "demo")."""
    if not isinstance(obj, Versioned):
        return
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = user.get_username() if user is not None else actor if isinstance(actor, str) else SYSTEM
    obj._modifier = (user, label[:150])  # applied by the next saves, not before


def token(obj, fields: Iterable[str] | None = None) -> str:
    """The token of the record as stored now: its revision, or a fingerprint of ``fields``
    (default: every concrete field) for a record that is not versioned."""
    if isinstance(obj, Versioned):
        return str(obj.revision)
    return "h" + fingerprint(obj, fields)


def fingerprint(obj, fields: Iterable[str] | None = None) -> str:
    names = set(fields) if fields is not None else None
    values = []
    for field in [*obj._meta.concrete_fields, *obj._meta.many_to_many]:
        if names is not None and field.name not in names:
            continue
        if field.many_to_many:
            value = sorted(str(pk) for pk in getattr(obj, field.name).values_list("pk", flat=True)) \
                if obj.pk else []
        else:
            value = field.value_to_string(obj)
        values.append([field.name, value])
    blob = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:20]


def matches(current: str, opened) -> bool:
    """Does the token stored now equal the one opened (one token, or any of several)?"""
    if isinstance(opened, str | int):
        return current == str(opened)
    return current in {str(o) for o in opened}


def last_change(obj) -> tuple[str, object]:
    """(who, when) of the record's last change: from the record, else from the audit log."""
    who = getattr(obj, "modified_by_label", "") or ""
    when = getattr(obj, "modified_at", None)
    if (not who or when is None) and obj is not None and obj.pk is not None:
        from clearinghouse.audit.models import AuditEntry

        entry = (AuditEntry.objects.filter(target_type=obj._meta.label_lower,
                                           target_id=str(obj.pk))
                 .order_by("-at", "-id").only("actor_label", "at").first())
        if entry is not None:
            who, when = who or entry.actor_label, when or entry.at
    return who, when


def _in_transaction(model) -> None:
    if not transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        raise RuntimeError("lock() must run inside the change's transaction (transaction.atomic)")


def lock(obj, opened=None, *, actor=None, fields=None):
    """Reload ``obj`` in place from its row, locked until the transaction ends.

    ``opened``: the token the user opened (or several, from If-Match); ``Conflict`` if the
    stored one differs. ``actor``: who makes the coming saves (``stamp``).
    """
    _in_transaction(type(obj))
    obj.refresh_from_db(from_queryset=type(obj)._base_manager.select_for_update())
    if opened is not None and not matches(token(obj, fields), opened):
        raise Conflict(obj, opened)
    if actor is not None:
        stamp(obj, actor)
    return obj


def check(obj, opened=None, *, fields=None):
    """Like ``lock`` but leaves ``obj`` (with its pending changes) alone: returns the stored
    row, locked. For the generic save of a record edited as a whole (the admin)."""
    _in_transaction(type(obj))
    stored = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    if opened is not None and not matches(token(stored, fields), opened):
        raise Conflict(stored, opened)
    return stored


class Conflict(Exception):
    """The record changed after the user opened it: nothing was written.

    ``stored`` is the record as it is now (locked in the failed transaction, which was rolled
    back); ``who`` and ``when`` say who changed it last.
    """

    def __init__(self, stored, opened, who: str | None = None, when=None):
        self.stored, self.opened = stored, opened
        found_who, found_when = last_change(stored) if stored is not None else ("", None)
        self.who = who or found_who or str(_("someone"))
        self.when = when or found_when
        super().__init__(self.message())

    @property
    def token(self) -> str:
        return token(self.stored) if self.stored is not None else ""

    def message(self) -> str:
        when = self.when.isoformat(timespec="seconds") if self.when else str(_("an unknown time"))
        return str(_("%(record)s was changed by %(who)s at %(when)s, after you opened it: nothing "
                     "was saved. Open it again and re-apply your change.")
                   % {"record": self.stored, "who": self.who, "when": when})


class StateConflict(Exception):
    """Marker: a workflow step refused because someone else acted first (the record is no
    longer in the state the step needs). The API answers 409; pages show the message."""


class StateChanged(ValidationError, StateConflict):
    """A ``StateConflict`` for the domains whose actions raise ``ValidationError``."""


def changed_by(obj) -> dict:
    """{"who", "when"} for messages such as "already approved by %(who)s on %(when)s"."""
    who, when = last_change(obj)
    return {"who": who or str(_("someone")),
            "when": when.isoformat(timespec="seconds") if when else str(_("an unknown time"))}
