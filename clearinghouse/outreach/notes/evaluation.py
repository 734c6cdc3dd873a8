"""Measuring the note reader against notes whose right reading is known.

An expected reading (``NAME.expected.json`` beside ``NAME.txt``) says, in a compact form,
what a careful person reads in the note: title, kind, dates, venue (city and ISO3 or null),
organisers and participants by group, each as a registry code ("KAZ", "OPCW") or, for a
name that is not in the registry, "?" and the name as written. :func:`score` compares a
parsed :class:`~clearinghouse.outreach.notes.model.Note` with it and counts, for States and
for intergovernmental organisations, true and false positives and misses (F1), and whether
dates and venue are exact. Pure: the organisations' kinds come in as a mapping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from clearinghouse.outreach.notes.model import Note


def load_expected(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _label(entity, name: str) -> str:
    return entity.code if entity is not None else f"?{name}"


def reading(note: Note) -> dict:
    """The parsed note in the compact form of the expected files."""
    groups: dict[str, list[str]] = {}
    for p in note.participants:
        groups.setdefault(p.group, []).append(_label(p.entity, p.name))
    return {
        "title": note.title,
        "kind": note.kind,
        "start": note.start.isoformat() if note.start else None,
        "end": note.end.isoformat() if note.end else None,
        "venue": {"city": note.venue.city, "country": note.venue.country},
        "organizers": [_label(o.entity, o.name) for o in note.organizers],
        "participants": groups,
        "committee": note.committee_participation,
    }


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def f1(self) -> float:
        if not (self.tp or self.fp or self.fn):
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass
class Score:
    name: str
    states: Counts = field(default_factory=Counts)
    igos: Counts = field(default_factory=Counts)
    dates_exact: bool = False
    venue_exact: bool = False
    differences: list[str] = field(default_factory=list)


def _codes(expected_or_got: dict, kinds: dict[str, str], states: set[str],
           intergovernmental: frozenset[str]) -> tuple[set, set]:
    labels = list(expected_or_got["organizers"])
    for items in expected_or_got["participants"].values():
        labels += items
    found_states = {x for x in labels if x in states}
    found_igos = {x for x in labels if kinds.get(x) in intergovernmental}
    return found_states, found_igos


def _counts(expected: set, got: set) -> Counts:
    return Counts(len(expected & got), len(got - expected), len(expected - got))


def score(name: str, note: Note, expected: dict, kinds: dict[str, str], states: set[str],
          intergovernmental: frozenset[str]) -> Score:
    got = reading(note)
    result = Score(name)
    exp_states, exp_igos = _codes(expected, kinds, states, intergovernmental)
    got_states, got_igos = _codes(got, kinds, states, intergovernmental)
    result.states = _counts(exp_states, got_states)
    result.igos = _counts(exp_igos, got_igos)
    result.dates_exact = (got["start"], got["end"]) == (expected["start"], expected["end"])
    result.venue_exact = got["venue"] == expected["venue"]
    for key in ("title", "kind", "start", "end", "venue", "organizers", "participants", "committee"):
        if key in expected and got[key] != expected[key]:
            result.differences.append(f"{key}: expected {expected[key]!r}, read {got[key]!r}")
    return result


def totals(scores: list[Score]) -> dict:
    states, igos = Counts(), Counts()
    for s in scores:
        states.add(s.states)
        igos.add(s.igos)
    n = len(scores) or 1
    return {
        "notes": len(scores),
        "states_f1": states.f1,
        "igos_f1": igos.f1,
        "dates_exact": sum(s.dates_exact for s in scores) / n,
        "venues_exact": sum(s.venue_exact for s in scores) / n,
        "notes_read_exactly": sum(not s.differences for s in scores) / n,
    }
