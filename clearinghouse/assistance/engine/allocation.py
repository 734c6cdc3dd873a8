"""Exact global allocation: maximise the total score, each request getting at most one offer,
each offer at most its remaining capacity.

Reduction to a rectangular assignment problem: one column per unit of an offer's remaining
capacity (an offer with r free places appears r times, but never more often than it has
edges), plus one "unassigned" column per request. Scores are integers (micro-points); the
cost of an edge is C - score with C = max score + 1, the cost of "unassigned" is C, so every
cost is positive and non-zero as LAPJVsp requires, and since each request is matched exactly
once, minimising the cost maximises the total score. Solved by
``scipy.sparse.csgraph.min_weight_full_bipartite_matching`` (LAPJVsp). Only edges with a
positive score are used (a zero or negative score never beats leaving a request unassigned).

Determinism: the inputs are in canonical (id-sorted) order and integer-valued, so the same
instance always yields the same allocation, whatever the order the records were given in.
"""

from __future__ import annotations

import itertools

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching


def allocate(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray,
             remaining: np.ndarray) -> list[tuple[int, int, int]]:
    """Optimal allocation over the given edges: [(row, col, score)], sorted by row.

    ``rows``/``cols``/``scores`` are parallel integer arrays (request index, offer index,
    integer score); ``remaining`` is each offer's free capacity.
    """
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.int64)
    remaining = np.asarray(remaining, dtype=np.int64)
    keep = (scores > 0) & (remaining[cols] > 0) if len(cols) else np.zeros(0, dtype=bool)
    rows, cols, scores = rows[keep], cols[keep], scores[keep]
    if len(rows) == 0:
        return []
    # one edge per (row, col): keep the best score of duplicates
    order = np.lexsort((-scores, cols, rows))
    rows, cols, scores = rows[order], cols[order], scores[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    rows, cols, scores = rows[first], cols[first], scores[first]
    # compact request indices
    req_ids, r_local = np.unique(rows, return_inverse=True)
    n = len(req_ids)
    # units per offer: min(remaining, degree)
    degree = np.bincount(cols, minlength=len(remaining))
    units = np.minimum(remaining, degree)
    unit_start = np.concatenate([[0], np.cumsum(units)[:-1]])
    n_units = int(units.sum())
    reps = units[cols]
    e_rows = np.repeat(r_local, reps)
    offsets = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    e_cols = np.repeat(unit_start[cols], reps) + offsets
    big = int(scores.max()) + 1
    e_cost = np.repeat(big - scores, reps).astype(np.float64)
    d_rows = np.arange(n)
    all_rows = np.concatenate([e_rows, d_rows])
    all_cols = np.concatenate([e_cols, n_units + d_rows])
    all_cost = np.concatenate([e_cost, np.full(n, float(big))])
    graph = sp.csr_matrix((all_cost, (all_rows, all_cols)), shape=(n, n_units + n))
    r_idx, c_idx = min_weight_full_bipartite_matching(graph)
    unit_offer = np.repeat(np.arange(len(remaining)), units)
    score_of = {}
    for r, c, s in zip(r_local.tolist(), cols.tolist(), scores.tolist(), strict=True):
        score_of[(r, c)] = s
    out = []
    for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
        if c < n_units:
            j = int(unit_offer[c])
            out.append((int(req_ids[r]), j, score_of[(r, j)]))
    out.sort()
    return out


def reference_total(score_matrix: np.ndarray, remaining: np.ndarray) -> int:
    """Exact optimum by dense ``linear_sum_assignment`` (for tests): scores <= 0 = no edge."""
    s = np.where(score_matrix > 0, score_matrix, 0).astype(np.int64)
    cols = np.repeat(np.arange(s.shape[1]), np.asarray(remaining, dtype=np.int64))
    if s.shape[0] == 0 or len(cols) == 0:
        return 0
    dense = s[:, cols]
    r, c = linear_sum_assignment(dense, maximize=True)
    return int(dense[r, c].sum())


def brute_force_total(score_matrix: np.ndarray, remaining: np.ndarray) -> int:
    """Exact optimum by enumerating every allocation (tiny instances only, for tests)."""
    n_req, n_off = score_matrix.shape
    best = 0
    for choice in itertools.product(range(-1, n_off), repeat=n_req):
        used = np.zeros(n_off, dtype=np.int64)
        total = 0
        ok = True
        for i, j in enumerate(choice):
            if j < 0:
                continue
            if score_matrix[i, j] <= 0:
                ok = False
                break
            used[j] += 1
            total += int(score_matrix[i, j])
        if ok and (used <= remaining).all():
            best = max(best, total)
    return best
