"""Tags of a request or offer with their provenance: given, or inferred with the words found."""

from __future__ import annotations

from functools import lru_cache

from .engine import Inferrer, load_taxonomy

KINDS = ("areas", "weapons", "types")


@lru_cache(maxsize=1)
def _inferrer() -> Inferrer:
    return Inferrer(load_taxonomy())


def taxonomy():
    return load_taxonomy()


def provenance(title: str, description: str, areas, weapons, types) -> dict:
    """{kind: [{"code", "label", "source", "evidence"}]} for the JSON ``tags`` field."""
    tax = load_taxonomy()
    given = {"areas": areas, "weapons": weapons, "types": types}
    tags = _inferrer().tags(title, description,
                            {k: (None if v is None else tuple(v)) for k, v in given.items()})
    out = {}
    for kind in KINDS:
        out[kind] = [{"code": t.code, "label": tax.label(kind, t.code), "source": t.source,
                      "evidence": list(t.evidence)} for t in getattr(tags, kind)]
    return out


def unconfirmed(record) -> bool:
    """Does the record still carry inferred tags no expert has confirmed?"""
    return any(getattr(record, kind) is None for kind in KINDS)


def label(kind: str, code: str) -> str:
    return load_taxonomy().label(kind, code)
