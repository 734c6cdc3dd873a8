import time

from django.core.management.base import BaseCommand

from clearinghouse.jobs import schedule


class Command(BaseCommand):
    help = ("Enqueue the periodic tasks (publication of requests whose objection window closed, "
            "daily clean-up) once per period, for the workers (`clearinghouse db_worker`). "
            "Idempotent: any number of schedulers may run.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one tick, then exit")
        parser.add_argument("--interval", type=float, default=60.0,
                            help="seconds between ticks (default 60)")

    def handle(self, *args, once=False, interval=60.0, **options):
        while True:
            for name in schedule.tick():
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(max(interval, 1.0))
