"""Reporting status pages and the panels this domain adds to the home and State pages. Thin."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render

from clearinghouse.accounts.permissions import can, require
from clearinghouse.core import params
from clearinghouse.core.exports import Table, export_response

from . import queries
from .status import parse_day

STATUS_TABLES = ("region", "subregion", "organisation", "not_reported", "history")


def status_page(request):
    require(request.user, "reporting.status")
    try:
        day = parse_day(params.text(request.GET, "as_of", max_length=40))
    except ValueError as exc:
        return render(request, "reporting/status.html", {"error": str(exc), "today": dt.date.today()},
                      status=400)
    context = queries.dashboard(day)
    if fmt := params.export_format(request.GET):
        try:
            which = params.choice(request.GET, "table", STATUS_TABLES, default="subregion")
        except params.BadParameter as exc:
            return render(request, "reporting/status.html", {
                "error": exc.message, "today": dt.date.today()}, status=400)
        return export_response(_status_table(context, which), fmt,
                               keys=params.export_keys(request.GET))
    context.update(today=dt.date.today(), as_of=day)
    return render(request, "reporting/status.html", context)


def _status_table(context, which) -> Table:
    status = context["status"]
    if which == "not_reported":
        return queries.not_reported_table(status)
    if which == "history":
        return queries.history_table(context["history"])
    return queries.group_table(status, which)


def home_panel(request):
    """Reporting progress today, its history and breakdowns (a fixed number of queries)."""
    if not can(request.user, "reporting.status"):
        return None
    context = queries.dashboard(dt.date.today())
    context["today"] = dt.date.today()
    return context


def state_panel(request, state):
    if not can(request.user, "reporting.view"):
        return None
    records = queries.state_records(request.user, state)
    return {
        **records,
        "state": state,
        "first_report_on": queries.first_report_date(state),
        "can_draft": can(request.user, "reporting.draft", state),
    }
