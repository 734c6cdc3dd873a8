"""Vectorised scoring of every (request, offer) pair from named, weighted components.

Components (each in [0, 1], then weighted; the weighted values sum to the score):
area fit, weapon fit, type fit, language, text similarity, and the provider-load penalty.
Eligibility (the requesting State is in one of the offer's rules), validity (the offer's
dates cover the request's date) and expert exclusions are hard constraints: such pairs are
never candidates. A relevance gate also drops pairs with no area link and little shared text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .inference import Inferrer
from .models import Offer, Request, Tags
from .taxonomy import Taxonomy
from .text import TfIdf

NEUTRAL = 0.5
SCALE = 1_000_000  # scores are compared as integers (micro-points): exact and deterministic


@dataclass(frozen=True)
class Weights:
    area: float = 0.40
    text: float = 0.25
    weapon: float = 0.15
    type: float = 0.10
    language: float = 0.10
    load: float = 0.10  # penalty at full load
    min_text: float = 0.15  # relevance gate: needed when no area links the pair


def _indicator(tag_lists: list[tuple[str, ...]], index: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(tag_lists), len(index)), dtype=np.float32)
    for i, codes in enumerate(tag_lists):
        for c in codes:
            m[i, index[c]] = 1.0
    return m


class Model:
    """Requests and offers in canonical (id-sorted) order, their tags and indicator matrices."""

    def __init__(self, requests: list[Request], offers: list[Offer], taxonomy: Taxonomy,
                 weights: Weights | None = None, exclusions=(), timings: dict | None = None):
        clock = time.perf_counter()
        self.requests = sorted(requests, key=lambda r: r.id)
        self.offers = sorted(offers, key=lambda o: o.id)
        self.taxonomy = taxonomy
        self.weights = weights or Weights()
        self.req_index = {r.id: i for i, r in enumerate(self.requests)}
        self.off_index = {o.id: j for j, o in enumerate(self.offers)}
        inferrer = Inferrer(taxonomy)
        kinds = Taxonomy.KINDS
        self.req_tags: list[Tags] = [
            inferrer.tags(r.title, r.description, {k: getattr(r, k) for k in kinds})
            for r in self.requests]
        self.off_tags: list[Tags] = [
            inferrer.tags(o.title, o.description, {k: getattr(o, k) for k in kinds})
            for o in self.offers]
        self._build_matrices()
        t1 = time.perf_counter()
        self.similarity = None
        self.tfidf = TfIdf([f"{x.title}. {x.description}" for x in self.requests + self.offers])
        if timings is not None:
            timings["tags + matrices"] = t1 - clock
            timings["tf-idf fit"] = time.perf_counter() - t1
        self.exclusions: dict[int, set[int]] = {}
        for rid, oid in exclusions:
            if rid in self.req_index and oid in self.off_index:
                self.exclusions.setdefault(self.req_index[rid], set()).add(self.off_index[oid])

    def _build_matrices(self) -> None:
        tax = self.taxonomy
        ind = {}
        for kind in Taxonomy.KINDS:
            ind[("r", kind)] = _indicator([t.codes(kind) for t in self.req_tags], tax.index[kind])
            ind[("o", kind)] = _indicator([t.codes(kind) for t in self.off_tags], tax.index[kind])
        ra = ind[("r", "areas")]
        self.r_area = ra / np.maximum(ra.sum(axis=1, keepdims=True), 1.0)
        # best fit of each requested area code with each offer: max_b F[a, b] * O[o, b]
        oa = ind[("o", "areas")]
        self.o_area_best_t = np.ascontiguousarray(
            (oa[:, None, :] * tax.fit_matrix[None, :, :]).max(axis=2).T)
        self.sets = {}
        for name, kind in (("weapon", "weapons"), ("type", "types")):
            r, o = ind[("r", kind)], ind[("o", kind)]
            rn = r.sum(axis=1, keepdims=True)
            self.sets[name] = (r / np.maximum(rn, 1.0), rn[:, 0] == 0,
                               np.ascontiguousarray(o.T), o.sum(axis=1) == 0)
        langs = sorted({x for r in self.requests for x in r.languages}
                       | {x for o in self.offers for x in o.languages})
        li = {c: i for i, c in enumerate(langs)}
        r_lang = _indicator([r.languages for r in self.requests], li)
        o_lang = _indicator([o.languages for o in self.offers], li)
        self.sets["language"] = (r_lang, r_lang.sum(axis=1) == 0,
                                 np.ascontiguousarray(o_lang.T), o_lang.sum(axis=1) == 0)
        states = sorted({r.state for r in self.requests})
        si = {s: i for i, s in enumerate(states)}
        self.r_state = np.array([si[r.state] for r in self.requests], dtype=np.int64)
        elig = np.ones((len(states), len(self.offers)), dtype=bool)
        for j, o in enumerate(self.offers):
            if o.eligibility:
                allowed = set().union(*(members for _, members in o.eligibility))
                elig[:, j] = [s in allowed for s in states]
        self.eligible = elig
        lo, hi = -(2**62), 2**62
        self.valid_from = np.array([o.valid_from.toordinal() if o.valid_from else lo
                                    for o in self.offers], dtype=np.int64)
        self.valid_to = np.array([o.valid_to.toordinal() if o.valid_to else hi
                                  for o in self.offers], dtype=np.int64)
        self.r_date = np.array([r.date.toordinal() for r in self.requests], dtype=np.int64)
        self.load = np.array([min(o.active, o.capacity) / o.capacity for o in self.offers],
                             dtype=np.float32)

    # ------------------------------------------------------------------ vectorised scoring
    def _cover(self, name: str, rows: slice, binary: bool) -> np.ndarray:
        r, r_none, o_t, o_none = self.sets[name]
        out = r[rows] @ o_t
        if binary:
            np.minimum(out, 1.0, out=out)
        out[r_none[rows], :] = NEUTRAL
        out[:, o_none] = NEUTRAL
        return out

    def components(self, rows: slice) -> dict[str, np.ndarray]:
        """Raw component matrices (rows x offers), each in [0, 1]."""
        if self.similarity is None:
            self.similarity = self.tfidf.split(len(self.requests))
        area = self.r_area[rows] @ self.o_area_best_t
        return {
            "area": area,
            "weapon": self._cover("weapon", rows, False),
            "type": self._cover("type", rows, False),
            "language": self._cover("language", rows, True),
            "text": self.similarity.block(rows),
            "load": np.broadcast_to(self.load, area.shape),
        }

    def mask(self, rows: slice, comps: dict[str, np.ndarray]) -> np.ndarray:
        """Candidate mask: eligible, valid on the request date, not excluded, relevant."""
        m = self.eligible[self.r_state[rows]]
        d = self.r_date[rows][:, None]
        m &= self.valid_from[None, :] <= d
        m &= d <= self.valid_to[None, :]
        m &= (comps["area"] > 0) | (comps["text"] >= self.weights.min_text)
        start = rows.start or 0
        for i in range(start, min(rows.stop, len(self.requests))):
            for j in self.exclusions.get(i, ()):
                m[i - start, j] = False
        return m

    def weighted(self, comps: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        w = self.weights
        return {
            "area": w.area * comps["area"],
            "weapon": w.weapon * comps["weapon"],
            "type": w.type * comps["type"],
            "language": w.language * comps["language"],
            "text": w.text * comps["text"],
            "load": -w.load * comps["load"],
        }

    def total(self, comps: dict[str, np.ndarray]) -> np.ndarray:
        """The weighted sum (float32), same arithmetic for blocks and single pairs."""
        w = self.weights
        t = comps["area"] * np.float32(w.area)
        for name in ("weapon", "type", "language", "text"):
            t += comps[name] * np.float32(getattr(w, name))
        t -= comps["load"] * np.float32(w.load)
        return t

    def block(self, rows: slice) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """(raw components, float32 totals with -inf where the pair is not a candidate)."""
        comps = self.components(rows)
        t = self.total(comps)
        t[~self.mask(rows, comps)] = -np.inf
        return comps, t

    def gather(self, comps: dict[str, np.ndarray], r: np.ndarray, c: np.ndarray) -> np.ndarray:
        """Raw components at (r, c) positions of a block, as an (n, 6) array (COMPONENTS order)."""
        return np.stack([np.asarray(comps[k])[r, c] for k in COMPONENTS], axis=1)

    def pair(self, i: int, j: int) -> tuple[int, dict[str, float], bool]:
        """(integer score, raw components, is-candidate) of one pair, e.g. to explain it."""
        rows = slice(i, i + 1)
        comps, t = self.block(rows)
        raw = {k: float(v[0, j]) for k, v in comps.items()}
        score = int(to_int_scores(self.total(comps)[0, j]))
        return score, raw, bool(np.isfinite(t[0, j]))


def to_int_scores(totals) -> np.ndarray:
    """Integer scores (micro-points) from float32 totals: compared exactly, deterministic."""
    return np.rint(np.asarray(totals, dtype=np.float64) * SCALE).astype(np.int64)

COMPONENTS = ("area", "weapon", "type", "language", "text", "load")
