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


def _violations(model: Model, scores, y: np.ndarray, z: np.ndarray, known, per_row: int,
                chunk: int):
    """Pairs outside ``known`` whose exact score exceeds y[row] + z[offer]: at most ``per_row``
    per row, the largest excess first. A pair can only do so if its float32 score is within
    ``TOLERANCE`` of it; every such pair is confirmed with its exact score."""
    n_rows = len(model.rows)
    zf = np.where(np.isfinite(z), z, np.inf)
    col_t = ((zf - TOLERANCE) / SCALE).astype(np.float32)
    row_t = (y / SCALE).astype(np.float32)
    found_r, found_c, found_q, found_m = [], [], [], []
    for start in range(0, n_rows, chunk):
        rows = slice(start, min(start + chunk, n_rows))
        block = scores[rows] if scores is not None else model.block(rows)[0]
        cand = block > (row_t[rows, None] + col_t[None, :])
        cand &= ~known.block(rows)
        r, c = np.nonzero(cand)
        if not len(r):
            continue
        m = block[r, c].astype(np.float64) * SCALE - y[r + start] - zf[c]
        r = r + start
        # per row: every ambiguous pair (|margin| <= tolerance) and the best sure ones
        order = np.lexsort((c, -m, r))
        r, c, m = r[order], c[order], m[order]
        take = (_rank(r) < per_row) | (m <= TOLERANCE)
        r, c = r[take], c[take]
        q, raw = model.exact(r, c)
        ok = model.relevant(raw) & (q > 0) & (q > y[r] + zf[c])
        found_r.append(r[ok])
        found_c.append(c[ok])
        found_q.append(q[ok])
        found_m.append((q - y[r] - zf[c])[ok])
    if not found_r:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    r, c, q, m = (np.concatenate(x) for x in (found_r, found_c, found_q, found_m))
    order = np.lexsort((c, -m, r))
    r, c, q = r[order], c[order], q[order]
    keep = _rank(r) < per_row
    return r[keep], c[keep], q[keep]


def _rank(r: np.ndarray) -> np.ndarray:
    """Position of each element within its run of equal, sorted values."""
    if not len(r):
        return np.zeros(0, dtype=np.int64)
    first = np.concatenate([[0], np.flatnonzero(np.diff(r)) + 1])
    return np.arange(len(r)) - np.repeat(first, np.diff(np.append(first, len(r))))


class _Known:
    """The pairs already in the problem: a dense boolean matrix, or sorted codes when that
    matrix would be too large."""

    def __init__(self, n_rows: int, n_off: int, dense: bool):
        self.n_off = n_off
        self.matrix = np.zeros((n_rows, n_off), dtype=bool) if dense else None
        self.codes = np.zeros(0, dtype=np.int64)

    def add(self, rows: np.ndarray, cols: np.ndarray) -> None:
        if self.matrix is not None:
            self.matrix[rows, cols] = True
        else:
            self.codes = np.union1d(self.codes, rows * self.n_off + cols)

    def block(self, rows: slice) -> np.ndarray:
        if self.matrix is not None:
            return self.matrix[rows]
        start, stop = rows.start or 0, rows.stop
        lo, hi = np.searchsorted(self.codes, [start * self.n_off, stop * self.n_off])
        out = np.zeros((stop - start, self.n_off), dtype=bool)
        codes = self.codes[lo:hi]
        out[codes // self.n_off - start, codes % self.n_off] = True
        return out


def certified(model: Model, rows: np.ndarray, cols: np.ndarray, q: np.ndarray,
              remaining: np.ndarray, skip_rows: np.ndarray, scores=None, *,
              per_row: int = 10, chunk: int = 2048, max_rounds: int = 100,
              max_dense_bytes: int = 1_000_000_000) -> Allocation:
    """Optimal allocation over every eligible pair, starting from the edges given."""
    n_rows, n_off = len(model.rows), len(model.offers)
    keep = ~np.isin(rows, skip_rows)
    rows, cols, q = rows[keep], cols[keep], q[keep]
    known = _Known(n_rows, n_off, n_rows * n_off <= max_dense_bytes)
    known.add(rows, cols)
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
        known.add(r, c)
    raise RuntimeError(f"allocation not certified after {max_rounds} rounds")
