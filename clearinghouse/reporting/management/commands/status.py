import json

from django.core.management.base import BaseCommand, CommandError

from clearinghouse.reporting.status import parse_day, reporting_status


class Command(BaseCommand):
    help = (
        "Reporting status on a date: how many of the UN Member States on that date had submitted "
        "a first report by then, which had not, by M49 region, sub-region and organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", default="", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, as_of="", json=False, **options):
        try:
            day = parse_day(as_of)
        except ValueError as exc:
            raise CommandError(f"--as-of: {exc}") from None
        status = reporting_status(day)
        if json:
            self.stdout.write(_dumps(status.to_json()))
            return
        self.stdout.write(
            f"As of {status.as_of.isoformat()}: {status.reported} of {status.members} Member States "
            f"had submitted a first report."
        )
        if status.not_reported:
            self.stdout.write("Not reported: " + ", ".join(f"{s.name} ({s.iso3})" for s in status.not_reported))
        self.stdout.write("\nBy sub-region:")
        for g in status.by_subregion:
            self.stdout.write(f"  {g.name}: {g.reported} of {g.members}")
        self.stdout.write("\nBy organisation:")
        for g in status.by_organisation:
            self.stdout.write(f"  {g.code}: {g.reported} of {g.members}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
