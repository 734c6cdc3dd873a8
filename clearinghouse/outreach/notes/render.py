"""Rendering a :class:`Note` in the Committee's layout: Markdown, HTML, DOCX and PDF.

What is rendered parses back to the same note (see tests/outreach/test_note_render.py).
The PDF is made from the HTML by :mod:`clearinghouse.pdf` (shipped fonts, a URL fetcher that
refuses everything but those font files).

Every renderer takes ``language`` (one of the six UN languages, labels.py): the labels,
headings, dates and footnote are written in it; the note's own data (titles, names, text) is
as recorded. Arabic is right to left (``dir="rtl"`` in HTML and PDF, bidi paragraphs in DOCX).
"""

from __future__ import annotations

import html
import io
import re

from clearinghouse.core.docxpage import new_document
from clearinghouse.core.text import scrub
from clearinghouse.outreach.notes.dates import format_range
from clearinghouse.outreach.notes.labels import RTL, colon, labels, language_of
from clearinghouse.outreach.notes.model import Note, Participant
from clearinghouse.pdf import font_css, html_to_pdf

SECTION_KEYS = ("background", "highlights", None, "additional")


# -- the text of the note, shared by every format ------------------------------------------


def _join(names: list[str]) -> str:
    return ("; " if any("," in n for n in names) else ", ").join(names)


def _participant_text(p: Participant) -> str:
    return f"{p.name} ({p.remark})" if p.remark and p.name != p.group else p.name


def header_fields(note: Note, language: str = "en") -> list[tuple[str, str]]:
    lang, words = language_of(language), labels(language)
    when = ", ".join(
        x for x in (format_range(note.start, note.end, lang), note.venue.label()) if x)
    return [
        (words["event"], note.title),
        (words["organizers"], "; ".join(o.name for o in note.organizers)),
        (words["date"], when),
    ]


def participant_groups(note: Note, language: str = "en") -> list[tuple[str, str]]:
    """[(group label, its list as text)], the 1540 Committee's participation last."""
    out = []
    for group, members in note.groups:
        remark_only = [p for p in members if p.remark and p.name == p.group]
        if remark_only:
            out.append((group, remark_only[0].remark or ""))
            continue
        out.append((group, _join([_participant_text(p) for p in members])))
    if note.committee_participation:
        out.append((labels(language)["committee"], note.committee_participation))
    return out


def _related_sentence(note: Note, language: str = "en") -> str | None:
    background = note.sections.background
    missing = [r for r in note.related_events if r.title.lower() not in background.lower()]
    if not missing:
        return None
    lang = language_of(language)
    items = [
        f"{r.title} ({', '.join(x for x in (format_range(r.start, r.end, lang), r.venue) if x)})"
        for r in missing
    ]
    return f"{labels(lang)['related']}{colon(lang)} " + "; ".join(items) + "."


def chair_heading(note: Note, language: str = "en") -> str:
    """The note's own heading for the chair's summary; the default one in the language."""
    heading = (note.chair_summary_heading or "").strip()
    if not heading or heading == "Chair's summary":
        return labels(language)["chair"]
    if language_of(language) != "en" and re.match(r"(?i)chair\w*'?s?\s+summary\b", heading):
        return labels(language)["chair"]  # "Chair's summary of the workshop": not in English
    return heading


def sections(note: Note, language: str = "en") -> list[tuple[str, list[str]]]:
    """[("1. Background", [paragraphs]), ...]; the chair's summary only when there is one (no
    empty heading), the sections after it numbered on."""
    s = note.sections
    words = labels(language)
    bodies = [s.background, s.highlights, s.chair_summary, s.additional_comments]
    out = []
    for i, (key, body) in enumerate(zip(SECTION_KEYS, bodies, strict=True)):
        paras = [p for p in re.split(r"\n\s*\n", body or "") if p.strip()]
        if i == 0 and (extra := _related_sentence(note, language)):
            paras.append(extra)
        if i == 2 and s.chair_summary_url and s.chair_summary_url not in (body or ""):
            paras.append(f"{words['link']}{colon(language)} {s.chair_summary_url}")
        if i == 2 and not paras:
            continue
        heading = words[key] if key else chair_heading(note, language)
        out.append((f"{len(out) + 1}. {heading}", paras))
    return out


# -- Markdown ----------------------------------------------------------------------------


def _md(text: str) -> str:
    return re.sub(r"([*_\\`])", r"\\\1", text)


def render_markdown(note: Note, language: str = "en") -> str:
    words, c = labels(language), colon(language)
    lines = [f"# {words['title']}[^1]", ""]
    for label, value in header_fields(note, language):
        lines += [f"**{label}{c}** {_md(value)}", ""]
    lines += [f"**{words['participants']}{c}**", ""]
    lines += [f"- **{_md(g)}{c}** {_md(v)}" for g, v in participant_groups(note, language)]
    lines.append("")
    for heading, paras in sections(note, language):
        lines += [f"## {_md(heading)}", ""]
        for p in paras:
            lines += [_md(p), ""]
    lines += [f"[^1]: {words['footnote']}", ""]
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
html[dir="rtl"] p, html[dir="rtl"] h1, html[dir="rtl"] h2 { text-align: start; }
html[dir="rtl"] .groups { margin: 0 1.5em 0.7em 0; }
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


_STRONG = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u052f\u3040-\u9fff]|(?P<rtl>[\u0590-\u08ff\ufb1d-\ufefc])")


def direction_of(text: str) -> str:
    """"rtl" or "ltr": the direction of the first letter with one (the Unicode rule P2;
    WeasyPrint does not apply ``dir="auto"`` itself)."""
    m = _STRONG.search(text)
    return "rtl" if m and m.group("rtl") else "ltr"


def _names(text: str, pdf: bool, rtl_document: bool = False) -> str:
    """Escape, isolating runs of Arabic/Hebrew script for the bidi algorithm (in a left to
    right document; in an Arabic one they are the paragraph's own direction)."""
    escaped = _h(text, pdf=pdf)
    escaped = re.sub(r"(https?://[^\s<]+)", r'<span class="url">\1</span>', escaped)
    if rtl_document:  # the note's own text (often English) keeps its direction, embedded
        return f'<span dir="{direction_of(text)}">{escaped}</span>'
    rtl = "\u0590-\u08ff\ufb1d-\ufefc"
    return re.sub(f"([{rtl}]+(?:\\s+[{rtl}]+)*)", r'<bdi dir="rtl">\1</bdi>', escaped)


def render_html(note: Note, *, for_pdf: bool = False, language: str = "en") -> str:
    pdf = for_pdf
    lang = language_of(language)
    words, c = labels(lang), colon(lang)
    rtl = lang in RTL
    direction = "rtl" if rtl else "ltr"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">',
        f"<title>{_h(words['title'])} - {_h(note.title)}</title>",
        f"<style>{font_css() if pdf else ''}{_CSS}</style></head><body>",
        f"<h1>{_h(words['title'])}<sup>1</sup></h1>",
    ]
    footnote = f'<p class="footnote"><sup>1</sup> {_h(words["footnote"])}</p>'
    if pdf:  # a float footnote is placed at the foot of the first page
        parts.append(footnote)
    for label, value in header_fields(note, lang):
        parts.append(
            f'<p class="field"><span class="label">{_h(label)}{c}</span> {_names(value, pdf, rtl)}</p>'
        )
    parts.append(f'<p class="field"><span class="label">{_h(words["participants"])}{c}</span></p>')
    parts.append('<div class="groups">')
    for group, value in participant_groups(note, lang):
        parts.append(
            f'<p class="group"><span class="label">{_h(group, pdf=pdf)}{c}</span> '
            f"{_names(value, pdf, rtl)}</p>"
        )
    parts.append("</div>")
    for heading, paras in sections(note, lang):
        parts.append(f"<h2>{_h(heading, pdf=pdf)}</h2>")
        # In Arabic, a paragraph of the note's own text takes the direction of its script.
        parts += [f'<p dir="{direction_of(p)}">{_h(p, pdf=pdf)}</p>' if rtl
                  else f"<p>{_names(p, pdf)}</p>" for p in paras]
    if not pdf:
        parts.append(footnote)
    parts.append("</body></html>")
    return "\n".join(parts)


# -- PDF ---------------------------------------------------------------------------------


SOURCE_NAME = "information-note.html"


def render_pdf(note: Note, language: str = "en", *, embed_source: bool = True) -> bytes:
    """The note as PDF, carrying its HTML as an embedded file (``SOURCE_NAME``) so that the
    importer reads it back exactly in every language (an Arabic page's text layer is in visual
    order); a PDF without it is read from its text layer."""
    source = ((SOURCE_NAME, render_html(note, language=language)),) if embed_source else ()
    return html_to_pdf(render_html(note, for_pdf=True, language=language), attachments=source)


# -- DOCX --------------------------------------------------------------------------------


def docx_fonts(document, language: str = "en") -> None:
    """The Normal style's fonts: Latin and Cyrillic, East Asian (Chinese) and complex script
    (Arabic), with the language tags Word uses to choose among them; Arabic documents are
    right to left (``w:bidi`` on the style's paragraphs, ``w:rtl`` on its runs)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    lang = language_of(language)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), "Microsoft YaHei")
    rfonts.set(qn("w:cs"), "Arial")
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), {"en": "en-GB", "zh": "zh-CN", "ar": "ar-SA"}.get(lang, lang))
    tag.set(qn("w:eastAsia"), "zh-CN")
    tag.set(qn("w:bidi"), "ar-SA")
    rpr.append(tag)
    if lang in RTL:
        rpr.append(OxmlElement("w:rtl"))
        ppr = style.element.get_or_add_pPr()
        ppr.insert(0, OxmlElement("w:bidi"))


def rtl_paragraph(paragraph) -> None:
    """Right to left and right aligned (Word's "end" for a bidi paragraph)."""
    from docx.oxml import OxmlElement

    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is None:
        ppr.insert(0, OxmlElement("w:bidi"))


def render_docx(note: Note, language: str = "en") -> bytes:
    from docx.shared import Pt

    note = scrub(note)  # DOCX cannot hold control characters an old record may contain
    lang = language_of(language)
    words, c = labels(lang), colon(lang)
    rtl = lang in RTL

    document = new_document(f"{words['title']}: {note.title}" if note.title else words["title"],
                            subject=f"{words['committee']}: {note.title}" if note.title else words["committee"],
                            keywords=note.start.isoformat() if note.start else "")
    docx_fonts(document, lang)

    def para(text: str = ""):
        p = document.add_paragraph(text)
        if rtl:
            rtl_paragraph(p)
        return p

    title = para()
    title.alignment = 1
    run = title.add_run(words["title"])
    run.bold, run.font.size = True, Pt(15)
    sup = title.add_run("1")
    sup.font.superscript = True

    def field(label: str, value: str) -> None:
        p = para()
        p.add_run(f"{label}{c}").bold = True
        if value:
            p.add_run(f" {value}")

    for label, value in header_fields(note, lang):
        field(label, value)
    field(words["participants"], "")
    for group, value in participant_groups(note, lang):
        p = para()
        if rtl:
            p.paragraph_format.right_indent = Pt(18)
        else:
            p.paragraph_format.left_indent = Pt(18)
        p.add_run(f"{group}{c}").bold = True
        p.add_run(f" {value}")
    for heading, paras in sections(note, lang):
        h = document.add_heading(heading, level=2)
        if rtl:
            rtl_paragraph(h)
        for text in paras:
            para(text)
    footer = document.sections[0].footer.paragraphs[0]
    if rtl:
        rtl_paragraph(footer)
    footer.add_run("1").font.superscript = True
    small = footer.add_run(f" {words['footnote']}")
    small.font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
