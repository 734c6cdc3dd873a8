"""Input and output records of the matching engine (plain frozen dataclasses, no Django)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

Eligibility = tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True)
class Request:
    """An assistance request from a State. ``areas``/``weapons``/``types`` None = infer."""

    id: str
    state: str  # ISO3
    state_name: str
    date: dt.date
    title: str
    description: str = ""
    areas: tuple[str, ...] | None = None
    weapons: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    languages: tuple[str, ...] = ()


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

    @property
    def remaining(self) -> int:
        return max(0, self.capacity - self.active)


@dataclass(frozen=True)
class Tag:
    """One area / weapon / type on a record: given on input, or inferred with its evidence."""

    code: str
    source: str  # "given" or "inferred"
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tags:
    areas: tuple[Tag, ...] = ()
    weapons: tuple[Tag, ...] = ()
    types: tuple[Tag, ...] = ()

    def codes(self, kind: str) -> tuple[str, ...]:
        return self._codes[kind]

    @cached_property
    def _codes(self) -> dict[str, tuple[str, ...]]:
        return {k: tuple(t.code for t in getattr(self, k)) for k in ("areas", "weapons", "types")}


@dataclass(frozen=True)
class Candidate:
    """A scored (request, offer) pair. ``components`` are weighted: they sum to ``score``."""

    offer_id: str
    score: float
    components: dict[str, float] = field(default_factory=dict, compare=False)
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejection:
    """Why an offer is not a candidate for a request (ineligible, invalid, excluded...)."""

    offer_id: str
    reasons: tuple[str, ...]


class ExchangeError(ValueError):
    """Bad exchange input: ``errors`` lists every problem, each prefixed by its path."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} error(s) in input:\n" + "\n".join(self.errors))


class NameProblem(ValueError):
    """Raised by a resolver when a name is unknown or ambiguous; the message is shown as is."""


class PinError(ValueError):
    """A pin that cannot be honoured (unknown ids, ineligible pair, over capacity...)."""
