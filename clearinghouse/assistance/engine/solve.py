"""The global allocation over every eligible (need, offer) pair, exact, without building them all.

``certified`` solves on each need's best candidates, then checks the dual prices of that
solution (``allocation.duals``) against every other pair, adds the pairs that would improve it
and solves again, until the check passes (see ``allocation``'s docstring for why that proves
optimality). The check reads the float32 scores of the scoring pass (kept in ``scores``, or
recomputed block by block when they would not fit in memory) and confirms every pair that
could matter with its exact integer score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .allocation import allocate, duals
from .scoring import SCALE, TOLERANCE, Model


@dataclass
class Allocation:
    solved: list[tuple[int, int, int]]  # (need row, offer, integer score)
    rounds: int = 1
    edges: int = 0
    added: int = 0


def _violations(model: Model, scores, y: np.ndarray, z: np.ndarray, known: np.ndarray,
                per_row: int, chunk: int):
    """Pairs outside ``known`` (codes row * n_off + offer) whose exact score exceeds
    y[row] + z[offer]: at most ``per_row`` per row, the largest excess first."""
    n_rows, n_off = len(model.rows), len(model.offers)
    finite_z = np.where(np.isfinite(z), z, np.inf)
    found_r, found_c, found_q, found_m = [], [], [], []
    for start in range(0, n_rows, chunk):
        rows = slice(start, min(start + chunk, n_rows))
        block = scores[rows] if scores is not None else model.block(rows)[0]
        yy = y[rows]
        margin = block.astype(np.float64) * SCALE - yy[:, None] - finite_z[None, :]
        r, c = np.nonzero(margin > -TOLERANCE)
        if not len(r):
            continue
        m = margin[r, c]
        r = r + start
        codes = r * n_off + c
        fresh = ~np.isin(codes, known, assume_unique=False)
        r, c, m = r[fresh], c[fresh], m[fresh]
        if not len(r):
            continue
        # per row: every ambiguous pair (|margin| <= tolerance) and the best sure ones
        order = np.lexsort((c, -m, r))
        r, c, m = r[order], c[order], m[order]
        first = np.concatenate([[0], np.flatnonzero(np.diff(r)) + 1])
        rank = np.arange(len(r)) - np.repeat(first, np.diff(np.append(first, len(r))))
        take = (rank < per_row) | (m <= TOLERANCE)
        r, c = r[take], c[take]
        q, raw = model.exact(r, c)
        ok = model.relevant(raw) & (q > 0) & (q > y[r] + finite_z[c])
        found_r.append(r[ok])
        found_c.append(c[ok])
        found_q.append(q[ok])
        found_m.append((q - y[r] - finite_z[c])[ok])
    if not found_r:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    r, c, q, m = (np.concatenate(x) for x in (found_r, found_c, found_q, found_m))
    order = np.lexsort((c, -m, r))
    r, c, q, m = r[order], c[order], q[order], m[order]
    first = np.concatenate([[0], np.flatnonzero(np.diff(r)) + 1]) if len(r) else np.zeros(0, int)
    rank = np.arange(len(r)) - np.repeat(first, np.diff(np.append(first, len(r))))
    keep = rank < per_row
    return r[keep], c[keep], q[keep]


def certified(model: Model, rows: np.ndarray, cols: np.ndarray, q: np.ndarray,
              remaining: np.ndarray, skip_rows: np.ndarray, scores=None, *,
              per_row: int = 10, chunk: int = 2048, max_rounds: int = 100) -> Allocation:
    """Optimal allocation over every eligible pair, starting from the edges given."""
    n_rows, n_off = len(model.rows), len(model.offers)
    keep = ~np.isin(rows, skip_rows)
    rows, cols, q = rows[keep], cols[keep], q[keep]
    known = np.sort(rows * n_off + cols)
    start_edges = len(rows)
    for rounds in range(1, max_rounds + 1):
        solved = allocate(rows, cols, q, remaining)
        y, z = duals(n_rows, solved, rows, cols, q, remaining)
        y[skip_rows] = np.inf
        r, c, s = _violations(model, scores, y, z, known, per_row, chunk)
        if not len(r):
            return Allocation(solved, rounds, len(rows), len(rows) - start_edges)
        rows = np.concatenate([rows, r])
        cols = np.concatenate([cols, c])
        q = np.concatenate([q, s])
        known = np.sort(np.concatenate([known, r * n_off + c]))
    raise RuntimeError(f"allocation not certified after {max_rounds} rounds")
