"""`clearinghouse import-note FILE... [--dry-run] [--json]`: notes -> draft events.

Every file is read and checked first; if any is bad (missing, unreadable, empty, unsupported)
the command names it, exits with status 1 and creates nothing for any file. Otherwise the
drafts are written in one transaction. The module name has a hyphen so that the command is
spelled as the issue asks; Django finds it by file name and imports it with importlib.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from clearinghouse.core.importing import ImportFailed
from clearinghouse.outreach import actions
from clearinghouse.outreach.importing import plan_paths
from clearinghouse.outreach.notes.parser import note_to_json


class Command(BaseCommand):
    help = (
        "Read Information Notes (.txt, .md, .pdf, .docx, .html) and create DRAFT events for an "
        "expert to confirm. Unresolved names are kept verbatim and flagged."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="parse and report; write nothing")
        parser.add_argument("--json", action="store_true",
                            help="print the parsed notes as JSON (an array for several files)")

    def handle(self, *args, files, dry_run=False, json=False, **options):
        try:
            plans = plan_paths(files)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"nothing imported: {len(failed.problems)} problem(s) in the files given"
            ) from None
        events = [] if dry_run else actions.import_notes("import-note", plans)
        if json:
            data = [note_to_json(p.note, p.filename) for p in plans]
            self.stdout.write(_dumps(data[0] if len(data) == 1 else data))
        for i, plan in enumerate(plans):
            flagged = len(plan.flagged)
            where = f"draft event {events[i].pk}" if events else "not written (dry run)"
            self.stderr.write(
                f"{plan.filename}: {plan.note.title[:70]!r}, {plan.fields['start'] or '?'}, "
                f"{len(plan.participants)} participants ({flagged} flagged), "
                f"{len(plan.mentions)} related events -> {where}"
            )
            for warning in plan.warnings:
                self.stderr.write(f"  warning: {warning}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
