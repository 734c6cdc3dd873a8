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


class _Phrases:
    """Keyword phrases of one language as stem tuples: {tuple: {kind: [codes]}}."""

    def __init__(self, taxonomy: Taxonomy, lang: str, sources: tuple[str, ...]):
        self.lang = lang
        an = analyzer(lang)
        joiners = JOINERS[lang]
        table: dict[tuple[str, ...], dict[str, list[str]]] = defaultdict(dict)
        for kind in KINDS:
            for term in taxonomy.terms[kind].values():
                for source in sources:
                    for kw in term.keywords.get(source, ()):
                        key = tuple(t.stem for t in an.tokens(kw) if t.norm not in joiners)
                        if not key:
                            continue
                        codes = table[key].setdefault(kind, [])
                        if term.code not in codes:
                            codes.append(term.code)
        self.table = dict(table)
        self.longest: dict[str, int] = {}
        for key in self.table:
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    def match(self, text: str, found: Found, tokens=None) -> None:
        an = analyzer(self.lang)
        joiners = JOINERS[self.lang]
        seq = [t for t in (tokens if tokens is not None else an.tokens(text))
               if t.norm not in joiners]
        stems = [t.stem for t in seq]
        table, longest = self.table, self.longest
        free = dict.fromkeys(KINDS, 0)
        n = len(stems)
        for i in range(n):
            top = longest.get(stems[i])
            if top is None:
                continue
            pending = [k for k in KINDS if free[k] <= i]
            if not pending:
                continue
            for size in range(min(top, n - i), 0, -1):
                entry = table.get(tuple(stems[i:i + size]))
                if entry is None:
                    continue
                words = None
                for kind, codes in entry.items():
                    if kind not in pending:
                        continue
                    if words is None:
                        words = text[seq[i].start:seq[i + size - 1].end]
                    bucket = found[kind]
                    for code in codes:
                        ev = bucket.setdefault(code, [])
                        if words not in ev:
                            ev.append(words)
                    free[kind] = i + size
                    pending.remove(kind)
                if not pending:
                    break


class _Characters:
    """Chinese keywords matched on characters: one alternation per kind, longest first."""

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
                alternation = "|".join(re.escape(k) for k in sorted(codes_of, key=lambda k: (-len(k), k)))
                self.patterns[kind] = (re.compile(alternation), dict(codes_of))

    def match(self, text: str, found: Found) -> None:
        norm = analyzer("zh").normalise(text)
        if len(norm) != len(text):
            text = norm
        for kind, (pattern, codes_of) in self.patterns.items():
            bucket = found[kind]
            for m in pattern.finditer(norm):
                words = text[m.start():m.end()]
                for code in codes_of[m.group()]:
                    ev = bucket.setdefault(code, [])
                    if words not in ev:
                        ev.append(words)


class Inferrer:
    """Tags (with evidence) of texts in the six UN languages."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self._phrases: dict[str, _Phrases] = {}
        self._characters: _Characters | None = None

    def _for(self, lang: str) -> _Phrases:
        p = self._phrases.get(lang)
        if p is None:
            # Chinese: only the language-neutral words are matched on tokens
            sources = ("any",) if lang == "zh" else (lang, "any")
            p = self._phrases[lang] = _Phrases(self.taxonomy, lang, sources)
        return p

    def match(self, text: str, lang: str | None = None) -> Found:
        """{kind: {code: [evidence]}} as found in the text (no refinement)."""
        lang = lang or detect(text)
        found: Found = {k: {} for k in KINDS}
        if lang == "zh":
            if self._characters is None:
                self._characters = _Characters(self.taxonomy)
            self._characters.match(text, found)
        self._for(lang).match(text, found)
        return found

    def infer(self, text: str, lang: str | None = None) -> Found:
        """{kind: {code: [evidence]}} for a text, most specific areas only."""
        out = self.match(text, lang)
        refine(self.taxonomy, out)
        return out

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
