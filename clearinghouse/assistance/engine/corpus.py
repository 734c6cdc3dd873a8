"""Many texts of one language analysed together (pure): words, stems, keyword matches and the
index terms of the text similarity, with as little per-text Python work as possible (the engine
reads tens of thousands of needs at once; a single text goes through the same code).

The texts are normalised one by one (``lang.Analyzer.normalise``) and concatenated; word
boundaries come from a table of word characters, stems from the analyser's cache, stems get
integer ids (``vocab``, shared by every corpus a matcher reads). Keyword phrases are found by
hashing windows of ids; Chinese keywords by expressions on the characters. Matches are kept as
arrays (text, kind, code, characters), and the words they quote are cut from the text only
when someone reads them.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from .lang import _HAN, analyzer

SEPARATOR = "\n"  # between texts: never part of a word
KINDS = ("areas", "weapons", "types", "concepts")
_WORD = re.compile(r"[^\W_]")


@cache
def _word_table() -> tuple[np.ndarray, np.ndarray]:
    """(is a word character, is a Han character) for every code point of the BMP."""
    word = np.fromiter((bool(_WORD.match(chr(c))) for c in range(0x10000)), dtype=bool,
                       count=0x10000)
    han = np.zeros(0x10000, dtype=bool)
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        han[lo:hi + 1] = True
    word[0xD800:0xE000] = False
    return word, han


def _spans(big: str, zh: bool) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the words of ``big`` (for Chinese: Han runs and other runs)."""
    cps = np.frombuffer(big.encode("utf-32-le"), dtype=np.uint32)
    word_t, han_t = _word_table()
    bmp = cps < 0x10000
    idx = np.where(bmp, cps, 0)
    word = word_t[idx] & bmp
    cls = word.astype(np.int8)
    if zh:
        cls = np.where(word & han_t[idx], 2, cls).astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], cls, [0]])))
    starts, ends = edges[:-1], edges[1:]
    keep = cls[starts] > 0
    return starts[keep], ends[keep]


class Words(dict):
    """word (normalised) -> packed code: stem id << 2 | function word << 1 | stop word, for one
    language; stem ids come from ``vocab``. Filled as words are first seen."""

    def __init__(self, lang: str, vocab: dict[str, int], joiners: frozenset):
        super().__init__()
        self.an = analyzer(lang)
        self.vocab, self.joiners = vocab, joiners

    def __missing__(self, word: str) -> int:
        stem = self.an.stem(word)
        sid = self.vocab.setdefault(stem, len(self.vocab))
        stop = len(word) < 2 or word in self.an.stop or stem in self.an.stop
        code = self[word] = sid << 2 | (word in self.joiners) << 1 | stop
        return code


class Corpus:
    """Texts of one language. ``texts[d]`` is text d as quoted (normalised if NFKC changed its
    length); words are numbered across texts: ``doc[k]``, ``norms[k]``, ``ids[k]`` (stem id),
    ``joiner[k]`` (function word), ``stop[k]`` (left out of the text similarity),
    ``starts[k]``/``ends[k]`` (characters in their text)."""

    def __init__(self, texts: list[str], lang: str, words: Words):
        an = analyzer(lang)
        self.lang = lang
        self.vocab = words.vocab
        norms_t = [an.normalise(t) for t in texts]
        self.texts = [t if len(t) == len(n) else n for t, n in zip(texts, norms_t, strict=True)]
        self.norm_texts = norms_t
        self.big = big = SEPARATOR.join(norms_t)
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        if texts:
            offsets[1:] = np.cumsum([len(n) + 1 for n in norms_t])
        self.offsets = offsets  # start of text d in the concatenation
        starts, ends = _spans(big, lang == "zh")
        self.doc = np.searchsorted(offsets, starts, side="right") - 1
        self.starts = starts - offsets[self.doc]
        self.ends = ends - offsets[self.doc]
        self.norms = [big[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
        packed = np.fromiter((words[w] for w in self.norms), dtype=np.int64,
                             count=len(self.norms))
        self.ids = packed >> 2
        self.joiner = (packed & 2) != 0
        self.stop = (packed & 1) != 0
        self.abs_starts = starts

    def __len__(self) -> int:
        return len(self.texts)


class Matches:
    """Keyword matches of a corpus: parallel arrays sorted by text and place."""

    def __init__(self, texts: list[str], doc, kind, code, start, end):
        order = np.lexsort((code, kind, start, doc))
        self.texts = texts
        self.doc, self.kind, self.code = doc[order], kind[order], code[order]
        self.start, self.end = start[order], end[order]
        self.bounds = np.searchsorted(self.doc, np.arange(len(texts) + 1))

    def presence(self, n_codes: dict[str, int]) -> dict[str, np.ndarray]:
        """{kind: bool matrix (texts x codes)} of what each text names."""
        out = {}
        for k, kind in enumerate(KINDS):
            m = np.zeros((len(self.texts), n_codes[kind]), dtype=bool)
            sel = self.kind == k
            m[self.doc[sel], self.code[sel]] = True
            out[kind] = m
        return out

    def found(self, d: int, codes: dict[str, tuple[str, ...]]) -> dict[str, dict[str, list[str]]]:
        """{kind: {code: [the words, as written, in order]}} for text ``d``."""
        out: dict[str, dict[str, list[str]]] = {k: {} for k in KINDS}
        lo, hi = int(self.bounds[d]), int(self.bounds[d + 1])
        text = self.texts[d]
        for k, c, a, b in zip(self.kind[lo:hi].tolist(), self.code[lo:hi].tolist(),
                              self.start[lo:hi].tolist(), self.end[lo:hi].tolist(), strict=True):
            kind = KINDS[k]
            ev = out[kind].setdefault(codes[kind][c], [])
            words = text[a:b]
            if words not in ev:
                ev.append(words)
        return out


_P1 = np.uint64(0x9E3779B97F4A7C15)
_P2 = np.uint64(0xC2B2AE3D27D4EB4F)


def _hash_windows(ids: np.ndarray, n: int, previous, p) -> np.ndarray:
    """Hashes of the windows of ``n`` consecutive ids (from the windows of n - 1)."""
    x = ids.astype(np.uint64) + np.uint64(1)
    with np.errstate(over="ignore"):
        if previous is None:
            return x * p
        return (previous[:len(ids) - n + 1] ^ x[n - 1:]) * p


def _hash_key(key: tuple[int, ...], p) -> int:
    h = None
    arr = np.asarray(key, dtype=np.int64)
    for n in range(1, len(key) + 1):
        h = _hash_windows(arr, n, h, p)
    return int(h[0])


class PhraseTable:
    """Keyword phrases of one language (tuples of stem ids) -> [(kind index, code index)],
    looked up by two independent hashes of each window of words."""

    def __init__(self, phrases: dict[tuple[int, ...], list[tuple[int, int]]]):
        self.by_length: dict[int, tuple] = {}
        grouped: dict[int, list] = {}
        for key, targets in phrases.items():
            grouped.setdefault(len(key), []).append((key, targets))
        for n, items in grouped.items():
            h1 = np.array([_hash_key(k, _P1) for k, _ in items], dtype=np.uint64)
            h2 = np.array([_hash_key(k, _P2) for k, _ in items], dtype=np.uint64)
            order = np.argsort(h1, kind="stable")
            counts = np.array([len(items[i][1]) for i in order], dtype=np.int64)
            first = np.concatenate([[0], np.cumsum(counts)[:-1]])
            t_kind = np.array([k for i in order for k, _ in items[i][1]], dtype=np.int64)
            t_code = np.array([c for i in order for _, c in items[i][1]], dtype=np.int64)
            self.by_length[n] = (h1[order], h2[order], counts, first, t_kind, t_code)
        self.longest = max(self.by_length, default=0)


def match_phrases(corpus: Corpus, table: PhraseTable):
    """Keyword phrases (stems of non-function words) in every text; within a kind the longest
    phrase wins at each place and consumes its words. Returns arrays (doc, kind, code, start,
    end)."""
    empty = np.zeros(0, dtype=np.int64)
    if not corpus.norms or not table.longest:
        return empty, empty, empty, empty, empty
    keep = np.flatnonzero(~corpus.joiner)
    ids, docs = corpus.ids[keep], corpus.doc[keep]
    c_i, c_n, c_kind, c_code = [], [], [], []
    h1 = h2 = None
    for n in range(1, min(table.longest, len(ids)) + 1):
        h1 = _hash_windows(ids, n, h1, _P1)
        h2 = _hash_windows(ids, n, h2, _P2)
        if n not in table.by_length:
            continue
        k1, k2, counts, first, t_kind, t_code = table.by_length[n]
        pos = np.searchsorted(k1, h1)
        pos[pos >= len(k1)] = 0
        hit = np.flatnonzero((k1[pos] == h1) & (k2[pos] == h2) & (docs[:len(h1)] == docs[n - 1:]))
        if not len(hit):
            continue
        entries = pos[hit]
        reps = counts[entries]
        targets = np.repeat(first[entries], reps) + (
            np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps))
        c_i.append(np.repeat(hit, reps))
        c_n.append(np.full(int(reps.sum()), n, dtype=np.int64))
        c_kind.append(t_kind[targets])
        c_code.append(t_code[targets])
    if not c_i:
        return empty, empty, empty, empty, empty
    i, n, kind, code = (np.concatenate(x) for x in (c_i, c_n, c_kind, c_code))
    # per kind and place the longest phrase; then, place by place, those not inside the last
    order = np.lexsort((code, -n, i, kind))
    i, n, kind, code = i[order], n[order], kind[order], code[order]
    group = np.ones(len(i), dtype=bool)
    group[1:] = (kind[1:] != kind[:-1]) | (i[1:] != i[:-1])
    longest = np.maximum.accumulate(np.where(group, np.arange(len(i)), 0))
    best = n == n[longest]
    i, n, kind, code, group = i[best], n[best], kind[best], code[best], group[best]
    heads = np.flatnonzero(group)
    accepted = np.zeros(len(heads), dtype=bool)
    last_kind, last_end = -1, -1
    for h, (k, a, b) in enumerate(zip(kind[heads].tolist(), i[heads].tolist(),
                                      (i[heads] + n[heads]).tolist(), strict=True)):
        if k != last_kind:
            last_kind, last_end = k, -1
        if a >= last_end:
            accepted[h] = True
            last_end = b
    ok = accepted[np.cumsum(group) - 1]
    i, n, kind, code = i[ok], n[ok], kind[ok], code[ok]
    first_tok, last_tok = keep[i], keep[i + n - 1]
    return (corpus.doc[first_tok], kind, code, corpus.starts[first_tok],
            corpus.ends[last_tok])


def match_characters(corpus: Corpus, patterns: dict):
    """Chinese keywords on the characters of every text: arrays (doc, kind, code, start, end).
    ``patterns``: {kind index: (expression, {keyword: [code index]})}."""
    big = SEPARATOR.join(corpus.norm_texts)
    out: list[list[int]] = [[], [], [], [], []]
    for k, (pattern, codes_of) in patterns.items():
        for m in pattern.finditer(big):
            a, b = m.span()
            for c in codes_of[m.group()]:
                out[0].append(a)
                out[1].append(k)
                out[2].append(c)
                out[3].append(a)
                out[4].append(b)
    if not out[0]:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty, empty
    pos = np.asarray(out[0], dtype=np.int64)
    doc = np.searchsorted(corpus.offsets, pos, side="right") - 1
    base = corpus.offsets[doc]
    return (doc, np.asarray(out[1]), np.asarray(out[2]), np.asarray(out[3]) - base,
            np.asarray(out[4]) - base)


ZH_BIT = 1 << 62


def term_codes(corpus: Corpus) -> tuple[np.ndarray, np.ndarray]:
    """(text of each term, term code) for the text similarity: stem ids of words that are not
    stop words (codes >= 0) and pairs of adjacent ones (codes < 0, ``decode_pair``); in Chinese
    the Han characters give bigrams (and single characters) without function characters."""
    kept = ~corpus.stop
    han_words = None
    if corpus.lang == "zh":
        cps = np.frombuffer(corpus.big.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        _, han_t = _word_table()
        han = han_t[np.where(cps < 0x10000, cps, 0)] & (cps < 0x10000)
        stop_t = np.zeros(0x10000, dtype=bool)
        for ch in analyzer("zh").stop:
            stop_t[ord(ch)] = True
        good = han & ~stop_t[np.where(han, cps, 0)]
        nxt = np.zeros(len(cps), dtype=bool)
        nxt[:-1] = han[1:]
        prv = np.zeros(len(cps), dtype=bool)
        prv[1:] = han[:-1]
        pair = np.flatnonzero(good[:-1] & good[1:]) if len(cps) > 1 else np.zeros(0, int)
        single = np.flatnonzero(good & ~nxt & ~prv)
        pos = np.concatenate([pair, single])
        chars = np.concatenate([-1 - (ZH_BIT | cps[pair] << 21 | cps[pair + 1]),
                                -1 - (ZH_BIT | cps[single] << 21)])
        han_words = (np.searchsorted(corpus.offsets, pos, side="right") - 1, chars)
        word_is_han = np.fromiter((bool(_HAN.match(n)) for n in corpus.norms), dtype=bool,
                                  count=len(corpus.norms))
        kept &= ~word_is_han
    idx = np.flatnonzero(kept)
    uni_doc, uni = corpus.doc[idx], corpus.ids[idx]
    adjacent = (np.diff(idx) == 1) & (corpus.doc[idx[1:]] == corpus.doc[idx[:-1]])
    a, b = corpus.ids[idx[:-1]][adjacent], corpus.ids[idx[1:]][adjacent]
    docs = [uni_doc, corpus.doc[idx[:-1]][adjacent]]
    codes = [uni, -1 - (a << 31 | b)]
    if han_words is not None:
        docs.append(han_words[0])
        codes.append(han_words[1])
    return np.concatenate(docs), np.concatenate(codes)


def decode_term(code: int, words: list[str]) -> str:
    """The term a code stands for (``words``: stem id -> stem)."""
    if code >= 0:
        return words[code]
    raw = -1 - code
    if raw & ZH_BIT:
        raw ^= ZH_BIT
        first, second = raw >> 21, raw & ((1 << 21) - 1)
        return chr(first) + (chr(second) if second else "")
    return f"{words[raw >> 31]} {words[raw & ((1 << 31) - 1)]}"
