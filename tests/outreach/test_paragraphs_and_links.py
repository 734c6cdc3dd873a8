"""Paragraphs and links survive import and a round trip (issue 10): a section of several
paragraphs stays several paragraphs, and removing line-break hyphens never touches a link."""

import pytest

from clearinghouse.accounts.models import Role, User
from clearinghouse.outreach import actions, notes_service
from clearinghouse.outreach.importing import plan_files
from clearinghouse.outreach.notes.parser import parse_note
from clearinghouse.outreach.notes.textclean import clean
from clearinghouse.registry.resolver import Resolver

from .conftest import make_event

EXPERT = User(username="paragraphs-expert", role=Role.EXPERT, is_active=True)

LINK = ("https://www.un.org/en/sc/1540/transparency-and-outreach/outreach-events/"
        "regional-workshop-on-national-implementation-action-plans.shtml")
BACKGROUND = ("The workshop was the third of its kind in the sub-region.\n\n"
              "It was preceded by national consultations in each participating State, "
              "held over several months with the customs, police, health and trade ministries "
              "and with the national authorities for the chemical weapons convention.\n\n"
              "A follow-up meeting is planned for the next year.")


@pytest.mark.parametrize("text, url", [
    ("see https://www.un.org/en/sc/1540/transparency-and-\noutreach/outreach-events/ here",
     "https://www.un.org/en/sc/1540/transparency-and-outreach/outreach-events/"),
    ("see https://www.un.org/en/sc/1540/transparency-and- outreach/outreach-events/ here",
     "https://www.un.org/en/sc/1540/transparency-and-outreach/outreach-events/"),
    ("see https://www.un.org/en/sc/1540/\ntransparency-and-outreach/x.shtml here",
     "https://www.un.org/en/sc/1540/transparency-and-outreach/x.shtml"),
])
def test_line_break_hyphens_in_a_link_are_kept(text, url):
    assert url in clean(text)


def test_words_are_still_joined_outside_links():
    assert clean("the Organi-\nzation of Turk- menistan") == "the Organization of Turkmenistan"


def test_paragraphs_of_a_section_stay_apart_in_a_text_note():
    text = ("Event: Workshop on X\nDate and Venue: 1 May 2020, Vienna, Austria\n"
            "Participants: States: Austria\n\n1. Background\n\n" + BACKGROUND
            + "\n\n2. Highlights of the discussions\n\nOne.\n\nTwo.\n\n3. Chair's summary\n\n"
            "Available at " + LINK + "\n")
    note = parse_note(text, Resolver.from_data_files().resolve)
    assert note.sections.background == BACKGROUND
    assert note.sections.highlights == "One.\n\nTwo."
    assert note.sections.chair_summary_url == LINK


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["md", "docx", "pdf", "html"])
def test_paragraphs_and_a_long_link_round_trip(fmt):
    event = make_event("draft")
    actions.update_event("tests", event, background=BACKGROUND,
                         chair_summary="The summary is published at " + LINK + " for all.",
                         chair_summary_url=LINK)
    content = notes_service.render(notes_service.event_for_note(event.pk), fmt, EXPERT)
    if isinstance(content, str):
        content = content.encode("utf-8")
    (plan,) = plan_files([(f"note.{fmt}", content)])
    assert plan.fields["background"] == BACKGROUND
    assert plan.fields["chair_summary_url"] == LINK
    assert LINK in plan.fields["chair_summary"]
