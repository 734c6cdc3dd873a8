"""Reading Information Note files for import: validate every file first, write nothing.

``plan_files([(name, bytes), ...])`` extracts each file's text, parses it with the registry's
resolver and returns one :class:`~clearinghouse.outreach.convert.EventPlan` per file, or
raises :class:`~clearinghouse.core.importing.ImportFailed` naming every bad file.
``actions.import_notes`` then writes the plans in one transaction.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from clearinghouse.core.importing import ImportFailed, Problem
from clearinghouse.core.safepdf import UnsafePdf
from clearinghouse.core.safezip import UnsafeArchive
from clearinghouse.core.text import clean_text
from clearinghouse.outreach.convert import EventPlan, plan_from_note
from clearinghouse.outreach.notes.parser import NOTE_MAX_CHARS, extract_text, parse_note

SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024


def note_resolver():
    """The registry's resolver with a cache for one import (names repeat across notes)."""
    from clearinghouse.registry.services import resolver

    return lru_cache(maxsize=4096)(resolver().resolve)


def note_names():
    """The note parser's name lookup on the registry's resolver (confidence >= 0.85, never
    ambiguous): what the importer, the event form and ``clearinghouse resolve --participants``
    all use, so they give the same answer for the same text."""
    from clearinghouse.outreach.notes.names import Names
    from clearinghouse.outreach.notes.parser import MIN_CONFIDENCE

    return Names(note_resolver(), MIN_CONFIDENCE)


def read_participants(text: str, names=None):
    """A participants list (as a note or the event form writes it), read and resolved."""
    from clearinghouse.outreach.notes import participants

    return participants.read(text, names or note_names())


def read_text(name: str, content: bytes) -> str:
    """The text of one note file, without control characters; ValueError with a sentence when
    it cannot be read, is a zip bomb or is far longer than any Information Note."""
    text = _extract(name, content)
    if len(text) > NOTE_MAX_CHARS:
        raise ValueError(f"holds more than {NOTE_MAX_CHARS:,} characters: an Information Note "
                         "has a few pages")
    return clean_text(text)


def _extract(name: str, content: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise ValueError(
            f"unsupported file type {suffix or '(none)'}: use .txt, .md, .pdf, .docx or .html"
        )
    if not content or not content.strip():
        raise ValueError("is empty")
    if len(content) > MAX_BYTES:
        raise ValueError("is larger than 20 MB")
    if suffix in (".txt", ".md"):
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("is not UTF-8 text") from None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"note{suffix}"
        path.write_bytes(content)
        try:
            return extract_text(path)
        except (UnsafeArchive, UnsafePdf) as exc:
            raise ValueError(str(exc)) from None
        except Exception as exc:  # pypdf and python-docx raise many kinds for broken files
            kind = suffix.lstrip(".").upper()
            raise ValueError(f"is not a readable {kind} file ({type(exc).__name__})") from None


def _lookups():
    from clearinghouse.outreach.models import Event
    from clearinghouse.registry.models import Organisation, State

    states = State.objects.in_bulk(field_name="iso3")
    organisations = Organisation.objects.in_bulk(field_name="code")

    def find_existing(start, cities):
        if start is None or not cities:
            return None
        for event in Event.objects.filter(start=start).order_by("pk"):
            if event.venue_city and event.venue_city.lower() in {c.lower() for c in cities}:
                return event
        return None

    return states, organisations, find_existing


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def find_duplicate(fields: dict):
    """An event already recorded with the same title and dates as a planned one, or None."""
    from clearinghouse.outreach.models import Event

    if not fields.get("title") or fields.get("start") is None:
        return None
    for event in Event.objects.filter(start=fields["start"], end=fields["end"]).order_by("pk"):
        if _same_title(event.title, fields["title"]):
            return event
    return None


def plan_files(files: list[tuple[str, bytes]]) -> list[EventPlan]:
    """Every file read and parsed; ImportFailed lists every bad file, and nothing is planned."""
    if not files:
        raise ImportFailed([Problem("(no file)", None, None, "give at least one note file")])
    resolve = note_resolver()
    states, organisations, find_existing = _lookups()
    problems: list[Problem] = []
    plans: list[EventPlan] = []
    for name, content in files:
        display = Path(name).name
        try:
            text = read_text(display, content)
        except ValueError as exc:
            problems.append(Problem(display, None, None, str(exc)))
            continue
        if not text.strip():
            problems.append(Problem(display, None, None, "has no text (a scanned PDF?)"))
            continue
        note = parse_note(text, resolve, filename=display)
        if not note.title:
            problems.append(Problem(display, None, "Event", "no 'Event:' field: this does not "
                                    "look like an Information Note"))
            continue
        plan = plan_from_note(note, display, text, states, organisations, find_existing)
        problems += _check_fields(plan)
        plan.duplicate_of = find_duplicate(plan.fields)
        if plan.duplicate_of is not None:
            plan.warnings.insert(0, f"matches event {plan.duplicate_of.pk} (same title and "
                                    "dates): it can be updated instead of creating a second one")
        plans.append(plan)
    if problems:
        raise ImportFailed(problems)
    return plans


def _check_fields(plan: EventPlan) -> list[Problem]:
    """The model's own checks on the planned event; a bad link is dropped with a warning."""
    from django.core.exceptions import ValidationError

    from clearinghouse.outreach.models import Event

    event = Event(**plan.fields)
    try:
        event.full_clean(exclude=["related"])
    except ValidationError as exc:
        errors = exc.message_dict
        if "chair_summary_url" in errors:
            plan.warnings.append(f"link {plan.fields['chair_summary_url']!r} is not a valid "
                                 "URL; kept in the text only")
            plan.fields["chair_summary_url"] = ""
            errors.pop("chair_summary_url")
        return [Problem(plan.filename, None, key, " ".join(msgs)) for key, msgs in errors.items()]
    return []


def plan_paths(paths: list[str | Path]) -> list[EventPlan]:
    """As :func:`plan_files`, for files on disk (the ``import-note`` command)."""
    files, problems = [], []
    for path in map(Path, paths):
        try:
            files.append((path.name, path.read_bytes()))
        except FileNotFoundError:
            problems.append(Problem(str(path), None, None, "file not found"))
        except (IsADirectoryError, PermissionError, OSError) as exc:
            problems.append(Problem(str(path), None, None, f"cannot be read ({exc.strerror})"))
    try:
        plans = plan_files(files) if files else []
    except ImportFailed as failed:
        problems += failed.problems
    if problems:
        raise ImportFailed(problems)
    return plans
