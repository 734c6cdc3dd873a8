"""An event's topics are the assistance taxonomy's areas (clearinghouse/assistance/data), with
their labels in the six UN languages (the taxonomy's ``labels``), shown in the reader's."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from django.utils.translation import get_language

TAXONOMY = Path(__file__).resolve().parents[1] / "assistance" / "data" / "taxonomy.json"


@lru_cache(maxsize=1)
def _areas() -> tuple[dict, ...]:
    return tuple(json.loads(TAXONOMY.read_text(encoding="utf-8"))["areas"])


def _language(lang: str | None) -> str:
    code = (lang or get_language() or "en").split("-")[0].split("_")[0].lower()
    return code


def areas(lang: str | None = None) -> dict[str, str]:
    """Area code -> label in ``lang`` (default: the active language), in the taxonomy's order."""
    code = _language(lang)
    return {a["code"]: (a.get("labels") or {}).get(code) or a["label"] for a in _areas()}


def unknown(codes) -> list[str]:
    known = areas("en")
    return [c for c in codes if c not in known]


def labels(codes, lang: str | None = None) -> list[str]:
    known = areas(lang)
    return [known.get(c, c) for c in codes]
