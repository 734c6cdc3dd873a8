"""Benchmarks of scoping what embeds other records: the audit log by target, an event's related
events, a provider's matches.

    python bench/bench_scoping.py [--entries 100000] [--events 5000]

A fresh SQLite database in a temporary CLEARINGHOUSE_VAR: `init`, then events (a third of them
drafts, a third confirmed), audit entries about them and about States (bulk-created), one
published event related to 200 others; then the audit page and API as a Committee member (each
entry checked against its target's visibility) and as an expert (no check), and an event's page
and note with its related events, through django.test.Client (server time, median of 7).
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


def _median_ms(fn, runs=RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def setup(var: str, n_entries: int, n_events: int) -> dict:
    os.environ["CLEARINGHOUSE_VAR"] = var
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("init", verbosity=0)

    from clearinghouse.accounts.models import Role, User
    from clearinghouse.audit.models import AuditEntry
    from clearinghouse.outreach.models import Event
    from clearinghouse.registry.models import State

    statuses = ["draft", "confirmed", "published"]
    Event.objects.bulk_create([
        Event(title=f"Event {i}", status=statuses[i % 3],
              start=dt.date(2010, 1, 1) + dt.timedelta(days=i % 5000)) for i in range(n_events)],
        batch_size=2000)
    events = list(Event.objects.values_list("pk", "title", "status"))
    states = list(State.objects.values_list("pk", "short_name"))
    entries = []
    for i in range(n_entries):
        if i % 5:
            pk, title, status = events[i % len(events)]
            entries.append(AuditEntry(actor_label="bench", action="outreach.event.updated",
                                      target_type="outreach.event", target_id=str(pk),
                                      target_label=title, changes={"status": status}))
        else:
            pk, name = states[i % len(states)]
            entries.append(AuditEntry(actor_label="bench", action="registry.state.changed",
                                      target_type="registry.state", target_id=str(pk),
                                      target_label=name))
    AuditEntry.objects.bulk_create(entries, batch_size=5000)
    hub = Event.objects.create(title="Hub event", status="published", start=dt.date(2020, 1, 1))
    hub.related.add(*[pk for pk, _t, _s in events[:200]])
    return {
        "hub": hub.pk,
        "expert": User.objects.create_user("bench-expert", password="x", role=Role.EXPERT),
        "committee": User.objects.create_user("bench-committee", password="x",
                                              role=Role.COMMITTEE),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-scoping-") as var:
        start = time.perf_counter()
        made = setup(var, args.entries, args.events)
        rows = [(f"setup: init + {args.events:,} events + {args.entries:,} audit entries",
                 f"{time.perf_counter() - start:.1f} s", "-")]
        from django.test import Client

        from clearinghouse.audit.models import AuditEntry

        for role in ("expert", "committee"):
            user = made[role]
            visible = AuditEntry.objects.visible_to(user)
            count = visible.count()
            ms = _median_ms(lambda visible=visible: list(visible[:50]))
            rows.append((f"audit entries visible to the {role}: {count:,}; first 50",
                         f"{ms:.1f} ms", "-"))
            client = Client()
            client.force_login(user)
            for label, path in [("audit page", "/audit/"), ("audit page 100", "/audit/?page=100"),
                                ("audit API", "/api/audit/?limit=50")]:
                assert client.get(path).status_code == 200, path
                ms = _median_ms(lambda path=path, client=client: client.get(path))
                rows.append((f"{label} as {role}", f"{ms:.1f} ms", "< 300 ms"))
        public = Client()
        hub = made["hub"]
        for label, path in [("event page, 200 related (public sees 66)", f"/events/{hub}/"),
                            ("its note (Markdown)", f"/events/{hub}/note.md"),
                            ("its API detail", f"/api/events/{hub}/")]:
            assert public.get(path).status_code == 200, path
            ms = _median_ms(lambda path=path: public.get(path))
            rows.append((label, f"{ms:.1f} ms", "< 200 ms"))
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'measured':>10}  target")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
