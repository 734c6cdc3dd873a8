"""Importers: read a file (CSV, XLSX or JSON), validate everything, then write in one transaction.

After pretix's ``modelimport``: an importer first turns every row into a planned change or a
:class:`Problem` naming file, line and field; only when there is no problem at all does it
write, inside one transaction, with its audit entry. The same importers serve
``clearinghouse load KIND FILE`` and the experts' upload page (with a preview).

A domain registers an importer with :func:`register`::

    @register
    class ReportImporter(Importer):
        kind = "reports"
        label = "National reports"
        required = ("state", "kind", "date")
        def validate(self, rows, problems) -> plan
        def write(self, plan, actor) -> dict   # runs inside the transaction
        def preview(self, plan) -> list[dict]  # optional, for the upload page
"""

from __future__ import annotations

import abc
import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from clearinghouse.audit.log import record

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems[:MAX_PROBLEMS]))


@dataclass
class Row:
    line: int
    values: dict[str, Any]

    def get(self, key: str, default: str = "") -> Any:
        value = self.values.get(key, default)
        if isinstance(value, str):
            return value.strip()
        return default if value is None else value


@dataclass
class Problems:
    file: str
    items: list[Problem] = field(default_factory=list)

    def add(self, line: int | None, field_name: str | None, message: str) -> None:
        self.items.append(Problem(self.file, line, field_name, message))

    def __bool__(self) -> bool:
        return bool(self.items)


def read_rows(name: str, content: bytes) -> tuple[list[str], list[Row]]:
    """Rows of a CSV, XLSX or JSON file, each with the line a person would look at."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFailed([Problem(name, None, None, "is not UTF-8 text")]) from None
        reader = csv.DictReader(io.StringIO(text))
        columns = [c.strip() for c in (reader.fieldnames or [])]
        rows = []
        for i, raw in enumerate(reader, start=2):
            values = {(k or "").strip(): v for k, v in raw.items() if k is not None}
            if any((v or "").strip() for v in values.values() if isinstance(v, str)):
                rows.append(Row(i, values))
        return columns, rows
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a broken file
            raise ImportFailed([Problem(name, None, None, "is not a readable XLSX workbook")]) from None
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        header = next(it, None) or ()
        columns = [str(c).strip() if c is not None else "" for c in header]
        rows = []
        for i, values in enumerate(it, start=2):
            if values and any(v not in (None, "") for v in values):
                rows.append(Row(i, {c: _cell(v) for c, v in zip(columns, values, strict=False) if c}))
        return columns, rows
    if suffix == ".json":
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportFailed([Problem(name, getattr(exc, "lineno", None), None,
                                        f"is not valid JSON ({exc})")]) from None
        if isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), list):
            data = next(iter(data.values()))
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise ImportFailed([Problem(name, None, None, "must hold a list of objects")])
        columns = sorted({k for item in data for k in item})
        # JSON has no useful line numbers per object: the position is reported as "line" N (1-based).
        return columns, [Row(i, item) for i, item in enumerate(data, start=1)]
    raise ImportFailed([Problem(name, None, None, f"unsupported file type {suffix or '(none)'}: use .csv, .xlsx or .json")])


def _cell(value):
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_date(row: Row, column: str, problems: Problems, required: bool = True) -> dt.date | None:
    value = row.get(column)
    if not value:
        if required:
            problems.add(row.line, column, "is required")
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.add(row.line, column, f'"{value}" is not a date (YYYY-MM-DD)')
        return None


def resolve_state(row: Row, column: str, problems: Problems, states: dict | None = None):
    """The State a cell names (through the registry's resolver), or a problem saying why not."""
    from clearinghouse.registry.models import State
    from clearinghouse.registry.services import resolve

    value = row.get(column)
    if not value:
        problems.add(row.line, column, "is required")
        return None
    result = resolve(str(value))
    if result.match is None or result.match.kind != "state":
        problems.add(row.line, column, result.problem or f'"{value}" names an organisation, not a State')
        return None
    if result.confidence < 0.85:
        problems.add(row.line, column, f'"{value}" is not a confident match ({result.note}); write the name in full')
        return None
    if states is not None:
        return states.get(result.match.code)
    return State.objects.get(iso3=result.match.code)


class Importer(abc.ABC):
    kind: str = ""
    label: str = ""
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    description: str = ""

    @abc.abstractmethod
    def validate(self, rows: list[Row], problems: Problems) -> Any:
        """Every row checked; returns the plan of what to write (problems added, nothing written)."""

    @abc.abstractmethod
    def write(self, plan: Any, actor) -> dict:
        """Write the plan (inside the import's transaction); returns counts for the summary."""

    def preview(self, plan: Any) -> list[dict]:
        return []

    def read(self, name: str, content: bytes) -> tuple[list[str], list[Row]]:
        """The file's columns and rows; an importer of a structured document may override it."""
        return read_rows(name, content)


IMPORTERS: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    IMPORTERS[cls.kind] = cls
    return cls


@dataclass
class Outcome:
    kind: str
    file: str
    rows: int
    summary: dict
    preview: list[dict]
    written: bool


def run_import(kind: str, name: str, content: bytes, actor, *, dry_run: bool = False) -> Outcome:
    """Validate the whole file; if nothing is wrong (and not a dry run) write it in one transaction."""
    try:
        importer = IMPORTERS[kind]()
    except KeyError:
        known = ", ".join(sorted(IMPORTERS))
        raise ImportFailed([Problem(name, None, None, f'unknown kind "{kind}": use one of {known}')]) from None
    display = Path(name).name
    columns, rows = importer.read(display, content)
    problems = Problems(display)
    missing = [c for c in importer.required if c not in columns]
    if missing:
        problems.add(1, ", ".join(missing), f"missing column(s); the file has: {', '.join(columns) or 'none'}")
        raise ImportFailed(problems.items)
    if not rows:
        problems.add(None, None, "has no rows")
        raise ImportFailed(problems.items)
    plan = importer.validate(rows, problems)
    if problems:
        raise ImportFailed(problems.items)
    preview = importer.preview(plan)
    if dry_run:
        return Outcome(kind, display, len(rows), {}, preview, False)
    with transaction.atomic():
        summary = importer.write(plan, actor)
        record(actor, f"import.{kind}", None, {"file": display, "rows": len(rows), **summary},
               label=display)
    return Outcome(kind, display, len(rows), summary, preview, True)
