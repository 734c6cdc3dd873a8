"""Offline text similarity: TF-IDF (sublinear tf, smooth idf, l2 norm) on scipy.sparse, each text
analysed in its own language (``lang``: Snowball stems and stem pairs; Chinese character
bigrams). The similarity is computed between texts written in the same language (0 across
languages): the concept space (``scoring.Model``) carries the similarity across languages."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .lang import STOP_WORDS, analyzer

STOP_WORDS_EN = STOP_WORDS["en"]


class TfIdf:
    """TF-IDF fitted on a list of (text, language) documents (needs and offers together)."""

    def __init__(self, docs: list[tuple[str, str]], *, max_df: float = 0.5):
        self._fit([analyzer(lang).terms(text) for text, lang in docs], max_df)

    @classmethod
    def from_codes(cls, docs: np.ndarray, codes: np.ndarray, n_docs: int, *, decode=None,
                   max_df: float = 0.5) -> TfIdf:
        """Fitted on (document, term code) pairs (``corpus.term_codes``); ``decode`` gives the
        term a code stands for (for reasons)."""
        self = cls.__new__(cls)
        uniq, cols = np.unique(np.asarray(codes, dtype=np.int64), return_inverse=True)
        self._build(np.asarray(docs, dtype=np.int64), cols.ravel(), n_docs, len(uniq), max_df)
        self.terms = _Decoded(uniq, decode)
        return self

    def _fit(self, docs: list[list[str]], max_df: float) -> None:
        vocab: dict[str, int] = {}
        ids = [vocab.setdefault(t, len(vocab)) for terms in docs for t in terms]
        doc = np.repeat(np.arange(len(docs)), [len(terms) for terms in docs])
        self._build(doc, np.asarray(ids, dtype=np.int64), len(docs), len(vocab), max_df)
        self.terms = {i: t for t, i in vocab.items()}

    def _build(self, doc: np.ndarray, cols: np.ndarray, n: int, n_terms: int,
               max_df: float) -> None:
        tf = sp.csr_matrix((np.ones(len(cols)), (doc, cols)), shape=(n, n_terms))
        tf.sum_duplicates()
        df = np.bincount(tf.indices, minlength=n_terms).astype(np.float64)
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        idf[df > max(2.0, max_df * n)] = 0.0  # terms in most documents carry no signal
        tf.data = 1.0 + np.log(tf.data)
        m = (tf @ sp.diags(idf)).tocsr()
        m.eliminate_zeros()
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ m, dtype=np.float32)
        self.matrix64 = sp.csr_matrix(self.matrix, dtype=np.float64)

    def split(self, n_rows: int, row_lang: np.ndarray, col_lang: np.ndarray,
              max_dense_bytes: int = 400_000_000) -> Similarity:
        """Similarity of documents [0, n_rows) (needs) to the rest (offers), same language."""
        return Similarity(self.matrix[:n_rows], self.matrix[n_rows:], row_lang, col_lang,
                          max_dense_bytes)

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Cosine of documents rows[k] and cols[k] (float64), for many pairs at once."""
        if len(rows) == 0:
            return np.zeros(0)
        m = self.matrix64
        return np.asarray(m[np.asarray(rows)].multiply(m[np.asarray(cols)]).sum(axis=1)).ravel()

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


class _Decoded:
    """column -> term, decoded from term codes when read."""

    def __init__(self, codes: np.ndarray, decode):
        self._codes, self._decode = codes, decode

    def __getitem__(self, col: int) -> str:
        code = int(self._codes[col])
        return self._decode(code) if self._decode else str(code)


class Similarity:
    """Cosine similarity of need rows to the offers written in the same language, computed block
    by block (0 for pairs in different languages).

    For each language, its offers are held as a dense (terms x offers) array restricted to the
    terms they use (a sparse-times-dense product is much faster than sparse-times-sparse
    here), unless that array would exceed ``max_dense_bytes``.
    """

    def __init__(self, left: sp.csr_matrix, right: sp.csr_matrix, row_lang: np.ndarray,
                 col_lang: np.ndarray, max_dense_bytes: int):
        self.n_cols = right.shape[0]
        self.row_lang = np.asarray(row_lang)
        self.parts = []
        for lang in np.unique(col_lang):
            cols = np.flatnonzero(col_lang == lang)
            sub = right[cols]
            used = np.unique(sub.indices)
            if len(used) * len(cols) * 4 <= max_dense_bytes:
                dense = np.ascontiguousarray(sub[:, used].T.toarray(), dtype=np.float32)
                self.parts.append((lang, cols, sp.csr_matrix(left[:, used], dtype=np.float32),
                                   dense))
            else:
                self.parts.append((lang, cols, left, sp.csr_matrix(sub.T)))

    def block(self, rows: slice) -> np.ndarray:
        start = rows.start or 0
        langs = self.row_lang[rows]
        out = np.zeros((len(langs), self.n_cols), dtype=np.float32)
        for lang, cols, left, right in self.parts:
            r = np.flatnonzero(langs == lang)
            if not len(r):
                continue
            product = left[start + r] @ right
            if sp.issparse(product):
                product = product.toarray()
            out[np.ix_(r, cols)] = product
        return out
