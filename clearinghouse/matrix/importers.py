"""``clearinghouse load matrix FILE``: cells of States' matrices from CSV, XLSX or JSON.

Columns: ``state, version, date, field, dimension, value, source, remarks`` (``version`` or
``date`` may be left out; see docs/matrix.md). Everything is checked first (State through the
registry's resolver, field code of the template, dimension, value, duplicates, versions that
are no longer drafts); then one transaction writes, with bulk inserts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.importing import Importer, Problems, Row, register, resolve_state
from clearinghouse.registry.models import State

from . import queries
from .actions import refresh_measures
from .models import Cell, Matrix, MatrixVersion

VALUE_ALIASES = {"x": "X", "?": "?", "na": "NA", "n/a": "NA", "": ""}
DIMENSION_ALIASES = {
    "legal": "legal", "legal framework": "legal", "national legal framework": "legal", "l": "legal",
    "enforcement": "enforcement", "e": "enforcement", "single": "single", "": "",
}


@dataclass
class VersionPlan:
    state: State
    number: int | None  # None: the State's open draft, or a new one
    report_date: dt.date | None
    existing: MatrixVersion | None
    cells: dict = field(default_factory=dict)  # (field id, dimension) -> (value, source, remarks)


@register
class MatrixCellImporter(Importer):
    kind = "matrix"
    label = _("1540 Matrix cells")
    required = ("state", "field", "value")
    optional = ("version", "date", "dimension", "source", "remarks")
    description = _(
        "One row per cell: state (name or ISO code), version (number; or date: the matrix's date of "
        "report), field (template code, e.g. OP2.NW.01), dimension (legal or enforcement; empty for "
        "OP1), value (X, ?, NA or empty), source, remarks. A version that does not exist yet is "
        "created as a draft; approved or published versions cannot be changed."
    )

    def validate(self, rows: list[Row], problems: Problems):
        lay = queries.layout()
        states = {s.iso3: s for s in State.objects.all()}
        versions = {}
        for v in MatrixVersion.objects.select_related("matrix").order_by("number"):
            versions.setdefault(v.matrix.state_id, []).append(v)
        state_cache: dict[str, State | None] = {}
        plans: dict[tuple, VersionPlan] = {}
        seen: dict[tuple, int] = {}
        for row in rows:
            state = self._state(row, problems, states, state_cache)
            code = str(row.get("field"))
            spec = lay.by_code.get(code) or lay.by_code.get(code.upper())
            if spec is None:
                problems.add(row.line, "field", f'"{code}" is not a field code of the matrix template '
                             f"(e.g. OP1.NPT, OP2.NW.01, OP3CD.BW.24)" if code else "is required")
            dimension = self._dimension(row, spec, problems)
            raw_value = str(row.get("value"))
            value = VALUE_ALIASES.get(raw_value.lower())
            if value is None:
                problems.add(row.line, "value", f'"{raw_value}" is not a matrix value: use X, ?, NA or leave it empty')
            number, report_date = self._version_key(row, problems)
            if state is None or spec is None or dimension is None or value is None or number is False:
                continue
            plan = self._plan(row, state, number, report_date, versions.get(state.pk, []), plans, problems)
            if plan is None:
                continue
            key = (id(plan), spec.id, dimension)
            if key in seen:
                problems.add(row.line, "field", f"duplicate cell: {state.iso3} {code} {dimension} is "
                             f"already on line {seen[key]}")
                continue
            seen[key] = row.line
            plan.cells[(spec.id, dimension)] = (value, str(row.get("source")), str(row.get("remarks")))
        return list(plans.values())

    # -- checks ---------------------------------------------------------------------------------

    def _state(self, row, problems, states, cache):
        text = str(row.get("state"))
        if text.upper() in states:
            return states[text.upper()]
        if text not in cache:
            before = len(problems.items)
            cache[text] = resolve_state(row, "state", problems, states)
            if cache[text] is None and len(problems.items) > before:
                cache[text + "\0problem"] = problems.items[-1].message
            return cache[text]
        if cache[text] is None:
            problems.add(row.line, "state", cache.get(text + "\0problem", "is required"))
        return cache[text]

    def _dimension(self, row, spec, problems):
        raw = str(row.get("dimension"))
        dimension = DIMENSION_ALIASES.get(raw.lower())
        if dimension is None:
            problems.add(row.line, "dimension", f'"{raw}" is not a dimension: use legal or enforcement '
                         "(empty for OP1)")
            return None
        if spec is None:
            return dimension
        if dimension == "" and len(spec.dimensions) == 1:
            return spec.dimensions[0]
        if dimension not in spec.dimensions:
            problems.add(row.line, "dimension", f'field {spec.code} has no dimension "{raw or "(empty)"}": '
                         f"use {' or '.join(spec.dimensions)}")
            return None
        return dimension

    def _version_key(self, row, problems):
        number = None
        raw = str(row.get("version"))
        if raw:
            try:
                number = int(raw)
                if number < 1:
                    raise ValueError
            except ValueError:
                problems.add(row.line, "version", f'"{raw}" is not a version number (1, 2, ...)')
                return False, None
        report_date = None
        raw_date = str(row.get("date"))
        if raw_date:
            try:
                report_date = dt.date.fromisoformat(raw_date)
            except ValueError:
                problems.add(row.line, "date", f'"{raw_date}" is not a date (YYYY-MM-DD)')
                return False, None
        return number, report_date

    def _plan(self, row, state, number, report_date, existing, plans, problems):
        key = (state.pk, number, None if number else report_date)
        if key in plans:
            return plans[key]
        found = None
        if number is not None:
            found = next((v for v in existing if v.number == number), None)
        elif report_date is not None:
            found = next((v for v in reversed(existing) if v.report_date == report_date), None)
        else:
            found = next((v for v in existing if v.is_draft), None)
        if found is not None and not found.is_draft:
            problems.add(row.line, "version", f"version {found.number} of {state} is "
                         f"{found.status}: versions are immutable once approved; load into a new version")
            plans[key] = None
            return None
        if found is None:
            draft = next((v for v in existing if v.is_draft), None)
            if draft is not None:
                problems.add(row.line, "version", f"{state} already has a draft version ({draft.number}): "
                             "load into it, or have it approved before starting a new one")
                plans[key] = None
                return None
            latest = existing[-1].number if existing else 0
            if number is not None and number <= latest:
                problems.add(row.line, "version", f"{state} has no version {number}")
                plans[key] = None
                return None
        plans[key] = VersionPlan(state, number if found is None else found.number, report_date, found)
        return plans[key]

    # -- writing --------------------------------------------------------------------------------

    def write(self, plan: list[VersionPlan], actor) -> dict:
        plan = [p for p in plan if p is not None]
        template = queries.current_template()
        matrices = {m.state_id: m for m in Matrix.objects.filter(state__in=[p.state for p in plan])}
        new_matrices = [Matrix(state=p.state) for p in plan if p.state.pk not in matrices]
        Matrix.objects.bulk_create(new_matrices)
        if new_matrices:
            matrices = {m.state_id: m for m in Matrix.objects.filter(state__in=[p.state for p in plan])}
        latest = {}
        for matrix_id, number in MatrixVersion.objects.filter(matrix__in=matrices.values()).values_list(
                "matrix_id", "number"):
            latest[matrix_id] = max(latest.get(matrix_id, 0), number)
        for p in plan:  # new versions without a number come after every numbered one
            if p.existing is None and p.number:
                matrix_id = matrices[p.state.pk].pk
                latest[matrix_id] = max(latest.get(matrix_id, 0), p.number)
        created = []
        for p in sorted(plan, key=lambda p: (p.report_date is None, p.report_date or 0)):
            if p.existing is None:
                matrix = matrices[p.state.pk]
                number = p.number
                if not number:
                    number = latest[matrix.pk] = latest.get(matrix.pk, 0) + 1
                p.existing = MatrixVersion(matrix=matrix, number=number, template=template,
                                           report_date=p.report_date)
                created.append(p.existing)
        MatrixVersion.objects.bulk_create(created)
        created_ids = {(v.matrix_id, v.number) for v in created}
        versions = {(v.matrix_id, v.number): v for v in MatrixVersion.objects.filter(matrix__in=matrices.values())}
        replaced = 0
        new_cells = []
        # A draft that already existed gets a new revision (pages opened before see a conflict
        # on the cells loaded here); its replaced cells carry it, a blanked one is kept blank.
        updated = [versions[(p.existing.matrix_id, p.existing.number)].pk for p in plan
                   if (p.existing.matrix_id, p.existing.number) not in created_ids and p.cells]
        if updated:
            who = actor.get_username() if getattr(actor, "is_authenticated", False) else str(actor)
            MatrixVersion.objects.filter(pk__in=updated).update(
                revision=F("revision") + 1, modified_at=timezone.now(),
                modified_by=actor if getattr(actor, "is_authenticated", False) else None,
                modified_by_label=who[:150])
            revisions = dict(MatrixVersion.objects.filter(pk__in=updated).values_list("pk", "revision"))
        for p in plan:
            version = versions[(p.existing.matrix_id, p.existing.number)]
            kept = set()
            if version.pk in updated:
                existing = Cell.objects.filter(version=version).values_list("id", "field_id", "dimension")
                stale = [pk for pk, f, d in existing if (f, d) in p.cells]
                kept = {(f, d) for pk, f, d in existing if (f, d) in p.cells}
                for start in range(0, len(stale), 500):
                    replaced += Cell.objects.filter(pk__in=stale[start:start + 500]).delete()[0]
            for (field_id, dimension), (value, source, remarks) in p.cells.items():
                if value or source or remarks or (field_id, dimension) in kept:
                    new_cells.append(Cell(version=version, field_id=field_id, dimension=dimension,
                                          value=value, source=source, remarks=remarks,
                                          revision=revisions[version.pk] if version.pk in updated
                                          else 1))
            p.existing = version
        Cell.objects.bulk_create(new_cells, batch_size=5000)
        cells = sum(1 for c in new_cells if c.value or c.source or c.remarks)
        refresh_measures([p.existing.pk for p in plan])
        return {"versions created": len(created), "versions updated": len(plan) - len(created),
                "cells": cells, "cells replaced": replaced}

    def preview(self, plan: list[VersionPlan]) -> list[dict]:
        return [{str(_("State")): p.state.short_name,
                 str(_("Version")): p.existing.number if p.existing
                 else (p.number or str(_("new draft"))),
                 str(_("Date of report")): p.report_date or "", str(_("Cells")): len(p.cells)}
                for p in plan if p is not None][:200]
