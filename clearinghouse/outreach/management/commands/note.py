"""`clearinghouse note EVENT_ID --format pdf|docx|html|md [--as ROLE] -o FILE`: an event's
Information Note, as a role may read it.

A note is built from related records, so it goes through the same scoping as a page: by default
it is the note as the public reads it (the event must be published; related events that are not
are left out). ``--as committee`` or ``--as expert`` writes it as those roles read it (drafts:
experts only).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clearinghouse.accounts.models import Role, User
from clearinghouse.outreach import notes_service
from clearinghouse.outreach.models import Event

FORMATS = ("pdf", "docx", "html", "md")
READERS = (Role.PUBLIC, Role.COMMITTEE, Role.EXPERT)


def reader(role: str):
    """An unsaved account acting in ``role`` (None: the public), for the policy to scope by."""
    return None if role == Role.PUBLIC else User(username=f"({role})", role=role, is_active=True)


class Command(BaseCommand):
    help = ("Write the Information Note of an event as PDF, DOCX, HTML or Markdown, as the "
            "public (default), a Committee member or an expert reads it.")

    def add_arguments(self, parser):
        parser.add_argument("event_id", help="the event's number (as in /events/ID/)")
        parser.add_argument("--format", "-f", choices=FORMATS, default="pdf")
        parser.add_argument("--as", dest="role", choices=[str(r) for r in READERS],
                            default=str(Role.PUBLIC),
                            help="whose reading: related events they may not see are left out")
        parser.add_argument("-o", "--output", help="file to write ('-' or none: standard output)")

    def handle(self, *args, event_id, format, role=Role.PUBLIC, output=None, **options):
        if not str(event_id).isdigit():
            raise CommandError(f"{event_id!r} is not an event number")
        viewer = reader(role)
        try:
            event = notes_service.event_for_note(int(event_id), Event.objects.visible_to(viewer))
        except LookupError as exc:
            hidden = Event.objects.filter(pk=int(event_id)).values_list("status", flat=True).first()
            if hidden:
                raise CommandError(f"event {event_id} is {hidden}: not visible as {role} "
                                   f"(use --as expert for drafts, --as committee for confirmed "
                                   f"events)") from None
            raise CommandError(str(exc)) from None
        content = notes_service.render(event, format, viewer)
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
        self.stderr.write(f"{path}: {format.upper()} note of event {event.pk} as {role} "
                          f"({len(content)} bytes)")
