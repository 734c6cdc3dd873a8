"""Statistics and the annual outreach review. Thin: queries and review do the work."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import require
from clearinghouse.core import documents, params
from clearinghouse.core.exports import export_response
from clearinghouse.outreach import charts, queries, review
from clearinghouse.outreach.stats_names import in_reader_language

YEARS = range(params.YEAR_MIN, params.YEAR_MAX + 1)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def statistics(request):
    """The statistics page, or one of its tables exported (``?export=&table=``). The tables
    are built once: for an export from the figures as queried (the registry's English names
    beside the codes), for the page once the names are in the reader's language."""
    require(request.user, "outreach.view")
    stats = queries.statistics(request.user)
    if fmt := params.export_format(request.GET):
        tables = queries.statistics_tables(stats)
        name = params.choice(request.GET, "table", tables, default="per-year-kind")
        return export_response(tables[name], fmt, keys=params.export_keys(request.GET))
    stats = in_reader_language(stats)
    tables = queries.statistics_tables(stats)
    years = stats["years"]
    return render(request, "outreach/statistics.html", {
        "stats": stats,
        "tables": {name.replace("-", "_"): table for name, table in tables.items()},
        "charts": {
            "per_year": charts.bar_chart(_("Events per year"),
                                         [(str(y), stats["per_year"][y]) for y in years]),
            "committee": charts.bar_chart(
                _("Events with the Committee's participation per year"),
                [(str(y), stats["committee_per_year"][y]) for y in years], colour="#1a7f37"),
            "regions": charts.bar_chart(_("Events per region of the venue"), stats["regions"]),
            "states": charts.bar_chart(_("States taking part in most events"),
                                       [(n, c) for _, n, c in stats["states"][:20]]),
            "organisations": charts.bar_chart(
                _("Organisations taking part in most events"),
                [(code, c) for code, _, c in stats["organisations"][:20]]),
        },
        "review_years": years,
        "recent": [(y, stats["per_year"][y], stats["committee_per_year"][y]) for y in years[-3:]],
    })


def annual_review(request, year: int, fmt: str):
    require(request.user, "outreach.view")
    if year not in YEARS or fmt not in ("pdf", "docx"):
        raise Http404(_("No review for that year."))

    def build():
        context = review.review_context(request.user, year)
        if fmt == "pdf":
            response = HttpResponse(review.render_pdf(context), content_type="application/pdf")
        else:
            response = HttpResponse(review.render_docx(context), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="outreach-review-{year}.{fmt}"'
        return response

    return documents.cached(request, "review", (year, fmt), build)
