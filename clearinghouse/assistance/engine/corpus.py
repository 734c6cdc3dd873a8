"""Many texts of one language analysed together (pure): words, stems, keyword matches and the
index terms of the text similarity, with the per-text Python work kept small (the engine
analyses tens of thousands of needs at once; ``inference.Inferrer`` uses the same code for
one text).

The texts are normalised one by one (``lang.Analyzer.normalise``), tokenised in one pass over
their concatenation, and their stems are joined into one string on which each kind's keyword
expression runs once; matches are mapped back to texts and words with ``searchsorted``.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

from .lang import _HAN, analyzer

SEPARATOR = "\n"  # between texts: never part of a word


class Corpus:
    """Texts of one language. ``texts[d]`` is text d as quoted (normalised if NFKC changed its
    length); tokens are numbered across texts: ``doc[k]``, ``norms[k]``, ``stems[k]``,
    ``starts[k]``/``ends[k]`` (offsets in their text)."""

    def __init__(self, texts: list[str], lang: str, vocab: dict[str, int] | None = None):
        an = analyzer(lang)
        self.lang = lang
        norms_t = [an.normalise(t) for t in texts]
        self.texts = [t if len(t) == len(n) else n for t, n in zip(texts, norms_t, strict=True)]
        self.norm_texts = norms_t
        big = SEPARATOR.join(norms_t)
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        if texts:
            offsets[1:] = np.cumsum([len(n) + 1 for n in norms_t])
        self.offsets = offsets  # start of text d in ``big``
        pattern = _ZH_WORD if lang == "zh" else _WORD
        spans = [m.span() for m in pattern.finditer(big)]
        starts = np.fromiter((a for a, _ in spans), dtype=np.int64, count=len(spans))
        ends = np.fromiter((b for _, b in spans), dtype=np.int64, count=len(spans))
        self.doc = np.searchsorted(offsets, starts, side="right") - 1
        self.starts = starts - offsets[self.doc]
        self.ends = ends - offsets[self.doc]
        self.norms = [big[a:b] for a, b in spans]
        cache = an._cache
        self.stems = [cache[w] for w in self.norms]
        self.bounds = np.searchsorted(self.doc, np.arange(len(texts) + 1))  # tokens of text d
        self.vocab = {} if vocab is None else vocab
        v = self.vocab
        self.ids = np.fromiter((v.setdefault(st, len(v)) for st in self.stems), dtype=np.int64,
                               count=len(self.stems))

    def __len__(self) -> int:
        return len(self.texts)

    def quote(self, d: int, first: int, last: int) -> str:
        """The words of text ``d`` from token ``first`` to token ``last`` (inclusive)."""
        return self.texts[d][int(self.starts[first]):int(self.ends[last])]


_WORD = re.compile(r"[^\W_]+")
_ZH_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
                      r"|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

Found = dict[str, dict[str, list[str]]]


_P = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier (golden ratio)


def _hash_windows(ids: np.ndarray, n: int, previous: np.ndarray | None) -> np.ndarray:
    """Hashes of the windows of ``n`` consecutive ids (from the windows of n - 1)."""
    x = ids.astype(np.uint64) + np.uint64(1)
    if previous is None:
        return x * _P
    with np.errstate(over="ignore"):
        return (previous[:len(ids) - n + 1] ^ x[n - 1:]) * _P


class PhraseTable:
    """Keyword phrases of one language as stem-id sequences, looked up by window hashes."""

    def __init__(self, phrases: dict[tuple[int, ...], list[tuple[str, str]]]):
        self.by_length: dict[int, tuple[np.ndarray, list]] = {}
        grouped: dict[int, list] = defaultdict(list)
        for key, targets in phrases.items():
            grouped[len(key)].append((key, targets))
        for n, items in grouped.items():
            hashes = np.array([_hash_key(key) for key, _ in items], dtype=np.uint64)
            order = np.argsort(hashes)
            self.by_length[n] = (hashes[order], [items[k] for k in order])
        self.longest = max(self.by_length, default=0)


def _hash_key(key: tuple[int, ...]) -> np.uint64:
    h = None
    arr = np.asarray(key, dtype=np.int64)
    for n in range(1, len(key) + 1):
        h = _hash_windows(arr, n, h)
    return h[0]


def match_phrases(corpus: Corpus, table: PhraseTable, joiners: frozenset,
                  found: list[Found]) -> None:
    """Keyword phrases (stems of non-function words) in every text of the corpus; within a
    kind the longest phrase wins at each position and consumes its words. Adds
    {code: [evidence]} to ``found[d][kind]``."""
    keep = np.asarray([k for k, n in enumerate(corpus.norms) if n not in joiners],
                      dtype=np.int64)
    if not len(keep) or not table.longest:
        return
    ids = corpus.ids[keep]
    docs = corpus.doc[keep]
    cands = []  # (kind, start, -length, item)
    h = None
    for n in range(1, min(table.longest, len(ids)) + 1):
        h = _hash_windows(ids, n, h)
        if n not in table.by_length:
            continue
        hashes, items = table.by_length[n]
        pos = np.searchsorted(hashes, h)
        pos[pos >= len(hashes)] = 0
        hit = (hashes[pos] == h) & (docs[:len(h)] == docs[n - 1:])
        for i in np.flatnonzero(hit).tolist():
            key, targets = items[pos[i]]
            if tuple(ids[i:i + n].tolist()) != key:
                continue  # hash collision
            for kind, code in targets:
                cands.append((kind, i, -n, code))
    cands.sort()
    end_of: dict[str, int] = {}
    start_of: dict[str, int] = {}
    quote, doc = corpus.quote, corpus.doc
    for kind, i, neg_n, code in cands:
        if i < end_of.get(kind, -1) and start_of.get(kind) != i:
            continue
        if i >= end_of.get(kind, -1):
            end_of[kind], start_of[kind] = i - neg_n, i
        elif i - neg_n != end_of[kind]:
            continue  # a shorter phrase at the same place as the one chosen
        first, last = int(keep[i]), int(keep[i - neg_n - 1])
        d = int(doc[first])
        words = quote(d, first, last)
        ev = found[d][kind].setdefault(code, [])
        if words not in ev:
            ev.append(words)


def match_characters(corpus: Corpus, patterns: dict, found: list[Found]) -> None:
    """Chinese keywords on the characters of every text of the corpus."""
    big = SEPARATOR.join(corpus.norm_texts)
    for kind, (pattern, codes_of) in patterns.items():
        hits = [(m.start(), m.end(), m.group()) for m in pattern.finditer(big)]
        if not hits:
            continue
        docs = np.searchsorted(corpus.offsets, [h[0] for h in hits], side="right") - 1
        for (a, b, key), d in zip(hits, docs.tolist(), strict=True):
            base = int(corpus.offsets[d])
            words = corpus.texts[d][a - base:b - base]
            bucket = found[d][kind]
            for code in codes_of[key]:
                ev = bucket.setdefault(code, [])
                if words not in ev:
                    ev.append(words)


def terms(corpus: Corpus) -> list[list[str]]:
    """Index terms of each text: stems of non-stop words and pairs of adjacent ones (Chinese:
    bigrams of Han characters without function characters)."""
    stop = analyzer(corpus.lang).stop
    out: list[list[str]] = [[] for _ in range(len(corpus))]
    norms, stems, doc = corpus.norms, corpus.stems, corpus.doc.tolist()
    if corpus.lang == "zh":
        for n, s, d in zip(norms, stems, doc, strict=True):
            if _HAN.match(n):
                if len(n) == 1:
                    if n not in stop:
                        out[d].append(n)
                else:
                    out[d].extend(n[i:i + 2] for i in range(len(n) - 1)
                                  if n[i] not in stop and n[i + 1] not in stop)
            elif len(n) > 1 and n not in stop:
                out[d].append(s)
        return out
    idx = [k for k, n in enumerate(norms) if len(n) > 1 and n not in stop and stems[k] not in stop]
    for k in idx:
        out[doc[k]].append(stems[k])
    for a, b in zip(idx, idx[1:], strict=False):
        if b == a + 1 and doc[a] == doc[b]:
            out[doc[a]].append(f"{stems[a]} {stems[b]}")
    return out


def empty_found(n: int, kinds) -> list[Found]:
    return [{k: {} for k in kinds} for _ in range(n)]


def group_by_language(langs: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, lang in enumerate(langs):
        out[lang].append(i)
    return out
