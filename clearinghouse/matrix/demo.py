"""Illustrative matrices for every Member State (``clearinghouse demo``): NOT the Committee's.

Each State gets 1 to 3 versions approved in 2008, 2011, 2016, 2020 or 2024 (the latest
published), and Kazakhstan and a few others an open draft. Cell values are plausible, not
real: OP1 follows the State's real regime memberships (NSG, AG, MTCR, Wassenaar) where the
registry has them, and the number of X grows with the State's memberships and with the year,
so that the average is near the published trend (93 fields per State in 2008, 128 in 2011).

True to the public record where it is known (sources in docs/demo-data.md): an OP1 source never
dates a ratification, accession or participation before the instrument was opened for
signature or adopted (TREATY_DATES), nor before the State's admission to the UN; a version's
"date of report" is the date of that State's first report in the demo, its addenda the dates of
its additional information before the approval, and it is approved after that first report.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Count

from clearinghouse.core.models import IllustrativeDataset
from clearinghouse.registry.models import Membership, State
from clearinghouse.reporting.models import COUNTED, NationalReport

from . import queries
from .actions import refresh_measures
from .models import Cell, Matrix, MatrixVersion

YEARS = (2008, 2011, 2016, 2020, 2024)
AVERAGE = {2008: 93, 2011: 125, 2016: 150, 2020: 163, 2024: 172}
REGIMES = {"NSG": "OP1.NSG", "AG": "OP1.AG", "MTCR": "OP1.MTCR", "WA": "OP1.WA"}
DRAFT_STATES = ("KAZ", "KGZ", "GHA", "PER", "VNM")
SECTION_WEIGHT = {"OP1": 3.0, "OP2": 2.0, "OP3AB": 1.0, "OP3CD": 0.8}
SOURCES = {
    "OP2": "Criminal Code, art. {art}",
    "OP3AB": "Law on {topic}, art. {art}",
    "OP3CD": "Law on export control, art. {art}",
}
TOPICS = {"NW": "the use of atomic energy", "CW": "chemical safety", "BW": "biosafety"}


# The day each OP1 instrument was opened for signature, adopted or established (public record;
# sources in docs/demo-data.md): no State's ratification or participation in the demo precedes it.
TREATY_DATES = {
    "GP1925": dt.date(1925, 6, 17),     # Geneva Protocol, signed 17 June 1925
    "NWFZ": dt.date(1967, 2, 14),       # Treaty of Tlatelolco, the first zone, 14 February 1967
    "NPT": dt.date(1968, 7, 1),         # opened for signature 1 July 1968
    "BWC": dt.date(1972, 4, 10),        # opened for signature 10 April 1972
    "IAEA-CSA": dt.date(1972, 6, 1),    # INFCIRC/153 (Corrected), June 1972
    "ZANGGER": dt.date(1974, 9, 3),     # understandings published as INFCIRC/209, September 1974
    "CPPNM": dt.date(1980, 3, 3),       # opened for signature 3 March 1980
    "CWC": dt.date(1993, 1, 13),        # opened for signature 13 January 1993
    "CTBT": dt.date(1996, 9, 24),       # opened for signature 24 September 1996
    "IAEA-AP": dt.date(1997, 5, 15),    # Model Additional Protocol (INFCIRC/540), 15 May 1997
    "TERRBOMB": dt.date(1998, 1, 12),   # opened for signature 12 January 1998
    "TERRFIN": dt.date(2000, 1, 10),    # opened for signature 10 January 2000
    "HCOC": dt.date(2002, 11, 25),      # launched in The Hague, 25 November 2002
    "PSI": dt.date(2003, 5, 31),        # announced in Krakow, 31 May 2003
    "COC-RS": dt.date(2003, 9, 8),      # approved by the IAEA Board of Governors, September 2003
    "SUPPORT": dt.date(2004, 4, 28),    # resolution 1540 (2004) itself
    "CPPNM2005": dt.date(2005, 7, 8),   # amendment adopted 8 July 2005
    "ICSANT": dt.date(2005, 9, 14),     # opened for signature 14 September 2005
    "GICNT": dt.date(2006, 7, 15),      # announced 15 July 2006
}
COMMITMENTS = {"HCOC", "PSI", "COC-RS", "GICNT", "ZANGGER"}  # political: participation, not ratification


def _approval_day(rng, year):
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def treaty_key(code: str) -> str:
    """The OP1 row key of a field code ("OP1.ICSANT" -> "ICSANT")."""
    return code.split(".", 1)[1] if code.startswith("OP1.") else ""


def _op1_source(rng, key, state, latest: dt.date, reported: bool) -> str:
    opened = TREATY_DATES.get(key)
    if opened is None:
        return "Official information"
    earliest = max(opened, state.admitted or opened)
    if key == "SUPPORT":  # (the eight States without a report made no statement in one)
        return "Statement in the national report" if reported else "Official statement"
    day = earliest + dt.timedelta(days=rng.randrange(max(1, (latest - earliest).days + 1)))
    if key in COMMITMENTS:
        return f"Participation since {day.isoformat()}"
    return f"Instrument of ratification or accession deposited on {day.isoformat()}"


def _source(rng, row, state, approved: dt.date, reported: bool):
    if row.section == "OP1":
        return _op1_source(rng, treaty_key(row.code), state, approved, reported)
    template = SOURCES.get(row.section, "Official information")
    return template.format(art=rng.randint(1, 250), topic=TOPICS.get(row.weapon, "related materials"))


def _reports_of(states) -> dict[int, tuple[dt.date | None, list[dt.date]]]:
    """State id -> (date of its first report, dates of its additional information), from the demo."""
    out: dict[int, tuple[dt.date | None, list[dt.date]]] = {}
    rows = (NationalReport.objects.filter(state__in=states, status__in=COUNTED, submitted_on__isnull=False)
            .order_by("submitted_on").values_list("state_id", "kind", "submitted_on"))
    for state_id, kind, day in rows:
        first, additional = out.get(state_id, (None, []))
        if kind == NationalReport.Kind.FIRST:
            first = day
        else:
            additional.append(day)
        out[state_id] = (first, additional)
    return out


def load(rng: random.Random, actor) -> dict:
    lay = queries.layout()
    template = queries.current_template()
    # Only States without a matrix: illustrative data never mixes into a real State's matrix.
    states = list(State.objects.members().filter(matrix__isnull=True).order_by("iso3"))
    regimes = {}
    for state_id, code in Membership.objects.current().filter(
            organisation__code__in=REGIMES).values_list("state_id", "organisation__code"):
        regimes.setdefault(state_id, set()).add(code)
    breadth = dict(Membership.objects.current().values("state_id").annotate(n=Count("id"))
                   .values_list("state_id", "n"))
    rows = [(r, d) for s in lay.sections for g in s.groups for r in g.rows for d in r.dimensions]
    matrices = Matrix.objects.bulk_create([Matrix(state=s) for s in states])
    reports = _reports_of(states)
    versions, planned = [], []
    for state, matrix in zip(states, matrices, strict=True):
        factor = 0.75 + 0.1 * min(5, breadth.get(state.pk, 0)) + rng.uniform(-0.12, 0.12)
        report, additional = reports.get(state.pk, (None, []))
        # A matrix is approved after the State's first report (if it has one).
        possible = [y for y in YEARS if report is None or y > report.year] or [YEARS[-1]]
        first = rng.choice(possible[:3])
        later = [y for y in possible if y > first]
        years = sorted([first, *rng.sample(later, min(len(later), rng.randint(0, 2)))])
        # A fixed priority per cell: a new version's X are a superset of the previous ones.
        # Enforcement of a row ranks after its legal framework (one draw per row).
        draw = {r.id: rng.random() for r, _d in rows}
        priority = sorted(rows, key=lambda rd: -SECTION_WEIGHT[rd[0].section]
                          * (0.6 if rd[1] == "enforcement" else 1.0) * draw[rd[0].id])
        addenda = []
        for i, year in enumerate(years, start=1):
            approved = _approval_day(rng, year)
            addenda = [d.isoformat() for d in additional if d < approved]
            status = MatrixVersion.Status.PUBLISHED if i < len(years) or rng.random() < 0.9 \
                else MatrixVersion.Status.APPROVED
            versions.append(MatrixVersion(matrix=matrix, number=i, template=template, status=status,
                                          report_date=report, addenda_dates=list(addenda),
                                          approved_on=approved))
            planned.append((state, priority, round(AVERAGE[year] * factor), approved))
        if state.iso3 in DRAFT_STATES:
            versions.append(MatrixVersion(matrix=matrix, number=len(years) + 1, template=template,
                                          report_date=report, addenda_dates=list(addenda)))
            planned.append((state, priority, round(AVERAGE[2024] * factor) + 8, None))
    MatrixVersion.objects.bulk_create(versions, batch_size=1000)
    cells, sources = [], {}
    last_day = {}
    for version, (state, priority, target, approved) in zip(versions, planned, strict=True):
        # a draft's new sources date from before the draft (its last approved version's day)
        approved = last_day[state.pk] = approved or last_day.get(state.pk) or dt.date(2024, 12, 31)
        held = regimes.get(state.pk, set())
        regime_codes = {REGIMES[c] for c in held}
        chosen = [rd for rd in priority if rd[0].code not in REGIMES.values()][:max(0, target - len(held))]
        doubtful = priority[target:target + 6]
        for row, dimension in chosen:  # a cell keeps its source from one version to the next
            source = sources.get((state.pk, row.id, dimension))
            if source is None:
                source = sources[(state.pk, row.id, dimension)] = _source(rng, row, state, approved,
                                                                           state.pk in reports)
            cells.append(Cell(version=version, field_id=row.id, dimension=dimension, value="X",
                              source=source))
        for row, dimension in doubtful:
            if row.code not in regime_codes:
                cells.append(Cell(version=version, field_id=row.id, dimension=dimension, value="?",
                                  remarks="Reference incomplete: confirm with the State"))
        for code in sorted(regime_codes):
            cells.append(Cell(version=version, field_id=lay.by_code[code].id, dimension="single", value="X",
                              source="Participating government (registry membership)"))
        if "NSG" not in held and rng.random() < 0.3:  # (an X chosen above wins: conflicts ignored)
            cells.append(Cell(version=version, field_id=lay.by_code["OP3AB.NW.01"].id, dimension="legal",
                              value="NA", remarks="No nuclear material production on the territory"))
    Cell.objects.bulk_create(cells, batch_size=5000, ignore_conflicts=True)
    refresh_measures([v.pk for v in versions])
    return {"matrices": len(matrices), "versions": len(versions), "cells": len(cells)}


def clear() -> None:
    """Delete the illustrative matrices (only while the illustrative dataset is marked loaded)."""
    if not IllustrativeDataset.objects.exists():
        return
    Cell.objects.all().delete()
    MatrixVersion.objects.all().delete()
    Matrix.objects.all().delete()
