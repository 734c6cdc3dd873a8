"""Infer areas, weapon types, types of assistance and concepts from texts in any of the six UN
languages, keeping the words of the text that triggered each one (its evidence).

Keywords and texts go through the same analyser of the text's language (lower case,
normalisation, Snowball stems; see ``lang``), and short function words ("of", "des", "de la",
"и", "في") are skipped on both sides, so "contrôle des exportations" also finds "contrôles à
l'exportation". Within a kind the longest phrase wins at each place and consumes its words
("law enforcement" is border control, not legislation), independently for each kind. Chinese
is matched on its characters (longest keyword first). Language-neutral keywords (acronyms: CWC,
IAEA, FATF...) are looked for in every language. Many texts are read at once (``corpus``).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict

import numpy as np

from .corpus import Corpus, Matches, PhraseTable, Words, match_characters, match_phrases
from .lang import analyzer, detect
from .models import Tag, Tags
from .taxonomy import Taxonomy

KINDS = Taxonomy.ALL_KINDS

JOINERS = {
    "en": frozenset("a an the of for and to in on at with by from".split()),
    "fr": frozenset("le la les l de du des d un une et à au aux en pour par sur dans avec".split()),
    "es": frozenset("el la los las lo de del un una y e en a al para por con sobre".split()),
    "ru": frozenset("и в во на с со по для к о об от до из у за при".split()),
    "ar": frozenset("في من على الى عن مع و".split()),
    "zh": frozenset(),
}

Found = dict[str, dict[str, list[str]]]  # kind -> code -> evidence (words as written)


def trie_pattern(words) -> str:
    """A regular expression matching any of ``words``, longest first, built as a trie so the
    engine does not try every word at every position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie)


class Inferrer:
    """Tags (with evidence) of texts in the six UN languages."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.vocab: dict[str, int] = {}  # stem -> id, shared by every corpus this matcher reads
        self._lock = threading.RLock()  # ids are given under it (threads of one process)
        self._tables: dict[str, PhraseTable] = {}
        self._characters: dict | None = None
        self._words: dict[str, Words] = {}
        self.code_index = {k: {c: i for i, c in enumerate(taxonomy.codes[k])} for k in KINDS}

    def _table(self, lang: str) -> PhraseTable:
        with self._lock:
            return self._table_locked(lang)

    def _table_locked(self, lang: str) -> PhraseTable:
        table = self._tables.get(lang)
        if table is None:
            # Chinese: only the language-neutral words are matched on words
            sources = ("any",) if lang == "zh" else (lang, "any")
            an = analyzer(lang)
            joiners = JOINERS[lang]
            vocab = self.vocab
            phrases: dict[tuple[int, ...], list[tuple[int, int]]] = defaultdict(list)
            for k, kind in enumerate(KINDS):
                for c, term in enumerate(self.taxonomy.terms[kind].values()):
                    for source in sources:
                        for kw in term.keywords.get(source, ()):
                            a = an.analyse(kw)
                            key = tuple(vocab.setdefault(st, len(vocab))
                                        for n, st in zip(a.norms, a.stems, strict=True)
                                        if n not in joiners)
                            if key and (k, c) not in phrases[key]:
                                phrases[key].append((k, c))
            table = self._tables[lang] = PhraseTable(dict(phrases))
        return table

    def _chinese(self) -> dict:
        if self._characters is None:
            an = analyzer("zh")
            patterns = {}
            for k, kind in enumerate(KINDS):
                codes_of: dict[str, list[int]] = defaultdict(list)
                for c, term in enumerate(self.taxonomy.terms[kind].values()):
                    for kw in term.keywords.get("zh", ()):
                        key = an.normalise(kw).replace(" ", "")
                        if key and c not in codes_of[key]:
                            codes_of[key].append(c)
                if codes_of:
                    patterns[k] = (re.compile(trie_pattern(codes_of)), dict(codes_of))
            self._characters = patterns
        return self._characters

    def corpus(self, texts: list[str], lang: str) -> Corpus:
        with self._lock:
            words = self._words.get(lang)
            if words is None:
                words = self._words[lang] = Words(lang, self.vocab, JOINERS[lang])
            return Corpus(texts, lang, words)

    def matches(self, corpus: Corpus) -> Matches:
        """Every keyword match in the corpus (arrays)."""
        parts = [match_phrases(corpus, self._table(corpus.lang))]
        if corpus.lang == "zh":
            parts.append(match_characters(corpus, self._chinese()))
        arrays = [np.concatenate([p[n] for p in parts]).astype(np.int64) for n in range(5)]
        return Matches(corpus.texts, *arrays)

    def match(self, text: str, lang: str | None = None) -> Found:
        """{kind: {code: [evidence]}} as found in the text (no refinement)."""
        lang = lang or detect(text)
        return self.matches(self.corpus([text], lang)).found(0, self.taxonomy.codes)

    def infer(self, text: str, lang: str | None = None) -> Found:
        """{kind: {code: [evidence]}} for a text, most specific areas only."""
        out = self.match(text, lang)
        refine(self.taxonomy, out)
        return out

    def tags(self, title: str, description: str, given: dict[str, tuple[str, ...] | None],
             lang: str | None = None, found: Found | None = None) -> Tags:
        """Tags of a record: kinds given explicitly are kept; the others are inferred."""
        if found is None and any(given.get(k) is None for k in Taxonomy.KINDS):
            found = self.infer(f"{title}. {description}" if title else description, lang)
        return make_tags(self.taxonomy, found, given)


def make_tags(taxonomy: Taxonomy, found: Found | None, given: dict) -> Tags:
    out = {}
    for kind in Taxonomy.KINDS:
        codes = given.get(kind)
        if codes is not None:
            out[kind] = tuple(Tag(c, "given") for c in dict.fromkeys(codes))
        else:
            out[kind] = to_tags(taxonomy, kind, found[kind])
    return Tags(**out)


def refine(taxonomy: Taxonomy, out: Found) -> None:
    """Legislation with a weapon named becomes the weapon's legislation; a parent area is
    dropped when one of its children was found (most specific)."""
    areas, weapons = out["areas"], out["weapons"]
    for code in list(areas):
        for kid in taxonomy.children(code):
            if kid.weapon and kid.weapon in weapons and kid.code not in areas:
                areas[kid.code] = areas[code] + [w for w in weapons[kid.weapon][:2]
                                                 if w not in areas[code]]
    for code in list(areas):
        parent = taxonomy.areas[code].parent
        if parent in areas:
            del areas[parent]


def refine_presence(taxonomy: Taxonomy, areas: np.ndarray, weapons: np.ndarray) -> None:
    """``refine`` on presence matrices (texts x codes), in place."""
    ai = taxonomy.index["areas"]
    wi = taxonomy.index["weapons"]
    for code in taxonomy.codes["areas"]:
        for kid in taxonomy.children(code):
            if kid.weapon and kid.weapon in wi:
                areas[:, ai[kid.code]] |= areas[:, ai[code]] & weapons[:, wi[kid.weapon]]
    for code in taxonomy.codes["areas"]:
        kids = [ai[k.code] for k in taxonomy.children(code)]
        if kids:
            areas[:, ai[code]] &= ~areas[:, kids].any(axis=1)


def to_tags(taxonomy: Taxonomy, kind: str, found: dict[str, list[str]]) -> tuple[Tag, ...]:
    order = taxonomy.index[kind]
    return tuple(Tag(code, "inferred", tuple(found[code])) for code in sorted(found, key=order.get))
