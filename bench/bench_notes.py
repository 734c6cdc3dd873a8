"""Benchmark of Information Note import and rendering (issue 5 targets).

Run: python bench/bench_notes.py  -- prints rows: name, measured, target.
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

    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'measured':>9}  target")
    for name, measured, target in rows:
        print(f"{name:<{width}}  {measured:>9}  {target}")


if __name__ == "__main__":
    main()
