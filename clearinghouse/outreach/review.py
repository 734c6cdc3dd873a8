"""The annual outreach review: the year's figures, charts and list of events, as PDF and DOCX.

The PDF is WeasyPrint from a template with the charts as inline SVG, the fonts shipped with the
note renderer and its local-only URL fetcher. The DOCX gives each chart as a table.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone

from clearinghouse.core.docxpage import new_document
from clearinghouse.core.models import ILLUSTRATIVE_NOTICE, illustrative_loaded
from clearinghouse.core.text import clean_text
from clearinghouse.outreach import charts, queries
from clearinghouse.outreach.notes.dates import format_range
from clearinghouse.pdf import font_css, html_to_pdf


def review_context(user, year: int) -> dict:
    stats = queries.statistics(user, year)
    events = list(queries.events(user, {"year": year}).order_by("start", "title"))
    kinds = stats["per_year_kind"].get(year, {})
    kind_rows = [(k, kinds.get(k, 0)) for k in stats["kinds"]]
    with_committee = stats["committee_per_year"].get(year, 0)
    return {
        "year": year,
        "stats": stats,
        "events": events,
        "total": len(events),
        "with_committee": with_committee,
        "kind_rows": kind_rows,
        "region_rows": stats["regions"],
        "top_states": stats["states"][:15],
        "top_organisations": stats["organisations"][:15],
        "charts": {
            "kinds": charts.bar_chart(f"Events in {year} by kind", kind_rows),
            "regions": charts.bar_chart(f"Events in {year} by region of the venue",
                                        stats["regions"]),
            "states": charts.bar_chart("States taking part in most events",
                                       [(name, n) for _, name, n in stats["states"][:15]]),
        },
        "notice": str(ILLUSTRATIVE_NOTICE) if illustrative_loaded() else "",
        "generated": timezone.now(),
    }


def render_pdf(context: dict) -> bytes:
    html = render_to_string("outreach/review_pdf.html", {**context, "font_css": font_css()})
    return html_to_pdf(html)


def render_docx(context: dict) -> bytes:
    year = context["year"]
    document = new_document(f"Outreach review {year}", subject="1540 Committee outreach events")
    document.add_heading(f"Outreach review {year}", level=0)
    if context["notice"]:
        document.add_paragraph(clean_text(context["notice"])).runs[0].bold = True
    document.add_paragraph(
        f"{context['total']} events in {year}; the 1540 Committee took part in "
        f"{context['with_committee']} of them."
    )

    def table(title: str, columns: list[str], rows) -> None:
        document.add_heading(title, level=2)
        t = document.add_table(rows=1, cols=len(columns))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, columns, strict=True):
            cell.text = clean_text(str(text))
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                # DOCX cannot hold control characters an old record may contain.
                cell.text = "" if value is None else clean_text(str(value))

    table("Events by kind", ["kind", "events"], context["kind_rows"])
    table("Events by region of the venue", ["region", "events"], context["region_rows"])
    table("States taking part in most events", ["State", "events"],
          [(name, n) for _, name, n in context["top_states"]])
    table("Organisations taking part in most events", ["organisation", "events"],
          [(name, n) for _, name, n in context["top_organisations"]])
    table("Events", ["dates", "event", "kind", "venue", "Committee"], [
        (format_range(e.start, e.end), e.title, e.kind,
         ", ".join(x for x in (e.venue_city, e.venue_state.short_name if e.venue_state_id
                               else "") if x),
         "yes" if e.committee_took_part else "")
        for e in context["events"]
    ])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
