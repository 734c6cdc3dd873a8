"""The annual outreach review: the year's figures, charts and list of events, as PDF and DOCX.

The PDF is WeasyPrint from a template with the charts as inline SVG, the fonts shipped with the
note renderer and its local-only URL fetcher. The DOCX gives each chart as a table. Both are in
the reader's language (gettext, the active language), Arabic right to left.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from clearinghouse.core.docxpage import new_document
from clearinghouse.core.models import ILLUSTRATIVE_NOTICE, illustrative_loaded
from clearinghouse.core.text import clean_text
from clearinghouse.outreach import charts, queries
from clearinghouse.outreach.models import Event
from clearinghouse.outreach.notes.dates import format_range
from clearinghouse.outreach.notes.labels import language_of
from clearinghouse.outreach.notes.render import docx_fonts, rtl_paragraph
from clearinghouse.outreach.stats_names import in_reader_language
from clearinghouse.pdf import font_css, html_to_pdf


def review_context(user, year: int) -> dict:
    stats = in_reader_language(queries.statistics(user, year))
    events = list(queries.events(user, {"year": year}).select_related("venue_state")
                  .prefetch_related("venue_state__names").order_by("start", "title"))
    kinds = stats["per_year_kind"].get(year, {})
    names = dict(Event.Kind.choices)
    kind_rows = [(str(names.get(k, k)), kinds.get(k, 0)) for k in stats["kinds"]]
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
            "kinds": charts.bar_chart(_("Events in %(year)s by kind") % {"year": year},
                                      kind_rows),
            "regions": charts.bar_chart(
                _("Events in %(year)s by region of the venue") % {"year": year},
                stats["regions"]),
            "states": charts.bar_chart(_("States taking part in most events"),
                                       [(name, n) for _, name, n in stats["states"][:15]]),
        },
        "notice": str(ILLUSTRATIVE_NOTICE) if illustrative_loaded() else "",
        "generated": timezone.now(),
    }


def render_pdf(context: dict) -> bytes:
    html = render_to_string("outreach/review_pdf.html", {**context, "font_css": font_css()})
    return html_to_pdf(html)


def render_docx(context: dict) -> bytes:
    from clearinghouse.assistance.briefing import mirror_table

    language = language_of(get_language())
    rtl = get_language_bidi()
    year = context["year"]
    document = new_document(_("Outreach review %(year)s") % {"year": year},
                            subject=_("1540 Committee outreach events"))
    docx_fonts(document, language)

    def bidi(paragraph):
        if rtl:
            rtl_paragraph(paragraph)
        return paragraph

    bidi(document.add_heading(_("Outreach review %(year)s") % {"year": year}, level=0))
    if context["notice"]:
        bidi(document.add_paragraph(clean_text(context["notice"]))).runs[0].bold = True
    bidi(document.add_paragraph(
        _("%(total)s events in %(year)s; the 1540 Committee took part in %(with)s of them.")
        % {"total": context["total"], "year": year, "with": context["with_committee"]}
    ))

    def table(title: str, columns: list[str], rows) -> None:
        bidi(document.add_heading(title, level=2))
        t = document.add_table(rows=1, cols=len(columns))
        t.style = "Table Grid"
        if rtl:
            mirror_table(t)
        for cell, text in zip(t.rows[0].cells, columns, strict=True):
            cell.text = clean_text(str(text))
            bidi(cell.paragraphs[0]).runs[0].bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                # DOCX cannot hold control characters an old record may contain.
                cell.text = "" if value is None else clean_text(str(value))
                bidi(cell.paragraphs[0])

    events = _("events")
    table(_("Events by kind"), [_("kind"), events], context["kind_rows"])
    table(_("Events by region of the venue"), [_("region"), events], context["region_rows"])
    table(_("States taking part in most events"), [_("State"), events],
          [(name, n) for _code, name, n in context["top_states"]])
    table(_("Organisations taking part in most events"), [_("organisation"), events],
          [(name, n) for _code, name, n in context["top_organisations"]])
    yes = _("yes")
    table(_("Events"), [_("dates"), _("event"), _("kind"), _("venue"), _("Committee")], [
        (format_range(e.start, e.end, language), e.title, e.get_kind_display(),
         ", ".join(x for x in (e.venue_city, e.venue_state.name_in(language) if e.venue_state_id
                               else "") if x),
         yes if e.committee_took_part else "")
        for e in context["events"]
    ])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
