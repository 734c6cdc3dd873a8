"""Benchmarks of the reporting domain on a dataset far beyond today's: 40,000 reports.

    python bench/bench_reporting.py [--reports 40000]

A fresh SQLite database in a temporary CLEARINGHOUSE_VAR: `init`, then 40,000 reports
bulk-created over the Member States (one first report each, the rest additional information),
then: status as of several dates (with sub-region and organisation breakdowns), and the home
page, a State page and the status page through django.test.Client (server time, median of 7).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 7
DATES = ["2004-12-31", "2008-06-30", "2014-03-31", "2020-12-31", "today"]


def _median_ms(fn, runs=RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def setup(var: str, n_reports: int) -> None:
    os.environ["CLEARINGHOUSE_VAR"] = var
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Pages rendered without collectstatic (as in the tests), through the test client's host.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    call_command("init", verbosity=0)
    from clearinghouse.registry.models import State
    from clearinghouse.reporting.models import NationalReport

    states = list(State.objects.members().order_by("iso3"))
    reports = []
    per_state = n_reports // len(states) + 1
    for i in range(n_reports):
        state = states[i % len(states)]
        k = i // len(states)
        start = max(dt.date(2004, 4, 29), state.admitted + dt.timedelta(days=1))
        span = (dt.date.today() - start).days
        day = start + dt.timedelta(days=k * span // per_state)
        reports.append(NationalReport(
            state=state, kind="first" if k == 0 else "additional", submitted_on=day,
            status="published" if i % 10 else "submitted", title=f"Report {i}"))
    NationalReport.objects.bulk_create(reports, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=40_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reporting-") as var:
        start = time.perf_counter()
        setup(var, args.reports)
        rows = [(f"setup: init + {args.reports:,} reports", f"{time.perf_counter() - start:.1f} s", "-")]

        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from clearinghouse.reporting.status import parse_day, reporting_status

        for text in DATES:
            day = parse_day(None if text == "today" else text)
            status = reporting_status(day)
            ms = _median_ms(lambda day=day: reporting_status(day))
            rows.append((f"status as of {text} ({status.reported} of {status.members}, "
                         f"{len(status.by_subregion)} sub-regions, {len(status.by_organisation)} orgs)",
                         f"{ms:.1f} ms", "< 50 ms"))
        client = Client()
        for label, path in [("home page", "/"), ("State page /states/KAZ/", "/states/KAZ/"),
                            ("status page 2014-03-31", "/reporting/status/?as_of=2014-03-31"),
                            ("reports list (first page)", "/reports/")]:
            assert client.get(path).status_code == 200, path
            reset_queries()  # the log is a bounded deque: start it empty
            with CaptureQueriesContext(connection) as ctx:
                client.get(path)
            queries = len(ctx.captured_queries)
            ms = _median_ms(lambda path=path: client.get(path))
            rows.append((f"{label}: {queries} queries", f"{ms:.1f} ms",
                         "< 100 ms" if label.startswith(("home", "State")) else "-"))
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'measured':>10}  target")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
