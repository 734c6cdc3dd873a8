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


def choices() -> list[tuple[str, str]]:
    return list(areas().items())


def match(text: str) -> tuple[str, str]:
    """(code, label) when the text names a taxonomy area by code or label, else ("", text)."""
    value = (text or "").strip()
    key = value.casefold()
    for code, label in areas().items():
        if key in (code.casefold(), label.casefold()):
            return code, label
    return "", value
