"""M49 region, sub-region and intermediate-region names in the six UN languages (pure).

The names come from ``data/m49_regions.csv`` (code and the name in each language; see the data
README for the source). The registry stores a State's regions by their English M49 names
(states.csv); :func:`region_name` gives such a name in a reader's language. A name the file
leaves blank in a language (not checked against the source) stays English.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "m49_regions.csv"
COLUMNS = ("code", "en", "fr", "es", "ru", "ar", "zh")


@cache
def _table(path: Path = DATA_FILE) -> dict[str, dict[str, str]]:
    """English name -> {language: name}, only the languages the file fills."""
    table: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path.name}: the header must be {','.join(COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            english = (row["en"] or "").strip()
            if not english or len(row["code"] or "") != 3:
                raise ValueError(f"{path.name}, line {line}: a code of 3 digits and an English name")
            table[english] = {lang: row[lang].strip() for lang in COLUMNS[2:] if (row[lang] or "").strip()}
    return table


def known(english: str) -> bool:
    return english in _table()


def region_name(english: str, language: str | None) -> str:
    """An M49 region's name in ``language`` (a Django language code: "fr", "zh-hans"...), else
    English."""
    lang = (language or "en")[:2]
    if lang == "en" or not english:
        return english or ""
    return _table().get(english, {}).get(lang, english)
