"""The experts' bi-monthly matchmaking briefing as a document: PDF (WeasyPrint) and DOCX.

The PDF is rendered by :mod:`clearinghouse.pdf` (shipped fonts, a fetcher that goes nowhere).
"""

from __future__ import annotations

import datetime as dt
import html
import io

from clearinghouse.core.docxpage import new_document
from clearinghouse.core.text import clean_text
from clearinghouse.pdf import font_css, html_to_pdf

TITLE = "Matchmaking briefing of the Group of Experts"
FOOTNOTE = "For the Committee's information only - not an official document."

_CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm;
  @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
html { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 .3em; } h2 { font-size: 11.5pt; margin: 1.2em 0 .4em; }
table { border-collapse: collapse; width: 100%; } th, td { border: .5pt solid #999;
  padding: 3pt 4pt; text-align: left; vertical-align: top; } th { background: #eee; }
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
        return req.requester_name

    out = [
        ("Requests received", ["Ref.", "Requester", "Received", "Title", "Status"],
         [[r.engine_id, who(r), r.received.isoformat(), r.title, r.get_status_display()]
          for r in data["received"]]),
        ("Requests circulated to providers", ["Ref.", "Requester", "Circulated", "Title",
                                              "Objection deadline"],
         [[r.engine_id, who(r), r.circulated_on.isoformat(), r.title,
           r.objection_deadline.isoformat() if r.objection_deadline else ""]
          for r in data["circulated"]]),
        ("Matches proposed or answered", ["Request", "Offer", "Provider", "Score", "Status"],
         [[f"{m.request.engine_id}: {m.request.title}", m.offer.title, m.offer.provider_name,
           f"{m.score:.3f}", m.get_status_display()] for m in data["matches"]]),
        ("Follow-ups falling due", ["Ref.", "Requester", "Due", "Title", "Followed up"],
         [[r.engine_id, who(r), r.follow_up_due.isoformat(), r.title,
           r.followed_up_on.isoformat() if r.followed_up_on else "no"]
          for r in data["follow_ups"]]),
        ("Open requests without an accepted match", ["Ref.", "Requester", "Received", "Title",
                                                     "Status"],
         [[r.engine_id, who(r), r.received.isoformat(), r.title, r.get_status_display()]
          for r in data["unmatched"]]),
    ]
    return [(str(h), c, rows) for h, c, rows in out]


def subtitle(data: dict) -> str:
    return f"{data['start']:%d %B %Y} to {data['end']:%d %B %Y}"


def render_html(data: dict, notice: str = "") -> str:
    e = html.escape
    fonts = font_css()
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
             f"<title>{e(TITLE)}</title><style>{fonts}{_CSS}</style></head><body>",
             f"<h1>{e(TITLE)}</h1><p class='muted'>{e(subtitle(data))}</p>"]
    if notice:
        parts.append(f"<p class='notice'>{e(notice)}</p>")
    for heading, columns, rows in sections(data):
        parts.append(f"<h2>{e(heading)} ({len(rows)})</h2>")
        if not rows:
            parts.append("<p class='muted'>None.</p>")
            continue
        parts.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in columns)
                     + "</tr></thead><tbody>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>")
        parts.append("</tbody></table>")
    parts.append(f"<p class='muted'>{e(FOOTNOTE)}</p></body></html>")
    return "".join(parts)


def render_pdf(data: dict, notice: str = "") -> bytes:
    return html_to_pdf(render_html(data, notice))


def render_docx(data: dict, notice: str = "") -> bytes:
    from docx.shared import Pt

    notice = clean_text(notice)  # DOCX cannot hold control characters (cells: below)
    document = new_document(TITLE, subject=subtitle(data))
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(TITLE, level=1)
    document.add_paragraph(subtitle(data))
    if notice:
        document.add_paragraph(notice).runs[0].bold = True
    for heading, columns, rows in sections(data):
        document.add_heading(f"{heading} ({len(rows)})", level=2)
        if not rows:
            document.add_paragraph("None.")
            continue
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = clean_text(str(value))
    document.add_paragraph(FOOTNOTE)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
