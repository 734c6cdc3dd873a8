"""Input and output records of the matching engine (plain dataclasses, no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

Eligibility = tuple[tuple[str, frozenset[str]], ...]

NEED_STATUSES = ("open", "met")
REQUESTERS = ("state", "organisation")


@dataclass(frozen=True)
class Need:
    """One need of a request, matched on its own. ``areas``/``weapons``/``types`` None = infer
    from ``title`` + ``description``; kinds the need's words do not name are taken from its
    ``context`` (words that apply to every need: the request's title and the text before the
    list; None = the request's title). ``status``: "open" (to be matched) or "met"."""

    id: str
    description: str
    title: str = ""
    areas: tuple[str, ...] | None = None
    weapons: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    status: str = "open"
    context: str | None = None

    @property
    def text(self) -> str:
        return f"{self.title}. {self.description}" if self.title else self.description


@dataclass(frozen=True)
class Request:
    """An assistance request from a State, or from an organisation on behalf of its members.

    ``state`` is the requester's code (ISO3 of a State, or the organisation's code when
    ``requester`` is "organisation"; ``members`` then holds the ISO3 codes of its member
    States on the request's ``date``: an offer's eligibility applies through them).
    ``needs`` empty = one need made of the title, description and the request's own
    ``areas``/``weapons``/``types`` (None = infer). ``languages``: the languages the requester
    works in (empty = the language of its text). ``text_language``: the UN language the text
    is written in (None = detect it).
    """

    id: str
    state: str
    state_name: str
    date: dt.date
    title: str
    description: str = ""
    areas: tuple[str, ...] | None = None
    weapons: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    languages: tuple[str, ...] = ()
    needs: tuple[Need, ...] = ()
    requester: str = "state"
    members: frozenset[str] = frozenset()
    text_language: str | None = None

    @cached_property
    def all_needs(self) -> tuple[Need, ...]:
        """The needs as the engine matches them (the implicit one when none is given)."""
        if self.needs:
            return self.needs
        return (Need("1", self.description, self.title, self.areas, self.weapons, self.types,
                     "open", ""),)

    def need_key(self, need: Need) -> str:
        """How results name a need: the request id for a one-need request, else "R7#2"."""
        return self.id if len(self.all_needs) == 1 else f"{self.id}#{need.id}"


@dataclass(frozen=True)
class Offer:
    """An assistance offer. ``eligibility`` empty = any State may benefit."""

    id: str
    provider: str  # provider code (ISO3 for a State, acronym for an organisation)
    provider_name: str
    title: str
    description: str = ""
    areas: tuple[str, ...] | None = None
    weapons: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    eligibility: Eligibility = ()
    languages: tuple[str, ...] = ()
    capacity: int = 1
    active: int = 0
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    text_language: str | None = None

    @property
    def remaining(self) -> int:
        return max(0, self.capacity - self.active)


class Tag(NamedTuple):
    """One area / weapon / type on a record: given on input, or inferred with its evidence."""

    code: str
    source: str  # "given" or "inferred"
    evidence: tuple[str, ...] = ()


class Tags(NamedTuple):
    areas: tuple[Tag, ...] = ()
    weapons: tuple[Tag, ...] = ()
    types: tuple[Tag, ...] = ()

    def codes(self, kind: str) -> tuple[str, ...]:
        return tuple(t.code for t in getattr(self, kind))


@dataclass(frozen=True)
class Reason:
    """One reason for (or against) a pair: a ``code`` ("area.exact", "eligibility.in_group"...),
    its ``params`` (labels are codes, numbers are numbers) and the words of the request's text
    that triggered it (``quotes``). ``render.render(reason, lang)`` gives the sentence."""

    code: str
    params: dict = field(default_factory=dict, compare=False)
    quotes: tuple[str, ...] = ()

    def as_record(self) -> dict:
        """The reason as JSON (stored on a match, given by the API): dates as ISO strings."""
        return {"code": self.code, "params": _jsonable(self.params), "quotes": list(self.quotes)}

    @classmethod
    def from_record(cls, record) -> Reason:
        """A reason read back from ``as_record``; a plain string (a sentence stored before
        reasons were kept as codes) becomes a "legacy" reason shown as written."""
        if isinstance(record, str):
            return cls("legacy", {"text": record})
        if not isinstance(record, dict) or not isinstance(record.get("code"), str):
            return cls("legacy", {"text": str(record)})
        return cls(record["code"], dict(record.get("params") or {}),
                   tuple(str(q) for q in record.get("quotes") or ()))


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Candidate:
    """A scored (need, offer) pair. ``components`` are weighted: they sum to ``score``.

    Reasons are produced when asked for: ``explanation`` (reason codes), ``reasons`` (English
    sentences), ``reasons_in(lang)`` (the sentences in any of the six UN languages). A ranked
    candidate gets its components and reasons from the run's model (``source``) only then.
    """

    __slots__ = ("offer_id", "score", "_components", "_make", "_explanation", "_reasons",
                 "_taxonomy")

    def __init__(self, offer_id: str, score: float, components=None,
                 reasons: tuple[str, ...] | Callable[[], tuple[Reason, ...]] = (),
                 taxonomy=None):
        self.offer_id = offer_id
        self.score = score
        self._components = components
        self._explanation = None
        self._taxonomy = taxonomy
        if callable(reasons):
            self._make, self._reasons = reasons, None
        else:
            self._make, self._reasons = None, tuple(reasons)

    @property
    def components(self) -> dict[str, float]:
        if callable(self._components):
            self._components = self._components()
        return self._components or {}

    @property
    def explanation(self) -> tuple[Reason, ...]:
        if self._explanation is None:
            self._explanation = self._make() if self._make is not None else ()
        return self._explanation

    @property
    def reasons(self) -> tuple[str, ...]:
        if self._reasons is None:
            self._reasons = self.reasons_in("en")
        return self._reasons

    def reasons_in(self, lang: str) -> tuple[str, ...]:
        from .render import render_all

        if self._make is None:
            return self._reasons or ()
        return render_all(self.explanation, lang, self._taxonomy)

    def __eq__(self, other):
        return isinstance(other, Candidate) and (self.offer_id, self.score) == (
            other.offer_id, other.score)

    def __hash__(self):
        return hash((self.offer_id, self.score))

    def __repr__(self):
        return f"Candidate({self.offer_id!r}, {self.score!r})"


@dataclass(frozen=True)
class Rejection:
    """Why an offer is not a candidate for a need (ineligible, invalid, excluded...)."""

    offer_id: str
    explanation: tuple[Reason, ...]
    taxonomy: object = field(default=None, compare=False, repr=False)

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.reasons_in("en")

    def reasons_in(self, lang: str) -> tuple[str, ...]:
        from .render import render_all

        return render_all(self.explanation, lang, self.taxonomy)


class ExchangeError(ValueError):
    """Bad exchange input: ``errors`` lists every problem, each prefixed by its path."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} error(s) in input:\n" + "\n".join(self.errors))


class NameProblem(ValueError):
    """Raised by a resolver when a name is unknown or ambiguous; the message is shown as is."""


class PinError(ValueError):
    """A pin that cannot be honoured (unknown ids, ineligible pair, over capacity...)."""
