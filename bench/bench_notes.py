"""Benchmark of Information Note import and rendering (issue 5 targets).

Run: python bench/bench_notes.py  -- prints rows: name, measured, target.
     python bench/bench_notes.py --evaluate  -- how well the notes in the genre are read.
"""

from __future__ import annotations

import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clearinghouse.outreach.notes.parser import extract_text, parse_file, parse_note  # noqa: E402
from clearinghouse.outreach.notes.render import render_markdown, render_pdf  # noqa: E402
from clearinghouse.registry.resolver import Resolver  # noqa: E402

DATA = ROOT / "tests" / "data" / "notes"


def main() -> None:
    resolve = lru_cache(maxsize=None)(Resolver.from_data_files().resolve)
    notes = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md") and p.stem != "README")
    parsed = [parse_file(p, resolve) for p in notes]
    texts = [render_markdown(n) for n in parsed] + [p.read_text("utf-8") for p in notes]
    rows = []

    t = time.perf_counter()
    for i in range(1000):
        parse_note(texts[i % len(texts)], resolve)
    rate = 1000 / (time.perf_counter() - t)
    rows.append(("import 1,000 text notes (notes/s)", f"{rate:.0f}", ">= 200"))

    with tempfile.TemporaryDirectory() as tmp:
        pdfs = []
        t = time.perf_counter()
        for i in range(100):
            note = parsed[i % len(parsed)]
            path = Path(tmp) / f"note{i}.pdf"
            path.write_bytes(render_pdf(note))
            if i < 50:
                pdfs.append(path)
        render_s = time.perf_counter() - t
        t = time.perf_counter()
        for i in range(1000):
            path = pdfs[i % len(pdfs)]
            parse_note(extract_text(path), resolve, filename=path.name)
        pdf_rate = 1000 / (time.perf_counter() - t)
    rows.append(("import 1,000 PDF notes (50 files x 20; notes/s)", f"{pdf_rate:.0f}", ">= 20"))
    rows.append(("render 100 notes to PDF (s)", f"{render_s:.1f}", "< 30"))

    rows += bench_database(texts)

    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'measured':>9}  target")
    for name, measured, target in rows:
        print(f"{name:<{width}}  {measured:>9}  {target}")


def bench_database(texts: list[str]) -> list[tuple[str, str, str]]:
    """Import through the Django path (read, plan, write drafts with audit) into a fresh
    SQLite database in a temporary folder; the registry's reference data loaded first."""
    import os

    tmp = tempfile.mkdtemp(prefix="bench-notes-")
    os.environ["CLEARINGHOUSE_VAR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from clearinghouse.outreach import actions
    from clearinghouse.outreach.importing import plan_files
    from clearinghouse.registry.loading import load_reference_data

    call_command("migrate", verbosity=0)
    load_reference_data("bench")
    files = [(f"note{i}.txt", texts[i % len(texts)].encode()) for i in range(200)]
    t = time.perf_counter()
    plans = plan_files(files)
    actions.import_notes("bench", plans)
    rate = len(files) / (time.perf_counter() - t)
    from django.db import connections

    connections.close_all()
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return [("import 200 text notes into the database as drafts (notes/s)", f"{rate:.0f}",
             "(no target)")]


def evaluate() -> None:
    """Per-note and overall figures on the notes written in the genre (tests/data/notes-genre):
    F1 for States and for intergovernmental organisations, dates and venues exact."""
    from clearinghouse.outreach.notes.evaluation import load_expected, score, totals
    from clearinghouse.registry.reference import INTERGOVERNMENTAL_KINDS, load_reference

    ref = load_reference()
    kinds = {o.code: o.kind for o in ref.organisations}
    states = {s.iso3 for s in ref.states}
    resolve = lru_cache(maxsize=None)(Resolver.from_data_files().resolve)
    genre = ROOT / "tests" / "data" / "notes-genre"
    scores = []
    for path in sorted(p for p in genre.iterdir() if p.suffix == ".txt"):
        expected = load_expected(path.with_name(path.stem + ".expected.json"))
        scores.append(score(path.stem, parse_file(path, resolve), expected, kinds, states,
                            INTERGOVERNMENTAL_KINDS))
    width = max(len(s.name) for s in scores)
    print(f"{'note':<{width}}  States F1  IGO F1  dates  venue  read exactly")
    for s in scores:
        print(f"{s.name:<{width}}  {s.states.f1:9.3f}  {s.igos.f1:6.3f}  {'yes' if s.dates_exact else 'NO':>5}"
              f"  {'yes' if s.venue_exact else 'NO':>5}  {'yes' if not s.differences else 'NO'}")
    t = totals(scores)
    print(f"{'overall (' + str(t['notes']) + ' notes)':<{width}}  {t['states_f1']:9.3f}  "
          f"{t['igos_f1']:6.3f}  {t['dates_exact']:5.0%}  {t['venues_exact']:5.0%}  "
          f"{t['notes_read_exactly']:.0%}")


if __name__ == "__main__":
    if "--evaluate" in sys.argv:
        evaluate()
    else:
        main()
