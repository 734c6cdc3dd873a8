"""Reporting status on any date: who had submitted a first report by day D, of the Member States.

Rules (also in docs/reporting.md):
- The Member States on D are the UN Member States admitted on or before D (191 at the end of
  2004, 193 since 14 July 2011). Observer States are outside the figures.
- A State "had reported" by D when it had a *first* report, submitted or published (not a
  draft), dated on or before D. Additional information does not count.
- A group (region, sub-region, organisation) counts its members that are Member States on D;
  organisation memberships are those in force on D (a membership without dates counts always).

``load_facts`` reads everything in three queries whatever the date and the data; the rest is
pure Python on those facts, so the history of every year costs no more than one date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

LAST_YEAR = 2100  # the last year any parameter may name (core.params.YEAR_MAX)


@dataclass(frozen=True)
class StateFact:
    id: int
    iso3: str
    name: str
    region: str
    subregion: str
    admitted: dt.date | None
    label: str = ""  # the name in the reader's language (in_language); ``name`` is English


@dataclass(frozen=True)
class MembershipFact:
    code: str
    name: str
    state_id: int
    joined: dt.date | None
    left: dt.date | None

    def on(self, day: dt.date) -> bool:
        return (self.joined is None or self.joined <= day) and (self.left is None or self.left > day)


@dataclass
class Facts:
    states: list[StateFact]
    first_reports: dict[int, dt.date]  # State id -> date of its first counted report
    memberships: list[MembershipFact] = field(default_factory=list)


@dataclass
class Group:
    name: str
    members: int
    reported: int
    not_reported: list[StateFact]
    code: str = ""
    label: str = ""  # the name in the reader's language (in_language); ``name`` is English

    @property
    def share(self) -> float:
        return self.reported / self.members if self.members else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.share)


@dataclass
class Status:
    as_of: dt.date
    members: int
    reported: int
    not_reported: list[StateFact]
    by_region: list[Group]
    by_subregion: list[Group]
    by_organisation: list[Group]
    reported_on: dict[int, dt.date]

    @property
    def percent(self) -> int:
        return round(100 * self.reported / self.members) if self.members else 0

    def to_json(self) -> dict:
        def groups(items):
            return {g.code or g.name: {"members": g.members, "reported": g.reported,
                                       "not_reported": [s.iso3 for s in g.not_reported]}
                    for g in items}

        return {
            "as_of": self.as_of.isoformat(),
            "members": self.members,
            "reported": self.reported,
            "not_reported": [s.iso3 for s in self.not_reported],
            "by_region": groups(self.by_region),
            "by_subregion": groups(self.by_subregion),
            "by_organisation": groups(self.by_organisation),
        }


def status_on(facts: Facts, day: dt.date) -> Status:
    """The reporting status on ``day`` (pure)."""
    members = [s for s in facts.states if s.admitted is not None and s.admitted <= day]
    member_ids = {s.id for s in members}
    reported_on = {sid: d for sid, d in facts.first_reports.items() if d <= day and sid in member_ids}
    not_reported = sorted((s for s in members if s.id not in reported_on), key=lambda s: s.name)

    def group(key) -> list[Group]:
        buckets: dict[str, list[StateFact]] = defaultdict(list)
        for s in members:
            buckets[key(s)].append(s)
        return [_group(name, states, reported_on) for name, states in sorted(buckets.items())]

    by_state = {s.id: s for s in members}
    organisations: dict[str, list[StateFact]] = defaultdict(list)
    names: dict[str, str] = {}
    for m in facts.memberships:
        if m.state_id in by_state and m.on(day):
            organisations[m.code].append(by_state[m.state_id])
            names[m.code] = m.name
    by_organisation = [
        _group(names[code], states, reported_on, code) for code, states in sorted(organisations.items())
    ]
    return Status(
        as_of=day,
        members=len(members),
        reported=len(reported_on),
        not_reported=not_reported,
        by_region=group(lambda s: s.region),
        by_subregion=group(lambda s: s.subregion),
        by_organisation=by_organisation,
        reported_on=reported_on,
    )


def _group(name, states, reported_on, code="") -> Group:
    unique = {s.id: s for s in states}.values()
    missing = sorted((s for s in unique if s.id not in reported_on), key=lambda s: s.name)
    total = len(unique)
    return Group(name=name, members=total, reported=total - len(missing), not_reported=missing, code=code)


def in_language(status: Status, states: dict[str, str], groups: dict[str, str], sort_key) -> Status:
    """The status with every State and group labelled in the reader's language and the lists
    sorted by those labels (pure): ``states`` maps ISO3 codes, ``groups`` region names and
    organisation codes to their names in that language; ``sort_key`` orders names."""
    def fact(s: StateFact) -> StateFact:
        return replace(s, label=states.get(s.iso3, s.name))

    def facts(items) -> list[StateFact]:
        return sorted((fact(s) for s in items), key=lambda s: sort_key(s.label))

    def group(g: Group) -> Group:
        return replace(g, label=groups.get(g.code or g.name, g.name), not_reported=facts(g.not_reported))

    def by_label(items) -> list[Group]:
        return sorted((group(g) for g in items), key=lambda g: sort_key(g.label))

    return replace(status, not_reported=facts(status.not_reported), by_region=by_label(status.by_region),
                   by_subregion=by_label(status.by_subregion),
                   by_organisation=[group(g) for g in status.by_organisation])


@dataclass(frozen=True)
class YearPoint:
    year: int
    as_of: dt.date
    members: int
    reported: int
    new: int


def history(facts: Facts, first_year: int = 2004, last_day: dt.date | None = None) -> list[YearPoint]:
    """Cumulative first reports at the end of each year (the last point: ``last_day``)."""
    last_day = last_day or dt.date.today()
    points = []
    previous = 0
    for year in range(first_year, last_day.year + 1):
        day = min(dt.date(year, 12, 31), last_day)
        admitted = [s.id for s in facts.states if s.admitted is not None and s.admitted <= day]
        ids = set(admitted)
        reported = sum(1 for sid, d in facts.first_reports.items() if d <= day and sid in ids)
        points.append(YearPoint(year, day, len(admitted), reported, reported - previous))
        previous = reported
    return points


# -- the Django half: three queries --------------------------------------------------------------
def load_facts() -> Facts:
    from django.db.models import Min

    from clearinghouse.registry.models import Membership, State

    from .models import COUNTED, NationalReport

    states = [
        StateFact(*row)
        for row in State.objects.members().order_by().values_list(
            "id", "iso3", "short_name", "region", "subregion", "admitted")
    ]
    first = dict(
        NationalReport.objects.filter(kind=NationalReport.Kind.FIRST, status__in=COUNTED,
                                      submitted_on__isnull=False)
        .order_by().values("state_id").annotate(first=Min("submitted_on"))
        .values_list("state_id", "first")
    )
    memberships = [
        MembershipFact(*row)
        for row in Membership.objects.order_by().values_list(
            "organisation__code", "organisation__name", "state_id", "joined", "left")
    ]
    return Facts(states, first, memberships)


def reporting_status(day: dt.date | None = None) -> Status:
    return status_on(load_facts(), day or dt.date.today())


def parse_day(text: str | None) -> dt.date:
    """A date from a form or command line (YYYY-MM-DD); ValueError with a message otherwise."""
    if not text:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f'"{text}" is not a date: write it as YYYY-MM-DD, e.g. 2014-03-31') from None
    if day.year < 1945:
        raise ValueError(f'"{text}" is before the United Nations existed: choose a date from 1945 on')
    if day.year > LAST_YEAR:
        raise ValueError(f'"{text}" is after {LAST_YEAR}: choose a date up to {LAST_YEAR}-12-31')
    today = dt.date.today()
    if day > today:
        # Nobody knows yet which States will have reported by then: never state it as a fact.
        raise ValueError(f'"{text}" is in the future: reporting status is known up to today '
                         f'({today.isoformat()})')
    return day
