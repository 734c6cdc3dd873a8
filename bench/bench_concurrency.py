"""The cost of "no silent lost update" (core.concurrency), and writers contending for one record.

    python bench/bench_concurrency.py [--edits 300] [--writers 4] [--each 40]

A fresh SQLite database file in a temporary folder (or DATABASE_URL's database, e.g. a
PostgreSQL scratch database): the reference data, one offer. Measures

- one checked edit (``update_offer`` with the revision opened: lock, compare, save, audit) and
  the same write without the lock-and-compare, in milliseconds and queries;
- ``--writers`` threads, each on its own connection, each making ``--each`` edits of the same
  offer from the revision it read, re-reading after a conflict: edits per second, conflicts,
  and errors (there must be none: no "database is locked", no lost edit).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["CLEARINGHOUSE_VAR"] = tempfile.mkdtemp(prefix="bench-concurrency-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from clearinghouse.accounts.models import Role, User  # noqa: E402
from clearinghouse.assistance import actions  # noqa: E402
from clearinghouse.assistance.models import Offer  # noqa: E402
from clearinghouse.audit.log import record  # noqa: E402
from clearinghouse.core.concurrency import Conflict, token  # noqa: E402
from clearinghouse.registry.models import Organisation  # noqa: E402


def _ms(samples):
    return f"{statistics.median(samples) * 1000:.2f} ms (p90 {sorted(samples)[int(len(samples) * .9)] * 1000:.2f})"


def single(user, offer, edits: int) -> list[tuple[str, str, int]]:
    checked, plain = [], []
    for i in range(edits):
        fresh = Offer.objects.get(pk=offer.pk)
        start = time.perf_counter()
        actions.update_offer(fresh, user, revision=token(fresh), capacity=2 + i % 7)
        checked.append(time.perf_counter() - start)
        fresh = Offer.objects.get(pk=offer.pk)
        start = time.perf_counter()
        with transaction.atomic():  # the same write, no lock, no comparison (the old way)
            fresh.capacity = 3 + i % 5
            fresh.save()
            record(user, "assistance.offer.edited", fresh, {"capacity": fresh.capacity})
        plain.append(time.perf_counter() - start)
    fresh = Offer.objects.get(pk=offer.pk)
    with CaptureQueriesContext(connection) as checked_q:
        actions.update_offer(fresh, user, revision=token(fresh), capacity=99)
    return [("edit with lock and compare", _ms(checked), len(checked_q)),
            ("same write without them", _ms(plain), None)]


def contend(users, offer, writers: int, each: int) -> dict:
    done, conflicts, errors = [0] * writers, [0] * writers, []
    barrier = threading.Barrier(writers)

    def run(i):
        try:
            barrier.wait()
            while done[i] < each:
                seen = Offer.objects.get(pk=offer.pk)
                try:
                    actions.update_offer(seen, users[i], revision=token(seen),
                                         contact=f"writer {i} edit {done[i]}")
                    done[i] += 1
                except Conflict:
                    conflicts[i] += 1
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            connections.close_all()

    start = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    final = Offer.objects.get(pk=offer.pk)
    return {"writers": writers, "edits": sum(done), "seconds": round(elapsed, 2),
            "edits/s": round(sum(done) / elapsed, 1), "conflicts (re-read, re-applied)": sum(conflicts),
            "errors": len(errors), "revision": final.revision, "first error": errors[:1]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--each", type=int, default=40)
    args = parser.parse_args()
    call_command("init", verbosity=0, stdout=io.StringIO())
    users = [User.objects.create(username=f"bench-expert-{i}", role=Role.EXPERT)
             for i in range(args.writers)]
    offer = actions.create_offer(users[0], provider_organisation=Organisation.objects.get(code="OSCE"),
                                 title="Export control training", description="Licensing, lists.")
    print(f"database: {connection.vendor}")
    print(f"{'measure':<32} {'median':<26} queries")
    for name, value, queries in single(users[0], offer, args.edits):
        print(f"{name:<32} {value:<26} {queries if queries is not None else ''}")
    before = Offer.objects.get(pk=offer.pk).revision
    result = contend(users, offer, args.writers, args.each)
    result["revision"] -= before
    print("\ncontention on one offer:")
    for key, value in result.items():
        print(f"  {key}: {value}")
    if result["errors"] or result["revision"] != result["edits"]:
        sys.exit(1)  # an error, or an edit that left no revision: a lost update


if __name__ == "__main__":
    main()
