"""Long jobs a person starts, on a real worker: how long the web request takes to start them and
how long until their result is ready.

    python bench/bench_jobs.py [--notes 40] [--rows 2000]

A fresh SQLite database in a temporary folder (or DATABASE_URL's database: a scratch
PostgreSQL database), the reference data, ``--notes`` published events (illustrative, made
here) and a file of ``--rows`` additional national reports (illustrative). A worker
(`clearinghouse db_worker --interval 0.2`, a separate process, as `make up` runs it) polls the
queue. Measured:
- a batch of Information Notes (PDF and Markdown): the start (the view's work: the list's ids,
  the job, its task) and the time until the ZIP is kept;
- a large import: the preview (checked in the web request), the confirmation (the job
  started), and the time until the worker has written the file; beside it, the same file
  written inside the request, as before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["CLEARINGHOUSE_VAR"] = tempfile.mkdtemp(prefix="bench-jobs-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from clearinghouse.accounts.models import Role, User  # noqa: E402
from clearinghouse.core.importing import run_import  # noqa: E402
from clearinghouse.jobs import person_jobs  # noqa: E402
from clearinghouse.jobs.models import Job  # noqa: E402
from clearinghouse.outreach import actions, queries  # noqa: E402
from clearinghouse.outreach.convert import LinkPlan  # noqa: E402
from clearinghouse.registry.models import State  # noqa: E402
from clearinghouse.reporting.models import NationalReport  # noqa: E402


def _events(expert, n: int) -> None:
    states = list(State.objects.order_by("iso3")[:6])
    for i in range(n):
        event = actions.create_event(
            expert, title=f"Regional workshop on export controls {i} (illustrative)",
            start=dt.date(2016, 1, 4) + dt.timedelta(days=7 * i), venue_city="Vienna",
            venue_state=states[0], committee_members=1, committee_experts=2, topics=["op3d"],
            background="A workshop made up for the benchmark.\n\nSecond paragraph.",
            highlights="Participants discussed licensing and control lists.",
            participants=[LinkPlan(s.short_name, state=s, group="States", confidence=1.0)
                          for s in states])
        actions.confirm(expert, event)
        actions.publish(expert, event)


def _reports(rows: int) -> bytes:
    states = [s.short_name for s in State.objects.order_by("iso3")]
    lines = ["state,kind,date,title"]
    day = dt.date(2020, 1, 1)
    while len(lines) <= rows:
        for name in states:
            if len(lines) > rows:
                break
            lines.append(f'"{name}",additional,{day.isoformat()},Additional information '
                         "(illustrative)")
        day += dt.timedelta(days=1)
    return ("\n".join(lines) + "\n").encode()


def _wait(job: Job, limit: float = 600) -> float:
    start = time.perf_counter()
    while True:
        connection.close()  # a fresh read of the worker's commit
        status = Job.objects.values_list("status", flat=True).get(pk=job.pk)
        if status in ("done", "failed"):
            if status == "failed":
                raise SystemExit(f"job {job.pk} failed: {Job.objects.get(pk=job.pk).message}")
            return time.perf_counter() - start
        if time.perf_counter() - start > limit:
            raise SystemExit(f"job {job.pk} not done within {limit} s")
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=40)
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    call_command("init", verbosity=0)
    expert = User.objects.create_user("bench-expert", role=Role.EXPERT)
    _events(expert, args.notes)
    content = _reports(args.rows)
    worker = subprocess.Popen([sys.executable, "-m", "clearinghouse.manage", "db_worker",
                               "--interval", "0.2", "--worker-id", "bench"],
                              env=os.environ.copy(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    rows = []
    try:
        time.sleep(2)  # the worker starts
        for fmt in ("md", "pdf"):
            start = time.perf_counter()
            ids = list(queries.events(expert, {}).values_list("pk", flat=True))
            job = person_jobs.start_notes(expert, ids, fmt, "en", {})
            started = time.perf_counter() - start
            ready = _wait(job)
            rows.append((f"notes batch ({args.notes}, {fmt.upper()})", started, ready))
        start = time.perf_counter()
        outcome = run_import("reports", "reports.csv", content, expert, dry_run=True)
        preview = time.perf_counter() - start
        start = time.perf_counter()
        job = person_jobs.start_import(expert, "reports", "reports.csv", content, outcome.rows)
        started = time.perf_counter() - start
        ready = _wait(job)
        rows.append((f"import ({args.rows} rows): preview {preview:.2f} s", started, ready))
        assert NationalReport.objects.filter(title__endswith="(illustrative)").count() == args.rows
        NationalReport.objects.filter(title__endswith="(illustrative)").delete()
        start = time.perf_counter()
        run_import("reports", "reports.csv", content, expert)
        rows.append((f"import ({args.rows} rows) inside the request, as before",
                     time.perf_counter() - start, 0.0))
    finally:
        worker.terminate()
        worker.wait(10)
    print(f"database: {connection.vendor}; worker: db_worker --interval 0.2 (a process)")
    print(f"{'job':58} {'request':>9} {'result ready':>13}")
    for name, request, ready in rows:
        print(f"{name:58} {request * 1000:7.0f} ms {ready:11.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
