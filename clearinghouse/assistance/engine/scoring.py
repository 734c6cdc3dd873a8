"""Vectorised scoring of every (need, offer) pair from named, weighted components.

Components (each in [0, 1], then weighted; the weighted values sum to the score): area fit,
weapon fit, type fit, language, text similarity (TF-IDF, in-language), concept similarity
(the multilingual taxonomy's codes: what lets a French need meet an English offer) and the
provider-load penalty. Eligibility (the requesting State, or one of the requesting
organisation's member States on the request's date, is in one of the offer's rules),
validity (the offer's dates cover the request's date) and expert exclusions are hard
constraints. A relevance gate also drops pairs with no area link, little shared text and few
shared concepts.

Two computations of the same numbers: ``block`` (float32, a block of needs against every
offer: selection and the allocation's optimality check) and ``exact`` (float64, per pair: the
score shown, ranked and allocated, as integer micro-points). They differ by far less than
``TOLERANCE``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .corpus import KINDS as ALL_KINDS
from .corpus import decode_term, term_codes
from .inference import Found, Inferrer, make_tags, refine, refine_presence
from .lang import LANGUAGES, detect
from .models import Need, Offer, Request
from .taxonomy import Taxonomy
from .text import TfIdf

NEUTRAL = 0.5
SCALE = 1_000_000  # scores are compared as integers (micro-points): exact and deterministic
TOLERANCE = 20  # micro-points: bound on |float32 block score - exact score|
COMPONENTS = ("area", "weapon", "type", "language", "text", "concepts", "load")


@dataclass(frozen=True)
class Weights:
    area: float = 0.40
    text: float = 0.25
    weapon: float = 0.15
    type: float = 0.10
    language: float = 0.10
    load: float = 0.10  # penalty at full load
    concepts: float = 0.32
    min_text: float = 0.15  # relevance gate: needed when no area links the pair...
    min_concepts: float = 0.25  # ... or this concept similarity


@dataclass(frozen=True)
class Row:
    """A need being matched: its request (index), the need, its key in the results."""

    req: int
    need: Need
    key: str


class _Texts:
    """Many texts read language by language: refined presence matrices of what each names
    ({kind: texts x codes}), their index terms, and on demand the words found (``found``)."""

    def __init__(self, inferrer: Inferrer, texts: list[str], langs: list[str], *,
                 with_terms: bool = True):
        tax = inferrer.taxonomy
        self.taxonomy = tax
        n = len(texts)
        n_codes = {k: len(tax.codes[k]) for k in ALL_KINDS}
        self.presence = {k: np.zeros((n, n_codes[k]), dtype=bool) for k in ALL_KINDS}
        self.matches, self.local = {}, np.zeros(n, dtype=np.int64)
        self.lang = list(langs)
        docs, codes = [], []
        groups: dict[str, list[int]] = {}
        for i, lang in enumerate(langs):
            groups.setdefault(lang, []).append(i)
        for lang, idx in groups.items():
            corpus = inferrer.corpus([texts[i] for i in idx], lang)
            found = inferrer.matches(corpus)
            self.matches[lang] = found
            idx_a = np.asarray(idx, dtype=np.int64)
            self.local[idx_a] = np.arange(len(idx))
            for kind, m in found.presence(n_codes).items():
                self.presence[kind][idx_a] = m
            if with_terms:
                d, c = term_codes(corpus)
                docs.append(idx_a[d])
                codes.append(c)
        refine_presence(tax, self.presence["areas"], self.presence["weapons"])
        empty = np.zeros(0, dtype=np.int64)
        self.term_docs = np.concatenate(docs) if docs else empty
        self.term_codes = np.concatenate(codes) if codes else empty

    def found(self, i: int) -> Found:
        """The words found in text ``i`` (most specific areas), as ``Inferrer.infer`` gives."""
        out = self.matches[self.lang[i]].found(int(self.local[i]), self.taxonomy.codes)
        refine(self.taxonomy, out)
        return out


class _Lazy:
    """A read-only sequence whose items are computed (and kept) when first read."""

    def __init__(self, n: int, make):
        self._n, self._make, self._items = n, make, {}

    def __len__(self):
        return self._n

    def __getitem__(self, i):
        i = int(i)
        if i < 0:
            i += self._n
        item = self._items.get(i)
        if item is None:
            if not 0 <= i < self._n:
                raise IndexError(i)
            item = self._items[i] = self._make(i)
        return item


def _with_given(tax: Taxonomy, presence: dict[str, np.ndarray], records) -> dict:
    """Presence matrices where kinds given on a record (need or offer) replace what its words
    name."""
    for kind in Taxonomy.KINDS:
        index = tax.index[kind]
        for i, rec in enumerate(records):
            codes = getattr(rec, kind)
            if codes is not None:
                presence[kind][i] = False
                for c in codes:
                    presence[kind][i, index[c]] = True
    return presence


def _decoder(vocab: dict[str, int]):
    """term code -> the stem (or pair of stems) it stands for, for reasons."""
    words: list[str] = []

    def decode(code: int) -> str:
        if len(words) < len(vocab):
            words[:] = [""] * len(vocab)
            for w, i in vocab.items():
                words[i] = w
        return decode_term(code, words)

    return decode


def _text_language(given: str | None, text: str) -> str:
    if given in LANGUAGES:
        return given
    return detect(text)


class Model:
    """Needs (rows) and offers in canonical (id-sorted) order, their tags and matrices."""

    def __init__(self, requests: list[Request], offers: list[Offer], taxonomy: Taxonomy,
                 weights: Weights | None = None, exclusions=(), timings: dict | None = None):
        clock = time.perf_counter()
        self.requests = sorted(requests, key=lambda r: r.id)
        self.offers = sorted(offers, key=lambda o: o.id)
        self.taxonomy = taxonomy
        self.weights = weights or Weights()
        self.req_index = {r.id: i for i, r in enumerate(self.requests)}
        self.off_index = {o.id: j for j, o in enumerate(self.offers)}
        self.rows: list[Row] = []
        self.met: dict[str, Row] = {}
        self.needs_of: dict[str, list[str]] = {}  # request id -> need keys, in order
        for i, r in enumerate(self.requests):
            keys = []
            for need in r.all_needs:
                if need.status not in ("open", "met"):
                    raise ValueError(f"request {r.id}: need {need.id}: status must be open or "
                                     f"met, not {need.status!r}")
                row = Row(i, need, r.need_key(need))
                if row.key in keys:
                    raise ValueError(f"request {r.id}: duplicate need id {need.id!r}")
                keys.append(row.key)
                if need.status == "open":
                    self.rows.append(row)
                else:
                    self.met[row.key] = row
            self.needs_of[r.id] = keys
        self.row_index = {row.key: k for k, row in enumerate(self.rows)}
        self.req_lang = [_text_language(r.text_language, " ".join(
            [r.title, r.description] + [n.text for n in r.needs[:3]])) for r in self.requests]
        self.off_lang = [_text_language(o.text_language, f"{o.title}. {o.description}")
                         for o in self.offers]
        self._tag_everything(taxonomy.inferrer())
        self._build_matrices()
        t1 = time.perf_counter()
        self.similarity = None
        self.row_lang = np.array([LANGUAGES.index(self.req_lang[row.req]) for row in self.rows],
                                 dtype=np.int64)
        self.o_lang = np.array([LANGUAGES.index(x) for x in self.off_lang], dtype=np.int64)
        vocab = taxonomy.inferrer().vocab
        self.tfidf = TfIdf.from_codes(
            np.concatenate([self._rows.term_docs, len(self.rows) + self._offers.term_docs]),
            np.concatenate([self._rows.term_codes, self._offers.term_codes]),
            len(self.rows) + len(self.offers), decode=_decoder(vocab))
        if timings is not None:
            timings["languages, tags, matrices"] = t1 - clock
            timings["tf-idf fit"] = time.perf_counter() - t1
        self.exclusions: dict[int, set[int]] = {}
        for key, oid in exclusions:
            k = self.row_index.get(key)
            if k is None and key in self.needs_of and len(self.needs_of[key]) == 1:
                k = self.row_index.get(self.needs_of[key][0])
            if k is not None and oid in self.off_index:
                self.exclusions.setdefault(k, set()).add(self.off_index[oid])

    # ------------------------------------------------------------------ texts and tags
    def row_text(self, k: int) -> str:
        return self.rows[k].need.text

    def context(self, row: Row) -> str:
        req = self.requests[row.req]
        if row.need.context is not None:
            return row.need.context
        return f"{req.title}. {req.description}" if req.needs else ""

    def _tag_everything(self, inferrer: Inferrer) -> None:
        """What every need and offer names (presence matrices, for scoring); their tags with
        the words found are built when read (``row_tags``, ``off_tags``)."""
        kinds = Taxonomy.KINDS
        tax = self.taxonomy
        self._rows = rows = _Texts(inferrer, [row.need.text for row in self.rows],
                                   [self.req_lang[row.req] for row in self.rows])
        p = rows.presence
        # kinds a need's words do not name come from its context (once per request)
        lacking = ~np.logical_and.reduce([p[k].any(axis=1) for k in kinds]) if self.rows else \
            np.zeros(0, dtype=bool)
        wanted: dict[tuple[int, str], int] = {}
        self._context_of = np.full(len(self.rows), -1, dtype=np.int64)
        for k in np.flatnonzero(lacking).tolist():
            row = self.rows[k]
            context = self.context(row)
            if context:
                self._context_of[k] = wanted.setdefault((row.req, context), len(wanted))
        self._contexts = ctx = _Texts(inferrer, [c for _, c in wanted],
                                      [self.req_lang[r] for r, _ in wanted], with_terms=False)
        has = self._context_of >= 0
        for kind in kinds:
            fill = has & ~p[kind].any(axis=1)
            p[kind][fill] = ctx.presence[kind][self._context_of[fill]]
        refine_presence(tax, p["areas"], p["weapons"])
        self.row_presence = _with_given(tax, p, [row.need for row in self.rows])
        self._offers = offs = _Texts(inferrer, [f"{o.title}. {o.description}" for o in self.offers],
                                     self.off_lang)
        self.off_presence = _with_given(tax, offs.presence, self.offers)
        self.row_found = _Lazy(len(self.rows), self._row_found)
        self.row_tags = _Lazy(len(self.rows), lambda i: make_tags(
            tax, self.row_found[i], {k: getattr(self.rows[i].need, k) for k in kinds}))
        self.off_found = _Lazy(len(self.offers), offs.found)
        self.off_tags = _Lazy(len(self.offers), lambda j: make_tags(
            tax, self.off_found[j], {k: getattr(self.offers[j], k) for k in kinds}))

    def _row_found(self, k: int) -> Found:
        found = self._rows.found(k)
        c = int(self._context_of[k])
        if c >= 0 and not all(found[kind] for kind in Taxonomy.KINDS):
            around = self._contexts.found(c)
            for kind in Taxonomy.KINDS:
                if not found[kind] and around[kind]:
                    found[kind] = around[kind]
            refine(self.taxonomy, found)
        return found

    # ------------------------------------------------------------------ matrices
    @staticmethod
    def _concept_vectors(presence: dict[str, np.ndarray]) -> np.ndarray:
        """Presence of every code of every kind, in ``Taxonomy.concept_index`` order."""
        return np.concatenate([presence[k] for k in ALL_KINDS], axis=1).astype(np.float32)

    def _build_matrices(self) -> None:
        tax = self.taxonomy
        n_rows, n_off = len(self.rows), len(self.offers)
        ind = {}
        for kind in Taxonomy.KINDS:
            ind[("r", kind)] = self.row_presence[kind].astype(np.float32)
            ind[("o", kind)] = self.off_presence[kind].astype(np.float32)
        ra = ind[("r", "areas")]
        self.r_area = ra / np.maximum(ra.sum(axis=1, keepdims=True), 1.0)
        oa = ind[("o", "areas")]
        # best fit of each requested area code with each offer: max_b F[a, b] * O[o, b]
        self.o_area_best = np.ascontiguousarray(
            (oa[:, None, :] * tax.fit_matrix[None, :, :]).max(axis=2))
        self.o_area_best_t = np.ascontiguousarray(self.o_area_best.T)
        # weapons and types: fraction of the requested codes the offer covers; neutral when
        # either side names none. Encoded as linear features: r.o + 0.5 - 0.5 [r has][o has].
        self.sets = {}
        for name, kind in (("weapon", "weapons"), ("type", "types")):
            r, o = ind[("r", kind)], ind[("o", kind)]
            rn = r.sum(axis=1, keepdims=True)
            self.sets[name] = (r / np.maximum(rn, 1.0), (rn[:, 0] > 0).astype(np.float32),
                               o, (o.sum(axis=1) > 0).astype(np.float32))
        # language: 1 when a language is common, by groups of identical language sets
        r_sets = [tuple(sorted(r.languages or (lang,)))
                  for r, lang in zip(self.requests, self.req_lang, strict=True)]
        o_sets = [tuple(sorted(o.languages or (lang,)))
                  for o, lang in zip(self.offers, self.off_lang, strict=True)]
        self.r_languages = r_sets
        self.o_languages = o_sets
        groups = sorted(set(r_sets))
        gi = {g: k for k, g in enumerate(groups)}
        self.r_lang_group = np.array([gi[r_sets[row.req]] for row in self.rows], dtype=np.int64)
        self.lang_table = np.array([[1.0 if set(g) & set(o) else 0.0 for o in o_sets]
                                    for g in groups], dtype=np.float32).reshape(len(groups), n_off)
        # concepts
        rc = self._concept_vectors(self.row_presence)
        oc = self._concept_vectors(self.off_presence)
        df = np.concatenate([rc, oc]).sum(axis=0)
        idf = (np.log((1.0 + n_rows + n_off) / (1.0 + df)) + 1.0).astype(np.float32)
        rc *= idf
        oc *= idf
        rc /= np.maximum(np.linalg.norm(rc, axis=1, keepdims=True), 1e-12)
        oc /= np.maximum(np.linalg.norm(oc, axis=1, keepdims=True), 1e-12)
        self.r_conc, self.o_conc = rc, oc
        self.o_conc_t = np.ascontiguousarray(oc.T)
        self.r_conc_sp = sp.csr_matrix(rc, dtype=np.float64)
        self.o_conc_sp = sp.csr_matrix(oc, dtype=np.float64)
        # linear features for weapon, type, language and load: rest = R_lin @ O_lin.T
        w = self.weights
        r_cols, o_cols = [], []
        for name, weight in (("weapon", w.weapon), ("type", w.type)):
            rn, rh, o, oh = self.sets[name]
            r_cols += [rn * weight, (-NEUTRAL * weight) * rh[:, None]]
            o_cols += [o, oh[:, None]]
        onehot = np.zeros((n_rows, len(groups)), dtype=np.float32)
        onehot[np.arange(n_rows), self.r_lang_group] = 1.0
        r_cols.append(onehot)
        o_cols.append((w.language * self.lang_table).T)
        self.load = np.array([min(o.active, o.capacity) / o.capacity for o in self.offers],
                             dtype=np.float32)
        r_cols.append(np.ones((n_rows, 1), dtype=np.float32))
        o_cols.append((NEUTRAL * (w.weapon + w.type) - w.load * self.load)[:, None])
        self.r_lin = np.ascontiguousarray(np.concatenate(r_cols, axis=1), dtype=np.float32)
        self.o_lin_t = np.ascontiguousarray(np.concatenate(o_cols, axis=1).T, dtype=np.float32)
        # eligibility by requester group: a State, or an organisation's members on the date
        keys = sorted({self._requester_key(r) for r in self.requests})
        ki = {k: n for n, k in enumerate(keys)}
        self.r_group = np.array([ki[self._requester_key(self.requests[row.req])]
                                 for row in self.rows], dtype=np.int64)
        elig = np.ones((len(keys), n_off), dtype=bool)
        for j, o in enumerate(self.offers):
            if o.eligibility:
                allowed = set().union(*(members for _, members in o.eligibility))
                elig[:, j] = [bool(set(k[1]) & allowed) for k in keys]
        self.eligible = elig
        lo, hi = -(2**62), 2**62
        self.valid_from = np.array([o.valid_from.toordinal() if o.valid_from else lo
                                    for o in self.offers], dtype=np.int64)
        self.valid_to = np.array([o.valid_to.toordinal() if o.valid_to else hi
                                  for o in self.offers], dtype=np.int64)
        self.r_date = np.array([self.requests[row.req].date.toordinal() for row in self.rows],
                               dtype=np.int64)

    @staticmethod
    def _requester_key(r: Request) -> tuple[str, tuple[str, ...]]:
        if r.requester == "organisation":
            return (f"org:{r.state}", tuple(sorted(r.members)))
        return (f"state:{r.state}", (r.state,))

    # ------------------------------------------------------------------ block scoring
    def block(self, rows: slice) -> tuple[np.ndarray, np.ndarray]:
        """(float32 totals with -inf where the pair is not a candidate, mask) for need rows."""
        if self.similarity is None:
            self.similarity = self.tfidf.split(len(self.rows), self.row_lang, self.o_lang)
            w = self.weights
            self._w_area = np.ascontiguousarray(self.r_area * np.float32(w.area))
            self._w_conc = np.ascontiguousarray(self.r_conc * np.float32(w.concepts))
            self._dated = np.flatnonzero((self.valid_from > -(2**62)) |
                                         (self.valid_to < 2**62))
        w = self.weights
        slack = np.float32(1e-5)  # permissive: the exact gate (``relevant``) decides
        total = self.r_lin[rows] @ self.o_lin_t
        part = self._w_area[rows] @ self.o_area_best_t
        total += part
        ok = part > 0
        part = self._w_conc[rows] @ self.o_conc_t
        total += part
        ok |= part >= np.float32(w.concepts * w.min_concepts) - slack
        part = self.similarity.block(rows)
        ok |= part >= np.float32(w.min_text) - slack
        part *= np.float32(w.text)
        total += part
        ok &= self.eligible[self.r_group[rows]]
        if len(self._dated):  # only offers with dates can be out of date
            d = self.r_date[rows][:, None]
            ok &= self.valid_from[None, :] <= d
            ok &= d <= self.valid_to[None, :]
        start = rows.start or 0
        for i in range(start, min(rows.stop, len(self.rows))):
            for j in self.exclusions.get(i, ()):
                ok[i - start, j] = False
        np.putmask(total, ~ok, -np.inf)
        return total, ok

    # ------------------------------------------------------------------ exact pair scoring
    def raw(self, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
        """Raw components (float64, each in [0, 1]) of the pairs (rows i[k], offers j[k])."""
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        f64 = np.float64

        def dot(a, b):
            if not len(i):
                return np.zeros(0)
            return np.einsum("ij,ij->i", a, b, dtype=f64, casting="safe")
        out = {"area": dot(self.r_area[i], self.o_area_best[j])}
        for name in ("weapon", "type"):
            rn, rh, o, oh = self.sets[name]
            both = rh[i].astype(f64) * oh[j].astype(f64)
            out[name] = NEUTRAL + both * (dot(rn[i], o[j]) - NEUTRAL)
        out["language"] = self.lang_table[self.r_lang_group[i], j].astype(f64)
        text = np.zeros(len(i))
        same = self.row_lang[i] == self.o_lang[j]
        text[same] = self.tfidf.pairs(i[same], len(self.rows) + j[same])
        out["text"] = text
        out["concepts"] = sparse_pairs(self.r_conc_sp, self.o_conc_sp, i, j)
        out["load"] = self.load[j].astype(f64)
        return out

    def weighted(self, raw: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        w = self.weights
        return {name: (-w.load if name == "load" else getattr(w, name)) * raw[name]
                for name in COMPONENTS}

    def exact(self, i, j) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """(integer scores in micro-points, raw components) of the pairs (i[k], j[k])."""
        raw = self.raw(i, j)
        weighted = self.weighted(raw)
        total = np.zeros(len(np.asarray(i)), dtype=np.float64)
        for name in COMPONENTS:
            total += weighted[name]
        return to_int_scores(total), raw

    def candidate(self, i: int, j: int, raw: dict[str, float] | None = None) -> bool:
        """Is (row i, offer j) a candidate (eligible, valid, not excluded, relevant)?"""
        if raw is None:
            raw = {k: float(v[0]) for k, v in self.raw([i], [j]).items()}
        ok = bool(self.eligible[self.r_group[i], j])
        ok &= bool(self.valid_from[j] <= self.r_date[i] <= self.valid_to[j])
        ok &= j not in self.exclusions.get(i, ())
        return ok and bool(self.relevant(raw))

    def relevant(self, raw):
        """The relevance gate on exact components (arrays or floats)."""
        w = self.weights
        return (raw["area"] > 0) | (raw["text"] >= w.min_text) | (raw["concepts"] >= w.min_concepts)

    def pair(self, i: int, j: int) -> tuple[int, dict[str, float], bool]:
        """(integer score, raw components, is-candidate) of one pair, e.g. to explain it."""
        q, raw = self.exact([i], [j])
        raw1 = {k: float(v[0]) for k, v in raw.items()}
        return int(q[0]), raw1, self.candidate(i, j, raw1)


def sparse_pairs(a: sp.csr_matrix, b: sp.csr_matrix, rows, cols) -> np.ndarray:
    """Dot products of a[rows[k]] and b[cols[k]] for every k (float64)."""
    if len(rows) == 0:
        return np.zeros(0)
    return np.asarray(a[rows].multiply(b[cols]).sum(axis=1)).ravel()


def to_int_scores(totals) -> np.ndarray:
    """Integer scores (micro-points) from totals: compared exactly, deterministic."""
    return np.rint(np.asarray(totals, dtype=np.float64) * SCALE).astype(np.int64)
