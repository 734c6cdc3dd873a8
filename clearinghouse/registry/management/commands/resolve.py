import json

from django.core.management.base import BaseCommand

from clearinghouse.registry.services import resolve


class Command(BaseCommand):
    help = ("Say which State or organisation each NAME means, as the registry reads it; with "
            "--participants, read TEXT as a note's list of participants (groups, names with "
            "commas, 'and') the way the note importer and the event form read it.")

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="+", metavar="NAME")
        parser.add_argument("--json", action="store_true", help="print a JSON array, one object per name")
        parser.add_argument("--participants", action="store_true",
                            help="read the NAME arguments, joined by line ends, as a participants list")

    def handle(self, *args, names, json=False, participants=False, **options):
        if participants:
            return self._participants("\n".join(names), json)
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

    def _participants(self, text: str, as_json: bool):
        from clearinghouse.outreach.importing import note_names, read_participants

        names = note_names()
        reading = read_participants(text, names)
        rows = [{"group": p.group, "name": p.name,
                 "entity": p.entity.to_json() if p.entity else None,
                 "confidence": round(p.confidence, 3), "remark": p.remark}
                for p in reading.participants]
        if as_json:
            self.stdout.write(_dumps({"participants": rows, "committee": reading.committee,
                                      "warnings": names.warnings}))
            return
        for row in rows:
            entity = row["entity"]
            found = f"{entity['kind']} {entity['code']} ({row['confidence']:.2f})" if entity else "no match"
            self.stdout.write(f"{row['group']}: {row['name']!r}: {found}")
        if reading.committee:
            self.stdout.write(f"1540 Committee: {reading.committee}")
        for warning in names.warnings:
            self.stderr.write(warning)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
