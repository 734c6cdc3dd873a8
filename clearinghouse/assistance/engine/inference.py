"""Infer areas, weapon types and assistance types from a title and description, with evidence."""

from __future__ import annotations

from collections import defaultdict

from .models import Tag, Tags
from .taxonomy import Taxonomy
from .text import stems, tokenize


class Inferrer:
    """Greedy longest-phrase keyword matching on stemmed tokens, one pass per kind.

    Within a kind, the longest keyword phrase wins at each position and consumes its words,
    so "law enforcement" tags border control and not legislation. Keywords are stemmed the
    same way as the text, so plural and -ing/-ed variants match too.
    """

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.phrases: dict[str, dict[tuple[str, ...], list[str]]] = {}
        self.starts: dict[str, dict[str, int]] = {}  # first stem -> longest phrase length
        for kind in Taxonomy.KINDS:
            table: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for term in taxonomy.terms[kind].values():
                for kw in term.keywords:
                    key = tuple(stems(tokenize(kw)))
                    if key and term.code not in table[key]:
                        table[key].append(term.code)
            self.phrases[kind] = dict(table)
            starts: dict[str, int] = {}
            for key in table:
                starts[key[0]] = max(starts.get(key[0], 0), len(key))
            self.starts[kind] = starts

    def _match(self, kind: str, tokens: list[str], stemmed: list[str]) -> dict[str, list[str]]:
        table, starts = self.phrases[kind], self.starts[kind]
        found: dict[str, list[str]] = {}
        i, n = 0, len(stemmed)
        while i < n:
            longest = starts.get(stemmed[i])
            if longest is None:
                i += 1
                continue
            for size in range(min(longest, n - i), 0, -1):
                codes = table.get(tuple(stemmed[i : i + size]))
                if codes:
                    words = " ".join(tokens[i : i + size])
                    for code in codes:
                        ev = found.setdefault(code, [])
                        if words not in ev:
                            ev.append(words)
                    i += size
                    break
            else:
                i += 1
        return found

    def infer(self, text: str) -> dict[str, dict[str, list[str]]]:
        """{kind: {code: [evidence words]}} for a text, most specific areas only."""
        tokens = tokenize(text)
        stemmed = stems(tokens)
        out = {kind: self._match(kind, tokens, stemmed) for kind in Taxonomy.KINDS}
        areas, weapons = out["areas"], out["weapons"]
        tax = self.taxonomy
        # A parent whose children are per weapon (legislation) is refined by the weapons found.
        for code in list(areas):
            kids = [t for t in tax.children(code) if t.weapon]
            for kid in kids:
                if kid.weapon in weapons and kid.code not in areas:
                    areas[kid.code] = areas[code] + weapons[kid.weapon][:2]
        # Keep the most specific areas: drop a parent when one of its children was found.
        for code in list(areas):
            parent = tax.areas[code].parent
            if parent in areas:
                del areas[parent]
        return out

    def tags(self, title: str, description: str, given: dict[str, tuple[str, ...] | None]) -> Tags:
        """Tags of a record: kinds given explicitly are kept; the others are inferred."""
        inferred = None
        result = {}
        for kind in Taxonomy.KINDS:
            codes = given.get(kind)
            if codes is not None:
                result[kind] = tuple(Tag(c, "given") for c in dict.fromkeys(codes))
                continue
            if inferred is None:
                inferred = self.infer(f"{title}. {description}")
            found = inferred[kind]
            order = self.taxonomy.index[kind]
            result[kind] = tuple(
                Tag(code, "inferred", tuple(found[code])) for code in sorted(found, key=order.get)
            )
        return Tags(**result)
