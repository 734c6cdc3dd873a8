"""Events and Information Notes, both ways.

``event_to_note(event, viewer)`` gives the :class:`~clearinghouse.outreach.notes.model.Note`
that the renderers write, as ``viewer`` may read it; ``plan_from_note(note, ...)`` gives the plan of an event that
``actions.import_notes`` writes. Rendering an event and importing the result gives back the
same event (tests/outreach/test_round_trip.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from clearinghouse.outreach.notes.dates import format_range
from clearinghouse.outreach.notes.model import (
    Entity,
    Note,
    Participant,
    Party,
    RelatedEvent,
    Sections,
    Venue,
)

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "the": 1,
    # French, Spanish, Russian
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "le": 1, "la": 1,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "el": 1,
    "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
}
_WORDS = {v: k for k, v in list(_NUMBERS.items())[:13] if k not in ("a", "an", "the")}
_COUNT = re.compile(
    r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|the|un|une|deux|trois|"
    r"quatre|cinq|le|la|uno|una|dos|tres|cuatro|cinco|el|один|одна|два|две|три|четыре|пять)\s+"
    r"(?:(?:1540\s+)?committee\s+)?(?:(?P<member>members?|chair|chairman|chairperson|membres?|"
    r"pr[ée]sidente?|miembros?|president[ea]|члена?|член\w*|председател\w*)|"
    r"(?P<expert>experts?|expertos?|эксперт\w*))(?![\w])",
    re.IGNORECASE,
)
RELATED_PREFIX = "Related events: "


def committee_counts(text: str) -> tuple[int, int]:
    """'one member of the Committee and two experts' -> (1, 2)."""
    members = experts = 0
    for m in _COUNT.finditer(text or ""):
        token = m.group("n").lower()
        n = int(token) if token.isdigit() else _NUMBERS[token]
        if m.group("expert") and token in ("le", "la", "el", "the") and re.match(
                r"\w+\s+(?:group|groupe|grupo)", m.group(0) + text[m.end():m.end() + 8]):
            continue
        if m.group("member"):
            members += n
        else:
            experts += n
    return members, experts


def committee_text(members: int, experts: int) -> str:
    def count(n: int, one: str, many: str) -> str:
        return f"{_WORDS.get(n, str(n))} {one if n == 1 else many}"

    parts = []
    if members:
        parts.append(count(members, "member of the Committee", "members of the Committee"))
    if experts:
        parts.append(count(experts, "expert", "experts"))
    return " and ".join(parts)


def _entity_of(link) -> Entity | None:
    if link.state_id:
        return Entity("state", link.state.iso3)
    if link.organisation_id:
        return Entity("organisation", link.organisation.code)
    return None


def venue_label(event, language: str | None = None) -> str:
    """"City, State", the State named in ``language`` (English by default)."""
    country = event.venue_state.name_in(language or "en") if event.venue_state_id else ""
    return ", ".join(x for x in (event.venue_city, country) if x)


def visible_related(event, viewer) -> tuple[list, set[int]]:
    """The related events ``viewer`` may see (prefetched order kept), and the ids of every event
    linked from this one (related or mentioned) that ``viewer`` may see: one query."""
    from clearinghouse.outreach.models import Event

    linked_ids = {e.pk for e in event.related.all()} | {
        m.linked_id for m in event.mentions.all() if m.linked_id}
    seen = set(Event.objects.visible_to(viewer).filter(pk__in=linked_ids)
               .values_list("pk", flat=True)) if linked_ids else set()
    return [e for e in event.related.all() if e.pk in seen], seen


def event_to_note(event, viewer, language: str | None = None) -> Note:
    """The note of an event as ``viewer`` may read it (prefetch organisers, participants,
    mentions, related; see ``notes_service.with_note_parts``), the venue's State named in
    ``language`` (English by default: the form the importer compares).

    A related event the viewer may not see (a draft, for anyone but an expert) is left out
    entirely. A mention keeps the words the note itself used for it (title, dates, venue as
    written), never anything from the event it is linked to.
    """
    committee = event.committee_remark or committee_text(
        event.committee_members, event.committee_experts
    )
    mentions = [
        RelatedEvent(m.title, m.start, m.end, m.venue or None) for m in event.mentions.all()
    ]
    written = {m.linked_id for m in event.mentions.all()}
    related, _seen = visible_related(event, viewer)
    for other in related:
        if other.pk not in written:
            mentions.append(
                RelatedEvent(other.title, other.start, other.end,
                             venue_label(other, language) or None)
            )
    return Note(
        title=event.title,
        kind=event.kind,
        organizers=tuple(Party(o.name, _entity_of(o)) for o in event.organisers.all()),
        start=event.start,
        end=event.end,
        venue=Venue(
            city=event.venue_city or None,
            country_name=event.venue_state.name_in(language or "en") if event.venue_state_id else None,
            country=event.venue_state.iso3 if event.venue_state_id else None,
            place=event.venue_place or None,
        ),
        participants=tuple(
            Participant(p.group, p.name, _entity_of(p), p.confidence, p.remark or None)
            for p in event.participants.all()
        ),
        committee_participation=committee or None,
        sections=Sections(
            background=event.background,
            highlights=event.highlights,
            chair_summary=event.chair_summary,
            chair_summary_url=event.chair_summary_url or None,
            additional_comments=event.additional_comments,
        ),
        related_events=tuple(mentions),
        chair_summary_heading=event.chair_summary_heading or "Chair's summary",
    )


# -- Note -> the plan of an event -------------------------------------------------------


@dataclass
class LinkPlan:
    name: str
    state: object = None
    organisation: object = None
    group: str = ""
    confidence: float = 0.0
    remark: str = ""
    flagged: bool = False


@dataclass
class MentionPlan:
    title: str
    start: date | None
    end: date | None
    venue: str
    city: str = ""
    state: object = None
    existing: object = None  # an Event already recorded at that date and place


@dataclass
class EventPlan:
    """What importing one note would write (nothing is written while planning)."""

    filename: str
    text: str
    note: Note
    fields: dict = field(default_factory=dict)
    organisers: list[LinkPlan] = field(default_factory=list)
    participants: list[LinkPlan] = field(default_factory=list)
    mentions: list[MentionPlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # An event already recorded with the same title and dates: importing may update it
    # instead of creating a second one.
    duplicate_of: object = None

    @property
    def flagged(self) -> list[LinkPlan]:
        return [p for p in self.organisers + self.participants if p.flagged]


def _strip_related_sentence(background: str) -> str:
    """The renderer ends the background with "Related events: ..." (the mentions hold them)."""
    return re.sub(r"\s*(?:^|(?<=\s))" + re.escape(RELATED_PREFIX) + r"[^\n]*\Z", "",
                  background or "", flags=re.S)


def _strip_link_line(summary: str, url: str | None) -> str:
    """The renderer adds "Link: URL" when the summary's text does not hold its URL."""
    if not url:
        return summary
    return re.sub(r"\s*(?:^|(?<=\s))Link:\s*" + re.escape(url) + r"\s*\Z", "", summary or "")


def plan_from_note(note: Note, filename: str, text: str, states: dict, organisations: dict,
                   find_existing) -> EventPlan:
    """The event a note describes. ``states``/``organisations``: code -> record;
    ``find_existing(start, city_candidates)`` -> an Event at that date and place, or None."""
    plan = EventPlan(filename=filename, text=text, note=note, warnings=list(note.warnings))

    def link(entity: Entity | None, name: str) -> tuple[object, object, bool]:
        if entity is None:
            return None, None, True
        if entity.kind == "state" and entity.code in states:
            return states[entity.code], None, False
        if entity.kind == "organisation" and entity.code in organisations:
            return None, organisations[entity.code], False
        plan.warnings.append(f"{name!r}: {entity.code} is not in the registry; kept verbatim")
        return None, None, True

    for party in note.organizers:
        state, org, flagged = link(party.entity, party.name)
        plan.organisers.append(LinkPlan(party.name[:300], state, org, flagged=flagged))
    for p in note.participants:
        state, org, flagged = link(p.entity, p.name)
        plan.participants.append(LinkPlan(p.name[:300], state, org, p.group[:200],
                                          p.confidence, (p.remark or "")[:300], flagged))
    venue_state = states.get(note.venue.country) if note.venue.country else None
    members, experts = committee_counts(note.committee_participation or "")
    s = note.sections
    plan.fields = {
        "title": note.title[:500],
        "kind": note.kind,
        "start": note.start,
        "end": note.end or note.start,
        "venue_place": note.venue.place or "",
        "venue_city": note.venue.city or "",
        "venue_state": venue_state,
        "committee_members": members,
        "committee_experts": experts,
        "committee_remark": (note.committee_participation or "")[:300],
        "background": _strip_related_sentence(s.background),
        "highlights": s.highlights,
        "chair_summary_heading": note.chair_summary_heading[:200],
        "chair_summary": _strip_link_line(s.chair_summary, s.chair_summary_url),
        "chair_summary_url": s.chair_summary_url or "",
        "additional_comments": s.additional_comments,
    }
    for r in note.related_events:
        parts = [x.strip() for x in (r.venue or "").split(",") if x.strip()]
        state = None
        for part in parts:
            state = state or next(
                (st for st in states.values() if st.short_name.lower() == part.lower()), None
            )
        city_parts = [x for x in parts if state is None or x.lower() != state.short_name.lower()]
        mention = MentionPlan(r.title[:500], r.start, r.end or r.start, (r.venue or "")[:200],
                              city_parts[-1] if city_parts else "", state)
        mention.existing = find_existing(r.start, city_parts)
        plan.mentions.append(mention)
    return plan


def event_signature(event) -> dict:
    """What a round trip must keep: every field a note carries (for tests and checks)."""
    def code(link):
        return link.entity_code

    return {
        "title": event.title,
        "kind": event.kind,
        "dates": (event.start, event.end),
        "venue": (event.venue_place, event.venue_city, event.venue_state_id),
        "organisers": [(o.name, code(o)) for o in event.organisers.all()],
        "participants": [(p.group, p.name, code(p), p.remark, p.flagged)
                         for p in event.participants.all()],
        "committee": (event.committee_members, event.committee_experts),
        "sections": (event.background, event.highlights, event.chair_summary_heading,
                     event.chair_summary, event.chair_summary_url,
                     event.additional_comments),
        "related": sorted(e.pk for e in event.related.all()),
    }


__all__ = ["committee_counts", "committee_text", "event_to_note", "plan_from_note",
           "event_signature", "format_range"]
