"""The assistance taxonomy in the six UN languages, shipped as a JSON data file.

Kinds: ``areas`` (a tree aligned with the 1540 Matrix), ``weapons``, ``types`` (of assistance)
and ``concepts`` (finer notions: customs, laboratories, radioactive sources...). Every term has
a label and keywords per language (``ar zh en fr ru es``) plus language-neutral ones (``any``:
acronyms such as CWC, IAEA, FATF). Keywords in different languages map to the same code: that
shared code space is what lets a French request meet an English offer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "taxonomy.json"
LANGS = ("ar", "zh", "en", "fr", "ru", "es")


@dataclass(frozen=True)
class Term:
    code: str
    label: str  # English
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    op: str = ""
    parent: str | None = None
    weapon: str | None = None
    related: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def display(self) -> str:
        return f"{self.label} ({self.op})" if self.op else self.label

    def label_in(self, lang: str) -> str:
        return self.labels.get(lang) or self.label

    def display_in(self, lang: str) -> str:
        label = self.label_in(lang)
        return f"{label} ({self.op})" if self.op else label


def _term(raw: dict) -> Term:
    label = raw["label"]
    labels = dict(label) if isinstance(label, dict) else {"en": label, **raw.get("labels", {})}
    keywords = raw.get("keywords", ())
    if not isinstance(keywords, dict):  # version 1: English keywords only
        keywords = {"en": keywords}
    return Term(code=raw["code"], label=labels.get("en") or next(iter(labels.values())),
                keywords={k: tuple(v) for k, v in keywords.items()}, op=raw.get("op", ""),
                parent=raw.get("parent"), weapon=raw.get("weapon"),
                related=tuple(raw.get("related", ())), labels=labels)


class Taxonomy:
    """Areas form a tree (``parent``); ``fit_matrix`` gives the area fit of every code pair."""

    KINDS = ("areas", "weapons", "types")
    ALL_KINDS = ("areas", "weapons", "types", "concepts")

    def __init__(self, data: dict):
        self.relatedness = dict(data.get("relatedness", {}))
        self.terms: dict[str, dict[str, Term]] = {}
        for kind in self.ALL_KINDS:
            items = {}
            for raw in data.get(kind, []):
                term = _term(raw)
                if term.code in items:
                    raise ValueError(f"taxonomy: duplicate {kind} code {term.code!r}")
                for lang in term.keywords:
                    if lang not in LANGS and lang != "any":
                        raise ValueError(f"taxonomy: {kind} {term.code!r}: unknown language "
                                         f"{lang!r}")
                items[term.code] = term
            self.terms[kind] = items
        self.codes = {k: tuple(v) for k, v in self.terms.items()}
        self.index = {k: {c: i for i, c in enumerate(v)} for k, v in self.codes.items()}
        areas = self.terms["areas"]
        for term in areas.values():
            for ref in (term.parent, *term.related):
                if ref is not None and ref not in areas:
                    raise ValueError(f"taxonomy: area {term.code!r} refers to unknown {ref!r}")
        self.relations = {(a, b): self._relation(a, b) for a in areas for b in areas}
        self.fit_matrix = self._fit_matrix()
        self.children_of = {c: [t for t in areas.values() if t.parent == c] for c in areas}
        # the concept space: every code of every kind, "kind:code"
        self.concept_index = {f"{k}:{c}": i for i, (k, c) in enumerate(
            (k, c) for k in self.ALL_KINDS for c in self.codes[k])}

    @property
    def areas(self) -> dict[str, Term]:
        return self.terms["areas"]

    def inferrer(self):
        """The taxonomy's keyword matcher (built once: its expressions take time to compile)."""
        found = self.__dict__.get("_inferrer")
        if found is None:
            from .inference import Inferrer

            found = self.__dict__["_inferrer"] = Inferrer(self)
        return found

    def label(self, kind: str, code: str, lang: str = "en") -> str:
        term = self.terms[kind].get(code)
        if term is None:
            return code
        return term.display_in(lang) if kind == "areas" else term.label_in(lang)

    def children(self, code: str) -> list[Term]:
        return self.children_of.get(code, [])

    def relation(self, req_code: str, off_code: str) -> str | None:
        """How an offer's area relates to a requested area (None when unrelated)."""
        return self.relations[(req_code, off_code)]

    def _relation(self, req_code: str, off_code: str) -> str | None:
        if req_code == off_code:
            return "exact"
        a, b = self.areas[req_code], self.areas[off_code]
        if a.parent == off_code:
            return "offer_broader"
        if b.parent == req_code:
            return "offer_narrower"
        if a.parent is not None and a.parent == b.parent:
            return "sibling"
        if off_code in a.related or req_code in b.related:
            return "related"
        if a.parent and (a.parent in b.related or off_code in self.areas[a.parent].related):
            return "related"
        return None

    def _fit_matrix(self) -> np.ndarray:
        codes = self.codes["areas"]
        fit = np.zeros((len(codes), len(codes)), dtype=np.float32)
        for i, a in enumerate(codes):
            for j, b in enumerate(codes):
                rel = self.relation(a, b)
                if rel is not None:
                    fit[i, j] = float(self.relatedness.get(rel, 0.0))
        return fit


@lru_cache(maxsize=8)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """Load (and cache) the taxonomy from ``path`` or the shipped data file."""
    p = Path(path) if path else DEFAULT_PATH
    with p.open(encoding="utf-8") as fh:
        return Taxonomy(json.load(fh))
