"""Read side of the reporting domain, shared by pages and API: always through visible_to()."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clearinghouse.core import params
from clearinghouse.core.exports import Table
from clearinghouse.registry.names import sort_key
from clearinghouse.registry.queries import organisation_names, state_names
from clearinghouse.registry.regions import region_name

from . import charts
from .models import (
    COUNTED,
    ActionPlan,
    ActionPlanItem,
    CountryVisit,
    NationalReport,
    PeerReview,
    Publication,
)
from .status import Status, history, load_facts, status_on
from .status import in_language as status_in_language

KINDS = [c for c, _ in NationalReport.Kind.choices]
STATUSES = [c for c, _ in Publication.choices]


def report_filters(query) -> tuple[dict, list[str]]:
    """The filters of the reports list from a query string; each bad value is named."""
    filters, problems = {}, []
    readers = {
        "state": lambda: params.text(query, "state").upper(),
        "kind": lambda: params.choice(query, "kind", KINDS),
        "status": lambda: params.choice(query, "status", STATUSES),
        "year": lambda: params.year(query, "year"),
    }
    for key, read in readers.items():
        try:
            value = read()
        except params.BadParameter as exc:
            problems.append(exc.message)
            continue
        if value:
            filters[key] = value
    return filters, problems


def reports(user, filters: dict | None = None):
    qs = NationalReport.objects.visible_to(user).select_related("state").prefetch_related("state__names")
    filters = filters or {}
    if "state" in filters:
        qs = qs.filter(state__iso3=filters["state"])
    if "kind" in filters:
        qs = qs.filter(kind=filters["kind"])
    if "status" in filters:
        qs = qs.filter(status=filters["status"])
    if "year" in filters:
        qs = qs.filter(submitted_on__year=filters["year"])
    return qs.order_by("-submitted_on", "state__short_name", "pk").defer("text")


def report_table(rows) -> Table:
    columns = ["state", "name", "kind", "date", "language", "status", "title"]
    return Table(_("National reports"), columns, [
        [r.state.iso3, r.state.short_name, r.kind, r.submitted_on, r.language, r.status, r.title]
        for r in rows], "national-reports")


def plans(user):
    return (ActionPlan.objects.visible_to(user).select_related("state").prefetch_related("state__names")
            .annotate(item_count=Count("items")).order_by("state__short_name", "-adopted_on"))


def plan_detail(user, pk):
    return (ActionPlan.objects.visible_to(user).select_related("state").prefetch_related("state__names")
            .prefetch_related(Prefetch("items", ActionPlanItem.objects.order_by("position", "pk")))
            .get(pk=pk))


def visits(user):
    return (CountryVisit.objects.visible_to(user).select_related("state").prefetch_related("state__names")
            .order_by("-start"))


def peer_reviews(user):
    return PeerReview.objects.visible_to(user).prefetch_related("states").order_by("-start")


def state_records(user, state) -> dict:
    """Everything of one State for its page: a fixed number of queries."""
    return {
        "reports": list(NationalReport.objects.visible_to(user).filter(state=state)
                        .defer("text").order_by("submitted_on", "pk")),
        "plans": list(ActionPlan.objects.visible_to(user).filter(state=state)
                      .prefetch_related(Prefetch("items", ActionPlanItem.objects.order_by("position")))
                      .order_by("-adopted_on")),
        "visits": list(CountryVisit.objects.visible_to(user).filter(state=state).order_by("-start")),
        "peer_reviews": list(PeerReview.objects.visible_to(user).filter(states=state)
                             .prefetch_related("states").order_by("-start")),
    }


def first_report_date(state) -> dt.date | None:
    """The date of the State's first report as the public figures count it (submitted or published)."""
    return (NationalReport.objects.filter(state=state, kind=NationalReport.Kind.FIRST, status__in=COUNTED)
            .order_by("submitted_on").values_list("submitted_on", flat=True).first())


# -- status: figures, history, tables ---------------------------------------------------------
def dashboard(day: dt.date, with_history: bool = True) -> dict:
    facts = load_facts()
    status = in_reader_language(status_on(facts, day))
    context = {"status": status}
    if with_history:
        points = history(facts, last_day=day)
        context["history"] = points
        context["history_chart"] = charts.columns([(str(p.year), p.reported, p.members) for p in points])
    context["region_chart"] = charts.columns(
        [(g.label, g.reported, g.members) for g in status.by_region], height=200)
    return context


def in_reader_language(status: Status) -> Status:
    """The status named in the reader's language: States, M49 regions and organisations (two
    queries however many States), sorted by those names."""
    lang = (get_language() or "en")[:2]
    groups = {name: region_name(name, lang)
              for g in (*status.by_region, *status.by_subregion) for name in [g.name]}
    groups.update(organisation_names(lang))
    return status_in_language(status, state_names(lang), groups, sort_key)


def group_table(status: Status, which: str) -> Table:
    groups = {"region": status.by_region, "subregion": status.by_subregion,
              "organisation": status.by_organisation}[which]
    title = {"region": _("Reporting status by region"), "subregion": _("Reporting status by sub-region"),
             "organisation": _("Reporting status by organisation")}[which]
    columns = ([which, "name"] if which == "organisation" else [which]) + [
        "members", "reported", "not_reported", "percent", "as_of"]
    rows = []
    for g in groups:
        head = [g.code, g.name] if which == "organisation" else [g.name]
        rows.append(head + [g.members, g.reported, " ".join(s.iso3 for s in g.not_reported),
                            g.percent, status.as_of])
    labels = {"region": _("Region"), "subregion": _("Sub-region"), "organisation": _("Code"),
              "name": _("Organisation"), **_count_labels()}
    return Table(f"{title} {status.as_of.isoformat()}", columns, rows,
                 f"reporting-status-{which}-{status.as_of.isoformat()}", labels)


# The status tables' machine keys (JSON, ?keys=1) and the headers people read (at call time:
# the reader's language).
def _count_labels() -> dict:
    return {"members": _("Member States"), "reported": _("Reported"),
            "not_reported": _("Not reported (ISO codes)"), "percent": _("Reported (per cent)"),
            "as_of": _("As of")}


def not_reported_table(status: Status) -> Table:
    return Table("{} {}".format(_("Member States without a first report"), status.as_of.isoformat()),
                 ["iso3", "name", "region", "subregion", "as_of"],
                 [[s.iso3, s.name, s.region, s.subregion, status.as_of] for s in status.not_reported],
                 f"not-reported-{status.as_of.isoformat()}",
                 {"iso3": _("ISO code"), "name": _("State"), "region": _("Region"),
                  "subregion": _("Sub-region"), "as_of": _("As of")})


def history_table(points) -> Table:
    return Table(_("First reports by year (cumulative)"), ["year", "as_of", "members", "reported", "new"],
                 [[p.year, p.as_of, p.members, p.reported, p.new] for p in points], "first-reports-by-year",
                 {"year": _("Year"), "as_of": _("As of"), "members": _("Member States"),
                  "reported": _("Reported"), "new": _("First reports that year")})
