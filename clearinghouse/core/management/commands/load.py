import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clearinghouse.core.importing import IMPORTERS, ImportFailed, run_import


class Command(BaseCommand):
    help = (
        "Load records from a CSV, XLSX or JSON file. Everything is checked first; on any problem "
        "nothing is written and each problem is printed with file, line and field."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="what the file holds: " + ", ".join(sorted(IMPORTERS)))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--user", default="", help="user name recorded in the audit log")

    def handle(self, *args, kind, file, dry_run=False, user="", **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        actor = user or "cli"
        if user:
            from clearinghouse.accounts.models import User

            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f'--user: no user named "{user}"')
        try:
            outcome = run_import(kind, str(file), file.read_bytes(), actor, dry_run=dry_run)
        except ImportFailed as failed:
            for problem in failed.problems[:200]:
                self.stderr.write(str(problem))
            if len(failed.problems) > 200:
                self.stderr.write(f"... and {len(failed.problems) - 200} more problems")
            self.stderr.write(f"{len(failed.problems)} problem(s): nothing was written.")
            sys.exit(1)
        if dry_run:
            self.stdout.write(f"{outcome.file}: {outcome.rows} rows checked, no problem (dry run: nothing written).")
        else:
            counts = ", ".join(f"{k}: {v}" for k, v in outcome.summary.items())
            self.stdout.write(f"{outcome.file}: {outcome.rows} rows loaded ({counts}).")
