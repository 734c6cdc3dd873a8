"""Rendering a :class:`Note` in the Committee's layout: Markdown, HTML, DOCX and PDF.

What is rendered parses back to the same note (see tests/outreach/test_note_render.py).
The PDF is made from the HTML by :mod:`clearinghouse.pdf` (shipped fonts, a URL fetcher that
refuses everything but those font files).
"""

from __future__ import annotations

import html
import io
import re

from clearinghouse.core.docxpage import new_document
from clearinghouse.core.text import scrub
from clearinghouse.outreach.notes.dates import format_range
from clearinghouse.outreach.notes.model import FOOTNOTE, Note, Participant
from clearinghouse.pdf import font_css, html_to_pdf

SECTION_TITLES = ("Background", "Highlights of the Discussions", None, "Additional comments")


# -- the text of the note, shared by every format ------------------------------------------


def _join(names: list[str]) -> str:
    return ("; " if any("," in n for n in names) else ", ").join(names)


def _participant_text(p: Participant) -> str:
    return f"{p.name} ({p.remark})" if p.remark and p.name != p.group else p.name


def header_fields(note: Note) -> list[tuple[str, str]]:
    when = ", ".join(x for x in (format_range(note.start, note.end), note.venue.label()) if x)
    return [
        ("Event", note.title),
        ("Organizers", "; ".join(o.name for o in note.organizers)),
        ("Date and Venue", when),
    ]


def participant_groups(note: Note) -> list[tuple[str, str]]:
    """[(group label, its list as text)], the 1540 Committee's participation last."""
    out = []
    for group, members in note.groups:
        remark_only = [p for p in members if p.remark and p.name == p.group]
        if remark_only:
            out.append((group, remark_only[0].remark or ""))
            continue
        out.append((group, _join([_participant_text(p) for p in members])))
    if note.committee_participation:
        out.append(("1540 Committee", note.committee_participation))
    return out


def _related_sentence(note: Note) -> str | None:
    background = note.sections.background
    missing = [r for r in note.related_events if r.title.lower() not in background.lower()]
    if not missing:
        return None
    items = [
        f"{r.title} ({', '.join(x for x in (format_range(r.start, r.end), r.venue) if x)})"
        for r in missing
    ]
    return "Related events: " + "; ".join(items) + "."


def sections(note: Note) -> list[tuple[str, list[str]]]:
    """[("1. Background", [paragraphs]), ...]; the chair's summary only when there is one (no
    empty heading), the sections after it numbered on."""
    s = note.sections
    bodies = [s.background, s.highlights, s.chair_summary, s.additional_comments]
    out = []
    for i, (title, body) in enumerate(zip(SECTION_TITLES, bodies, strict=True)):
        paras = [p for p in re.split(r"\n\s*\n", body or "") if p.strip()]
        if i == 0 and (extra := _related_sentence(note)):
            paras.append(extra)
        if i == 2 and s.chair_summary_url and s.chair_summary_url not in (body or ""):
            paras.append(f"Link: {s.chair_summary_url}")
        if i == 2 and not paras:
            continue
        heading = title or note.chair_summary_heading or "Chair's summary"
        out.append((f"{len(out) + 1}. {heading}", paras))
    return out


# -- Markdown ----------------------------------------------------------------------------


def _md(text: str) -> str:
    return re.sub(r"([*_\\`])", r"\\\1", text)


def render_markdown(note: Note) -> str:
    lines = ["# Information Note[^1]", ""]
    for label, value in header_fields(note):
        lines += [f"**{label}:** {_md(value)}", ""]
    lines += ["**Participants:**", ""]
    lines += [f"- **{_md(g)}:** {_md(v)}" for g, v in participant_groups(note)]
    lines.append("")
    for heading, paras in sections(note):
        lines += [f"## {_md(heading)}", ""]
        for p in paras:
            lines += [_md(p), ""]
    lines += [f"[^1]: {FOOTNOTE}", ""]
    return "\n".join(lines)


# -- HTML --------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 2.2cm 2.2cm 2.4cm 2.2cm;
  @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
html { font-family: "Noto Sans", "Noto Sans Arabic", "WenQuanYi Micro Hei", "DejaVu Sans",
  sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; }
body { max-width: 46em; margin: 0 auto; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 1.2em; }
h2 { font-size: 11pt; margin: 1.3em 0 0.5em; }
p { margin: 0 0 0.7em; text-align: left; }
.field .label, .group .label { font-weight: bold; }
.groups { margin: 0 0 0.7em 1.5em; }
.groups p { margin: 0 0 0.35em; }
sup { font-size: 7pt; }
.url { white-space: nowrap; }
.footnote { font-size: 8.5pt; color: #333; border-top: 0.5pt solid #888; padding-top: 4pt;
  margin-top: 2em; }
@media print { .footnote { float: footnote; border: 0; margin: 0; }
  ::footnote-call { content: ""; } ::footnote-marker { content: ""; }
  @page { @footnote { border-top: 0.5pt solid #888; padding-top: 4pt; } } }
"""


def _h(text: str, *, pdf: bool = False) -> str:
    out = html.escape(text, quote=False)
    if pdf:  # non-breaking hyphens: a line never breaks at a hyphen, so none is lost
        out = re.sub(r"(?<=\w)-(?=\w)", "\u2011", out)
    return out


def _names(text: str, pdf: bool) -> str:
    """Escape, isolating runs of Arabic/Hebrew script for the bidi algorithm."""
    escaped = _h(text, pdf=pdf)
    escaped = re.sub(r"(https?://[^\s<]+)", r'<span class="url">\1</span>', escaped)
    rtl = "\u0590-\u08ff\ufb1d-\ufefc"
    return re.sub(f"([{rtl}]+(?:\\s+[{rtl}]+)*)", r'<bdi dir="rtl">\1</bdi>', escaped)


def render_html(note: Note, *, for_pdf: bool = False) -> str:
    pdf = for_pdf
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Information Note - {_h(note.title)}</title>",
        f"<style>{font_css() if pdf else ''}{_CSS}</style></head><body>",
        "<h1>Information Note<sup>1</sup></h1>",
    ]
    if pdf:  # a float footnote is placed at the foot of the first page
        parts.append(f'<p class="footnote"><sup>1</sup> {_h(FOOTNOTE)}</p>')
    for label, value in header_fields(note):
        parts.append(
            f'<p class="field"><span class="label">{label}:</span> {_names(value, pdf)}</p>'
        )
    parts.append('<p class="field"><span class="label">Participants:</span></p>')
    parts.append('<div class="groups">')
    for group, value in participant_groups(note):
        parts.append(
            f'<p class="group"><span class="label">{_h(group, pdf=pdf)}:</span> '
            f"{_names(value, pdf)}</p>"
        )
    parts.append("</div>")
    for heading, paras in sections(note):
        parts.append(f"<h2>{_h(heading, pdf=pdf)}</h2>")
        parts += [f"<p>{_names(p, pdf)}</p>" for p in paras]
    if not pdf:
        parts.append(f'<p class="footnote"><sup>1</sup> {_h(FOOTNOTE)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


# -- PDF ---------------------------------------------------------------------------------


def render_pdf(note: Note) -> bytes:
    return html_to_pdf(render_html(note, for_pdf=True))


# -- DOCX --------------------------------------------------------------------------------


def render_docx(note: Note) -> bytes:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    note = scrub(note)  # DOCX cannot hold control characters an old record may contain

    document = new_document(f"Information Note: {note.title}" if note.title else "Information Note",
                            subject="1540 Committee outreach event",
                            keywords=note.start.isoformat() if note.start else "")
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), "Microsoft YaHei")
    rfonts.set(qn("w:cs"), "Arial")

    title = document.add_paragraph()
    title.alignment = 1
    run = title.add_run("Information Note")
    run.bold, run.font.size = True, Pt(15)
    sup = title.add_run("1")
    sup.font.superscript = True

    def field(label: str, value: str) -> None:
        p = document.add_paragraph()
        p.add_run(f"{label}:").bold = True
        if value:
            p.add_run(f" {value}")

    for label, value in header_fields(note):
        field(label, value)
    field("Participants", "")
    for group, value in participant_groups(note):
        p = document.add_paragraph()
        p.paragraph_format.left_indent = Pt(18)
        p.add_run(f"{group}:").bold = True
        p.add_run(f" {value}")
    for heading, paras in sections(note):
        document.add_heading(heading, level=2)
        for text in paras:
            document.add_paragraph(text)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("1").font.superscript = True
    small = footer.add_run(f" {FOOTNOTE}")
    small.font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
