"""The experts' bi-monthly matchmaking briefing as a document: PDF (WeasyPrint) and DOCX.

The PDF is rendered by :mod:`clearinghouse.pdf` (shipped fonts, a fetcher that goes nowhere).
Written in the reader's language (gettext, the active language): Arabic right to left, its
tables mirrored, in the PDF (``dir="rtl"``) and the DOCX (bidi paragraphs and tables).
"""

from __future__ import annotations

import datetime as dt
import html
import io

from django.utils import formats
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from clearinghouse.core.docxpage import new_document
from clearinghouse.core.text import clean_text
from clearinghouse.outreach.notes.render import docx_fonts, rtl_paragraph
from clearinghouse.pdf import FONT_FAMILY, font_css, html_to_pdf


def title() -> str:
    return _("Matchmaking briefing of the Group of Experts")


def footnote() -> str:
    return _("For the Committee's information only - not an official document.")


_CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm;
  @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
html { font-family: FONTS; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 .3em; } h2 { font-size: 11.5pt; margin: 1.2em 0 .4em; }
table { border-collapse: collapse; width: 100%; } th, td { border: .5pt solid #999;
  padding: 3pt 4pt; text-align: start; vertical-align: top; } th { background: #eee; }
td.number { text-align: end; }
.muted { color: #555; } .notice { color: #8a5a00; font-weight: bold; }
"""


def period(start: dt.date) -> tuple[dt.date, dt.date]:
    """The two calendar months starting with ``start``'s month."""
    first = start.replace(day=1)
    month = first.month + 2
    year = first.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return first, dt.date(year, month, 1) - dt.timedelta(days=1)


def sections(data: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """(heading, columns, rows) of the briefing, shared by the PDF and the DOCX."""
    def who(req):
        return req.requester.name_in()   # in the reader's language

    no = _("no")
    out = [
        (_("Requests received"), [_("Ref."), _("Requester"), _("Received"), _("Title"),
                                  _("Status")],
         [[r.engine_id, who(r), r.received.isoformat(), r.title, r.get_status_display()]
          for r in data["received"]]),
        (_("Requests circulated to providers"), [_("Ref."), _("Requester"), _("Circulated"),
                                                 _("Title"), _("Objection deadline")],
         [[r.engine_id, who(r), r.circulated_on.isoformat(), r.title,
           r.objection_deadline.isoformat() if r.objection_deadline else ""]
          for r in data["circulated"]]),
        (_("Matches proposed or answered"), [_("Request"), _("Offer"), _("Provider"),
                                             _("Score"), _("Status")],
         [[_matched(m), m.offer.title, m.offer.provider.name_in(),
           f"{m.score:.3f}", m.get_status_display()] for m in data["matches"]]),
        (_("Feedback after completed matches"), [_("Request"), _("Offer"), _("Party"),
                                                  _("Outcome"), _("Comment")],
         [[f"{f.match.request.engine_id}: {f.match.request.title}", f.match.offer.title,
           f.get_party_display(), f.get_outcome_display(), f.comment]
          for f in data.get("feedback", ())]),
        (_("Follow-ups falling due"), [_("Ref."), _("Requester"), _("Due"), _("Title"),
                                       _("Followed up")],
         [[r.engine_id, who(r), r.follow_up_due.isoformat(), r.title,
           r.followed_up_on.isoformat() if r.followed_up_on else no]
          for r in data["follow_ups"]]),
        (_("Open requests without an accepted match"), [_("Ref."), _("Requester"),
                                                        _("Received"), _("Title"), _("Status")],
         [[r.engine_id, who(r), r.received.isoformat(), r.title, r.get_status_display()]
          for r in data["unmatched"]]),
    ]
    if "needs" in data:
        n = data["needs"]
        share = f"{round(100 * n['share_needs_met'])} %" if n["share_needs_met"] is not None else "—"
        median = (str(n["median_days_to_match_need"])
                  if n["median_days_to_match_need"] is not None else "—")
        out.append((_("Needs of the requests received so far"),
                    [_("Needs"), _("Needs met"), _("Share met"),
                     _("Median days from receipt to match, per need")],
                    [[str(n["needs"]), str(n["needs_met"]), share, median]]))
    return [(str(h), c, rows) for h, c, rows in out]


def _matched(m) -> str:
    """A match's request, and its need's number when the request has several needs."""
    request = f"{m.request.engine_id}: {m.request.title}"
    if (getattr(m, "request_needs", None) or 0) > 1 and m.need_id:
        return _("%(request)s (need %(number)d)") % {"request": request,
                                                      "number": m.need.number}
    return request


def subtitle(data: dict) -> str:
    """The period, its dates written in the reader's language."""
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(data["start"], "DATE_FORMAT"),
        "end": formats.date_format(data["end"], "DATE_FORMAT"),
    }


def render_html(data: dict, notice: str = "") -> str:
    e = html.escape
    fonts = font_css()
    direction = "rtl" if get_language_bidi() else "ltr"
    css = _CSS.replace("FONTS", FONT_FAMILY)
    parts = [f'<!DOCTYPE html><html lang="{e(get_language() or "en")}" dir="{direction}">'
             '<head><meta charset="utf-8">',
             f"<title>{e(title())}</title><style>{fonts}{css}</style></head><body>",
             f"<h1>{e(title())}</h1><p class='muted'>{e(subtitle(data))}</p>"]
    if notice:
        parts.append(f"<p class='notice'>{e(notice)}</p>")
    for heading, columns, rows in sections(data):
        parts.append(f"<h2>{e(heading)} ({len(rows)})</h2>")
        if not rows:
            parts.append(f"<p class='muted'>{e(_('None.'))}</p>")
            continue
        parts.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in columns)
                     + "</tr></thead><tbody>")
        for row in rows:
            parts.append("<tr>" + "".join(_cell(v) for v in row) + "</tr>")
        parts.append("</tbody></table>")
    parts.append(f"<p class='muted'>{e(footnote())}</p></body></html>")
    return "".join(parts)


def _cell(value) -> str:
    """A cell; a number (a score) aligned to the end, kept left to right in Arabic."""
    text = html.escape(str(value))
    if str(value).replace(".", "", 1).isdigit():
        return f'<td class="number" dir="ltr">{text}</td>'
    return f"<td><bdi>{text}</bdi></td>"


def render_pdf(data: dict, notice: str = "") -> bytes:
    return html_to_pdf(render_html(data, notice))


def render_docx(data: dict, notice: str = "") -> bytes:
    from docx.shared import Pt

    notice = clean_text(notice)  # DOCX cannot hold control characters (cells: below)
    rtl = get_language_bidi()
    document = new_document(title(), subject=subtitle(data))
    docx_fonts(document, get_language() or "en")
    document.styles["Normal"].font.size = Pt(10)

    def bidi(paragraph):
        if rtl:
            rtl_paragraph(paragraph)
        return paragraph

    bidi(document.add_heading(title(), level=1))
    bidi(document.add_paragraph(subtitle(data)))
    if notice:
        bidi(document.add_paragraph(notice)).runs[0].bold = True
    for heading, columns, rows in sections(data):
        bidi(document.add_heading(f"{heading} ({len(rows)})", level=2))
        if not rows:
            bidi(document.add_paragraph(_("None.")))
            continue
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        if rtl:
            mirror_table(table)
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
            bidi(cell.paragraphs[0]).runs[0].bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = clean_text(str(value))
                bidi(cell.paragraphs[0])
    bidi(document.add_paragraph(footnote()))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def mirror_table(table) -> None:
    """A right-to-left table (its first column on the right): ``w:bidiVisual``."""
    from docx.oxml import OxmlElement

    table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
