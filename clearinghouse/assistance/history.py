"""A request's history as a person reads it: each step's kind, statuses and channel by their
labels in the reader's language (the steps store codes). Notes are the person's words, shown as
written; a "received" step's note is the request's channel, stored as its code (older steps
stored its English label, which is recognised and shown by the label too)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import workflow as wf
from .models import Channel, Consent

KINDS = {
    "received": _("received"),
    "transition": _("status changed"),
    "circulated": _("circulated to providers"),
    "consented": _("consented"),
    "objected": _("objected"),
    "published": _("published"),
    "follow_up": _("follow-up recorded"),
    "match.proposed": _("match proposed"),
    "match.accepted": _("match accepted"),
    "match.declined": _("match declined"),
    "pinned": _("pinned by an expert"),
    "excluded": _("excluded by an expert"),
    "decision.removed": _("expert's decision removed"),
}
STATUSES = {**dict(wf.STATUS_CHOICES), **dict(Consent.choices), "published": _("published")}


def kind_label(kind: str) -> str:
    return str(KINDS.get(kind, kind))


def status_label(code: str) -> str:
    return str(STATUSES.get(code, code)) if code else "—"


def _channel_code(note: str) -> str | None:
    if note in Channel.values:
        return note
    with translation.override("en"):
        english = {str(label): code for code, label in Channel.choices}
    return english.get(note)


def note_text(kind: str, note: str) -> str:
    if kind == "received" and (code := _channel_code(note)):
        return str(Channel(code).label)
    return note
