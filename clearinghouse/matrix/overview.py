"""Pages across States: fields with measures recorded by region or organisation, the trend by
year of approval, and the template itself. Never a score: see ``tables.CAVEAT``."""

from __future__ import annotations

from django.shortcuts import render

from clearinghouse.accounts.permissions import require
from clearinghouse.core import params
from clearinghouse.core.exports import export_response
from clearinghouse.registry import queries as registry_queries
from clearinghouse.registry.models import Organisation

from . import queries, tables

TABLES = ("states", "sections", "trend")


def overview(request):
    require(request.user, "matrix.view")
    filters = queries.state_filters(request.GET)
    lay = queries.layout()
    latest = queries.latest_versions(request.user, filters)
    for row in latest:
        row["cells"] = [int(row["measures"].get(c, 0)) for c in lay.section_codes()]
    dist = queries.distribution(lay, latest)
    trend = queries.trend_by_year(request.user, filters)
    if fmt := params.export_format(request.GET):
        which = params.choice(request.GET, "table", TABLES, default="states")
        table = {"sections": lambda: tables.distribution_table(dist),
                 "trend": lambda: tables.trend_table(trend)}.get(which, lambda: tables.states_table(lay, latest))()
        return export_response(table, fmt, keys=params.export_keys(request.GET))
    organisations = Organisation.objects.visible_to(request.user).filter(
        memberships__isnull=False).distinct().order_by("code")
    return render(request, "matrix/overview.html", {
        "filters": filters, "regions": registry_queries.regions(), "organisations": organisations,
        "latest": latest, "distribution": dist, "trend": trend, "caveat": tables.CAVEAT,
        "section_codes": lay.section_codes(),
    })


def template_page(request):
    require(request.user, "matrix.view")
    lay = queries.layout()
    if fmt := params.export_format(request.GET):
        return export_response(tables.template_table(lay), fmt, keys=params.export_keys(request.GET))
    return render(request, "matrix/template.html", {"layout": lay, "caveat": tables.CAVEAT})
