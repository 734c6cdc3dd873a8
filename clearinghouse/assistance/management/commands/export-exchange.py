import json
from pathlib import Path

from django.core.management.base import BaseCommand

from clearinghouse.assistance.exchange_export import export
from clearinghouse.assistance.models import Offer, Request


class Command(BaseCommand):
    help = ("Write the database in the exchange format (requests with needs: [...], offers), "
            "as `clearinghouse match --input` and `clearinghouse load assistance` read it. "
            "By default the open requests and the active offers; --all for every record.")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="file to write (default: stdout)")
        parser.add_argument("--all", action="store_true",
                            help="every request and offer, not only open and active ones")

    def handle(self, *args, output=None, all=False, **options):
        data = (export(Request.objects.all(), Offer.objects.all()) if all else export())
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"{output}: {len(data['requests'])} request(s), "
                              f"{len(data['offers'])} offer(s)")
