"""Work on the translation catalogues without editing .po files by hand.

    python scripts/po_tool.py todo LANG [--all] > todo.json   entries still to translate (or all)
    python scripts/po_tool.py fill LANG done.json              write translations into the catalogue
    python scripts/po_tool.py check [LANG ...]                 untranslated, fuzzy, placeholders
    python scripts/po_tool.py compile [LANG ...]               .po -> .mo (pure Python, no gettext)

LANG is a catalogue folder under clearinghouse/locale/ (ar, zh_Hans, fr, es, ru). An entry of
todo.json is {"id": msgid, "plural": msgid_plural or null, "context": msgctxt or null,
"where": "file:line", "format": "python-format" | "python-brace-format" | null}; done.json is
the same list with "str" (a string) or, for plurals, "strs" (a list, one per plural form of the
language). `fill` refuses a translation that drops or adds a placeholder and names the entry.
"""

import json
import os
import re
import sys
from pathlib import Path

import polib

# PO_LOCALE points the tool at a copy of the catalogues (a translator's scratch folder).
LOCALE = Path(os.environ.get("PO_LOCALE") or Path(__file__).resolve().parent.parent / "clearinghouse" / "locale")
LANGS = ["ar", "zh_Hans", "fr", "es", "ru"]
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|"
                         r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rs])?(?::[^{}]*)?\}")


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"), wrapwidth=100)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def key(entry) -> tuple:
    return (entry.msgctxt or None, entry.msgid)


def problems(po: polib.POFile) -> list[str]:
    """Untranslated or fuzzy entries, and translations whose placeholders differ."""
    found = []
    nplurals = po.metadata.get("Plural-Forms", "")
    for entry in po:
        if entry.obsolete:
            continue
        where = entry.occurrences[0][0] + ":" + entry.occurrences[0][1] if entry.occurrences else "?"
        if "fuzzy" in entry.flags:
            found.append(f"{where}: fuzzy: {entry.msgid!r}")
        if entry.msgid_plural:
            strs = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            if not all(strs):
                found.append(f"{where}: untranslated plural: {entry.msgid!r} ({nplurals})")
                continue
            wanted = placeholders(entry.msgid_plural)
            for text in strs:
                # A plural form may leave out the count (Arabic's "one" and "two" forms say it in words;
                # "this provider" for one).
                got = [p for p in placeholders(text) if p in wanted]
                extra = [p for p in placeholders(text) if p not in wanted]
                if extra or (set(wanted) - set(got) - {"%(count)s", "%(count)d", "{count}", "%d", "%(n)s", "%(n)d"}):
                    found.append(f"{where}: placeholders {placeholders(text)} != {wanted}: {entry.msgid!r}")
        else:
            if not entry.msgstr:
                found.append(f"{where}: untranslated: {entry.msgid!r}")
            elif placeholders(entry.msgstr) != placeholders(entry.msgid):
                found.append(f"{where}: placeholders {placeholders(entry.msgstr)} != "
                             f"{placeholders(entry.msgid)}: {entry.msgid!r}")
    return found


def todo(lang: str, everything: bool) -> list[dict]:
    po = catalogue(lang)
    out = []
    for entry in po:
        if entry.obsolete:
            continue
        done = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        if done and "fuzzy" not in entry.flags and not everything:
            continue
        fmt = next((f for f in entry.flags if f.endswith("-format")), None)
        item = {"id": entry.msgid, "plural": entry.msgid_plural or None,
                "context": entry.msgctxt or None, "format": fmt,
                "where": ":".join(entry.occurrences[0]) if entry.occurrences else None}
        if everything:
            item["str"] = entry.msgstr
            if entry.msgid_plural:
                item["strs"] = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        out.append(item)
    return out


def fill(lang: str, path: str) -> int:
    po = catalogue(lang)
    entries = {key(e): e for e in po if not e.obsolete}
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata.get("Plural-Forms", "nplurals=2")).group(1))
    errors, written = [], 0
    for n, item in enumerate(json.loads(Path(path).read_text(encoding="utf-8")), 1):
        entry = entries.get((item.get("context"), item["id"]))
        if entry is None:
            errors.append(f"{path} item {n}: no such msgid in {lang}: {item['id'][:60]!r}")
            continue
        if entry.msgid_plural:
            strs = item.get("strs")
            if not isinstance(strs, list) or len(strs) != nplurals or not all(strs):
                errors.append(f"{path} item {n}: {nplurals} plural forms wanted: {item['id'][:60]!r}")
                continue
            entry.msgstr_plural = {i: s for i, s in enumerate(strs)}
        else:
            text = item.get("str")
            if not text:
                errors.append(f"{path} item {n}: empty translation: {item['id'][:60]!r}")
                continue
            if placeholders(text) != placeholders(entry.msgid):
                errors.append(f"{path} item {n}: placeholders {placeholders(text)} != "
                              f"{placeholders(entry.msgid)}: {item['id'][:60]!r}")
                continue
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        written += 1
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"{len(errors)} problem(s): nothing written", file=sys.stderr)
        return 1
    po.metadata["Language"] = lang
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    print(f"{lang}: {written} translation(s) written")
    return 0


def compile_(langs: list[str]) -> int:
    for lang in langs:
        po = catalogue(lang)
        po.save_as_mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
        print(f"{lang}: {po.percent_translated()}% translated, compiled")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in {"todo", "fill", "check", "compile"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "todo":
        json.dump(todo(rest[0], "--all" in rest), sys.stdout, ensure_ascii=False, indent=1)
        return 0
    if command == "fill":
        return fill(rest[0], rest[1])
    langs = rest or LANGS
    if command == "compile":
        return compile_(langs)
    status = 0
    for lang in langs:
        found = problems(catalogue(lang))
        print(f"{lang}: {len(found)} problem(s)")
        for line in found[:50]:
            print("  " + line, flush=True)
        status |= bool(found)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
