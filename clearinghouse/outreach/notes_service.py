"""An event's Information Note in each format (the Django side of ``outreach.notes``)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import get_language

from clearinghouse.outreach.convert import event_to_note
from clearinghouse.outreach.models import Event, Organiser, Participant
from clearinghouse.outreach.notes import render as renderers
from clearinghouse.outreach.notes.labels import language_of

FORMATS = {
    "pdf": ("application/pdf", renderers.render_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             renderers.render_docx),
    "html": ("text/html; charset=utf-8", renderers.render_html),
    "md": ("text/markdown; charset=utf-8", renderers.render_markdown),
}


def with_note_parts(qs):
    """Prefetch what a note needs: a fixed number of queries however long the lists."""
    return qs.select_related("venue_state", "series").prefetch_related(
        Prefetch("organisers", Organiser.objects.select_related("state", "organisation")),
        Prefetch("participants", Participant.objects.select_related("state", "organisation")),
        "mentions", "venue_state__names",
        Prefetch("related", Event.objects.select_related("venue_state").prefetch_related(
            "venue_state__names")),
        "documents",
    )


def event_for_note(pk: int, queryset=None) -> Event:
    qs = with_note_parts(queryset if queryset is not None else Event.objects.all())
    try:
        return qs.get(pk=pk)
    except Event.DoesNotExist:
        raise LookupError(f"no event number {pk}") from None


def render(event: Event, fmt: str, viewer, language: str | None = None) -> str | bytes:
    """The note of ``event`` in ``fmt`` as ``viewer`` may read it (related events scoped), in
    ``language`` (by default the active one: the reader's, from the URL, cookie or profile)."""
    try:
        _, renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}") from None
    lang = language_of(language or get_language())
    note = event_to_note(event, viewer, lang)
    if fmt == "html":
        return renderer(note, language=lang)
    return renderer(note, lang)


def content_type(fmt: str) -> str:
    return FORMATS[fmt][0]


def filename(event: Event, fmt: str) -> str:
    year = event.start.year if event.start else "undated"
    return f"information-note-{event.pk}-{year}-{slugify(event.title)[:60]}.{fmt}"
