import json

from django.core.management.base import BaseCommand

from clearinghouse.registry.services import resolve


class Command(BaseCommand):
    help = "Say which State or organisation each NAME means, as the registry reads it."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="+", metavar="NAME")
        parser.add_argument("--json", action="store_true", help="print a JSON array, one object per name")

    def handle(self, *args, names, json=False, **options):
        results = [resolve(name) for name in names]
        if json:
            self.stdout.write(_dumps([r.to_json() for r in results]))
            return
        for r in results:
            if r.match:
                line = f"{r.query!r}: {r.match.kind} {r.match.code} {r.match.name} ({r.confidence:.2f})"
            else:
                line = f"{r.query!r}: no match. {r.problem}"
            self.stdout.write(line)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
