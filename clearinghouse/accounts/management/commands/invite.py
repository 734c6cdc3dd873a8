import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from clearinghouse.accounts import invitations


class Command(BaseCommand):
    help = ("Invite a Committee member or a point of contact: prints a one-time link (valid "
            "INVITATION_DAYS days, 7 by default) to choose a user name and password. "
            "`invite EMAIL --role committee [--chair-office]`, "
            "`invite EMAIL --role state_poc --state ISO3`, "
            "`invite EMAIL --role provider_poc --state ISO3 | --organisation CODE`.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True,
                            choices=[r.value for r in invitations.INVITED_ROLES])
        parser.add_argument("--state", default="", help="ISO 3166 alpha-3 code of the State")
        parser.add_argument("--organisation", default="", help="code of the organisation")
        parser.add_argument("--chair-office", action="store_true",
                            help="a Committee member in the Chair's office")
        parser.add_argument("--base-url", default=os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
                            help="the site's address for the link (default: $SITE_URL or "
                                 "http://127.0.0.1:8000)")

    def handle(self, *args, email, role, state, organisation, chair_office, base_url, **options):
        try:
            invitation, token = invitations.invite("command", email, role, state=state,
                                                   organisation=organisation,
                                                   chair_office=chair_office)
        except ValidationError as exc:
            messages = (exc.message_dict.items() if hasattr(exc, "error_dict")
                        else [("", exc.messages)])
            raise CommandError("; ".join(f"{'--' + f + ': ' if f else ''}{' '.join(m)}"
                                         for f, m in messages)) from None
        self.stdout.write(base_url.rstrip("/") + invitations.link_path(token))
        self.stderr.write(f"Invitation for {invitation.email} as {invitation.get_role_display()}, "
                          f"valid until {invitation.expires_at:%Y-%m-%d %H:%M} UTC, once.")
