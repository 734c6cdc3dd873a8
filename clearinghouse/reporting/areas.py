"""The areas of an action plan: the assistance taxonomy's codes (shipped data, read as data).

An item's area is either one of these (given by code or by label) or free text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

TAXONOMY = Path(__file__).resolve().parent.parent / "assistance" / "data" / "taxonomy.json"


@lru_cache(maxsize=1)
def areas() -> dict[str, str]:
    """code -> label, in the file's order."""
    data = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    return {a["code"]: a["label"] for a in data["areas"]}


@lru_cache(maxsize=1)
def _operative_paragraphs() -> dict[str, str]:
    data = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    return {a["code"]: a.get("op", "") for a in data["areas"]}


def display(code: str, fallback: str = "") -> str:
    """A person's name for an area: "OP3(d) Export control — control lists" for
    "op3d.lists"; the fallback (the item's own words) for a code the taxonomy does not know."""
    label = areas().get(code)
    if label is None:
        return fallback or code
    op = _operative_paragraphs().get(code, "")
    return f"{op} {label}" if op else label


def choices() -> list[tuple[str, str]]:
    return [(code, display(code)) for code in areas()]


def match(text: str) -> tuple[str, str]:
    """(code, label) when the text names a taxonomy area by code or label, else ("", text)."""
    value = (text or "").strip()
    key = value.casefold()
    for code, label in areas().items():
        if key in (code.casefold(), label.casefold()):
            return code, label
    return "", value
