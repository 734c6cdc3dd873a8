"""Illustrative matrices for every Member State (``clearinghouse demo``): NOT the Committee's.

Each State gets 1 to 3 versions approved in 2008, 2011, 2016, 2020 or 2024 (the latest
published), and Kazakhstan and a few others an open draft. Cell values are plausible, not
real: OP1 follows the State's real regime memberships (NSG, AG, MTCR, Wassenaar) where the
registry has them, and the number of X grows with the State's memberships and with the year,
so that the average is near the published trend (93 fields per State in 2008, 128 in 2011).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Count

from clearinghouse.core.models import IllustrativeDataset
from clearinghouse.registry.models import Membership, State

from . import queries
from .actions import refresh_measures
from .models import Cell, Matrix, MatrixVersion

YEARS = (2008, 2011, 2016, 2020, 2024)
AVERAGE = {2008: 93, 2011: 125, 2016: 150, 2020: 163, 2024: 172}
REGIMES = {"NSG": "OP1.NSG", "AG": "OP1.AG", "MTCR": "OP1.MTCR", "WA": "OP1.WA"}
DRAFT_STATES = ("KAZ", "KGZ", "GHA", "PER", "VNM")
SECTION_WEIGHT = {"OP1": 3.0, "OP2": 2.0, "OP3AB": 1.0, "OP3CD": 0.8}
SOURCES = {
    "OP1": "Instrument of ratification deposited ({year})",
    "OP2": "Criminal Code, art. {art}",
    "OP3AB": "Law on {topic}, art. {art}",
    "OP3CD": "Law on export control, art. {art}",
}
TOPICS = {"NW": "the use of atomic energy", "CW": "chemical safety", "BW": "biosafety"}


def _approval_day(rng, year):
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _source(rng, row, year):
    template = SOURCES.get(row.section, "Official information")
    return template.format(year=rng.randint(1970, min(year, 2004)), art=rng.randint(1, 250),
                           topic=TOPICS.get(row.weapon, "related materials"))


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
    versions, planned = [], []
    for state, matrix in zip(states, matrices, strict=True):
        factor = 0.75 + 0.1 * min(5, breadth.get(state.pk, 0)) + rng.uniform(-0.12, 0.12)
        first = rng.choice(YEARS[:3])
        later = [y for y in YEARS if y > first]
        years = sorted([first, *rng.sample(later, min(len(later), rng.randint(0, 2)))])
        # A fixed priority per cell: a new version's X are a superset of the previous ones.
        # Enforcement of a row ranks after its legal framework (one draw per row).
        draw = {r.id: rng.random() for r, _d in rows}
        priority = sorted(rows, key=lambda rd: -SECTION_WEIGHT[rd[0].section]
                          * (0.6 if rd[1] == "enforcement" else 1.0) * draw[rd[0].id])
        report = dt.date(2004, 10, 1) + dt.timedelta(days=rng.randint(0, 700))
        addenda = []
        for i, year in enumerate(years, start=1):
            approved = _approval_day(rng, year)
            addendum = approved - dt.timedelta(days=rng.randint(60, 400))
            if addendum > report:
                addenda.append(addendum.isoformat())
            status = MatrixVersion.Status.PUBLISHED if i < len(years) or rng.random() < 0.9 \
                else MatrixVersion.Status.APPROVED
            versions.append(MatrixVersion(matrix=matrix, number=i, template=template, status=status,
                                          report_date=report, addenda_dates=list(addenda),
                                          approved_on=approved))
            planned.append((state, priority, round(AVERAGE[year] * factor), year))
        if state.iso3 in DRAFT_STATES:
            versions.append(MatrixVersion(matrix=matrix, number=len(years) + 1, template=template,
                                          report_date=report, addenda_dates=list(addenda)))
            planned.append((state, priority, round(AVERAGE[2024] * factor) + 8, 2026))
    MatrixVersion.objects.bulk_create(versions, batch_size=1000)
    cells, sources = [], {}
    for version, (state, priority, target, year) in zip(versions, planned, strict=True):
        held = regimes.get(state.pk, set())
        regime_codes = {REGIMES[c] for c in held}
        chosen = [rd for rd in priority if rd[0].code not in REGIMES.values()][:max(0, target - len(held))]
        doubtful = priority[target:target + 6]
        for row, dimension in chosen:  # a cell keeps its source from one version to the next
            source = sources.setdefault((state.pk, row.id, dimension), _source(rng, row, year))
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
