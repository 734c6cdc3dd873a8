"""Exact global allocation: maximise the total score, each need getting at most one offer, each
offer at most its remaining capacity (one place per need served).

**Solver.** Reduction to a rectangular assignment problem solved by
``scipy.sparse.csgraph.min_weight_full_bipartite_matching`` (LAPJVsp): one row per unit of an
offer's remaining capacity (an offer with r free places appears r times, never more often than
it has edges) and one column per need plus one "leave empty" column per unit. Scores are
integers (micro-points); an edge costs C - score with C = max score + 1 and leaving a unit
empty costs C, so every cost is positive as LAPJVsp requires and minimising the cost maximises
the total score. Only edges with a positive score are used.

**Exact over every eligible pair without building them all** (``certify``): the problem is
solved on a subset of the edges (each need's best candidates), then an optimality
certificate is computed, the linear programme's dual prices: ``z[j]`` for each offer (what
freeing one place at j would cost: the shortest path from j to a free place or to a need
that can be dropped, in the graph where a need assigned to j may move to another of its
offers) and ``y[i] = score(i, assigned offer) - z[assigned offer]`` for each assigned need
(0 for the others). They satisfy ``y[i] + z[j] >= score(i, j)`` on every edge of the subset,
with equality on the allocation; the assignment LP is integral, so when that inequality also
holds for every eligible pair outside the subset, the allocation is optimal over all pairs
(primal value = dual value). Pairs that break it are added to the subset and the problem is
solved again, until none does. Tests check the result against a dense exact reference.

Determinism: the inputs are in canonical (id-sorted) order and integer-valued, so the same
instance always yields the same allocation, whatever the order the records were given in.
"""

from __future__ import annotations

import itertools

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import bellman_ford, min_weight_full_bipartite_matching


def _dedupe(rows, cols, scores):
    """One edge per (row, col), keeping the best score."""
    order = np.lexsort((-scores, cols, rows))
    rows, cols, scores = rows[order], cols[order], scores[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    return rows[first], cols[first], scores[first]


def allocate(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray,
             remaining: np.ndarray) -> list[tuple[int, int, int]]:
    """Optimal allocation over the given edges: [(row, col, score)], sorted by row.

    ``rows``/``cols``/``scores`` are parallel integer arrays (need index, offer index, integer
    score); ``remaining`` is each offer's free capacity.
    """
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.int64)
    remaining = np.asarray(remaining, dtype=np.int64)
    keep = (scores > 0) & (remaining[cols] > 0) if len(cols) else np.zeros(0, dtype=bool)
    rows, cols, scores = rows[keep], cols[keep], scores[keep]
    if len(rows) == 0:
        return []
    rows, cols, scores = _dedupe(rows, cols, scores)
    need_ids, n_local = np.unique(rows, return_inverse=True)
    n = len(need_ids)
    # units per offer: min(remaining, degree)
    degree = np.bincount(cols, minlength=len(remaining))
    units = np.minimum(remaining, degree)
    unit_start = np.concatenate([[0], np.cumsum(units)[:-1]])
    n_units = int(units.sum())
    reps = units[cols]
    e_need = np.repeat(n_local, reps)
    offsets = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    e_unit = np.repeat(unit_start[cols], reps) + offsets
    big = int(scores.max()) + 1
    e_cost = np.repeat(big - scores, reps).astype(np.float64)
    d = np.arange(n_units)
    graph = sp.csr_matrix(
        (np.concatenate([e_cost, np.full(n_units, float(big))]),
         (np.concatenate([e_unit, d]), np.concatenate([e_need, n + d]))),
        shape=(n_units, n + n_units))
    u_idx, c_idx = min_weight_full_bipartite_matching(graph)
    unit_offer = np.repeat(np.arange(len(remaining)), units)
    score_of = dict(zip(zip(n_local.tolist(), cols.tolist(), strict=True), scores.tolist(),
                        strict=True))
    out = []
    for u, c in zip(u_idx.tolist(), c_idx.tolist(), strict=True):
        if c < n:
            j = int(unit_offer[u])
            out.append((int(need_ids[c]), j, score_of[(c, j)]))
    out.sort()
    return out


def duals(n_rows: int, solved: list[tuple[int, int, int]], rows: np.ndarray, cols: np.ndarray,
          scores: np.ndarray, remaining: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dual prices (y per need row, z per offer; ``inf`` for an offer with no place) of an
    allocation that is optimal over the given edges (see the module's docstring)."""
    n_off = len(remaining)
    free = n_off
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    scores = np.asarray(scores, dtype=np.int64)
    remaining = np.asarray(remaining, dtype=np.int64)
    assigned_to = np.full(n_rows, -1, dtype=np.int64)
    assigned_score = np.zeros(n_rows, dtype=np.int64)
    used = np.zeros(n_off, dtype=np.int64)
    for i, j, s in solved:
        assigned_to[i], assigned_score[i] = j, s
        used[j] += 1
    # arcs j0 -> j: a need assigned to j0 moves to its edge j (cost: the score it loses)
    sel = (scores > 0) & (remaining[cols] > 0)
    r, c, s = rows[sel], cols[sel], scores[sel]
    j0 = assigned_to[r]
    move = (j0 >= 0) & (c != j0)
    a_from = [j0[move]]
    a_to = [c[move]]
    a_w = [assigned_score[r[move]] - s[move]]
    # arcs j0 -> FREE: drop a need assigned to j0; j -> FREE: a place still free at j
    a_ids = np.flatnonzero(assigned_to >= 0)
    a_from.append(assigned_to[a_ids])
    a_to.append(np.full(len(a_ids), free))
    a_w.append(assigned_score[a_ids])
    spare = np.flatnonzero((used < remaining) & (remaining > 0))
    a_from.append(spare)
    a_to.append(np.full(len(spare), free))
    a_w.append(np.zeros(len(spare), dtype=np.int64))
    f = np.concatenate(a_from)
    t = np.concatenate(a_to)
    w = np.concatenate(a_w).astype(np.float64)
    z = np.full(n_off, np.inf)
    if len(f):
        order = np.lexsort((w, t, f))  # keep the cheapest of parallel arcs
        f, t, w = f[order], t[order], w[order]
        first = np.ones(len(f), dtype=bool)
        first[1:] = (f[1:] != f[:-1]) | (t[1:] != t[:-1])
        f, t, w = f[first], t[first], w[first]
        w[w == 0] = 1e-9  # a stored zero is still an arc; the sum of these stays < 0.5
        reverse = sp.csr_matrix((w, (t, f)), shape=(n_off + 1, n_off + 1))
        dist = bellman_ford(reverse, directed=True, indices=free)
        z = np.where(np.isfinite(dist[:n_off]), np.rint(dist[:n_off]), np.inf)
    y = np.zeros(n_rows, dtype=np.float64)
    a = assigned_to >= 0
    y[a] = assigned_score[a] - z[assigned_to[a]]
    return y, z


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
