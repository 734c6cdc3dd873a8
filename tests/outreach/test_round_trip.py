"""Round trip through the database: render an event's note, import it, get the same event,
paragraphs and links included, in every format (PDF too: a gap between lines wider than a
line is read as a paragraph break)."""

import pytest

from clearinghouse.accounts.models import Role, User
from clearinghouse.outreach import actions, notes_service
from clearinghouse.outreach.convert import event_signature
from clearinghouse.outreach.importing import plan_files, plan_paths
from clearinghouse.outreach.models import Event

from .conftest import SEED, make_event

pytestmark = pytest.mark.django_db
FORMATS = ["md", "docx", "pdf", "html"]
# Round trips are the experts' work (imports are drafts): the note as an expert reads it.
EXPERT = User(username="round-trip-expert", role=Role.EXPERT, is_active=True)


def reimport(event, fmt):
    content = notes_service.render(event, fmt, EXPERT)
    if isinstance(content, str):
        content = content.encode("utf-8")
    (new,) = actions.import_notes("tests", plan_files([(f"note.{fmt}", content)]))
    return notes_service.event_for_note(new.pk)


def signature(event, fmt):
    return event_signature(notes_service.event_for_note(event.pk))


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_note_round_trip(fmt):
    (event,) = actions.import_notes("tests", plan_paths([SEED]))
    copy = reimport(notes_service.event_for_note(event.pk), fmt)
    assert copy.pk != event.pk
    assert signature(copy, fmt) == signature(event, fmt)
    assert copy.participants.filter(state__isnull=False).count() == 28
    assert copy.participants.filter(organisation__isnull=False).count() == 5


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_event_made_by_hand_round_trips(fmt):
    earlier = make_event("published", title="Seminar on border security",
                         start=__import__("datetime").date(2015, 4, 2), city="Almaty",
                         iso3="KAZ")
    event = make_event("draft")
    actions.update_event("tests", event, related=[earlier])
    copy = reimport(notes_service.event_for_note(event.pk), fmt)
    original, again = signature(event, fmt), signature(copy, fmt)
    assert again == original
    assert again["related"] == [earlier.pk]
    assert [p[1] for p in again["participants"] if p[4]] == ["Centre for Nowhere Studies"]
    assert copy.status == "draft"


def test_no_duplicate_drafts_for_mentioned_events_across_formats():
    (event,) = actions.import_notes("tests", plan_paths([SEED]))
    for fmt in FORMATS:
        reimport(notes_service.event_for_note(event.pk), fmt)
    assert Event.objects.filter(start="2011-07-21").count() == 1
    assert Event.objects.filter(start="2014-03-11").count() == 1 + len(FORMATS)
