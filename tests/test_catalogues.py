"""The five translation catalogues are complete, keep every placeholder, and are compiled.

A msgid without a translation, a fuzzy entry, a translation that drops, adds or changes a
placeholder, or a .mo file older than its .po fails here (scripts/po_tool.py says the same with
`make messages` / `python scripts/po_tool.py check`).
"""

import re
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import po_tool  # noqa: E402

LANGS = ["ar", "zh_Hans", "fr", "es", "ru"]


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_is_complete_and_keeps_placeholders(lang):
    po = po_tool.catalogue(lang)
    assert len(po) > 1000
    assert po_tool.problems(po) == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_its_source(lang):
    folder = po_tool.LOCALE / lang / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in mo}
    for entry in po:
        if entry.obsolete:
            continue
        got = compiled.get((entry.msgctxt, entry.msgid))
        assert got is not None, f"{lang}: {entry.msgid!r} is not compiled: run make compilemessages"
        if entry.msgid_plural:
            assert [got[1][k] for k in sorted(got[1])] == [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        else:
            assert got[0] == entry.msgstr, f"{lang}: {entry.msgid!r}: run make compilemessages"


def test_placeholder_check_catches_a_dropped_placeholder():
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=2; plural=(n > 1);"}
    po.append(polib.POEntry(msgid="%(count)s reports of %(state)s", msgstr="%(count)s rapports",
                            occurrences=[("x.py", "1")]))
    po.append(polib.POEntry(msgid="Saved", msgstr="", occurrences=[("x.py", "2")]))
    found = po_tool.problems(po)
    assert len(found) == 2 and "placeholders" in found[0] and "untranslated" in found[1]


@pytest.mark.parametrize("code, word", [("fr", "Rapports nationaux"), ("es", "Informes nacionales"),
                                         ("ru", "Национальные доклады"), ("ar", "التقارير الوطنية"),
                                         ("zh-hans", "国家报告")])
def test_django_reads_the_catalogues(code, word):
    assert code in dict(settings.LANGUAGES)
    with translation.override(code):
        assert translation.gettext("National reports") == word


TEMPLATE_STRING = re.compile(r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<s>(?:(?!(?P=q)).)*?)(?P=q)(?P<rest>[^%]*)%\}""")
PY_STRING = re.compile(r"""\b(?:gettext|gettext_lazy|_|gettext_noop)\(\s*(?P<q>["'])(?P<s>(?:\\.|(?!(?P=q)).)*?)(?P=q)\s*\)""")


def marked_strings():
    """The single-literal strings marked in the templates and the Python code."""
    package = Path(__file__).resolve().parent.parent / "clearinghouse"
    found = {}
    for path in package.rglob("*.html"):
        for m in TEMPLATE_STRING.finditer(path.read_text(encoding="utf-8")):
            if "context" in m.group("rest") or "noop" in m.group("rest"):
                continue
            found.setdefault(m.group("s"), f"{path.relative_to(package)}")
    for path in package.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for m in PY_STRING.finditer(path.read_text(encoding="utf-8")):
            text = m.group("s")
            if "\\" in text:
                continue
            found.setdefault(text, f"{path.relative_to(package)}")
    return found


def test_every_marked_string_is_in_the_catalogues():
    """A string marked after the last `make messages` would stay English in every language."""
    known = {e.msgid for e in po_tool.catalogue("fr")}
    missing = {text: where for text, where in marked_strings().items() if text not in known}
    assert not missing, f"run `make messages` and translate: {sorted(missing.items())[:10]}"


def test_no_marked_string_inside_an_f_string():
    """xgettext does not look inside f-strings: a string marked there is never translated."""
    package = Path(__file__).resolve().parent.parent / "clearinghouse"
    pattern = re.compile(r"""\bf(["'])[^"'\n]*\{[^}\n]*\b(?:_|gettext|gettext_lazy|ngettext|pgettext)\(""")
    hits = [f"{path.relative_to(package)}:{n}" for path in package.rglob("*.py")
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert hits == []
