"""Information Notes: the model, the parser (import) and the renderers (export).

A pure package: it imports no Django. The registry's resolver is injected into
:func:`parse_note` so that this code can be tested on its own.
"""

from clearinghouse.outreach.notes.model import (
    Entity,
    Note,
    Participant,
    Party,
    RelatedEvent,
    Venue,
)
from clearinghouse.outreach.notes.parser import extract_text, note_to_json, parse_note

__all__ = [
    "Entity",
    "Note",
    "Participant",
    "Party",
    "RelatedEvent",
    "Venue",
    "extract_text",
    "note_to_json",
    "parse_note",
]
