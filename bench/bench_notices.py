"""From an event to its e-mail, with a real worker running.

    python bench/bench_notices.py [--events 20]

A fresh SQLite database in a temporary folder (or DATABASE_URL's database: a scratch
PostgreSQL database), the reference data, one circulated request and ``--events`` offers of one
provider. A worker (`clearinghouse db_worker --interval 0.2`, a separate process, as `make up`
runs it) polls the queue. Each event is an expert proposing a match; the clock stops when the
provider's point of contact has the e-mail (the notice's ``emailed_at``, set after the file
backend wrote the message). Then as many matrix drafts sent to Kazakhstan for review: the clock
stops when its point of contact has the e-mail (each draft is answered and approved before the
next is started). Prints the median and p90 latency of each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["CLEARINGHOUSE_VAR"] = tempfile.mkdtemp(prefix="bench-notices-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from clearinghouse.accounts.models import Role, User  # noqa: E402
from clearinghouse.assistance import actions  # noqa: E402
from clearinghouse.assistance import workflow as wf  # noqa: E402
from clearinghouse.matrix import actions as matrix  # noqa: E402
from clearinghouse.notifications.models import Notice  # noqa: E402
from clearinghouse.registry.models import Organisation, State  # noqa: E402

OFFER = ("Export control programme: review of the legal framework, licensing procedures, "
         "training of licensing and customs officers on dual-use goods and control lists.")
REQUEST = ("Kazakhstan requests training for officials of the licensing authority on the "
           "examination of licence applications for dual-use goods and end-user certificates.")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20)
    args = parser.parse_args()
    call_command("init", verbosity=0)
    osce, kaz = Organisation.objects.get(code="OSCE"), State.objects.get(iso3="KAZ")
    expert = User.objects.create_user("bench-expert", role=Role.EXPERT)
    User.objects.create_user("bench-osce", email="poc@example.org", role=Role.PROVIDER_POC,
                             organisation=osce)
    offers = [actions.create_offer(expert, title=f"Export control training {i}",
                                   description=OFFER, provider_organisation=osce,
                                   eligibility=[{"name": "OSCE", "label": "OSCE", "members": []}])
              for i in range(args.events)]
    req = actions.create_request(expert, state=kaz, received=django.utils.timezone.localdate(),
                                 title="Licensing training", description=REQUEST)
    actions.transition(req, expert, wf.AUTHENTICATED)
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    actions.circulate(req, expert, [osce])
    worker = subprocess.Popen([sys.executable, "-m", "clearinghouse.manage", "db_worker",
                               "--interval", "0.2", "--worker-id", "bench"],
                              env=os.environ.copy(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    kaz_poc = User.objects.create_user("bench-kaz", email="kaz@example.org",
                                       role=Role.STATE_POC, state=kaz)
    samples, reviews = [], []

    def emailed(kind, target_id, start) -> bool:
        notice = Notice.objects.get(kind=kind, target_id=str(target_id))
        while True:
            connection.close()  # a fresh read of the worker's commit
            if Notice.objects.filter(pk=notice.pk, emailed_at__isnull=False).exists():
                return True
            if time.perf_counter() - start > 30:
                print("no e-mail within 30 s", file=sys.stderr)
                return False
            time.sleep(0.01)

    try:
        time.sleep(2)  # the worker starts
        for item in offers:
            start = time.perf_counter()
            match = actions.propose_match(req, item, expert)
            if not emailed("proposal", match.pk, start):
                return 1
            samples.append(time.perf_counter() - start)
        for _ in range(args.events):
            version = matrix.start_version(expert, kaz)
            start = time.perf_counter()
            review = matrix.send_for_review(expert, version)
            if not emailed("matrix_review", review.pk, start):
                return 1
            reviews.append(time.perf_counter() - start)
            matrix.answer_review(kaz_poc, review, "confirmed")
            version.refresh_from_db()
            matrix.approve(expert, version, django.utils.timezone.localdate(),
                           reference="1540/SR.1")
    finally:
        worker.terminate()
        worker.wait(10)
    mails = list((Path(os.environ["CLEARINGHOUSE_VAR"]) / "mail").glob("*.log"))
    print(f"database: {connection.vendor}; worker: db_worker --interval 0.2 (a process)")
    for what, times in (("match proposed", samples), ("matrix sent for review", reviews)):
        times.sort()
        print(f"{what} -> e-mail written: median {statistics.median(times) * 1000:.0f} ms, "
              f"p90 {times[int(len(times) * .9) - 1] * 1000:.0f} ms, max "
              f"{times[-1] * 1000:.0f} ms over {len(times)} events")
    print(f"{len(mails)} mail file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
