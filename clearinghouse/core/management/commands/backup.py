from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clearinghouse.core import backup


class Command(BaseCommand):
    help = ("Write the database, the uploaded documents (MEDIA_ROOT) and the secret key to one "
            "archive (keep it safe: it holds confidential records and the secret key).")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. clearinghouse-2026-12-01.tar.gz")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent}: no such folder")
        summary = backup.backup(path)
        self.stdout.write(f"Backup written to {path}: {summary['tables']} tables, "
                          f"{summary['rows']} rows, {summary['files']} files, "
                          f"{summary['bytes']} bytes.")
