import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from clearinghouse.assistance.actions import publish_due


class Command(BaseCommand):
    help = (
        "Publish the summaries of requests circulated more than 5 working days ago without an "
        "objection (pages already show them from the day after the deadline; this records it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to evaluate (YYYY-MM-DD); default today")

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f'--today: "{today}" is not a date (YYYY-MM-DD)') from None
        published = publish_due(day, actor="assistance-publish-due")
        for req in published:
            self.stdout.write(f"published {req.engine_id}: {req.title}")
        self.stdout.write(f"{len(published)} request summary(ies) published.")
