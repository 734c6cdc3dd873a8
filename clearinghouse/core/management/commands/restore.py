from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from clearinghouse.core import backup


class Command(BaseCommand):
    help = ("Restore an archive made by `clearinghouse backup`: the database's rows, MEDIA_ROOT "
            "and the secret key. Checks the whole archive first; changes nothing if it is "
            "corrupt or foreign. Refuses a database that holds work unless --force.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--force", action="store_true",
                            help="replace a database that is not empty")

    def handle(self, *args, file, force=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            summary = backup.restore(file, force=force)
        except backup.BackupError as exc:
            raise CommandError(f"Nothing restored: {exc}") from None
        self.stdout.write(f"Restored {summary['tables']} tables, {summary['rows']} rows, "
                          f"{summary['files']} files; secret key {summary['secret_key']}.")
