"""The matrix template's wording in the reader's language.

``data/template-v<N>.json`` holds the English wording (the source, stored on the template's
sections and fields); ``data/template-v<N>.labels.json`` holds the same sections (title, note),
rows (by section code and row key) and legends in French, Spanish, Russian, Arabic and Chinese.
A label missing from the file stays in English. Pure functions of the file (read once).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=4)
def _labels(version: int = 1) -> dict:
    path = DATA_DIR / f"template-v{version}.labels.json"
    return json.loads(path.read_text(encoding="utf-8"))["languages"] if path.exists() else {}


def _language(language: str | None) -> str:
    code = (language or "en").lower().replace("_", "-").split("-")[0]
    return code


def row_key(field_code: str) -> str:
    """"OP2.NW.01" -> "OP2.01"; "OP1.SUPPORT" -> "OP1.SUPPORT" (the row, all weapons)."""
    parts = field_code.split(".")
    return f"{parts[0]}.{parts[-1]}"


def row_label(field_code: str, english: str, language: str | None) -> str:
    table = _labels().get(_language(language), {})
    return table.get("rows", {}).get(row_key(field_code), english)


def section_text(code: str, what: str, english: str, language: str | None) -> str:
    """``what`` is "title" or "note"."""
    table = _labels().get(_language(language), {})
    return table.get("sections", {}).get(code, {}).get(what) or english


def weapon_label(weapon: str, english: str, language: str | None) -> str:
    """A weapon group's heading ("NW": "Nuclear weapons") in the language."""
    return _labels().get(_language(language), {}).get("weapons", {}).get(weapon) or english


def template_title(english: str, language: str | None) -> str:
    """The template's title ("1540 Matrix template, version 1") in the language."""
    return _labels().get(_language(language), {}).get("title") or english


def legend(language: str | None, version: int = 1) -> list[tuple[str, str]]:
    """[(value, its meaning)] for X, ?, NA and blank, in the language (English from the
    template file)."""
    english = json.loads((DATA_DIR / f"template-v{version}.json").read_text("utf-8"))["values"]
    table = _labels(version).get(_language(language), {}).get("values", {})
    return [(value, table.get(value, meaning)) for value, meaning in english.items()]
