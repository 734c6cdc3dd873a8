"""Infer areas, weapon types, types of assistance and concepts from a text in any of the six UN
languages, keeping the words of the text that triggered each one (its evidence).

Keywords and text go through the same analyser of the text's language (lower case,
normalisation, Snowball stems; see ``lang``), and short function words ("of", "des", "de la",
"и", "في") are skipped on both sides, so "contrôle des exportations" also finds "contrôles à
l'exportation". Within a kind the longest phrase wins at each position and consumes its words
("law enforcement" is border control, not legislation), independently for each kind. Chinese
is matched on its characters (longest keyword first). Language-neutral keywords (acronyms: CWC,
IAEA, FATF...) are looked for in every language.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .corpus import Corpus, PhraseTable, empty_found, match_characters, match_phrases
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


class _Phrases:
    """Keywords of one language as stem-id sequences (function words left out), looked up in
    every text of a corpus at once (``corpus.match_phrases``)."""

    def __init__(self, taxonomy: Taxonomy, lang: str, sources: tuple[str, ...], vocab: dict):
        self.lang = lang
        an = analyzer(lang)
        joiners = JOINERS[lang]
        phrases: dict[tuple[int, ...], list[tuple[str, str]]] = defaultdict(list)
        for kind in KINDS:
            for term in taxonomy.terms[kind].values():
                for source in sources:
                    for kw in term.keywords.get(source, ()):
                        a = an.analyse(kw)
                        key = tuple(vocab.setdefault(st, len(vocab))
                                    for n, st in zip(a.norms, a.stems, strict=True)
                                    if n not in joiners)
                        if key and (kind, term.code) not in phrases[key]:
                            phrases[key].append((kind, term.code))
        self.table = PhraseTable(dict(phrases))


class _Characters:
    """Chinese keywords matched on characters: one trie expression per kind, longest first."""

    def __init__(self, taxonomy: Taxonomy):
        an = analyzer("zh")
        self.patterns: dict[str, tuple[re.Pattern, dict[str, list[str]]]] = {}
        for kind in KINDS:
            codes_of: dict[str, list[str]] = defaultdict(list)
            for term in taxonomy.terms[kind].values():
                for kw in term.keywords.get("zh", ()):
                    key = an.normalise(kw).replace(" ", "")
                    if key and term.code not in codes_of[key]:
                        codes_of[key].append(term.code)
            if codes_of:
                self.patterns[kind] = (re.compile(trie_pattern(codes_of)), dict(codes_of))


class Inferrer:
    """Tags (with evidence) of texts in the six UN languages."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self._phrases: dict[str, _Phrases] = {}
        self._characters: _Characters | None = None
        self.vocab: dict[str, int] = {}  # stem -> id, shared by every corpus this matcher reads

    def _for(self, lang: str) -> _Phrases:
        p = self._phrases.get(lang)
        if p is None:
            # Chinese: only the language-neutral words are matched on tokens
            sources = ("any",) if lang == "zh" else (lang, "any")
            p = self._phrases[lang] = _Phrases(self.taxonomy, lang, sources, self.vocab)
        return p

    def match_many(self, texts: list[str], lang: str) -> list[Found]:
        """{kind: {code: [evidence]}} for each text of one language (no refinement)."""
        return self.match_corpus(Corpus(texts, lang, self.vocab))

    def infer_corpus(self, corpus: Corpus) -> list[Found]:
        out = self.match_corpus(corpus)
        for found in out:
            refine(self.taxonomy, found)
        return out

    def match_corpus(self, corpus: Corpus) -> list[Found]:
        found = empty_found(len(corpus), KINDS)
        if not len(corpus):
            return found
        lang = corpus.lang
        if lang == "zh":
            if self._characters is None:
                self._characters = _Characters(self.taxonomy)
            match_characters(corpus, self._characters.patterns, found)
        match_phrases(corpus, self._for(lang).table, JOINERS[lang], found)
        return found

    def infer_many(self, texts: list[str], lang: str) -> list[Found]:
        """Tags with evidence of each text of one language, most specific areas only."""
        out = self.match_many(texts, lang)
        for found in out:
            refine(self.taxonomy, found)
        return out

    def match(self, text: str, lang: str | None = None) -> Found:
        """{kind: {code: [evidence]}} as found in the text (no refinement)."""
        return self.match_many([text], lang or detect(text))[0]

    def infer(self, text: str, lang: str | None = None) -> Found:
        """{kind: {code: [evidence]}} for a text, most specific areas only."""
        return self.infer_many([text], lang or detect(text))[0]

    def tags(self, title: str, description: str, given: dict[str, tuple[str, ...] | None],
             lang: str | None = None, found: Found | None = None) -> Tags:
        """Tags of a record: kinds given explicitly are kept; the others are inferred."""
        result = {}
        for kind in Taxonomy.KINDS:
            codes = given.get(kind)
            if codes is not None:
                result[kind] = tuple(Tag(c, "given") for c in dict.fromkeys(codes))
                continue
            if found is None:
                found = self.infer(f"{title}. {description}" if title else description, lang)
            result[kind] = to_tags(self.taxonomy, kind, found[kind])
        return Tags(**result)


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


def to_tags(taxonomy: Taxonomy, kind: str, found: dict[str, list[str]]) -> tuple[Tag, ...]:
    order = taxonomy.index[kind]
    return tuple(Tag(code, "inferred", tuple(found[code])) for code in sorted(found, key=order.get))
