"""The ILLUSTRATIVE reporting dataset loaded by `clearinghouse demo` (deterministic for a seed).

Not the Committee's records, but true to the public record where it is known (sources in
docs/demo-data.md): 97 first reports by the end of 2004, 155 of 192 Member States in August
2008, 171 of 193 by March 2014, and today every Member State except exactly eight (the Gambia,
the DPRK, Somalia, Eswatini, Mauritania, Chad, Mali, Guinea). The first reports of Pakistan
(27 October 2004), the United States (2004) and Gabon (2011) fall on their known dates or years;
which other State reported when is drawn from the seed. Every record is flagged ``illustrative``.
"""

from __future__ import annotations

import datetime as dt

from clearinghouse.core.extensions import demo_day
from clearinghouse.registry.models import State

from . import actions, areas
from .models import (
    ActionPlan,
    ActionPlanItem,
    CountryVisit,
    NationalReport,
    PeerReview,
    Publication,
)

RESOLUTION_ADOPTED = dt.date(2004, 4, 28)
# The Member States without a first report today (public record: see docs/demo-data.md).
NON_REPORTERS = ("GMB", "PRK", "SOM", "SWZ", "MRT", "TCD", "MLI", "GIN")


def _year(year: int, total: int) -> tuple[dt.date, dt.date, int]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31), total


# (first day, last day, cumulative first reports at the last day). The published points:
# 97 at the end of 2004; 155 in August 2008 (nobody reports in July and August 2008);
# 171 by 31 March 2014 (nobody reports in the first quarter of 2014); 185 from 2021 on.
# Between them the totals are illustrative.
PERIODS = [
    (RESOLUTION_ADOPTED, dt.date(2004, 12, 31), 97),
    _year(2005, 124), _year(2006, 134), _year(2007, 140),
    (dt.date(2008, 1, 1), dt.date(2008, 6, 30), 155),
    (dt.date(2008, 9, 1), dt.date(2008, 12, 31), 156),
    _year(2009, 160), _year(2010, 164), _year(2011, 166), _year(2012, 169), _year(2013, 171),
    (dt.date(2014, 4, 1), dt.date(2014, 12, 31), 174),
    _year(2015, 176), _year(2016, 177), _year(2017, 179), _year(2018, 181), _year(2019, 183),
    _year(2020, 184), _year(2021, 185),
]
# First reports whose date (or year) is publicly known (sources in docs/demo-data.md).
KNOWN_FIRST = {"PAK": dt.date(2004, 10, 27), "USA": 2004, "GAB": 2011}
# Additional information whose date is publicly known.
KNOWN_ADDITIONAL = {"USA": [dt.date(2007, 12, 21)]}
EARLY_SUBREGION = "Central Asia"
LANGUAGES = ["en", "en", "en", "fr", "es", "ru", "ar", "zh"]  # ISO 639-1 (core.languages)
# Peer reviews of the public record (sources in docs/demo-data.md): Croatia and Poland,
# launched in Croatia in June 2013 and presented to the Security Council on 27 November 2013;
# Belarus, Kyrgyzstan and Tajikistan, consultations in Minsk in August 2016 and a meeting in
# Dushanbe on 2-4 August 2017. Days not given by the sources are the first of the month.
NAMED_REVIEWS = [
    (("HRV", "POL"), dt.date(2013, 6, 1), dt.date(2013, 11, 27), "Croatia – Poland peer review"),
    (("BLR", "KGZ", "TJK"), dt.date(2016, 8, 1), dt.date(2017, 8, 4),
     "Belarus – Kyrgyzstan – Tajikistan peer review"),
]
VISITS = 30


def _day(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


def _period_of(known) -> int:
    """The index of the period a known first-report date (or year) falls in."""
    for index, (start, end, _total) in enumerate(PERIODS):
        if isinstance(known, dt.date) and start <= known <= end:
            return index
        if isinstance(known, int) and start.year <= known <= end.year:
            return index
    raise ValueError(f"no reporting period for {known}")


def first_report_dates(rng, members: list[State], today: dt.date | None = None) -> dict[int, dt.date]:
    """State id -> date of its illustrative first report; len == the last cumulative figure."""
    today = today or demo_day()
    # Central Asia, and the States of the named peer reviews, report first (in 2004-2005).
    named = {code for codes, *_ in NAMED_REVIEWS for code in codes}
    reporters = [s for s in members if s.iso3 not in NON_REPORTERS]
    pinned: dict[int, list[State]] = {}  # period index -> the States known to report in it
    for s in reporters:
        if s.iso3 in KNOWN_FIRST:
            pinned.setdefault(_period_of(KNOWN_FIRST[s.iso3]), []).append(s)
    free = [s for s in reporters if s.iso3 not in KNOWN_FIRST]
    is_early = [s.subregion == EARLY_SUBREGION or s.iso3 in named for s in free]
    early = [s for s, e in zip(free, is_early, strict=True) if e]
    others = [s for s, e in zip(free, is_early, strict=True) if not e]
    rng.shuffle(others)
    queue = early + others
    dates: dict[int, dt.date] = {}
    previous = 0
    for index, (start, last, total) in enumerate(PERIODS):
        end = min(last, today)
        wanted = total - previous
        chosen = list(pinned.get(index, []))
        for state in queue:
            if len(chosen) >= wanted:
                break
            if state.admitted and state.admitted < end:
                chosen.append(state)
        for state in chosen:
            if state in queue:
                queue.remove(state)
            known = KNOWN_FIRST.get(state.iso3)
            if isinstance(known, dt.date):
                dates[state.pk] = known
                continue
            first_day = max(start, state.admitted + dt.timedelta(days=1))
            dates[state.pk] = _day(rng, first_day, end)
        previous = total
    return dates


def load(rng, actor) -> dict:
    members = list(State.objects.members().order_by("iso3"))
    today = demo_day()
    firsts = first_report_dates(rng, members, today)
    by_id = {s.pk: s for s in members}
    reports = []
    for state_id, day in sorted(firsts.items()):
        state = by_id[state_id]
        reports.append(_report(state, NationalReport.Kind.FIRST, day, rng.choice(LANGUAGES)))
        known = [d for d in KNOWN_ADDITIONAL.get(state.iso3, []) if d < today]
        for known_day in known:
            reports.append(_report(state, NationalReport.Kind.ADDITIONAL, known_day, "English"))
        day_n = max([day, *known])
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            day_n = day_n + dt.timedelta(days=rng.randint(200, 1600))
            if day_n >= today:
                break
            status = Publication.SUBMITTED if rng.random() < 0.08 else Publication.PUBLISHED
            reports.append(_report(state, NationalReport.Kind.ADDITIONAL, day_n, "en", status))
    for state in rng.sample([s for s in members if s.pk in firsts], 12):
        reports.append(NationalReport(state=state, kind=NationalReport.Kind.ADDITIONAL,
                                      status=Publication.DRAFT, illustrative=True,
                                      title="Draft additional information (illustrative)",
                                      text=f"Illustrative draft prepared by the point of contact of {state}."))
    counts = {"reports": actions.create_records(actor, "demo reports", reports)}
    counts.update(_plans(rng, members, firsts, actor, today))
    counts["visits"] = _visits(rng, members, firsts, actor, today)
    counts["peer reviews"] = _reviews(rng, members, firsts, actor, today)
    return counts


def _report(state, kind, day, language, status=Publication.PUBLISHED) -> NationalReport:
    label = "First report" if kind == NationalReport.Kind.FIRST else "Additional information"
    return NationalReport(
        state=state, kind=kind, submitted_on=day, status=status, language=language, illustrative=True,
        title=f"{label} of {state.short_name} pursuant to resolution 1540 (2004)",
        text=(f"ILLUSTRATIVE TEXT. {label} submitted by {state.official_name} to the Committee "
              f"established pursuant to Security Council resolution 1540 (2004), dated "
              f"{day.isoformat()}. It describes national legislation prohibiting non-State actors "
              "from manufacturing, acquiring, possessing, transporting or using nuclear, chemical "
              "and biological weapons and their means of delivery, measures to account for and "
              "secure related materials, physical protection, border controls and export controls."),
    )


# The public record: 48 national implementation action plans submitted by 39 Member States
# (some are updates of an earlier plan). Belarus, Kyrgyzstan and Tajikistan had plans by their
# peer review meeting of August 2017. Which other States, and every date, are illustrative.
PLAN_STATES = 39
PLANS = 48
KNOWN_PLANS = {"BLR": dt.date(2017, 8, 1), "KGZ": dt.date(2017, 8, 1), "TJK": dt.date(2017, 8, 1)}
PLANS_ENCOURAGED = dt.date(2011, 4, 20)  # resolution 1977 (2011) encourages action plans


def _plans(rng, members, firsts, actor, today) -> dict:
    codes = [c for c in areas.areas() if "." not in c]
    agencies = ["Ministry of Foreign Affairs", "Customs Service", "Ministry of Justice",
                "Nuclear Regulatory Authority", "Ministry of Health", "National Police",
                "Ministry of Trade", "Financial Intelligence Unit"]
    reporters = [s for s in members if s.pk in firsts]
    known = [s for s in reporters if s.iso3 in KNOWN_PLANS]
    others = rng.sample([s for s in reporters if s.iso3 not in KNOWN_PLANS], PLAN_STATES - len(known))
    chosen = known + others
    updated = set(rng.sample(range(len(chosen)), PLANS - PLAN_STATES))
    plans, items = [], []
    for index, state in enumerate(chosen):
        earliest = max(PLANS_ENCOURAGED, firsts[state.pk] + dt.timedelta(days=30))
        latest = min(KNOWN_PLANS.get(state.iso3, today), today) - dt.timedelta(days=30)
        days = [_day(rng, earliest, latest)]
        if index in updated:
            days.append(_day(rng, days[0] + dt.timedelta(days=400), today - dt.timedelta(days=1))
                        if days[0] + dt.timedelta(days=400) < today else days[0] + dt.timedelta(days=1))
        for number, adopted in enumerate(days):
            status = Publication.PUBLISHED if rng.random() < 0.85 else Publication.SUBMITTED
            title = f"National implementation action plan of {state.short_name}"
            plan = ActionPlan(state=state, adopted_on=adopted, status=status, illustrative=True,
                              title=title + (" (update)" if number else ""),
                              summary="Illustrative plan: priority actions to implement resolution 1540 (2004).")
            plans.append(plan)
            for position, code in enumerate(rng.sample(codes, rng.randint(3, 6)), start=1):
                label = areas.areas()[code]
                needs = rng.random() < 0.5
                items.append((plan, ActionPlanItem(
                    area_code=code, area=label, position=position,
                    action=f"Review and strengthen measures: {label.lower()} (illustrative action)",
                    agency=rng.choice(agencies),
                    target_date=adopted + dt.timedelta(days=rng.randint(180, 1500)),
                    progress=rng.choice([c for c, _ in ActionPlanItem.Progress.choices]),
                    assistance_needed=f"Expert advice and training on {label.lower()}" if needs else "",
                )))
    count = actions.create_records(actor, "demo plans", plans)
    for plan, item in items:
        item.plan_id = plan.pk
    ActionPlanItem.objects.bulk_create([item for _, item in items])
    return {"plans": count, "plan items": len(items)}


# Country visits of the public record (sources in docs/demo-data.md); the others illustrative.
KNOWN_VISITS = [
    ("USA", dt.date(2011, 9, 12), dt.date(2011, 9, 12),
     "The 1540 Committee and its Group of Experts, coordinated by the Department of State",
     "Visit to Washington, DC at the invitation of the United States: how the United States "
     "implements resolution 1540 (2004) (laws, enforcement, export, border and financial "
     "controls)."),
]


def _visits(rng, members, firsts, actor, today) -> int:
    by_iso3 = {s.iso3: s for s in members}
    visits = []
    for iso3, start, end, delegation, objectives in KNOWN_VISITS:
        if iso3 in by_iso3 and end < today:
            visits.append(CountryVisit(
                state=by_iso3[iso3], start=start, end=end, status=Publication.PUBLISHED,
                illustrative=True, delegation=delegation, objectives=objectives,
                outcome="Outcome not reproduced here (illustrative dataset)."))
    known = {v.state_id for v in visits}
    candidates = [s for s in members if s.pk not in known]
    for state in rng.sample(candidates, VISITS - len(visits)):
        start = _day(rng, dt.date(2011, 1, 1), today - dt.timedelta(days=10))
        visits.append(CountryVisit(
            state=state, start=start, end=start + dt.timedelta(days=rng.randint(1, 4)),
            status=Publication.PUBLISHED if rng.random() < 0.8 else Publication.SUBMITTED,
            illustrative=True,
            delegation="Chair of the 1540 Committee, two experts of the Group of Experts, UNODA",
            objectives=f"Illustrative visit at the invitation of {state.short_name}: discuss "
                       "implementation, the matrix and possible assistance.",
            outcome="Illustrative outcome: national action plan under preparation; assistance "
                    "needs identified.",
        ))
    return actions.create_records(actor, "demo visits", visits)


def _reviews(rng, members, firsts, actor, today) -> int:
    by_iso3 = {s.iso3: s for s in members}
    reviews, partners = [], {}
    for codes, start, end, title in NAMED_REVIEWS:
        states = [by_iso3[c] for c in codes if c in by_iso3]
        if len(states) >= 2 and end < today:
            partners[len(reviews)] = states
            reviews.append(PeerReview(title=title, start=start, end=end, status=Publication.PUBLISHED,
                                      illustrative=True, report_text=_review_text(states)))
    reporters = [s for s in members if s.pk in firsts]
    for _ in range(4):
        states = rng.sample(reporters, rng.choice([2, 2, 3]))
        earliest = max(dt.date(2015, 1, 1), *(firsts[s.pk] for s in states))
        start = _day(rng, earliest, min(dt.date(2024, 12, 31), today - dt.timedelta(days=400)))
        partners[len(reviews)] = states
        reviews.append(PeerReview(
            title="Peer review: " + " – ".join(s.short_name for s in states) + " (illustrative)",
            start=start, end=start + dt.timedelta(days=rng.randint(60, 200)),
            status=Publication.PUBLISHED, illustrative=True, report_text=_review_text(states)))
    return actions.create_records(actor, "demo peer reviews", reviews, m2m=partners)


def _review_text(states) -> str:
    names = ", ".join(s.short_name for s in states)
    return (f"ILLUSTRATIVE TEXT. Voluntary peer review between {names}: exchange of effective "
            "practices on export controls, border controls and the national implementation of "
            "resolution 1540 (2004), with the participation of the Committee's experts.")


def clear() -> None:
    """Delete the illustrative records (and only those)."""
    for model in (PeerReview, CountryVisit, ActionPlan, NationalReport):
        model.objects.filter(illustrative=True).delete()
