from django.core.management.base import BaseCommand

from clearinghouse.core import cleanup


class Command(BaseCommand):
    help = ("Remove uploads never confirmed after a day, expired sessions and old records of "
            "failed sign-ins. Run daily (cron or deploy/clearinghouse-cleanup.timer).")

    def handle(self, *args, **options):
        done = cleanup.run_all()
        self.stdout.write(f"Removed {len(done['pending_uploads'])} unconfirmed uploads, expired "
                          f"sessions, {done['login_failures']} old failed sign-in records.")
