"""Reading an Information Note back: text (from .txt, .md, .pdf, .docx) to a :class:`Note`.

``resolve`` is injected: ``resolve(name)`` returns an object with ``.match`` (None or an object
with ``.kind``, ``.code``), ``.confidence`` (0..1), ``.ambiguous`` and ``.alternatives`` --
the registry's ``Resolver.resolve``. Names that are not resolved confidently are kept
verbatim with no entity and a warning: never dropped, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clearinghouse.core.safepdf import pdf_attachment, pdf_text
from clearinghouse.core.safezip import check_archive
from clearinghouse.outreach.notes import participants as participant_list
from clearinghouse.outreach.notes import textclean as tc
from clearinghouse.outreach.notes import vocabulary
from clearinghouse.outreach.notes.dates import find_date_range, strip_weekdays
from clearinghouse.outreach.notes.labels import DEFAULT_CHAIR_HEADINGS
from clearinghouse.outreach.notes.model import (
    Entity,
    Note,
    Participant,
    Party,
    RelatedEvent,
    Sections,
)
from clearinghouse.outreach.notes.names import Names, split_organizers
from clearinghouse.outreach.notes.venue import read_venue

MIN_CONFIDENCE = 0.85
# Bounds of a note file: an Information Note has a few pages.
NOTE_MAX_PAGES = 200
NOTE_MAX_CHARS = 200_000
NOTE_MAX_XML = 5 * 1024 * 1024
NOTE_MAX_TOTAL = 25 * 1024 * 1024

_SECTION_NAMES = vocabulary.SECTION_NAMES
_HEADS = "|".join(f"(?P<{k}>{v})" for k, v in _SECTION_NAMES.items())
_CAPITAL = r"[A-ZÀ-ÖØ-ÞА-ЯЁ]"
_HEADING = re.compile(
    r"(?:(?<=\n)|^|(?<=\s))(?:(?P<num>[1-9])\s*[.)]\s*|(?<=\n))(?P<head>" + _HEADS
    + r")[ ]*(?::|(?=\n)|$|(?=\s+" + _CAPITAL + r"))",
    re.IGNORECASE,
)
# A heading run into the text as PDF readers give it: after a sentence, a list or a footnote,
# followed by a capital ("... and Zimbabwe Background The workshop ...").
_LOOSE_HEADING = re.compile(
    r"(?<=\s)(?P<head>" + _HEADS + r")[ ]*(?::\s*|\s+(?=" + _CAPITAL + r"))",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s()<>\"]+[^\s()<>\".,;:]")
_KINDS = vocabulary.KINDS


def extract_text(path: str | Path) -> str:
    """The text of a note file: .txt/.md as they are, .pdf (pypdf; a note the platform wrote
    carries its HTML inside, read instead of the text layer), .docx (python-docx), .html.

    A PDF or DOCX is checked first (``core.safepdf``, ``core.safezip``: pure functions): a note
    has a few pages, so a file of more than 200 pages, or a DOCX expanding past 5 MB of text or
    as a zip bomb, raises ValueError (UnsafePdf, UnsafeArchive) with a sentence, within a second.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        source = pdf_attachment(path, "information-note.html", max_bytes=4 * NOTE_MAX_CHARS)
        if source is not None:  # the platform's own note: its HTML, as written
            return tc.html_to_text(source.decode("utf-8", errors="replace"))
        return pdf_text(path, max_pages=NOTE_MAX_PAGES, max_chars=NOTE_MAX_CHARS + 1, strip=False,
                        page_text=_page_text)
    if suffix == ".docx":
        import docx

        check_archive(path, max_xml=NOTE_MAX_XML, max_total=NOTE_MAX_TOTAL)
        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
        return "\n\n".join(parts)
    if suffix in (".html", ".htm"):
        return tc.html_to_text(path.read_text(encoding="utf-8-sig", errors="replace"))
    return path.read_text(encoding="utf-8-sig", errors="replace")


PARAGRAPH_GAP = 1.7  # a gap between two lines wider than this many times the font size


def _page_text(page) -> str:
    """A page's text, with a blank line where the gap between two lines is wider than a line
    of that size (a new paragraph): PDF text has no blank lines of its own."""
    chunks: list[tuple[float, float, str]] = []  # y, font size, text

    def visit(text, _cm, tm, _font, size):
        if text:
            chunks.append((float(tm[5]), abs(float(size) * float(tm[3] or 1.0)), text))

    plain = page.extract_text(visitor_text=visit) or ""
    if "".join(t for _y, _s, t in chunks).strip() != plain.strip():
        return plain  # the pieces do not make the text: keep pypdf's own
    out: list[str] = []
    previous_y = None
    at_line_start = True
    for y, size, text in chunks:
        if at_line_start and text.strip():
            if previous_y is not None and size and abs(y - previous_y) > PARAGRAPH_GAP * size:
                out.append("\n")
            previous_y, at_line_start = y, False
        out.append(text)
        if text.endswith("\n"):
            at_line_start = True
    return "".join(out)


def parse_file(path: str | Path, resolve: Callable[[str], Any]) -> Note:
    path = Path(path)
    return parse_note(extract_text(path), resolve, filename=path.name)


def parse_note(text: str, resolve: Callable[[str], Any], *, filename: str | None = None) -> Note:
    markdown = bool(filename and filename.lower().endswith(".md"))
    text = tc.clean(text, markdown=markdown)
    names = Names(resolve, MIN_CONFIDENCE)
    warnings: list[str] = []

    headings = _headings(text)
    first_heading = headings[0][1] if headings else len(text)
    header_text = text[:first_heading]
    fields = _header_fields(header_text)

    title = tc.collapse(fields.get("event", ""))
    if not title:
        warnings.append("no 'Event:' field found")

    organizers = _organizers(fields.get("organizers", ""), names, warnings)

    when = " ".join(v for k, v in fields.items() if k in ("date", "venue"))
    when = strip_weekdays(tc.collapse(when))
    start, end, span = find_date_range(when)
    if start is None:
        warnings.append("no date found in 'Date and Venue'")
    venue_text = tc.collapse(fields["venue"]) if "venue" in fields else when
    if span and "venue" not in fields:
        venue_text = venue_text[: span[0]] + " " + venue_text[span[1] :]
    venue = read_venue(venue_text, names, warnings)

    participants, committee = _participants(fields.get("participants", ""), names, warnings)
    sections, chair_heading = _sections(text, headings)
    related = _related_events("\n".join(p for p in (sections.background, sections.highlights)))

    warnings = names.warnings + warnings
    return Note(
        title=title,
        kind=infer_kind(title),
        organizers=tuple(organizers),
        start=start,
        end=end,
        venue=venue,
        participants=tuple(participants),
        committee_participation=committee,
        sections=sections,
        related_events=tuple(related),
        warnings=tuple(warnings),
        chair_summary_heading=chair_heading,
    )


def infer_kind(title: str) -> str:
    lowered = title.lower()
    for kind, pattern in _KINDS[:3]:
        if re.search(pattern, lowered):
            return kind
    found = [(m.start(), -len(m.group(0)), kind) for kind, p in _KINDS[3:]
             if (m := re.search(p, lowered))]
    return min(found)[2] if found else "meeting"


def _header_fields(header: str) -> dict[str, str]:
    """Split the header into its labelled fields (first occurrence of each label wins)."""
    out: dict[str, str] = {}
    marks: list[tuple[int, int, str | None]] = []
    for m in vocabulary.FIELD_RE.finditer(header):
        key = next(k for k in vocabulary.FIELD_LABELS if m.group(k))
        if any(k == key for _, _, k in marks):
            continue
        if any(k == "participants" for _, _, k in marks):
            break  # a later label is text inside the participants list
        marks.append((m.start(), m.end(), key))
    for i, (_, value_start, key) in enumerate(marks):
        value_end = marks[i + 1][0] if i + 1 < len(marks) else len(header)
        out[key] = header[value_start:value_end].strip()
    return out


def _organizers(text: str, names: Names, warnings: list[str]) -> list[Party]:
    parties = []
    for raw in split_organizers(tc.collapse(text), names):
        res = names.lookup(raw, role="organizer")
        parties.append(Party(raw, res[0]))
    if text and not parties:
        warnings.append("no organizer found")
    return parties


def _participants(
    text: str, names: Names, warnings: list[str]
) -> tuple[list[Participant], str | None]:
    reading = participant_list.read(text, names)
    if text.strip(" ,;.\n") and not reading.participants and reading.committee is None:
        warnings.append("no participants found")
    return reading.participants, reading.committee


Heading = tuple[str, int, int, str]  # key, start, end, the heading as written


def _headings(text: str) -> list[Heading]:
    """The section headings in order: numbered or at a line start; else, for a section whose
    heading has none, the heading run into the text after the participants list."""
    strict: list[Heading] = []
    for m in _HEADING.finditer(text):
        key = next(k for k in _SECTION_NAMES if m.group(k))
        if all(h[0] != key for h in strict):
            strict.append((key, m.start(), m.end(), m.group("head")))
    labels = list(vocabulary.FIELD_RE.finditer(text[: strict[0][1] if strict else len(text)]))
    position = labels[-1].end() if labels else 0
    out: list[Heading] = []
    for key in _SECTION_NAMES:
        hit = next((h for h in strict if h[0] == key and h[1] >= position), None)
        if hit is None:
            limit = min((h[1] for h in strict if h[1] >= position), default=len(text))
            m = _LOOSE_HEADING.search(text, position, limit)
            while m and not m.group(key):
                m = _LOOSE_HEADING.search(text, m.end(), limit)
            if m:
                hit = (key, m.start(), m.end(), m.group("head"))
        if hit is not None:
            out.append(hit)
            position = hit[2]
    return sorted(out, key=lambda h: h[1])


def _sections(text: str, headings: list[Heading]) -> tuple[Sections, str]:
    found: dict[str, str] = {}
    chair_heading = "Chair's summary"
    for i, (key, _start, end_of_heading, head) in enumerate(headings):
        end = headings[i + 1][1] if i + 1 < len(headings) else len(text)
        found[key] = "\n\n".join(tc.paragraphs(text[end_of_heading:end]))
        if key == "chair_summary":
            chair_heading = tc.collapse(head)
            if chair_heading.lower() in DEFAULT_CHAIR_HEADINGS:
                chair_heading = "Chair's summary"  # rendered in the reader's language
    summary = found.get("chair_summary", "")
    url = _URL.search(summary)
    return (
        Sections(
            background=found.get("background", ""),
            highlights=found.get("highlights", ""),
            chair_summary=summary,
            chair_summary_url=url.group(0) if url else None,
            additional_comments=found.get("additional_comments", ""),
        ),
        chair_heading,
    )


_TITLE_CUT = re.compile(
    r",?\s+(?:organi[sz]ed|hosted|convened|held|co-organi[sz]ed|jointly|funded|sponsored)\b.*$",
    re.IGNORECASE,
)


_TITLE_LEAD = re.compile(
    r"\b(?:includ(?:ed|ing|es)|such\s+as|followed|follows|built\s+on|builds\s+on|"
    r"participat(?:ed|ion)\s+in|after|following|continued|continues)\b",
    re.IGNORECASE,
)


def _related_events(text: str) -> list[RelatedEvent]:
    events = []
    last_end = 0
    for m in re.finditer(r"\(([^()]{4,120})\)", text):
        inner = m.group(1)
        start, end, span = find_date_range(inner)
        if start is None or span is None or start.day is None:
            continue
        venue = (inner[: span[0]] + " " + inner[span[1] :]).strip(" ,;-")
        venue = tc.collapse(re.sub(r"\s*,\s*", ", ", venue)).strip(" ,")
        if not venue or not re.search(r"[A-Za-z]", venue):
            continue
        before = text[last_end : m.start()]
        cut = max(before.rfind(":"), before.rfind(". "), before.rfind(";"), before.rfind("\n"))
        title = before[cut + 1 :]
        lead = list(_TITLE_LEAD.finditer(title))
        if lead:
            title = title[lead[-1].end() :]
        title = _TITLE_CUT.sub("", title)
        title = re.sub(r"\s*\([^()]*\)\s*$", "", title)
        title = re.sub(
            r"^[\s,]*(?:and\s+|as\s+well\s+as\s+)?(?:in\s+|at\s+)?(?:the\s+|a\s+|an\s+)?",
            "",
            title,
            flags=re.IGNORECASE,
        ).strip(" ,;")
        last_end = m.end()
        if not title:
            continue
        title = title[0].upper() + title[1:]
        events.append(RelatedEvent(title=title, start=start, end=end, venue=venue or None))
    return events


def entity_json(entity: Entity | None) -> dict | None:
    return entity.to_json() if entity else None


def note_to_json(note: Note, file: str | None) -> dict:
    """The import's --json shape (issue 5)."""
    return {
        "file": file,
        "title": note.title,
        "kind": note.kind,
        "organizers": [{"name": o.name, "entity": entity_json(o.entity)} for o in note.organizers],
        "start": note.start.isoformat() if note.start else None,
        "end": note.end.isoformat() if note.end else None,
        "venue": {"city": note.venue.city, "country": note.venue.country},
        "participants": [
            {
                "group": p.group,
                "name": p.name,
                "entity": entity_json(p.entity),
                "confidence": round(p.confidence, 3),
            }
            for p in note.participants
        ],
        "related_events": [
            {
                "title": r.title,
                "start": r.start.isoformat() if r.start else None,
                "end": r.end.isoformat() if r.end else None,
                "venue": r.venue,
            }
            for r in note.related_events
        ],
        "warnings": list(note.warnings),
    }
