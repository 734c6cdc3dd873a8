"""`clearinghouse import-note FILE... [--dry-run] [--json]`: notes -> draft events.

Every file is read and checked first; if any is bad (missing, unreadable, empty, unsupported)
the command names it, exits with status 1 and creates nothing for any file. Otherwise the
drafts are written in one transaction. A note that matches an event already recorded (same
title and dates) stops the command unless --update (update that event) or --new (create
another draft) says what to do. The module name has a hyphen so that the command is
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
        again = parser.add_mutually_exclusive_group()
        again.add_argument("--update", action="store_true",
                           help="a note that matches a recorded event (same title and dates) "
                                "updates it")
        again.add_argument("--new", action="store_true",
                           help="a note that matches a recorded event creates another draft")

    def handle(self, *args, files, dry_run=False, json=False, update=False, new=False,
               **options):
        try:
            plans = plan_paths(files)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"nothing imported: {len(failed.problems)} problem(s) in the files given"
            ) from None
        duplicates = [(p.filename, p.duplicate_of.pk) for p in plans if p.duplicate_of is not None]
        if duplicates and not (update or new or dry_run):
            for filename, pk in duplicates:
                self.stderr.write(f"{filename}: matches event {pk} (same title and dates)")
            raise CommandError("nothing imported: run again with --update to update the event(s) "
                               "or with --new to create another draft")
        chosen = {i for i, p in enumerate(plans) if p.duplicate_of is not None} if update else set()
        events = [] if dry_run else actions.import_notes("import-note", plans, update=chosen)
        if json:
            data = [note_to_json(p.note, p.filename) for p in plans]
            self.stdout.write(_dumps(data[0] if len(data) == 1 else data))
        for i, plan in enumerate(plans):
            flagged = len(plan.flagged)
            if not events:
                where = "not written (dry run)"
            elif i in chosen:
                where = f"event {events[i].pk} updated"
            else:
                where = f"draft event {events[i].pk}"
            self.stderr.write(
                f"{plan.filename}: {plan.note.title[:70]!r}, {plan.fields['start'] or '?'}, "
                f"{len(plan.participants)} participants ({flagged} flagged), "
                f"{len(plan.mentions)} related events -> {where}"
            )
            for warning in plan.warnings:
                self.stderr.write(f"  warning: {warning}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
