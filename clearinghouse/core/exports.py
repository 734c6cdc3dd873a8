"""Every table exports the same way: CSV (safe against formula injection), XLSX and JSON.

A view builds a :class:`Table` from rows it already scoped with ``visible_to`` and returns
``export_response(table, fmt)``. When illustrative data is loaded, every export says so.

A table's ``columns`` are machine keys; its ``labels`` (key -> label, lazily translated) are
what people read: the page's table and the header row of CSV and XLSX, in the reader's
language. JSON always keys rows by the machine keys (and gives the labels beside them), and
``keys=True`` (``?keys=1`` on the page, ``params.export_keys``) writes the machine keys as the
CSV/XLSX header instead, for a program or for loading the file back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import defusedcsv.csv as safe_csv
from django.http import HttpResponse, JsonResponse
from django.utils.text import slugify

from .models import ILLUSTRATIVE_NOTICE, illustrative_loaded
from .text import clean_text

FORMATS = ("csv", "xlsx", "json")
XLSX_CELL_MAX = 32_767


@dataclass
class Table:
    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence] = field(default_factory=list)
    filename: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)

    def name(self) -> str:
        return self.filename or slugify(self.title) or "export"

    @property
    def headers(self) -> list[str]:
        """The columns as people read them (a column without a label: its key)."""
        return [str(self.labels.get(c, c)) for c in self.columns]


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None:
        return ""
    return value


def to_csv(table: Table, notice: str = "", *, keys: bool = False) -> bytes:
    out = io.StringIO()
    writer = safe_csv.writer(out)
    if notice:
        writer.writerow([f"# {notice}"])
    writer.writerow(list(table.columns) if keys else table.headers)
    for row in table.rows:
        writer.writerow([_plain(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, notice: str = "", *, keys: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = sheet_title(table.title)
    if notice:
        ws.append([clean_text(str(notice))])
        ws.cell(row=1, column=1).font = Font(bold=True, color="8A5A00")
    ws.append([clean_text(str(c)) for c in (table.columns if keys else table.headers)])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        values = []
        for v in row:
            v = _plain(v)
            if isinstance(v, str):
                # Rows stored before input was cleaned may hold control characters, which XLSX
                # cannot: the writer removes them. Text is kept as text, a leading formula sign
                # neutralised, and a cell holds at most 32,767 characters (Excel's limit).
                v = clean_text(v)[:XLSX_CELL_MAX]
                if v[:1] in ("=", "+", "-", "@") and not _is_number(v):
                    v = "'" + v[:XLSX_CELL_MAX - 1]
            values.append(v)
        ws.append(values)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sheet_title(title: str) -> str:
    """A worksheet name XLSX accepts: at most 31 characters, none of \\ / ? * [ ] :"""
    text = re.sub(r"[\\/?*\[\]:]", "-", clean_text(str(title or ""), multiline=False)).strip("' ")
    return text[:31] or "Export"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_json(table: Table, notice: str = "") -> dict:
    data = {
        "title": table.title,
        "columns": list(table.columns),
        **({"labels": {c: str(table.labels[c]) for c in table.columns if c in table.labels}}
           if table.labels else {}),
        "rows": [dict(zip(table.columns, (_plain(v) for v in row), strict=False)) for row in table.rows],
    }
    if notice:
        data["illustrative"] = True
        data["notice"] = str(notice)
    return data


def export_response(table: Table, fmt: str, *, keys: bool = False) -> HttpResponse:
    """``keys``: the CSV/XLSX header row holds the machine keys, not the labels."""
    notice = str(ILLUSTRATIVE_NOTICE) if illustrative_loaded() else ""
    table.rows = list(table.rows)
    if fmt == "csv":
        response = HttpResponse(to_csv(table, notice, keys=keys),
                                content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            to_xlsx(table, notice, keys=keys),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "json":
        response = JsonResponse(to_json(table, notice), json_dumps_params={"ensure_ascii": False})
    else:
        return HttpResponse(
            f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{table.name()}.{fmt}"'
    return response
