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
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from clearinghouse.audit.log import record

from .safezip import UnsafeArchive, check_archive
from .text import clean_text, scrub

MAX_PROBLEMS = 200
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_FIELD = 131_072  # characters in one CSV field or cell (the csv module's own default)
MAX_DEPTH = 64  # levels of JSON nesting named in the message when the parser gives up
_CSV_LOCK = threading.Lock()


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
    """Rows of a CSV, XLSX or JSON file, each with the line a person would look at.

    Bounded before anything is parsed: an XLSX is checked as an archive (``core.safezip``: no
    zip bomb), at most MAX_ROWS rows and MAX_COLUMNS columns are read, a field holds at most
    MAX_FIELD characters, JSON nests at most MAX_DEPTH levels. Every string loses the control
    characters no store or document can hold (``core.text``). A file out of bounds raises
    ImportFailed naming file, line and field.
    """
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return _csv_rows(name, content)
    if suffix == ".xlsx":
        return _xlsx_rows(name, content)
    if suffix == ".json":
        data = load_json(name, content)
        if isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), list):
            data = next(iter(data.values()))
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise ImportFailed([Problem(name, None, None, "must hold a list of objects")])
        if len(data) > MAX_ROWS:
            raise ImportFailed([Problem(name, None, None, _too_many_rows(len(data)))])
        columns = sorted({str(k) for item in data for k in item})
        # JSON has no useful line numbers per object: the position is reported as "line" N (1-based).
        return columns, [Row(i, item) for i, item in enumerate(data, start=1)]
    raise ImportFailed([Problem(name, None, None, f"unsupported file type {suffix or '(none)'}: use .csv, .xlsx or .json")])


def _too_many_rows(count: int | str) -> str:
    return f"has {count} rows; at most {MAX_ROWS:,} rows are read at once: split the file"


@contextmanager
def _csv_field_limit(limit: int):
    """Let the csv module read fields up to ``limit`` characters (we check their length ourselves,
    naming the line and column); the module's limit is global, so one reader at a time."""
    with _CSV_LOCK:
        old = csv.field_size_limit(max(limit, csv.field_size_limit()))
        try:
            yield
        finally:
            csv.field_size_limit(old)


DELIMITERS = (",", ";", "\t")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: comma, semicolon (spreadsheets in French, Spanish, Russian
    locales write it) or tab, whichever separates most fields of the header line (outside
    quotes); a comma when there is a tie or none."""
    header, quoted = [], False
    for char in text[:65_536]:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(char)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _csv_rows(name: str, content: bytes) -> tuple[list[str], list[Row]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        raise ImportFailed([Problem(name, line, None, "is not UTF-8 text")]) from None
    problems = Problems(name)
    rows: list[Row] = []
    with _csv_field_limit(len(text) + 1):
        reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text))
        try:
            header = next(reader, [])
            columns = [clean_text(c, multiline=False).strip() for c in header]
            start = reader.line_num + 1
            for raw in reader:
                if len(rows) >= MAX_ROWS:
                    raise ImportFailed([Problem(name, start, None, _too_many_rows(
                        f"more than {MAX_ROWS:,}"))])
                values = {}
                for column, value in zip(columns, raw, strict=False):
                    if len(value) > MAX_FIELD:
                        problems.add(start, column or None, f"holds {len(value):,} characters "
                                     f"(at most {MAX_FIELD:,})")
                        value = ""
                    values[column] = clean_text(value)
                if any(v.strip() for v in values.values()):
                    rows.append(Row(start, values))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise ImportFailed([Problem(name, reader.line_num or None, None,
                                        f"is not valid CSV ({exc})")]) from None
    if problems:
        raise ImportFailed(problems.items)
    return columns, rows


def _xlsx_rows(name: str, content: bytes) -> tuple[list[str], list[Row]]:
    from openpyxl import load_workbook

    try:
        check_archive(content)
    except UnsafeArchive as exc:
        raise ImportFailed([Problem(name, None, None, str(exc))]) from None
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # the declared size may lie: read the rows that are there
        it = ws.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        header = next(it, None) or ()
        columns = [clean_text(str(c), multiline=False).strip() if c is not None else ""
                   for c in header]
        while columns and not columns[-1]:
            columns.pop()
        rows = []
        for i, values in enumerate(it, start=2):
            if i > MAX_ROWS + 1:
                raise ImportFailed([Problem(name, i, None, _too_many_rows(
                    f"more than {MAX_ROWS:,}"))])
            if values and values.count(None) < len(values) and any(v not in (None, "") for v in values):
                rows.append(Row(i, {c: _cell(v) for c, v in zip(columns, values, strict=False) if c}))
    except ImportFailed:
        raise
    except Exception:  # openpyxl raises many kinds for a broken file
        raise ImportFailed([Problem(name, None, None, "is not a readable XLSX workbook")]) from None
    return columns, rows


def load_json(name: str, content: bytes):
    """A JSON document, its strings cleaned; ImportFailed naming the line of a problem.

    Nesting too deep for Python's parser (about a thousand levels) is reported with the line
    where it passes MAX_DEPTH levels, never as an internal error.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        raise ImportFailed([Problem(name, line, None, "is not UTF-8 text")]) from None
    try:
        return scrub(json.loads(text))
    except json.JSONDecodeError as exc:
        raise ImportFailed([Problem(name, exc.lineno, None, f"is not valid JSON ({exc.msg}, "
                                                            f"column {exc.colno})")]) from None
    except RecursionError:
        raise ImportFailed([Problem(name, _too_deep(text, MAX_DEPTH), None,
                                    f"nests arrays or objects too deeply (more than {MAX_DEPTH} "
                                    "levels from this line on)")]) from None


def _too_deep(text: str, limit: int) -> int | None:
    """The line where brackets first nest deeper than ``limit`` (outside strings), or None."""
    depth, in_string, escaped, line = 0, False, False, 1
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            elif char == "\n":
                line += 1
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
        elif char in "]}":
            depth -= 1
        elif char == "\n":
            line += 1
    return None


def _cell(value):
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


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


def run_import(kind: str, name: str, content: bytes, actor, *, dry_run: bool = False,
               progress=None, on_written=None) -> Outcome:
    """Validate the whole file; if nothing is wrong (and not a dry run) write it in one transaction.

    ``progress(percent, message)``, if given, is told when the file is read, checked and written
    (a background import shows it to the person who started it). ``on_written(outcome)``, if
    given, runs inside the write's transaction (a background job records its end there)."""
    def step(percent: int, message: str) -> None:
        if progress is not None:
            progress(percent, message)

    try:
        importer = IMPORTERS[kind]()
    except KeyError:
        known = ", ".join(sorted(IMPORTERS))
        raise ImportFailed([Problem(name, None, None, f'unknown kind "{kind}": use one of {known}')]) from None
    display = Path(name).name
    columns, rows = importer.read(display, content)
    step(20, gettext_noop("Checking every row"))
    problems = Problems(display)
    missing = [c for c in importer.required if c not in columns]
    if missing:
        hint = ""
        if any(d in c for c in columns for d in (";", "\t", ",", "|")):
            hint = " (is the file separated by another character? commas, semicolons and tabs are read)"
        problems.add(1, ", ".join(missing),
                     f"missing column(s); the file has: {', '.join(columns) or 'none'}{hint}")
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
    step(60, gettext_noop("Writing the records"))
    with transaction.atomic():
        summary = importer.write(plan, actor)
        record(actor, f"import.{kind}", None, {"file": display, "rows": len(rows), **summary},
               label=display)
        outcome = Outcome(kind, display, len(rows), summary, preview, True)
        if on_written is not None:
            on_written(outcome)
    return outcome
