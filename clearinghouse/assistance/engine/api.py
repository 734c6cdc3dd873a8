"""Public entry point: ``run`` ranks candidates and computes the global allocation."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .allocation import allocate
from .explain import reasons as build_reasons
from .explain import why_not
from .models import Candidate, Offer, PinError, Rejection, Request, Tags
from .scoring import COMPONENTS, SCALE, Model, Weights, to_int_scores
from .taxonomy import Taxonomy, load_taxonomy


@dataclass
class Result:
    """ranking: {request_id: [Candidate...]} best first; allocation: [(request, offer, score)].

    ``scope`` says over which graph the allocation is exact: "all" (every eligible, relevant
    pair) or "candidates" (each request's ``allocation_k`` best candidates).
    """

    ranking: dict[str, list[Candidate]]
    allocation: list[tuple[str, str, float]]
    allocation_reasons: dict[tuple[str, str], tuple[str, ...]]
    scope: str
    model: Model = field(repr=False)
    pins: frozenset = frozenset()
    exclusions: frozenset = frozenset()

    @property
    def total(self) -> float:
        return round(sum(s for _, _, s in self.allocation), 6)

    def unallocated(self) -> list[str]:
        done = {r for r, _, _ in self.allocation}
        return [r.id for r in self.model.requests if r.id not in done]

    def without_candidates(self) -> list[str]:
        return [rid for rid, cands in self.ranking.items() if not cands]

    def request_tags(self, request_id: str) -> Tags:
        return self.model.req_tags[self.model.req_index[request_id]]

    def offer_tags(self, offer_id: str) -> Tags:
        return self.model.off_tags[self.model.off_index[offer_id]]

    def explain(self, request_id: str, offer_id: str) -> Candidate | Rejection:
        """Score and reasons of any pair, or why it is not a candidate."""
        m = self.model
        i, j = m.req_index[request_id], m.off_index[offer_id]
        q, raw, ok = m.pair(i, j)
        excluded = (request_id, offer_id) in self.exclusions
        if not ok or excluded:
            return Rejection(offer_id, why_not(m, i, j, raw, ok and not excluded, excluded))
        pinned = (request_id, offer_id) in self.pins
        return Candidate(offer_id, q / SCALE, _weighted(m, raw),
                         build_reasons(m, i, j, raw, pinned=pinned))


def _weighted(model: Model, raw: dict[str, float]) -> dict[str, float]:
    w = model.weights
    return {"area": round(w.area * raw["area"], 6), "weapon": round(w.weapon * raw["weapon"], 6),
            "type": round(w.type * raw["type"], 6),
            "language": round(w.language * raw["language"], 6),
            "text": round(w.text * raw["text"], 6), "load": round(-w.load * raw["load"], 6)}


def _check_ids(requests, offers) -> None:
    for name, items in (("request", requests), ("offer", offers)):
        dupes = sorted(k for k, n in Counter(x.id for x in items).items() if n > 1)
        if dupes:
            raise ValueError(f"duplicate {name} ids: {', '.join(dupes)}")


def _check_pins(model: Model, pins, exclusions) -> dict[int, int]:
    problems, out = [], {}
    used: Counter[int] = Counter()
    for rid, oid in pins:
        if rid not in model.req_index or oid not in model.off_index:
            problems.append(f"pin ({rid}, {oid}): unknown request or offer")
            continue
        i, j = model.req_index[rid], model.off_index[oid]
        if i in out:
            problems.append(f"pin ({rid}, {oid}): request {rid} is already pinned")
            continue
        if (rid, oid) in exclusions:
            problems.append(f"pin ({rid}, {oid}): the pair is also excluded")
        _, raw, _ = model.pair(i, j)
        for sentence in why_not(model, i, j, raw, False, False):
            if not sentence.startswith("Not relevant"):
                problems.append(f"pin ({rid}, {oid}): {sentence}")
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


def run(requests: list[Request], offers: list[Offer], *, top_k: int = 5, pins=(),
        exclusions=(), taxonomy: Taxonomy | None = None, weights: Weights | None = None,
        allocation_k: int = 10, scope: str = "auto", max_all_edges: int = 250_000,
        chunk: int = 1024, with_reasons: bool = True,
        timings: dict | None = None) -> Result:
    """Rank the ``top_k`` candidates of every request and allocate offers globally.

    pins: (request_id, offer_id) pairs forced into the allocation (they consume capacity);
    exclusions: pairs never proposed nor allocated. scope: "all" = allocation exact over every
    eligible pair; "candidates" = exact over each request's ``allocation_k`` best candidates;
    "auto" = "all" when there are at most ``max_all_edges`` eligible pairs.
    """
    if scope not in ("auto", "all", "candidates"):
        raise ValueError(f"scope must be auto, all or candidates, not {scope!r}")
    _check_ids(requests, offers)
    pins = frozenset((str(r), str(o)) for r, o in pins)
    exclusions = frozenset((str(r), str(o)) for r, o in exclusions)
    timings = {} if timings is None else timings
    model = Model(list(requests), list(offers), taxonomy or load_taxonomy(), weights or Weights(),
                  exclusions, timings)
    pinned = _check_pins(model, pins, exclusions)
    n_req, n_off = len(model.requests), len(model.offers)
    kk = min(max(top_k, allocation_k), n_off)
    rank_rows: list[np.ndarray] = []
    rank_cols: list[np.ndarray] = []
    rank_q: list[np.ndarray] = []
    rank_raw: list[np.ndarray] = []
    cand_edges: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    all_edges: list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None = (
        [] if scope in ("auto", "all") else None)
    n_all = 0
    t_score = t_rank = 0.0
    for start in range(0, n_req if n_off else 0, chunk):
        rows = slice(start, min(start + chunk, n_req))
        clock = time.perf_counter()
        comps, t = model.block(rows)
        t_score += time.perf_counter() - clock
        clock = time.perf_counter()
        if all_edges is not None:
            r, c = np.nonzero(t > 0)
            n_all += len(r)
            if scope == "auto" and n_all > max_all_edges:
                all_edges = None
            else:
                all_edges.append((r + start, c, to_int_scores(t[r, c])))
        if kk < n_off:
            idx = np.argpartition(-t, kk - 1, axis=1)[:, :kk]
        else:
            idx = np.broadcast_to(np.arange(n_off), t.shape).copy()
        tsel = np.take_along_axis(t, idx, axis=1)
        order = np.lexsort((idx, -tsel), axis=-1)  # best first, ties by offer id
        idx = np.take_along_axis(idx, order, axis=1)
        tsel = np.take_along_axis(tsel, order, axis=1)
        ok = np.isfinite(tsel)
        r, c = np.nonzero(ok[:, :top_k])
        rank_rows.append(r + start)
        rank_cols.append(idx[r, c])
        rank_q.append(to_int_scores(tsel[r, c]))
        rank_raw.append(model.gather(comps, r, idx[r, c]))
        r, c = np.nonzero(ok[:, :allocation_k] & (tsel[:, :allocation_k] > 0))
        cand_edges.append((r + start, idx[r, c], to_int_scores(tsel[r, c])))
        t_rank += time.perf_counter() - clock
    timings["scoring (incl. text similarity)"] = t_score
    timings["ranking"] = t_rank
    clock = time.perf_counter()
    edges = all_edges if all_edges is not None else cand_edges
    used_scope = "all" if all_edges is not None else "candidates"

    def cat(k: int) -> np.ndarray:
        return np.concatenate([e[k] for e in edges]) if edges else np.zeros(0, np.int64)

    e_rows, e_cols, e_q = cat(0), cat(1), cat(2)
    keep = ~np.isin(e_rows, np.fromiter(pinned, dtype=np.int64, count=len(pinned)))
    remaining = np.array([o.remaining for o in model.offers], dtype=np.int64)
    for j in pinned.values():
        remaining[j] -= 1
    solved = allocate(e_rows[keep], e_cols[keep], e_q[keep], remaining)
    alloc: list[tuple[int, int, int, bool]] = [(i, j, s, False) for i, j, s in solved]
    for i, j in pinned.items():
        alloc.append((i, j, model.pair(i, j)[0], True))
    alloc.sort()
    timings["allocation"] = time.perf_counter() - clock
    clock = time.perf_counter()
    ranking: dict[str, list[Candidate]] = {r.id: [] for r in model.requests}
    raw_of: dict[tuple[int, int], dict[str, float]] = {}
    rr = np.concatenate(rank_rows) if rank_rows else np.zeros(0, np.int64)
    rc = np.concatenate(rank_cols) if rank_cols else np.zeros(0, np.int64)
    rq = np.concatenate(rank_q) if rank_q else np.zeros(0, np.int64)
    rw = np.concatenate(rank_raw) if rank_raw else np.zeros((0, len(COMPONENTS)))
    for i, j, s, vals in zip(rr.tolist(), rc.tolist(), rq.tolist(), rw.tolist(), strict=True):
        raw = dict(zip(COMPONENTS, vals, strict=True))
        raw_of[(i, j)] = raw
        req, off = model.requests[i], model.offers[j]
        why = build_reasons(model, i, j, raw, pinned=(req.id, off.id) in pins) \
            if with_reasons else ()
        ranking[req.id].append(Candidate(off.id, s / SCALE, _weighted(model, raw), why))
    allocation, alloc_reasons = [], {}
    for i, j, s, _ in alloc:
        rid, oid = model.requests[i].id, model.offers[j].id
        allocation.append((rid, oid, s / SCALE))
        if with_reasons:
            raw = raw_of.get((i, j)) or model.pair(i, j)[1]
            alloc_reasons[(rid, oid)] = build_reasons(model, i, j, raw,
                                                      pinned=(rid, oid) in pins)
    timings["reasons"] = time.perf_counter() - clock
    return Result(ranking, allocation, alloc_reasons, used_scope, model, pins, exclusions)


def to_dict(result: Result) -> dict:
    """The documented output: {"ranking": {...}, "allocation": [...]}, scores to 4 decimals."""
    ranking = {
        rid: [{"offer": c.offer_id, "score": round(c.score, 4), "reasons": list(c.reasons)}
              for c in result.ranking[rid]]
        for rid in sorted(result.ranking)
    }
    allocation = [{"request": r, "offer": o} for r, o, _ in sorted(result.allocation)]
    return {"ranking": ranking, "allocation": allocation}


def to_json(result: Result, *, indent: int | None = 2) -> str:
    """``to_dict`` serialised deterministically (sorted keys)."""
    return json.dumps(to_dict(result), indent=indent, sort_keys=True, ensure_ascii=False)
