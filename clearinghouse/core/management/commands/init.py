import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from clearinghouse.core import cleanup
from clearinghouse.registry.loading import load_reference_data
from clearinghouse.registry.reference import ReferenceDataError


class Command(BaseCommand):
    help = "Prepare the database: apply migrations and load the reference data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload the reference data even if unchanged")

    def handle(self, *args, force=False, **options):
        start = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        try:
            summary = load_reference_data("init", force=force)
        except ReferenceDataError as exc:
            raise CommandError(f"reference data: {exc}") from None
        if summary.get("skipped"):
            self.stdout.write("Reference data unchanged since the last load.")
        else:
            parts = ", ".join(
                f"{name}: +{c['created']} ~{c['updated']} -{c['deleted']}"
                for name, c in summary.items() if isinstance(c, dict)
            )
            self.stdout.write(f"Reference data loaded ({parts}).")
        cleanup.run_all()
        self.stdout.write(f"Ready in {time.monotonic() - start:.1f} s.")
