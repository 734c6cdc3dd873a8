from django.core.management.base import BaseCommand, CommandError

from clearinghouse.accounts import apikeys
from clearinghouse.accounts.models import ApiKey, User


class Command(BaseCommand):
    help = ("API keys: `apikey create USER NAME` prints a new key once; `apikey list [USER]`; "
            "`apikey revoke PREFIX`.")

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["create", "list", "revoke"])
        parser.add_argument("words", nargs="*", metavar="ARG")

    def handle(self, *args, verb, **options):
        args = options["words"]
        if verb == "create":
            if len(args) != 2:
                raise CommandError("usage: apikey create USER NAME")
            user = User.objects.filter(username=args[0]).first()
            if user is None:
                raise CommandError(f"no user named {args[0]!r}")
            _api_key, key = apikeys.create("command", user, args[1])
            self.stdout.write(key)
        elif verb == "list":
            keys = ApiKey.objects.select_related("user").order_by("user__username", "created")
            if args:
                keys = keys.filter(user__username=args[0])
            for k in keys:
                state = f"revoked {k.revoked:%Y-%m-%d}" if k.revoked else "active"
                used = f"{k.last_used:%Y-%m-%d %H:%M}" if k.last_used else "never"
                self.stdout.write(f"{k.prefix}  {k.user.username:<20} {state:<18} used {used}  {k.name}")
        else:
            if len(args) != 1:
                raise CommandError("usage: apikey revoke PREFIX")
            api_key = ApiKey.objects.filter(prefix=args[0], revoked=None).first()
            if api_key is None:
                raise CommandError(f"no active key with prefix {args[0]!r}")
            apikeys.revoke("command", api_key)
            self.stdout.write(f"Key {args[0]} revoked.")
