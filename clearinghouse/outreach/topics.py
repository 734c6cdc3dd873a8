"""An event's topics are the assistance taxonomy's areas (clearinghouse/assistance/data)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

TAXONOMY = Path(__file__).resolve().parents[1] / "assistance" / "data" / "taxonomy.json"


@lru_cache(maxsize=1)
def areas() -> dict[str, str]:
    """Area code -> label, in the taxonomy's order."""
    data = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    return {a["code"]: a["label"] for a in data["areas"]}


def unknown(codes) -> list[str]:
    known = areas()
    return [c for c in codes if c not in known]


def labels(codes) -> list[str]:
    known = areas()
    return [known.get(c, c) for c in codes]
