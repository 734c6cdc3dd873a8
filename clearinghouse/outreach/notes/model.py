"""Frozen dataclasses for a parsed or renderable Information Note."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KINDS = (
    "workshop",
    "seminar",
    "conference",
    "training course",
    "briefing",
    "country visit",
    "peer review",
    "meeting",
)

FOOTNOTE = (
    "For information only - not an official report. The views expressed here do not "
    "necessarily represent those of the 1540 Committee or of the organizers or participants "
    "in the event"
)


@dataclass(frozen=True)
class Entity:
    """A registry entity: ``kind`` is "state" or "organisation", ``code`` ISO3 or acronym."""

    kind: str
    code: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "code": self.code}


@dataclass(frozen=True)
class Party:
    """An organiser as written in the note, with the entity it resolved to (if any)."""

    name: str
    entity: Entity | None = None


@dataclass(frozen=True)
class Venue:
    city: str | None = None
    country_name: str | None = None
    country: str | None = None  # ISO3 when resolved
    place: str | None = None  # what comes before the city ("United Nations Headquarters")

    def label(self) -> str:
        return ", ".join(p for p in (self.place, self.city, self.country_name) if p)


@dataclass(frozen=True)
class Participant:
    """One listed participant: ``name`` is verbatim when ``entity`` is None."""

    group: str
    name: str
    entity: Entity | None = None
    confidence: float = 0.0
    remark: str | None = None


@dataclass(frozen=True)
class RelatedEvent:
    title: str
    start: date | None = None
    end: date | None = None
    venue: str | None = None


@dataclass(frozen=True)
class Sections:
    background: str = ""
    highlights: str = ""
    chair_summary: str = ""
    chair_summary_url: str | None = None
    additional_comments: str = ""


@dataclass(frozen=True)
class Note:
    title: str
    kind: str = "meeting"
    organizers: tuple[Party, ...] = ()
    start: date | None = None
    end: date | None = None
    venue: Venue = field(default_factory=Venue)
    participants: tuple[Participant, ...] = ()
    committee_participation: str | None = None
    sections: Sections = field(default_factory=Sections)
    related_events: tuple[RelatedEvent, ...] = ()
    warnings: tuple[str, ...] = ()
    # Heading of section 3 as written ("Chair's summary of the workshop").
    chair_summary_heading: str = "Chair's summary"

    @property
    def groups(self) -> list[tuple[str, list[Participant]]]:
        """Participants by group, in the order the groups first appear."""
        out: dict[str, list[Participant]] = {}
        for p in self.participants:
            out.setdefault(p.group, []).append(p)
        return list(out.items())
