"""`clearinghouse note EVENT_ID --format pdf|docx|html|md -o FILE`: an event's Information Note."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clearinghouse.outreach import notes_service

FORMATS = ("pdf", "docx", "html", "md")


class Command(BaseCommand):
    help = "Write the Information Note of an event as PDF, DOCX, HTML or Markdown."

    def add_arguments(self, parser):
        parser.add_argument("event_id", help="the event's number (as in /events/ID/)")
        parser.add_argument("--format", "-f", choices=FORMATS, default="pdf")
        parser.add_argument("-o", "--output", help="file to write ('-' or none: standard output)")

    def handle(self, *args, event_id, format, output=None, **options):
        if not str(event_id).isdigit():
            raise CommandError(f"{event_id!r} is not an event number")
        try:
            event = notes_service.event_for_note(int(event_id))
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        content = notes_service.render(event, format)
        if output in (None, "-"):
            if isinstance(content, str):
                self.stdout.write(content, ending="")
            else:
                sys.stdout.buffer.write(content)
            return
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} is not a folder")
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        self.stderr.write(f"{path}: {format.upper()} note of event {event.pk} ({len(content)} bytes)")
