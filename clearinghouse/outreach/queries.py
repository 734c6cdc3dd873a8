"""Read-side queries of the outreach domain, shared by pages, exports and the API.

Every function starts from ``Event.objects.visible_to(user)``: a draft is seen by experts only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from clearinghouse.core import params
from clearinghouse.core.exports import Table
from clearinghouse.outreach import topics as taxonomy
from clearinghouse.outreach.models import Event, Organiser, Participant

FILTERS = ("year", "kind", "region", "state", "organisation", "topic", "status", "q")


def event_filters(query) -> dict:
    """The filters a request asks for, checked (BadParameter names a bad one)."""
    out = {
        "year": params.year(query, "year"),
        "kind": params.choice(query, "kind", Event.Kind.values),
        "status": params.choice(query, "status", Event.Status.values),
        "topic": params.choice(query, "topic", taxonomy.areas()),
    }
    for key in ("region", "state", "organisation", "q"):
        out[key] = params.text(query, key)
    if out["state"]:
        out["state"] = out["state"].upper()
    return {key: value for key, value in out.items() if value}


def described_filters(filters: dict) -> list[str]:
    """The filters of an event list, each as "label: value" in the reader's language (the
    catalogue writes the colon as the language does): how a job that rendered the notes of a
    list says which list it was."""
    from django.utils.translation import get_language

    from clearinghouse.registry.regions import region_name

    labels = {"q": _("Title or city"), "year": _("Year"), "kind": _("Kind"),
              "region": _("Region of the venue"), "state": _("State"),
              "organisation": _("Organisation"), "topic": _("Topic"), "status": _("Status")}
    values = {"kind": dict(Event.Kind.choices), "status": dict(Event.Status.choices),
              "topic": taxonomy.areas()}
    out = []
    for key, value in filters.items():
        if key not in labels:
            continue
        shown = values.get(key, {}).get(value, value)
        if key == "region":
            shown = region_name(str(value), get_language())
        out.append(_("%(label)s: %(value)s") % {"label": labels[key], "value": shown})
    return out


def _state_events(iso3: str):
    return (
        Q(venue_state__iso3=iso3)
        | Q(pk__in=Participant.objects.filter(state__iso3=iso3).values("event_id"))
        | Q(pk__in=Organiser.objects.filter(state__iso3=iso3).values("event_id"))
    )


def _organisation_events(code: str):
    return Q(pk__in=Participant.objects.filter(organisation__code=code).values("event_id")) | Q(
        pk__in=Organiser.objects.filter(organisation__code=code).values("event_id")
    )


def events(user, filters: dict | None = None):
    filters = filters or {}
    qs = Event.objects.visible_to(user).select_related("venue_state", "series")
    if "year" in filters:
        qs = qs.filter(start__year=filters["year"])
    if "kind" in filters:
        qs = qs.filter(kind=filters["kind"])
    if "status" in filters:
        qs = qs.filter(status=filters["status"])
    if "region" in filters:
        qs = qs.filter(venue_state__region=filters["region"])
    if "state" in filters:
        qs = qs.filter(_state_events(filters["state"]))
    if "organisation" in filters:
        qs = qs.filter(_organisation_events(filters["organisation"]))
    if "topic" in filters:
        qs = qs.filter(topics__icontains=f'"{filters["topic"]}"')
    if "q" in filters:
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(venue_city__icontains=filters["q"]))
    return qs.order_by("-start", "title")


def events_of_state(user, state, limit: int | None = None):
    return events(user).filter(_state_events(state.iso3))[:limit]


def events_of_organisation(user, organisation, limit: int | None = None):
    return events(user).filter(_organisation_events(organisation.code))[:limit]


def years(user) -> list[int]:
    qs = Event.objects.visible_to(user).exclude(start__isnull=True)
    found = qs.annotate(y=ExtractYear("start")).values_list("y", flat=True).distinct()
    return sorted(set(found), reverse=True)


def latest_month_with_events(user, on_or_before: dt.date) -> dt.date | None:
    """The first day of the most recent month, up to ``on_or_before``, in which an event the
    user may see starts (None if there is none)."""
    start = events(user).filter(start__lte=on_or_before).order_by("-start").values_list(
        "start", flat=True).first()
    return start.replace(day=1) if start else None


def month_events(user, year: int, month: int) -> dict[dt.date, list[Event]]:
    """Events of a month by day (an event spanning several days appears on each)."""
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    qs = events(user).filter(start__lte=last).filter(Q(end__gte=first) | Q(end__isnull=True,
                                                                              start__gte=first))
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in qs.order_by("start", "title"):
        day = max(event.start, first)
        end = min(event.end or event.start, last)
        while day <= end:
            by_day[day].append(event)
            day += dt.timedelta(days=1)
    return by_day


# -- statistics ---------------------------------------------------------------------------


def committee_took_part():
    return Q(committee_members__gt=0) | Q(committee_experts__gt=0) | ~Q(committee_remark="")


def statistics(user, year: int | None = None) -> dict:
    """The figures of the statistics page and the annual review (a fixed number of queries)."""
    qs = Event.objects.visible_to(user).exclude(start__isnull=True)
    if year is not None:
        qs = qs.filter(start__year=year)
    per_year_kind = defaultdict(Counter)
    for row in qs.annotate(y=ExtractYear("start")).values("y", "kind").annotate(n=Count("pk")):
        per_year_kind[row["y"]][row["kind"]] = row["n"]
    committee = dict(
        qs.filter(committee_took_part()).annotate(y=ExtractYear("start")).values("y")
        .annotate(n=Count("pk")).values_list("y", "n")
    )
    regions = list(
        qs.exclude(venue_state__isnull=True).values("venue_state__region")
        .annotate(n=Count("pk")).order_by("-n", "venue_state__region")
        .values_list("venue_state__region", "n")
    )
    state_events: dict[tuple, set] = defaultdict(set)
    org_events: dict[tuple, set] = defaultdict(set)
    ids = qs.values("pk")
    for model in (Participant, Organiser):
        for event_id, iso3, name, code, org_name in model.objects.filter(
            event_id__in=ids
        ).values_list("event_id", "state__iso3", "state__short_name", "organisation__code",
                      "organisation__name"):
            if iso3:
                state_events[(iso3, name)].add(event_id)
            if code:
                org_events[(code, org_name)].add(event_id)
    years_list = sorted(set(per_year_kind) | set(committee))
    return {
        "years": years_list,
        "kinds": [k for k in Event.Kind.values],
        "per_year_kind": {y: dict(per_year_kind[y]) for y in years_list},
        "per_year": {y: sum(per_year_kind[y].values()) for y in years_list},
        "committee_per_year": {y: committee.get(y, 0) for y in years_list},
        "regions": regions,
        "states": sorted(((k[0], k[1], len(v)) for k, v in state_events.items()),
                         key=lambda r: (-r[2], r[1])),
        "organisations": sorted(((k[0], k[1], len(v)) for k, v in org_events.items()),
                                key=lambda r: (-r[2], r[0])),
        "total": sum(sum(c.values()) for c in per_year_kind.values()),
    }


def statistics_tables(stats: dict) -> dict:
    """Each statistics table as a ``Table`` (machine keys as columns, labels in the reader's
    language; event kinds by their choice labels), keyed by its export name."""
    kinds = stats["kinds"]
    kind_labels = dict(Event.Kind.choices)
    return {
        "per-year-kind": Table(
            _("Events per year and kind"), ["year", *kinds, "total"],
            [[y, *(stats["per_year_kind"][y].get(k, 0) for k in kinds), stats["per_year"][y]]
             for y in stats["years"]], "events-per-year-kind",
            {"year": _("Year"), **{k: kind_labels.get(k, k) for k in kinds}, "total": _("Total")},
        ),
        "committee": Table(
            _("Events with the Committee's participation per year"),
            ["year", "events with Committee participation", "all events"],
            [[y, stats["committee_per_year"][y], stats["per_year"][y]] for y in stats["years"]],
            "events-committee",
            {"year": _("Year"),
             "events with Committee participation": _("Events with the Committee's participation"),
             "all events": _("All events")},
        ),
        "regions": Table(_("Events per region (of the venue)"), ["region", "events"],
                         [list(r) for r in stats["regions"]], "events-regions",
                         {"region": _("Region"), "events": _("Events")}),
        "states": Table(_("Participation of States"), ["iso3", "State", "events"],
                        [list(r) for r in stats["states"]], "events-states",
                        {"iso3": _("ISO code"), "State": _("State"), "events": _("Events")}),
        "organisations": Table(_("Participation of organisations"),
                               ["code", "organisation", "events"],
                               [list(r) for r in stats["organisations"]], "events-organisations",
                               {"code": _("Code"), "organisation": _("Organisation"),
                                "events": _("Events")}),
    }
