"""The ILLUSTRATIVE reporting dataset loaded by `clearinghouse demo` (deterministic for a seed).

Not the Committee's records. Its totals of first reports follow the published figures so the
as-of logic can be checked against them: 97 States by the end of 2004, 171 of 193 by March 2014
(the seed note), 185 of 193 from 2021 on. Which State reported when is drawn from the seed;
the Central Asian States (and those of the named peer reviews) report in 2004. Every record is flagged ``illustrative``.
"""

from __future__ import annotations

import datetime as dt

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

# Cumulative first reports at the end of each year (illustrative between the published points).
CUMULATIVE = {
    2004: 97, 2005: 124, 2006: 134, 2007: 140, 2008: 153, 2009: 160, 2010: 164, 2011: 166,
    2012: 169, 2013: 171, 2014: 174, 2015: 176, 2016: 177, 2017: 179, 2018: 181, 2019: 183,
    2020: 184, 2021: 185,
}
RESOLUTION_ADOPTED = dt.date(2004, 4, 28)
# The seed's figure is "as of March 2014": nobody reports in the first quarter of 2014.
QUIET_UNTIL = {2014: dt.date(2014, 3, 31)}
EARLY_SUBREGION = "Central Asia"
LANGUAGES = ["en", "en", "en", "fr", "es", "ru", "ar", "zh"]  # ISO 639-1 (core.languages)
NAMED_REVIEWS = [
    (("HRV", "POL"), dt.date(2013, 5, 27), dt.date(2013, 10, 18),
     "Croatia – Poland peer review (illustrative record)"),
    (("BLR", "KGZ", "TJK"), dt.date(2017, 6, 20), dt.date(2017, 11, 24),
     "Belarus – Kyrgyzstan – Tajikistan peer review (illustrative record)"),
]
PLAN_STATES = 40
VISITS = 30


def _day(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


def first_report_dates(rng, members: list[State]) -> dict[int, dt.date]:
    """State id -> date of its illustrative first report; len == the last cumulative figure."""
    # Central Asia, and the States of the named peer reviews, report first (in 2004-2005).
    named = {code for codes, *_ in NAMED_REVIEWS for code in codes}
    is_early = [s.subregion == EARLY_SUBREGION or s.iso3 in named for s in members]
    early = [s for s, e in zip(members, is_early, strict=True) if e]
    others = [s for s, e in zip(members, is_early, strict=True) if not e]
    rng.shuffle(others)
    queue = early + others
    dates: dict[int, dt.date] = {}
    previous = 0
    today = dt.date.today()
    for year, total in CUMULATIVE.items():
        start = max(dt.date(year, 1, 1), RESOLUTION_ADOPTED, QUIET_UNTIL.get(year, dt.date.min)
                    + dt.timedelta(days=1))
        end = min(dt.date(year, 12, 31), today)
        wanted = total - previous
        chosen = []
        for state in queue:
            if len(chosen) == wanted:
                break
            if state.admitted and state.admitted < end:
                chosen.append(state)
        for state in chosen:
            queue.remove(state)
            first_day = max(start, state.admitted + dt.timedelta(days=1))
            dates[state.pk] = _day(rng, first_day, end)
        previous = total
    return dates


def load(rng, actor) -> dict:
    members = list(State.objects.members().order_by("iso3"))
    firsts = first_report_dates(rng, members)
    by_id = {s.pk: s for s in members}
    today = dt.date.today()
    reports = []
    for state_id, day in sorted(firsts.items()):
        state = by_id[state_id]
        reports.append(_report(state, NationalReport.Kind.FIRST, day, rng.choice(LANGUAGES)))
        day_n = day
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
    counts.update(_plans(rng, [by_id[i] for i in sorted(firsts)], actor))
    counts["visits"] = _visits(rng, members, actor)
    counts["peer reviews"] = _reviews(rng, members, actor)
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


def _plans(rng, reporters, actor) -> dict:
    codes = [c for c in areas.areas() if "." not in c]
    agencies = ["Ministry of Foreign Affairs", "Customs Service", "Ministry of Justice",
                "Nuclear Regulatory Authority", "Ministry of Health", "National Police",
                "Ministry of Trade", "Financial Intelligence Unit"]
    plans, items = [], []
    for state in rng.sample(reporters, PLAN_STATES):
        adopted = _day(rng, dt.date(2008, 1, 1), dt.date.today() - dt.timedelta(days=30))
        status = Publication.PUBLISHED if rng.random() < 0.85 else Publication.SUBMITTED
        plan = ActionPlan(state=state, adopted_on=adopted, status=status, illustrative=True,
                          title=f"National implementation action plan of {state.short_name}",
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


def _visits(rng, members, actor) -> int:
    visits = []
    for state in rng.sample(members, VISITS):
        start = _day(rng, dt.date(2011, 1, 1), dt.date.today() - dt.timedelta(days=10))
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


def _reviews(rng, members, actor) -> int:
    by_iso3 = {s.iso3: s for s in members}
    reviews, partners = [], {}
    for codes, start, end, title in NAMED_REVIEWS:
        states = [by_iso3[c] for c in codes if c in by_iso3]
        if len(states) >= 2:
            partners[len(reviews)] = states
            reviews.append(PeerReview(title=title, start=start, end=end, status=Publication.PUBLISHED,
                                      illustrative=True, report_text=_review_text(states)))
    for _ in range(4):
        states = rng.sample(members, rng.choice([2, 2, 3]))
        start = _day(rng, dt.date(2015, 1, 1), dt.date(2024, 12, 31))
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
