"""Public entry point: ``run`` ranks candidates per need and computes the global allocation.

Results name needs by key: the request's id for a one-need request (as before needs existed),
``"<request id>#<need id>"`` otherwise. Pins and exclusions take the same keys (a request id
stands for its only need).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .allocation import allocate
from .explain import reasons as build_reasons
from .explain import why_not
from .models import Candidate, PinError, Reason, Rejection, Request, Tags
from .render import render_all
from .scoring import COMPONENTS, SCALE, Model, Weights
from .solve import certified
from .taxonomy import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class NeedResult:
    """A need in the results: its request, id, status ("open"/"met") and allocated offer."""

    key: str
    request_id: str
    need_id: str
    status: str
    offer_id: str | None = None


@dataclass(frozen=True)
class Coverage:
    """How far a request is covered: "fully" (every need met or allocated), "partly", "none"."""

    request_id: str
    status: str
    needs: tuple[NeedResult, ...]


def request_status(need_statuses) -> str:
    """"fully" when every need is met, "partly" when some are, "none" otherwise."""
    statuses = list(need_statuses)
    met = sum(1 for s in statuses if s == "met")
    if statuses and met == len(statuses):
        return "fully"
    return "partly" if met else "none"


class _Explainer:
    """Components and reasons of the run's ranked pairs, computed when first asked for."""

    def __init__(self, model: Model, rows, cols, raw: np.ndarray, pins: frozenset):
        self.model, self.rows, self.cols, self.raw, self.pins = model, rows, cols, raw, pins

    def raw_of(self, k: int) -> dict[str, float]:
        return dict(zip(COMPONENTS, self.raw[k].tolist(), strict=True))

    def components(self, k: int) -> dict[str, float]:
        return _weighted(self.model, self.raw_of(k))

    def reasons(self, k: int) -> tuple[Reason, ...]:
        m = self.model
        i, j = int(self.rows[k]), int(self.cols[k])
        pinned = (m.rows[i].key, m.offers[j].id) in self.pins
        return build_reasons(m, i, j, self.raw_of(k), pinned=pinned)


class _Ranked(Candidate):
    """A ranked candidate: components and reasons come from the run when first read."""

    __slots__ = ("_ex", "_k")

    def __init__(self, offer_id: str, score: float, ex: _Explainer, k: int):
        self.offer_id, self.score = offer_id, score
        self._components = self._explanation = self._reasons = None
        self._make, self._taxonomy = ex, ex.model.taxonomy
        self._ex, self._k = ex, k

    @property
    def components(self) -> dict[str, float]:
        if self._components is None:
            self._components = self._ex.components(self._k)
        return self._components

    @property
    def explanation(self) -> tuple[Reason, ...]:
        if self._explanation is None:
            self._explanation = self._ex.reasons(self._k)
        return self._explanation


class _Ranking(Mapping):
    """{need key: [Candidate...]}, best first: each list is built when first read."""

    def __init__(self, keys: list[str], ex: _Explainer, offer_ids: list[str], top_k: int, q):
        self._keys = keys
        self._index = {k: n for n, k in enumerate(keys)}
        self._ex, self._offer_ids, self._q = ex, offer_ids, q
        rows = ex.rows
        self._bounds = np.searchsorted(rows, np.arange(len(keys) + 1))
        self._top_k = top_k
        self._lists: dict[str, list[Candidate]] = {}

    def __getitem__(self, key: str) -> list[Candidate]:
        found = self._lists.get(key)
        if found is None:
            n = self._index[key]
            lo, hi = int(self._bounds[n]), int(self._bounds[n + 1])
            hi = min(hi, lo + self._top_k)
            ex, ids, q = self._ex, self._offer_ids, self._q
            found = self._lists[key] = [_Ranked(ids[ex.cols[k]], int(q[k]) / SCALE, ex, k)
                                        for k in range(lo, hi)]
        return found

    def __iter__(self):
        return iter(self._keys)

    def __len__(self):
        return len(self._keys)


class _AllocationReasons(Mapping):
    """{(need key, offer id): English reasons}, computed on access."""

    def __init__(self, result: Result):
        self._result = result
        self._pairs = [(r, o) for r, o, _ in result.allocation]
        self._cache: dict = {}

    def __getitem__(self, pair):
        if pair not in self._cache:
            if pair not in self._pairs:
                raise KeyError(pair)
            self._cache[pair] = self._result.explain(*pair).reasons
        return self._cache[pair]

    def __iter__(self):
        return iter(self._pairs)

    def __len__(self):
        return len(self._pairs)


@dataclass
class Result:
    """ranking: {need key: [Candidate...]} best first; allocation: [(need key, offer, score)].

    ``scope`` says over which graph the allocation is exact: "all" (every eligible, relevant
    pair: certified) or "candidates" (each need's ``allocation_k`` best candidates).
    """

    ranking: Mapping[str, list[Candidate]]
    allocation: list[tuple[str, str, float]]
    scope: str
    model: Model = field(repr=False)
    pins: frozenset = frozenset()
    exclusions: frozenset = frozenset()
    rounds: int = 1
    edges: int = 0

    def __post_init__(self):
        self.allocation_reasons = _AllocationReasons(self)

    @property
    def total(self) -> float:
        return round(sum(s for _, _, s in self.allocation), 6)

    def key(self, request_or_need: str) -> str:
        """The need key of a need key, or of a one-need request's id."""
        m = self.model
        if request_or_need in m.row_index or request_or_need in m.met:
            return request_or_need
        keys = m.needs_of.get(request_or_need)
        if keys and len(keys) == 1:
            return keys[0]
        if keys:
            raise KeyError(f"request {request_or_need} has {len(keys)} needs: "
                           f"{', '.join(keys)}")
        raise KeyError(request_or_need)

    def needs(self) -> dict[str, NeedResult]:
        m = self.model
        allocated = {key: o for key, o, _ in self.allocation}
        out = {}
        for r in m.requests:
            for need, key in zip(r.all_needs, m.needs_of[r.id], strict=True):
                out[key] = NeedResult(key, r.id, need.id, need.status, allocated.get(key))
        return out

    def coverage(self) -> dict[str, Coverage]:
        """Per request: fully / partly / none, counting met needs and allocated ones."""
        needs = self.needs()
        out = {}
        for r in self.model.requests:
            items = tuple(needs[k] for k in self.model.needs_of[r.id])
            status = request_status("met" if n.status == "met" or n.offer_id else "open"
                                    for n in items)
            out[r.id] = Coverage(r.id, status, items)
        return out

    def unallocated(self) -> list[str]:
        done = {r for r, _, _ in self.allocation}
        return [row.key for row in self.model.rows if row.key not in done]

    def without_candidates(self) -> list[str]:
        return [key for key, cands in self.ranking.items() if not cands]

    def request_tags(self, key: str) -> Tags:
        return self.model.row_tags[self.model.row_index[self.key(key)]]

    def offer_tags(self, offer_id: str) -> Tags:
        return self.model.off_tags[self.model.off_index[offer_id]]

    def explain(self, key: str, offer_id: str) -> Candidate | Rejection:
        """Score and reasons of any pair, or why it is not a candidate."""
        m = self.model
        key = self.key(key)
        if key not in m.row_index:
            raise KeyError(f"need {key} is met: it is not matched")
        i, j = m.row_index[key], m.off_index[offer_id]
        q, raw, ok = m.pair(i, j)
        excluded = (key, offer_id) in self.exclusions
        if not ok or excluded:
            return Rejection(offer_id, why_not(m, i, j, raw, ok and not excluded, excluded),
                             m.taxonomy)
        pinned = (key, offer_id) in self.pins
        return Candidate(offer_id, q / SCALE, _weighted(m, raw),
                         lambda: build_reasons(m, i, j, raw, pinned=pinned), m.taxonomy)


def _weighted(model: Model, raw: dict[str, float]) -> dict[str, float]:
    w = model.weights
    return {name: round((-w.load if name == "load" else getattr(w, name)) * raw[name], 6)
            for name in COMPONENTS}


def _check_ids(requests, offers) -> None:
    for name, items in (("request", requests), ("offer", offers)):
        dupes = sorted(k for k, n in Counter(x.id for x in items).items() if n > 1)
        if dupes:
            raise ValueError(f"duplicate {name} ids: {', '.join(dupes)}")


def _normalise_pairs(model: Model, pairs) -> frozenset:
    out = set()
    for key, oid in pairs:
        key, oid = str(key), str(oid)
        if key not in model.row_index and key in model.needs_of and len(model.needs_of[key]) == 1:
            key = model.needs_of[key][0]
        out.add((key, oid))
    return frozenset(out)


def _check_pins(model: Model, pins, exclusions) -> dict[int, int]:
    problems, out = [], {}
    used: Counter[int] = Counter()
    for key, oid in sorted(pins):
        if key not in model.row_index or oid not in model.off_index:
            if key in model.needs_of and oid in model.off_index:
                problems.append(f"pin ({key}, {oid}): request {key} has "
                                f"{len(model.needs_of[key])} needs: pin one of "
                                f"{', '.join(model.needs_of[key])}")
            elif key in model.met:
                problems.append(f"pin ({key}, {oid}): need {key} is met")
            else:
                problems.append(f"pin ({key}, {oid}): unknown request or offer")
            continue
        i, j = model.row_index[key], model.off_index[oid]
        if i in out:
            problems.append(f"pin ({key}, {oid}): request {key} is already pinned")
            continue
        if (key, oid) in exclusions:
            problems.append(f"pin ({key}, {oid}): the pair is also excluded")
        _, raw, _ = model.pair(i, j)
        blocking = [r for r in why_not(model, i, j, raw, False, False) if r.code != "not_relevant"]
        for sentence in render_all(blocking, "en", model.taxonomy):
            problems.append(f"pin ({key}, {oid}): {sentence}")
        out[i] = j
        used[j] += 1
    for j, n in sorted(used.items()):
        off = model.offers[j]
        if n > off.remaining:
            problems.append(f"pins on offer {off.id}: {n} pinned but only {off.remaining} of "
                            f"{off.capacity} places free")
    if problems:
        raise PinError("; ".join(problems))
    return out


def _rank_within_rows(r: np.ndarray) -> np.ndarray:
    """Position of each element within its run of equal, sorted row indices."""
    if not len(r):
        return np.zeros(0, dtype=np.int64)
    first = np.concatenate([[0], np.flatnonzero(np.diff(r)) + 1])
    return np.arange(len(r)) - np.repeat(first, np.diff(np.append(first, len(r))))


def run(requests: list[Request], offers, *, top_k: int = 5, pins=(), exclusions=(),
        taxonomy: Taxonomy | None = None, weights: Weights | None = None,
        allocation_k: int = 10, scope: str = "auto", max_all_edges: int | None = None,
        chunk: int = 2048, with_reasons: bool = True, max_dense_bytes: int = 1_000_000_000,
        timings: dict | None = None) -> Result:
    """Rank the ``top_k`` candidates of every open need and allocate offers globally.

    pins: (need key, offer id) pairs forced into the allocation (they consume capacity);
    exclusions: pairs never proposed nor allocated (a one-need request's id stands for its
    need). scope: "all" / "auto" = the allocation is exact over every eligible pair
    (certified; ``allocation_k`` is only where it starts); "candidates" = exact over each
    need's ``allocation_k`` best candidates. Reasons are computed when a candidate's
    ``reasons`` are read (``with_reasons`` and ``max_all_edges`` are kept for callers of the
    earlier engine and have no effect).
    """
    del with_reasons, max_all_edges
    if scope not in ("auto", "all", "candidates"):
        raise ValueError(f"scope must be auto, all or candidates, not {scope!r}")
    _check_ids(requests, offers)
    timings = {} if timings is None else timings
    model = Model(list(requests), list(offers), taxonomy or load_taxonomy(),
                  weights or Weights(), (), timings)
    pins = _normalise_pairs(model, pins)
    exclusions = _normalise_pairs(model, exclusions)
    model.exclusions = {}
    for key, oid in exclusions:
        if key in model.row_index and oid in model.off_index:
            model.exclusions.setdefault(model.row_index[key], set()).add(model.off_index[oid])
    pinned = _check_pins(model, pins, exclusions)
    n_rows, n_off = len(model.rows), len(model.offers)
    kk = min(max(top_k, allocation_k), n_off)
    sel = min(kk + 2, n_off)  # a margin for float32 ties at the boundary
    certify = scope != "candidates"
    keep_scores = certify and n_rows * n_off * 4 <= max_dense_bytes
    scores = np.empty((n_rows, n_off), dtype=np.float32) if keep_scores else None
    sel_r, sel_c = [], []
    # each offer's best needs too (an offer nobody ranks high would otherwise start empty)
    per_offer = 3
    col_r, col_c, col_v = [], [], []
    t_score = t_rank = 0.0
    for start in range(0, n_rows if n_off else 0, chunk):
        rows = slice(start, min(start + chunk, n_rows))
        clock = time.perf_counter()
        t, ok = model.block(rows)
        if scores is not None:
            scores[rows] = t
        t_score += time.perf_counter() - clock
        clock = time.perf_counter()
        if sel < n_off:
            idx = np.argpartition(t, n_off - sel, axis=1)[:, n_off - sel:]
        else:
            idx = np.broadcast_to(np.arange(n_off), t.shape).copy()
        r, c = np.nonzero(np.isfinite(np.take_along_axis(t, idx, axis=1)))
        sel_r.append(r + start)
        sel_c.append(idx[r, c])
        if certify:  # each offer's best needs of the block: a start for the allocation
            cols = np.arange(n_off)
            for _ in range(per_offer):
                best = np.argmax(t, axis=0)
                vals = t[best, cols]
                good = vals > 0
                col_r.append(best[good] + start)
                col_c.append(cols[good])
                col_v.append(vals[good])
                t[best, cols] = -np.inf  # the block is not used after this
        t_rank += time.perf_counter() - clock
    clock = time.perf_counter()
    r = np.concatenate(sel_r) if sel_r else np.zeros(0, np.int64)
    c = np.concatenate(sel_c) if sel_c else np.zeros(0, np.int64)
    q, raw = model.exact(r, c)
    ok = model.relevant(raw) if len(r) else np.zeros(0, dtype=bool)
    r, c, q = r[ok], c[ok], q[ok]
    raw_m = np.stack([raw[k][ok] for k in COMPONENTS], axis=1) if len(r) else \
        np.zeros((0, len(COMPONENTS)))
    order = np.lexsort((c, -q, r))  # per need: best first, ties by offer id
    r, c, q, raw_m = r[order], c[order], q[order], raw_m[order]
    pos = _rank_within_rows(r)
    keep = pos < kk
    r, c, q, raw_m, pos = r[keep], c[keep], q[keep], raw_m[keep], pos[keep]
    timings["scoring (incl. text similarity)"] = t_score
    timings["ranking"] = t_rank + time.perf_counter() - clock
    clock = time.perf_counter()
    remaining = np.array([o.remaining for o in model.offers], dtype=np.int64)
    for j in pinned.values():
        remaining[j] -= 1
    skip = np.fromiter(pinned, dtype=np.int64, count=len(pinned))
    a_sel = (pos < allocation_k) & (q > 0)
    ar, ac, aq = r[a_sel], c[a_sel], q[a_sel]
    rounds, edges = 1, 0
    if certify and col_r:
        cr, cc, cv = (np.concatenate(x) for x in (col_r, col_c, col_v))
        order = np.lexsort((cr, -cv, cc))  # per offer: best first
        cr, cc = cr[order], cc[order]
        first = np.concatenate([[0], np.flatnonzero(np.diff(cc)) + 1]) if len(cc) else \
            np.zeros(0, dtype=np.int64)
        rank = np.arange(len(cc)) - np.repeat(first, np.diff(np.append(first, len(cc))))
        take = rank < 3 * remaining[cc] + 3
        cr, cc = cr[take], cc[take]
        cq, craw = model.exact(cr, cc)
        good = model.relevant(craw) & (cq > 0)
        ar = np.concatenate([ar, cr[good]])
        ac = np.concatenate([ac, cc[good]])
        aq = np.concatenate([aq, cq[good]])
    if certify:
        found = certified(model, ar, ac, aq, remaining, skip, scores, chunk=chunk)
        solved, rounds, edges = found.solved, found.rounds, found.edges
    else:
        keep = ~np.isin(ar, skip)
        solved = allocate(ar[keep], ac[keep], aq[keep], remaining)
        edges = int(keep.sum())
    alloc = [(i, j, s) for i, j, s in solved]
    for i, j in pinned.items():
        alloc.append((i, j, model.pair(i, j)[0]))
    alloc.sort()
    timings["allocation"] = time.perf_counter() - clock
    clock = time.perf_counter()
    ex = _Explainer(model, r, c, raw_m, pins)
    keys = [row.key for row in model.rows]
    offer_ids = [o.id for o in model.offers]
    ranking = _Ranking(keys, ex, offer_ids, top_k, q)
    allocation = [(keys[i], offer_ids[j], s / SCALE) for i, j, s in alloc]
    timings["ranking objects"] = time.perf_counter() - clock
    return Result(ranking, allocation, "all" if certify else "candidates", model, pins,
                  exclusions, rounds, edges)


def to_dict(result: Result, *, summary: bool = False, language: str | None = None) -> dict:
    """The documented output: {"ranking": {...}, "allocation": [...]}, scores to 4 decimals.

    A need of a several-need request appears under "R7#2" in the ranking, and as
    {"request": "R7", "need": "2", "offer": ...} in the allocation. ``summary`` adds
    "requests": {request id: {"status": fully/partly/none, "needs": {need id: {...}}}}.
    ``language``: the reasons' sentences in that language (default: English).
    """
    ranking = {
        key: [{"offer": c.offer_id, "score": round(c.score, 4),
               "reasons": list(c.reasons_in(language) if language else c.reasons)}
              for c in result.ranking[key]]
        for key in sorted(result.ranking)
    }
    needs = result.needs()
    allocation = []
    for key, offer, _ in sorted(result.allocation):
        n = needs[key]
        item = {"request": n.request_id, "offer": offer}
        if key != n.request_id:
            item["need"] = n.need_id
        allocation.append(item)
    out = {"ranking": ranking, "allocation": allocation}
    if summary:
        out["requests"] = {
            rid: {"status": cov.status,
                  "needs": {n.need_id: {"status": n.status, "offer": n.offer_id}
                            for n in cov.needs}}
            for rid, cov in sorted(result.coverage().items())}
    return out


def to_json(result: Result, *, indent: int | None = 2, summary: bool = False,
            language: str | None = None) -> str:
    """``to_dict`` serialised deterministically (sorted keys)."""
    return json.dumps(to_dict(result, summary=summary, language=language), indent=indent,
                      sort_keys=True, ensure_ascii=False)
