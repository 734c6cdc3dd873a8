import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clearinghouse.assistance import engine


class Command(BaseCommand):
    help = (
        "Run the matching engine and print the ranking and the global allocation. With --input "
        "it reads an exchange-format file (names resolved by the registry) and writes nothing; "
        "without, it ranks the database's open requests against its active offers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, help="exchange-format JSON file")
        parser.add_argument("--json", action="store_true",
                            help='print {"ranking": ..., "allocation": ...} as documented')
        parser.add_argument("--top", type=int, default=5, help="candidates per request")

    def handle(self, *args, input=None, json=False, top=5, **options):
        if top < 1:
            raise CommandError("--top must be at least 1")
        if input is not None:
            result = self._from_file(input, top)
        else:
            from clearinghouse.assistance.matching import run_open

            result = run_open(top_k=top).result
        if json:
            self.stdout.write(engine.to_json(result))
            return
        for rid, cands in sorted(result.ranking.items()):
            self.stdout.write(f"{rid}:")
            for c in cands:
                self.stdout.write(f"  {c.offer_id}  {c.score:.3f}  {c.reasons[0] if c.reasons else ''}")
            if not cands:
                self.stdout.write("  (no candidate)")
        pairs = ", ".join(f"{r}->{o}" for r, o, _ in sorted(result.allocation))
        self.stdout.write(f"allocation (total {result.total:.3f}): {pairs or 'none'}")

    def _from_file(self, path: Path, top: int):
        from clearinghouse.assistance.registry_adapter import RegistryResolver

        if not path.exists():
            raise CommandError(f"{path}: no such file")
        try:
            data = json_load(path)
            requests, offers = engine.parse_exchange(data, RegistryResolver())
        except engine.ExchangeError as exc:
            for message in exc.errors:
                self.stderr.write(f"{path.name}: {message}")
            self.stderr.write(f"{len(exc.errors)} problem(s).")
            sys.exit(1)
        try:
            return engine.run(requests, offers, top_k=top)
        except ValueError as exc:
            raise CommandError(str(exc)) from None


def json_load(path: Path):
    from clearinghouse.core.importing import ImportFailed, load_json

    try:
        return load_json(path.name, path.read_bytes())
    except ImportFailed as failed:
        raise engine.ExchangeError([str(p) for p in failed.problems]) from None
