import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from clearinghouse.assistance import engine

# The languages the reasons are written in (the site's six, as the API's ?lang= names them).
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh-hans")


def language_code(value: str | None) -> str:
    """``value`` as one of LANGUAGES ("FR", "zh_Hans" are accepted); CommandError if none."""
    code = (value or "").strip().lower().replace("_", "-")
    if code not in LANGUAGES:
        raise CommandError(_('--language: "%(code)s" is not a language of the site; give one of '
                             '%(choices)s.') % {"code": value, "choices": ", ".join(LANGUAGES)})
    return code


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
        parser.add_argument("--language", metavar="LANG",
                            help="language of the reasons: " + ", ".join(LANGUAGES)
                                 + " (default: the site's, settings.LANGUAGE_CODE)")

    def handle(self, *args, input=None, json=False, top=5, language=None, **options):
        lang = language_code(language if language is not None else settings.LANGUAGE_CODE)
        if top < 1:
            raise CommandError("--top must be at least 1")
        if input is not None:
            result = self._from_file(input, top)
        else:
            from clearinghouse.assistance.matching import run_open

            result = run_open(top_k=top).result
        if json:
            self.stdout.write(engine.to_json(result, language=lang))
            return
        with translation.override(lang):
            for rid, cands in sorted(result.ranking.items()):
                self.stdout.write(f"{rid}:")
                for c in cands:
                    reasons = c.reasons_in(lang)
                    self.stdout.write(f"  {c.offer_id}  {c.score:.3f}  {reasons[0] if reasons else ''}")
                if not cands:
                    self.stdout.write("  " + _("(no candidate)"))
            pairs = ", ".join(f"{r}->{o}" for r, o, _o in sorted(result.allocation))
            total = f"{result.total:.3f}"
            if pairs:
                self.stdout.write(_("allocation (total %(total)s): %(pairs)s")
                                  % {"total": total, "pairs": pairs})
            else:
                self.stdout.write(_("allocation (total %(total)s): none") % {"total": total})

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
