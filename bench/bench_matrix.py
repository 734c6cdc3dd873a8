"""Benchmarks of the 1540 Matrix on a generated dataset far beyond today's.

    python bench/bench_matrix.py [--versions 20] [--cells 100]

A fresh SQLite database in a temporary folder: the reference data, then 20 versions of every
Member State's matrix with about 100 cells each (~400,000 cells). Measures the server time of
a State's matrix page (target < 100 ms) and of the counts across a region and an organisation,
then loads 100,000 cells from a CSV file through the importer (target < 30 s).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["CLEARINGHOUSE_VAR"] = tempfile.mkdtemp(prefix="bench-matrix-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Pages read static files from the source folders (no collectstatic manifest in a fresh folder).
settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from clearinghouse.accounts.models import Role, User  # noqa: E402
from clearinghouse.core.importing import run_import  # noqa: E402
from clearinghouse.matrix import queries  # noqa: E402
from clearinghouse.matrix.actions import refresh_measures  # noqa: E402
from clearinghouse.matrix.models import Cell, Matrix, MatrixVersion  # noqa: E402
from clearinghouse.registry.models import State  # noqa: E402


def generate(versions_per_state: int, cells_per_version: int, seed: int = 1540) -> int:
    rng = random.Random(seed)
    lay = queries.layout()
    template = queries.current_template()
    slots = [(r.id, d) for s in lay.sections for g in s.groups for r in g.rows for d in r.dimensions]
    states = list(State.objects.members().order_by("iso3"))
    matrices = Matrix.objects.bulk_create([Matrix(state=s) for s in states])
    versions = []
    for matrix in matrices:
        for n in range(1, versions_per_state + 1):
            year = 2004 + n
            versions.append(MatrixVersion(matrix=matrix, number=n, template=template, status="published",
                                          approved_on=f"{year}-06-30", report_date="2004-10-28"))
    MatrixVersion.objects.bulk_create(versions, batch_size=2000)
    total = 0
    batch = []
    for version in versions:
        for field_id, dimension in rng.sample(slots, cells_per_version):
            value = "X" if rng.random() < 0.8 else rng.choice(["?", "NA"])
            batch.append(Cell(version=version, field_id=field_id, dimension=dimension, value=value,
                              source=f"Law {rng.randint(1, 999)}, art. {rng.randint(1, 200)}"))
        if len(batch) >= 20000:
            Cell.objects.bulk_create(batch, batch_size=5000)
            total += len(batch)
            batch = []
    Cell.objects.bulk_create(batch, batch_size=5000)
    total += len(batch)
    refresh_measures([v.pk for v in versions])
    return total


def timed(fn, runs: int = 15) -> tuple[float, int]:
    fn()  # warm-up
    times = []
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fn()
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, len(executed)


def cells_csv(n: int, seed: int = 7) -> bytes:
    """n cells in two new versions (21 and 22) of every State's matrix, States named as people write them."""
    rng = random.Random(seed)
    lay = queries.layout()
    slots = [(r.code, d) for s in lay.sections for g in s.groups for r in g.rows for d in r.dimensions]
    states = list(State.objects.members().values_list("iso3", "short_name"))
    out = io.StringIO()
    out.write("state,version,field,dimension,value,source,remarks\n")
    written = 0
    for number in (21, 22):
        for iso3, name in states:
            for code, dimension in slots:
                if written >= n:
                    return out.getvalue().encode()
                state = name if rng.random() < 0.5 else iso3
                value = rng.choice(["X", "X", "X", "?", "NA", ""])
                src = f'"Law {rng.randint(1, 999)}, art. {rng.randint(1, 99)}"'
                out.write(f'"{state}",{number},{code},{"" if dimension == "single" else dimension},'
                          f"{value},{src},\n")
                written += 1
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=20)
    parser.add_argument("--cells", type=int, default=100, help="cells per version")
    parser.add_argument("--load", type=int, default=100_000, help="cells in the CSV load")
    args = parser.parse_args()

    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    setup_test_environment()
    call_command("init", verbosity=0, stdout=io.StringIO())
    start = time.perf_counter()
    total = generate(args.versions, args.cells)
    built = time.perf_counter() - start
    rows = [("dataset: versions per State x States", f"{args.versions} x {Matrix.objects.count()}", "-"),
            ("dataset: matrix cells", f"{total:,} (built in {built:.1f} s)", "~400,000")]

    expert = User.objects.create(username="bench-expert", role=Role.EXPERT)
    public, staff = Client(), Client()
    staff.force_login(expert)
    for label, client in (("public", public), ("expert", staff)):
        ms, n = timed(lambda c=client: c.get("/matrix/KAZ/"))
        rows.append((f"State matrix page /matrix/KAZ/ ({label})", f"{ms:.1f} ms, {n} queries", "< 100 ms"))
    ms, n = timed(lambda: staff.get("/matrix/KAZ/?version=3"))
    rows.append(("State matrix page, an older version", f"{ms:.1f} ms, {n} queries", "< 100 ms"))
    ms, n = timed(lambda: staff.get("/matrix/KAZ/diff/?from=1&to=20"))
    rows.append(("difference between versions 1 and 20", f"{ms:.1f} ms, {n} queries", "< 100 ms"))
    ms, n = timed(lambda: public.get("/states/KAZ/"))
    rows.append(("State page /states/KAZ/ (all panels)", f"{ms:.1f} ms, {n} queries", "< 100 ms"))
    for label, filters in (("region Asia", {"region": "Asia"}), ("organisation OSCE", {"organisation": "OSCE"}),
                           ("all States", {})):
        def counts(f=filters):
            latest = queries.latest_versions(expert, f)
            queries.distribution(queries.layout(), latest)
            queries.trend_by_year(expert, f)

        ms, n = timed(counts)
        rows.append((f"counts per section + trend, {label}", f"{ms:.1f} ms, {n} queries", "-"))
    ms, n = timed(lambda: public.get("/matrix/?region=Asia"), runs=5)
    rows.append(("overview page /matrix/?region=Asia", f"{ms:.1f} ms, {n} queries", "-"))

    content = cells_csv(args.load)
    start = time.perf_counter()
    outcome = run_import("matrix", "bench-cells.csv", content, "bench")
    elapsed = time.perf_counter() - start
    rows.append((f"load {outcome.rows:,} cells from CSV", f"{elapsed:.1f} s "
                 f"({outcome.summary['versions created']} versions)", "< 30 s"))

    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'measured':<36}  target")
    for name, measured, target in rows:
        print(f"{name.ljust(width)}  {measured:<36}  {target}")


if __name__ == "__main__":
    main()
