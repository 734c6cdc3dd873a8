"""Benchmark of hostile files: how fast (and in how much memory) each is refused (issue 8C).

Run: python bench/bench_hostile.py  -- prints rows: name, seconds, peak MB, target.
The files are built here, as the findings described them: a 1.4 MB DOCX expanding to 600 MB,
an XLSX of 3 million rows, a note DOCX of 6 MB of text, deep JSON, a CSV field of 200,000
characters, a PDF of 1,001 pages. Before the fixes the first took 32 s and 1.9 GB (accepted),
the XLSX 95 s and 2 GB.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
os.environ.setdefault("CLEARINGHOUSE_VAR", tempfile.mkdtemp(prefix="bench-hostile-"))

import django  # noqa: E402

django.setup()

from clearinghouse.core.importing import ImportFailed, read_rows  # noqa: E402
from clearinghouse.outreach.notes.parser import extract_text as note_text  # noqa: E402
from clearinghouse.reporting.documents import DocumentError, extract_text  # noqa: E402
from tests.hostile import bombs  # noqa: E402


def _attempt(fn, args) -> str:
    try:
        fn(*args)
    except (DocumentError, ImportFailed, ValueError) as exc:
        return str(exc)
    return "ACCEPTED"


def refused(fn, *args) -> tuple[float, float, str]:
    """(seconds to refuse, peak MB of Python allocations while refusing, the message).

    Time and memory are measured in two runs: tracing allocations slows the code down."""
    t = time.perf_counter()
    message = _attempt(fn, args)
    seconds = time.perf_counter() - t
    tracemalloc.start()
    _attempt(fn, args)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak, message


def main() -> None:
    docx = bombs.docx_bomb(600)
    xlsx = bombs.xlsx_bomb(3_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        note = Path(tmp) / "note.docx"
        note.write_bytes(bombs.docx_of_words(6))
        cases = [
            (f"report DOCX bomb ({len(docx) / 1e6:.1f} MB -> 600 MB)", extract_text,
             ("bomb.docx", docx)),
            (f"importer XLSX bomb ({len(xlsx) / 1e6:.1f} MB, 3,000,000 rows)", read_rows,
             ("bomb.xlsx", xlsx)),
            ("note DOCX of 6 MB of text", note_text, (note,)),
            ("importer JSON nested 100,000 deep", read_rows, ("deep.json", bombs.deep_json())),
            ("importer CSV field of 200,000 characters", read_rows,
             ("long.csv", bombs.csv_with_long_field(200_000))),
            ("report PDF of 1,001 pages", extract_text, ("long.pdf", bombs.pdf_of_pages(1_001))),
        ]
        rows = [(name, *refused(fn, *args)) for name, fn, args in cases]
    width = max(len(r[0]) for r in rows)
    print(f"{'refusal':<{width}}  {'seconds':>7}  {'peak MB':>7}  target  message")
    for name, seconds, peak, message in rows:
        print(f"{name:<{width}}  {seconds:>7.3f}  {peak:>7.1f}  < 1 s   {message[:90]}")


if __name__ == "__main__":
    main()
