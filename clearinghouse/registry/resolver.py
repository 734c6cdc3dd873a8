"""Name resolution: which State or organisation a piece of text names, and how sure we are.

One service used everywhere (importers, the API, forms, the note parser). Pure Python: it is
built from name records, which come either from the registry's data files
(:meth:`Resolver.from_data_files`) or from the database (``registry.services.resolver()``).
Nothing about particular States is written here: every name, alias and non-State entity
comes from the registry.

Order of evidence, strongest first:
1. exact match of a name or alias (after normalisation: case, accents, quotes, hyphens);
2. a bracketed acronym agreeing with the name before it;
3. the distinctive words of the name ("Kingdom of Bahrain" -> Bahrain), ambiguous when
   several entities share them ("Korea");
4. a close spelling (typing errors), never accepted as a State for a name that reads as an
   organisation's.
Names of entities that are not UN Member or observer States (Kosovo, Taiwan, ...) are
recognised and reported as such, never resolved to a neighbour.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from . import names as N

STATE = "state"
ORGANISATION = "organisation"
NON_STATE = "non_state"

# Confidence given to each kind of evidence.
CONFIDENCE = {
    "name": 1.0,  # official or short name, organisation code or full name
    "alias": 0.97,  # a common name, abbreviation or other-language name
    "former": 0.95,  # a former name (Swaziland)
    "reordered": 0.95,
    "inflected": 0.95,  # a Russian name in another grammatical case  # an organisation's words, in another order or with other small words
    "words": 0.9,  # the distinctive words agree, no other candidate
}
FUZZY_THRESHOLD = 88  # rapidfuzz ratio, 0..100
MIN_FUZZY_LENGTH = 5


@dataclass(frozen=True, order=True)
class Entity:
    kind: str
    code: str
    name: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "code": self.code, "name": self.name}


@dataclass(frozen=True)
class NameRecord:
    """One way of naming one entity. ``strength`` is a key of CONFIDENCE."""

    entity: Entity
    text: str
    strength: str = "name"


@dataclass(frozen=True)
class Candidate:
    entity: Entity
    confidence: float
    evidence: str

    def to_json(self) -> dict:
        return {**self.entity.to_json(), "confidence": round(self.confidence, 3)}


@dataclass(frozen=True)
class Resolution:
    query: str
    match: Entity | None
    confidence: float
    ambiguous: bool = False
    alternatives: tuple[Candidate, ...] = ()
    note: str = ""
    non_member: bool = False
    # The form of the query that matched: the name as written, or a part of it (the name
    # outside or inside brackets, without an article...). Not part of the JSON answer.
    form: str = ""

    @property
    def whole(self) -> bool:
        """Did the name as written match, rather than only a bracketed part of it?"""
        from . import names as N

        if not self.match:
            return False
        inside = N.BRACKET.search(N.clean(self.query))
        return not (inside and N.compact(self.form) == N.compact(inside.group(1)))

    @property
    def problem(self) -> str | None:
        """A sentence saying why there is no match, or None when there is one."""
        if self.match:
            return None
        return self.note or f'"{self.query}" is not a known State or organisation'

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "match": self.match.to_json() if self.match else None,
            "confidence": round(self.confidence, 3),
            "ambiguous": self.ambiguous,
            "alternatives": [c.to_json() for c in self.alternatives],
            "non_member": self.non_member,
            "note": self.note,
        }


@dataclass
class _Index:
    exact: dict[str, dict[Entity, str]] = field(default_factory=lambda: defaultdict(dict))
    # Codes and acronyms ("KAZ", "OPCW"): found only for a query written as a code.
    codes: dict[str, dict[Entity, tuple[str, frozenset[str]]]] = field(default_factory=lambda: defaultdict(dict))
    # States (and non-States) by the distinctive words of their names.
    core: dict[frozenset[str], list[tuple[frozenset[str], Entity, str]]] = field(
        default_factory=lambda: defaultdict(list))
    # Organisations by all the words of their names less stopwords (word order free).
    org_words: dict[frozenset[str], dict[Entity, str]] = field(default_factory=lambda: defaultdict(dict))
    # Russian names by their words without case endings (a fallback after exact).
    inflected: dict[str, dict[Entity, str]] = field(default_factory=lambda: defaultdict(dict))
    fuzzy_keys: list[str] = field(default_factory=list)
    fuzzy_owner: list[tuple[Entity, str, str]] = field(default_factory=list)


def _stronger(a: str | None, b: str) -> str:
    if a is None:
        return b
    return a if CONFIDENCE[a] >= CONFIDENCE[b] else b


class Resolver:
    def __init__(self, records: Iterable[NameRecord]):
        self._index = _Index()
        seen_fuzzy: set[tuple[str, Entity]] = set()
        for record in records:
            key = N.compact(record.text)
            if not key:
                continue
            if N.is_code(record.text):
                entry = self._index.codes[key]
                strength, texts = entry.get(record.entity, (record.strength, frozenset()))
                entry[record.entity] = (_stronger(strength, record.strength),
                                        texts | {N.clean(record.text)})
                continue
            entry = self._index.exact[key]
            entry[record.entity] = _stronger(entry.get(record.entity), record.strength)
            for inflected in {N.inflection_key(record.text), N.inflection_key(record.text, core=True)}:
                if inflected:
                    slot = self._index.inflected[inflected]
                    slot[record.entity] = _stronger(slot.get(record.entity), record.strength)
            if record.entity.kind == ORGANISATION:
                content = N.content_words(record.text)
                if content:
                    org = self._index.org_words[content]
                    org[record.entity] = _stronger(org.get(record.entity), record.strength)
            else:
                core = N.core_words(record.text)
                if core:
                    self._index.core[core].append(
                        (frozenset(N.words(record.text)), record.entity, record.strength)
                    )
            if (len(key) >= MIN_FUZZY_LENGTH and key.isascii()
                    and (key, record.entity) not in seen_fuzzy):
                seen_fuzzy.add((key, record.entity))
                self._index.fuzzy_keys.append(key)
                self._index.fuzzy_owner.append((record.entity, record.strength, record.text))
        self.resolve = lru_cache(maxsize=65536)(self._resolve)

    @classmethod
    def from_data_files(cls, data_dir=None) -> Resolver:
        from .reference import load_reference

        return cls(load_reference(data_dir).name_records())

    # -- resolution -------------------------------------------------------------------

    def _resolve(self, text: str) -> Resolution:
        query = (text or "").strip()
        forms = N.variants(query)
        if not forms:
            return Resolution(query, None, 0.0, note="empty name")

        for form in forms:
            hit = self._exact(query, form)
            if hit:
                return replace(hit, form=form)
        for form in forms:
            hit = self._inflected(query, form)
            if hit:
                return replace(hit, form=form)
        for form in forms:
            hit = self._by_words(query, form)
            if hit:
                return replace(hit, form=form)
        return replace(self._fuzzy(query, forms[0]), form=forms[0])

    def _conclude(self, query: str, found: dict[Entity, float], evidence: str) -> Resolution:
        non_states = [e for e in found if e.kind == NON_STATE]
        if non_states:
            entity = non_states[0]
            return Resolution(
                query,
                None,
                0.0,
                non_member=True,
                note=f'"{query}" names {entity.name}, which is not a UN Member or observer State',
            )
        ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0].kind, kv[0].code))
        candidates = tuple(Candidate(e, c, evidence) for e, c in ranked)
        best = candidates[0]
        rivals = [c for c in candidates[1:] if c.confidence >= best.confidence - 0.02]
        if rivals:
            codes = ", ".join(c.entity.code for c in (best, *rivals))
            return Resolution(
                query,
                None,
                0.0,
                ambiguous=True,
                alternatives=candidates,
                note=f'"{query}" is ambiguous: {codes}',
            )
        return Resolution(query, best.entity, best.confidence, alternatives=candidates[1:])

    def _exact(self, query: str, form: str) -> Resolution | None:
        key = N.compact(form)
        found = dict(self._index.exact.get(key, {}))
        for entity, (strength, recorded) in self._index.codes.get(key, {}).items():
            if any(N.code_form_matches(form, text) for text in recorded):
                found[entity] = _stronger(found.get(entity), strength)
        if not found:
            return None
        scored = {e: CONFIDENCE[s] for e, s in found.items()}
        result = self._conclude(query, scored, "exact")
        if result.match and found.get(result.match) == "former":
            note = f'"{query}" is a former name of {result.match.name}'
            return Resolution(query, result.match, result.confidence, False, result.alternatives, note)
        return result

    def _inflected(self, query: str, form: str) -> Resolution | None:
        """A Russian name in another case ("Правительство Кыргызской Республики")."""
        found = None
        for key in (N.inflection_key(form), N.inflection_key(form, core=True)):
            found = self._index.inflected.get(key) if key else None
            if found:
                break
        if not found:
            return None
        scored = {e: CONFIDENCE["inflected"] * CONFIDENCE[s] for e, s in found.items()}
        return self._conclude(query, scored, "inflected")

    def _by_words(self, query: str, form: str) -> Resolution | None:
        found: dict[Entity, float] = {}
        content = N.content_words(form)
        for entity, strength in self._index.org_words.get(content, {}).items():
            # The same words in another order or with other small words: nearly exact.
            found[entity] = CONFIDENCE["reordered"] * CONFIDENCE[strength]
        core = N.core_words(form)
        if core and not N.looks_like_organisation(form):
            all_words = frozenset(N.words(form))
            said_generic = bool(all_words - core)
            for name_words, entity, strength in self._index.core.get(core, ()):
                score = CONFIDENCE["words"] * min(CONFIDENCE[strength], 1.0)
                if said_generic:
                    # "Republic of Congo" prefers "Republic of the Congo" to "Democratic
                    # Republic of the Congo": the fewer words the name adds, the better.
                    extra = len(name_words - all_words - {"the"})
                    score -= 0.03 * extra
                found[entity] = max(found.get(entity, 0.0), score)
        if not found:
            return None
        return self._conclude(query, found, "words")

    def _fuzzy_hits(self, form: str, cutoff: float) -> dict[Entity, float]:
        key = N.compact(form)
        if len(key) < MIN_FUZZY_LENGTH or not key.isascii() or not self._index.fuzzy_keys:
            return {}
        organisation_like = N.looks_like_organisation(form)
        hits = process.extract(
            key, self._index.fuzzy_keys, scorer=fuzz.ratio, limit=8, score_cutoff=cutoff
        )
        found: dict[Entity, float] = {}
        for _key, score, position in hits:
            entity, strength, text = self._index.fuzzy_owner[position]
            if entity.kind == STATE and organisation_like:
                continue
            if not _same_words(form, text):
                continue  # a look-alike: another word, not a typing error
            confidence = 0.9 * score / 100 * CONFIDENCE[strength]
            found[entity] = max(found.get(entity, 0.0), confidence)
        return found

    def _fuzzy(self, query: str, form: str) -> Resolution:
        found = self._fuzzy_hits(form, FUZZY_THRESHOLD)
        if not found:
            return Resolution(query, None, 0.0, note=f'"{query}" is not a known State or organisation')
        result = self._conclude(query, found, "spelling")
        if result.match:
            note = f'"{query}" read as {result.match.name} (close spelling)'
            return Resolution(query, result.match, result.confidence, False, result.alternatives, note)
        return result

    def suggest(self, text: str, limit: int = 6) -> list[Candidate]:
        """Entities a person may have meant, best first, for a name that did not resolve
        (the review pages offer them): rivals of an ambiguous name, weaker spellings, and
        entities sharing the name's distinctive words."""
        result = self.resolve(text)
        scored: dict[Entity, float] = {}
        if result.match:
            scored[result.match] = result.confidence
        for c in result.alternatives:
            scored[c.entity] = max(scored.get(c.entity, 0.0), c.confidence)
        for form in N.variants(text)[:3]:
            for entity, conf in self._fuzzy_hits(form, 70).items():
                scored[entity] = max(scored.get(entity, 0.0), conf)
            words = N.content_words(form) - N.GENERIC_WORDS
            if words:
                for content, owners in self._index.org_words.items():
                    shared = len(words & content)
                    if shared and shared >= min(len(words), len(content)) / 2:
                        for entity in owners:
                            conf = 0.5 * shared / max(len(words), len(content))
                            scored[entity] = max(scored.get(entity, 0.0), conf)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0].kind, kv[0].code))
        return [Candidate(e, c, "suggestion") for e, c in ranked if e.kind != NON_STATE][:limit]


def _same_words(query: str, name: str) -> bool:
    """Do two names differ only by typing errors? Every distinctive word of each must have a
    close counterpart in the other ("World Nuclear Association" is not "World Nuclear
    Organization"; "Kazakstan" is "Kazakhstan"; "Turk menistan" is "Turkmenistan")."""
    q_words = [w for w in N.content_words(query) if len(w) >= 4]
    n_words = [w for w in N.content_words(name) if len(w) >= 4]
    q_key, n_key = N.compact(query), N.compact(name)

    def covered(word: str, others: list[str], other_key: str) -> bool:
        return word in other_key or any(fuzz.ratio(word, o) >= 75 for o in others)

    return all(covered(w, n_words, n_key) for w in q_words) and all(
        covered(w, q_words, q_key) for w in n_words
    )
