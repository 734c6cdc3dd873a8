"""Offline text similarity: TF-IDF (sublinear tf, smooth idf, l2 norm) on scipy.sparse, each text
analysed in its own language (``lang``: Snowball stems and stem pairs; Chinese character
bigrams). Texts in different languages rarely share terms: the concept space
(``scoring.Model``) carries the similarity across languages."""

from __future__ import annotations

from collections import Counter

import numpy as np
import scipy.sparse as sp

from .lang import STOP_WORDS, analyzer

STOP_WORDS_EN = STOP_WORDS["en"]


class TfIdf:
    """TF-IDF fitted on a list of (text, language) documents (needs and offers together)."""

    def __init__(self, docs: list[tuple[str, str]], *, max_df: float = 0.5):
        vocab: dict[str, int] = {}
        indptr, indices, data = [0], [], []
        for text, lang in docs:
            counts: Counter[int] = Counter()
            for term in analyzer(lang).terms(text):
                idx = vocab.get(term)
                if idx is None:
                    idx = vocab[term] = len(vocab)
                counts[idx] += 1
            indices.extend(counts.keys())
            data.extend(counts.values())
            indptr.append(len(indices))
        n = len(docs)
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
        self.terms = {i: t for t, i in vocab.items()}

    def split(self, n_rows: int, max_dense_bytes: int = 400_000_000) -> Similarity:
        """Similarity of documents [0, n_rows) (needs) to the rest (offers)."""
        return Similarity(self.matrix[:n_rows], self.matrix[n_rows:], max_dense_bytes)

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Cosine of documents rows[k] and cols[k] (float64), for many pairs at once."""
        if len(rows) == 0:
            return np.zeros(0)
        a = self.matrix[np.asarray(rows)].astype(np.float64)
        b = self.matrix[np.asarray(cols)].astype(np.float64)
        return np.asarray(a.multiply(b).sum(axis=1)).ravel()

    def row(self, i: int) -> dict[int, float]:
        m = self.matrix
        s, e = m.indptr[i], m.indptr[i + 1]
        return dict(zip(m.indices[s:e].tolist(), m.data[s:e].tolist(), strict=True))

    def shared_terms(self, i: int, j: int, limit: int = 3) -> list[str]:
        """The index terms contributing most to the similarity of documents i and j."""
        wa, wb = self.row(i), self.row(j)
        common = [(w * wb[t], t) for t, w in wa.items() if t in wb]
        common.sort(key=lambda x: (-x[0], self.terms[x[1]]))
        chosen: list[str] = []
        for _, t in common:
            term = self.terms[t]
            if any(term in c.split(" ") or term == c for c in chosen):
                continue
            chosen = [c for c in chosen if c not in term.split(" ")]
            chosen.append(term)
            if len(chosen) >= limit:
                break
        return chosen


class Similarity:
    """Cosine similarity of need rows to all offers, computed block by block.

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
