"""The ILLUSTRATIVE outreach dataset loaded by `clearinghouse demo` (deterministic for a seed).

Not the Committee's records: invented events from 2009 up to the reference day (the day the
demo is loaded), every one flagged ``illustrative``; the last three months each hold events
(so the events calendar opens on a month with events) and no event ends after the reference
day.
What follows the published record: the Central Asian series (Ashgabat 2009, Dushanbe 2011,
Almaty 2011) and the Astana workshop of March 2014, imported from the seed note itself
(data/information-note-astana-2014.txt); and 90 events with the Committee's participation in
2013, the figure of the Chair's message of March 2014.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clearinghouse.core import extensions
from clearinghouse.outreach import actions
from clearinghouse.outreach.convert import committee_text
from clearinghouse.outreach.importing import plan_paths
from clearinghouse.outreach.models import Event, EventSeries, Organiser, Participant
from clearinghouse.outreach.topics import areas
from clearinghouse.registry.models import Organisation, State

SEED_NOTE = Path(__file__).resolve().parent / "data" / "information-note-astana-2014.txt"
SERIES = "Central Asian meetings on resolution 1540 (illustrative)"
COMMITTEE_2013 = 90
# Illustrative venues: a city per State (not a list of capitals the house relies on).
CITIES = {
    "AUT": "Vienna", "CHE": "Geneva", "USA": "New York", "KAZ": "Astana", "TKM": "Ashgabat",
    "TJK": "Dushanbe", "KGZ": "Bishkek", "UZB": "Tashkent", "ETH": "Addis Ababa",
    "NGA": "Abuja", "ZAF": "Pretoria", "KEN": "Nairobi", "SEN": "Dakar", "EGY": "Cairo",
    "MAR": "Rabat", "JOR": "Amman", "QAT": "Doha", "ARE": "Abu Dhabi", "TUR": "Ankara",
    "GEO": "Tbilisi", "BLR": "Minsk", "POL": "Warsaw", "HRV": "Zagreb", "ALB": "Tirana",
    "SRB": "Belgrade", "DEU": "Berlin", "FRA": "Paris", "GBR": "London", "ITA": "Rome",
    "ESP": "Madrid", "CHN": "Beijing", "JPN": "Tokyo", "KOR": "Seoul", "PHL": "Manila",
    "MYS": "Kuala Lumpur", "THA": "Bangkok", "IDN": "Jakarta", "SGP": "Singapore",
    "AUS": "Canberra", "FJI": "Nadi", "MEX": "Mexico City", "PER": "Lima", "BRA": "Brasilia",
    "ARG": "Buenos Aires", "COL": "Bogota", "PAN": "Panama City", "SLV": "San Salvador",
    "TTO": "Port of Spain", "JAM": "Kingston", "CAN": "Ottawa", "IND": "New Delhi",
}
ORGANISATIONS = ["UNODA", "UNODC", "IAEA", "OPCW", "BWC-ISU", "INTERPOL", "WCO", "OSCE", "EU",
                 "AU", "OAS", "CICTE", "CARICOM", "SICA", "ECOWAS", "LAS", "PIF", "UNRCCA",
                 "UNREC", "UNRCPD", "UNLIREC", "UNICRI", "FATF", "WHO", "GICNT", "VERTIC"]
SUBJECTS = [
    ("op2", "national implementation legislation"), ("op3d", "export and trans-shipment controls"),
    ("op3c", "border security"), ("pf", "countering proliferation financing"),
    ("biosec", "biosafety and biosecurity"), ("nucsec", "nuclear security"),
    ("chemsec", "chemical security"), ("reporting", "national reporting"),
    ("nap", "national implementation action plans"), ("awareness", "resolution 1540 (2004)"),
    ("op3a", "accounting for and securing materials"), ("coordination", "inter-agency coordination"),
]
TITLES = {
    "workshop": "Regional workshop on {subject} for States of {region}",
    "seminar": "Seminar on {subject} ({region})",
    "conference": "International conference on {subject}",
    "training course": "Training course on {subject} for officials of {region}",
    "briefing": "Briefing to Member States on {subject}",
    "country visit": "Country visit to {state}: {subject}",
    "peer review": "Peer review meeting on {subject} hosted by {state}",
    "meeting": "Expert meeting on {subject} in {region}",
}
KIND_WEIGHTS = [("workshop", 30), ("seminar", 14), ("conference", 14), ("training course", 12),
                ("briefing", 8), ("country visit", 8), ("peer review", 3), ("meeting", 11)]
PER_YEAR = {2009: 32, 2010: 41, 2011: 55, 2012: 70, 2013: 101, 2014: 84, 2015: 80, 2016: 76,
            2017: 72, 2018: 70, 2019: 66, 2020: 24, 2021: 40, 2022: 58, 2023: 61, 2024: 63,
            2025: 48}
PER_LATER_YEAR = 60  # the years after 2025, pro rata up to the reference day
RECENT_MONTHS = 3    # each of the last three months (the current one included) holds events
PER_RECENT_MONTH = 2


def _months_back(day: dt.date, n: int) -> dt.date:
    """The first day of the month n months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def _year_plan(today: dt.date) -> list[tuple[int, int]]:
    plan = [(y, n) for y, n in PER_YEAR.items() if y <= today.year]
    for year in range(max(PER_YEAR) + 1, today.year + 1):
        share = 1.0 if year < today.year else today.timetuple().tm_yday / 365
        plan.append((year, max(RECENT_MONTHS * PER_RECENT_MONTH + 3, round(PER_LATER_YEAR * share))))
    return plan


def _starts(rng, year: int, count: int, today: dt.date) -> list[dt.date]:
    """Start days of a year's events: none after ``today``; in the last year, the first ones in
    each of the last months (the last three, drafts and confirmed, are not among them)."""
    if year < today.year:
        return [dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(358)) for _ in range(count)]
    recent = []
    for back in range(RECENT_MONTHS):
        first = _months_back(today, back)  # (in January, the last months of the year before)
        last = min(_months_back(today, back - 1) - dt.timedelta(days=1), today)
        recent += [first + dt.timedelta(days=rng.randrange((last - first).days + 1))
                   for _ in range(PER_RECENT_MONTH)]
    span = (today - dt.date(year, 1, 1)).days + 1
    return recent + [dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(span))
                     for _ in range(count - len(recent))]
SERIES_EVENTS = [
    ("Workshop for Central Asian Countries on Non-Proliferation and International Legal "
     "Cooperation against Biological, Chemical and Nuclear Terrorism", "workshop",
     dt.date(2009, 12, 1), dt.date(2009, 12, 3), "Ashgabat", "TKM", ["UNODC", "OSCE"]),
    ("2nd expert meeting", "meeting", dt.date(2011, 3, 29), dt.date(2011, 3, 30), "Dushanbe",
     "TJK", ["UNRCCA"]),
    ("3rd expert meeting", "meeting", dt.date(2011, 7, 21), dt.date(2011, 7, 22), "Almaty",
     "KAZ", ["UNRCCA"]),
]


def _weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    pick = rng.uniform(0, total)
    for value, weight in pairs:
        pick -= weight
        if pick <= 0:
            return value
    return pairs[-1][0]


def load(rng, actor) -> dict:
    today = extensions.demo_day()
    states = {s.iso3: s for s in State.objects.all()}
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=ORGANISATIONS)}
    by_subregion: dict[str, list[State]] = {}
    for s in states.values():
        by_subregion.setdefault(s.subregion, []).append(s)
    venues = [states[c] for c in CITIES if c in states]
    known_areas = areas()
    series = EventSeries.objects.create(
        name=SERIES, description="Illustrative: meetings in Central Asia 2009-2014 on "
        "resolution 1540 (2004), as listed in the Astana note of March 2014.")

    events: list[Event] = []
    links: list[tuple[int, list, list]] = []
    for title, kind, start, end, city, iso3, org_codes in SERIES_EVENTS:
        events.append(Event(title=title, kind=kind, start=start, end=end, venue_city=city,
                            venue_state=states[iso3], series=series, status="published",
                            illustrative=True, committee_experts=1,
                            committee_remark="one expert", topics=["awareness"]))
        central = by_subregion.get("Central Asia", [])
        links.append((len(events) - 1, [orgs[c] for c in org_codes if c in orgs], central))

    plan = _year_plan(today)
    final_year = plan[-1][0]
    for year, count in plan:
        committee_events = COMMITTEE_2013 if year == 2013 else round(count * rng.uniform(.6, .8))
        starts = _starts(rng, year, count, today) if year == today.year else None
        for i in range(count):
            kind = _weighted(rng, KIND_WEIGHTS)
            venue = rng.choice(venues)
            code, subject = rng.choice(SUBJECTS)
            start = starts[i] if starts else dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(358))
            end = min(start + dt.timedelta(days=rng.choice([0, 1, 1, 2, 2, 3, 4])), today)
            region_states = by_subregion[venue.subregion]
            title = TITLES[kind].format(subject=subject, region=venue.subregion,
                                        state=venue.short_name)
            took_part = i < committee_events
            members, experts = (rng.choice([0, 0, 1]), rng.choice([1, 1, 2])) if took_part \
                else (0, 0)
            status = "published"
            if year == final_year and i >= count - 3:
                status = "draft" if i == count - 1 else "confirmed"
            topics = sorted({code, *rng.sample(sorted(known_areas), rng.choice([0, 0, 1]))})
            events.append(Event(
                title=title, kind=kind, start=start, end=end, venue_city=CITIES[venue.iso3],
                venue_state=venue, status=status, illustrative=True, topics=topics,
                committee_members=members, committee_experts=experts,
                committee_remark=committee_text(members, experts),
                background=f"Illustrative record: a {kind} on {subject} held in "
                f"{CITIES[venue.iso3]}.",
            ))
            participants = rng.sample(region_states, min(len(region_states), rng.randint(3, 9)))
            others = rng.sample(list(states.values()), rng.randint(0, 6))
            organisers = [venue, *rng.sample(list(orgs.values()), 1)]
            participants += [s for s in others if s not in participants]
            participants += rng.sample(list(orgs.values()), rng.randint(1, 4))
            links.append((len(events) - 1, organisers, participants))
    Event.objects.bulk_create(events)
    organisers, participants = [], []
    for index, orgs_of, parts in links:
        event = events[index]
        for pos, entity in enumerate(orgs_of):
            is_state = isinstance(entity, State)
            organisers.append(Organiser(
                event=event, position=pos, name=entity.short_name if is_state else entity.name,
                state=entity if is_state else None, organisation=None if is_state else entity))
        for pos, entity in enumerate(parts):
            is_state = isinstance(entity, State)
            same = is_state and entity.subregion == (event.venue_state.subregion
                                                     if event.venue_state else "")
            group = ("States of the region" if same else "Other States") if is_state \
                else "International organizations"
            participants.append(Participant(
                event=event, position=pos, group=group, confidence=1.0,
                name=entity.short_name if is_state else f"{entity.name} ({entity.code})",
                state=entity if is_state else None, organisation=None if is_state else entity))
    Organiser.objects.bulk_create(organisers)
    Participant.objects.bulk_create(participants)

    # The seed note, imported as an expert would, then confirmed and published.
    plans = plan_paths([SEED_NOTE])
    (astana,) = actions.import_notes(actor, plans, illustrative=True)
    actions.update_event(actor, astana, series=series, topics=["awareness", "nap"])
    actions.confirm(actor, astana)
    actions.publish(actor, astana)
    return {"events": Event.objects.filter(illustrative=True).count(),
            "participants": len(participants) + len(plans[0].participants)}


def clear() -> None:
    Event.objects.filter(illustrative=True).delete()
    EventSeries.objects.filter(name=SERIES).delete()
