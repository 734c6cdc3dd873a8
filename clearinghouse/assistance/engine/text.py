"""Offline text similarity: a small TF-IDF (sublinear tf, smooth idf, l2 norm) on scipy.sparse."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import scipy.sparse as sp

_TOKEN = re.compile(r"[a-z0-9]+")

STOP_WORDS = frozenset(
    """a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just may me more
    most my no nor not now of off on once only or other our ours out over own same shall she
    should so some such than that the their theirs them then there these they this those
    through to too under until up upon very via was we were what when where which while who
    whom why will with within would you your its also including include includes well
    request requests requested requesting offer offers offered provide provides provided
    providing assistance support supports country countries state states national government
    ministry need needs needed within new use used e g etc per one two three year years""".split()
)


def tokenize(text: str) -> list[str]:
    """Lower-case alphanumeric tokens (hyphens and punctuation split words)."""
    return _TOKEN.findall(text.lower())


def stem(word: str) -> str:
    """A light English stemmer: plurals, -ing, -ed, final -e (licence/licensing -> licens)."""
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousy":
                w = w[:-1]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


_STEM_CACHE: dict[str, str] = {}


def stems(tokens: list[str]) -> list[str]:
    cache = _STEM_CACHE
    out = []
    for t in tokens:
        s = cache.get(t)
        if s is None:
            s = cache[t] = stem(t)
        out.append(s)
    return out


def terms(tokens: list[str]) -> list[tuple[str, str]]:
    """(term, surface) pairs: stemmed unigrams and bigrams of adjacent non-stop words."""
    out: list[tuple[str, str]] = []
    prev: tuple[str, str] | None = None
    for tok, st in zip(tokens, stems(tokens), strict=True):
        if tok in STOP_WORDS or len(tok) < 2:
            prev = None
            continue
        out.append((st, tok))
        if prev is not None:
            out.append((prev[0] + " " + st, prev[1] + " " + tok))
        prev = (st, tok)
    return out


class TfIdf:
    """TF-IDF fitted on a list of texts (requests and offers together)."""

    def __init__(self, texts: list[str], *, max_df: float = 0.5):
        vocab: dict[str, int] = {}
        surface: dict[int, str] = {}
        indptr, indices, data = [0], [], []
        for text in texts:
            counts: Counter[int] = Counter()
            for term, surf in terms(tokenize(text)):
                idx = vocab.get(term)
                if idx is None:
                    idx = vocab[term] = len(vocab)
                    surface[idx] = surf
                counts[idx] += 1
            indices.extend(counts.keys())
            data.extend(counts.values())
            indptr.append(len(indices))
        n = len(texts)
        tf = sp.csr_matrix(
            (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
            shape=(n, len(vocab)),
        )
        df = np.bincount(tf.indices, minlength=len(vocab)).astype(np.float64)
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        idf[df > max(2.0, max_df * n)] = 0.0  # terms in most documents carry no signal
        tf.data = 1.0 + np.log(tf.data)
        m = (tf @ sp.diags(idf)).tocsr()
        m.eliminate_zeros()
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ m, dtype=np.float32)
        self.vocab = vocab
        self.surface = surface

    def split(self, n_rows: int, max_dense_bytes: int = 400_000_000) -> Similarity:
        """Similarity of documents [0, n_rows) (requests) to the rest (offers)."""
        return Similarity(self.matrix[:n_rows], self.matrix[n_rows:], max_dense_bytes)

    def row(self, i: int) -> dict[int, float]:
        """Document i as {term index: weight} (cached)."""
        cache = self.__dict__.setdefault("_rows", {})
        d = cache.get(i)
        if d is None:
            m = self.matrix
            s, e = m.indptr[i], m.indptr[i + 1]
            d = cache[i] = dict(zip(m.indices[s:e].tolist(), m.data[s:e].tolist(), strict=True))
        return d

    def cosine(self, rows: np.ndarray | slice, cols: np.ndarray | slice) -> np.ndarray:
        """Dense cosine similarities between documents ``rows`` and ``cols``."""
        a = self.matrix[rows]
        b = self.matrix[cols]
        return np.asarray((a @ b.T).toarray(), dtype=np.float32)

    def shared_terms(self, i: int, j: int, limit: int = 3) -> list[str]:
        """The terms contributing most to the similarity of documents i and j."""
        wa, wb = self.row(i), self.row(j)
        if len(wb) < len(wa):
            wa, wb = wb, wa
        common = [(w * wb[t], t) for t, w in wa.items() if t in wb]
        common.sort(key=lambda x: (-x[0], self.surface[x[1]]))
        chosen: list[str] = []
        for _, t in common:
            s = self.surface[t]
            if any(s in c.split(" ") or s == c for c in chosen):
                continue
            chosen = [c for c in chosen if c not in s.split(" ")]
            chosen.append(s)
            if len(chosen) >= limit:
                break
        return chosen


class Similarity:
    """Cosine similarity of request rows to all offers, computed block by block.

    Offers are held as a dense (terms x offers) array restricted to the terms the offers use
    (a sparse-times-dense product is much faster than sparse-times-sparse here), unless that
    array would exceed ``max_dense_bytes``.
    """

    def __init__(self, left: sp.csr_matrix, right: sp.csr_matrix, max_dense_bytes: int):
        used = np.unique(right.indices)
        self.n_cols = right.shape[0]
        if len(used) * right.shape[0] * 4 <= max_dense_bytes:
            self.left = sp.csr_matrix(left[:, used], dtype=np.float32)
            self.dense = np.ascontiguousarray(right[:, used].T.toarray(), dtype=np.float32)
            self.sparse_t = None
        else:
            self.left = left
            self.dense = None
            self.sparse_t = sp.csr_matrix(right.T)

    def block(self, rows: slice) -> np.ndarray:
        if self.dense is not None:
            return np.asarray(self.left[rows] @ self.dense, dtype=np.float32)
        return np.asarray((self.left[rows] @ self.sparse_t).toarray(), dtype=np.float32)
