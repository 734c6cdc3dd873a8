"""The participant-list reader (issue 10): each failure the issue lists, and one reader for the
importer, the event form and `clearinghouse resolve --participants` (the same answer for the
same text)."""

import io
import json

import pytest
from django.core.management import call_command

from clearinghouse.outreach.importing import plan_files
from clearinghouse.outreach.models import Event
from clearinghouse.outreach.notes.names import Names
from clearinghouse.outreach.notes.parser import MIN_CONFIDENCE, parse_note
from clearinghouse.outreach.notes.participants import read
from clearinghouse.registry.resolver import Resolver


@pytest.fixture(scope="module")
def names_factory():
    resolve = Resolver.from_data_files().resolve
    return lambda: Names(resolve, MIN_CONFIDENCE)


def rows(text, names_factory):
    reading = read(text, names_factory())
    return [(p.group, p.name, p.entity.code if p.entity else None) for p in reading.participants]


def test_a_lower_case_word_is_not_a_state(names_factory):
    got = rows("African Union Member States: Namibia, and\nNigeria, Niger, can", names_factory)
    assert [code for _g, _n, code in got] == ["NAM", "NGA", "NER", None]
    assert ("African Union Member States", "can", None) in got


@pytest.mark.parametrize("item, code", [
    ("Verification Research, Training and Information Centre (VERTIC)", "VERTIC"),
    ("Center for International Trade and Security (CITS, University of Georgia)", "CITS"),
    ("Center for International Trade and Security (CITS), University of Georgia", "CITS"),
    ("United Nations Regional Centre for Peace, Disarmament and Development in Latin America and "
     "the Caribbean (UNLIREC)", "UNLIREC"),
    ("Korea, Republic of", "KOR"),
])
def test_a_comma_inside_a_known_name_is_not_a_separator(names_factory, item, code):
    got = rows(f"Others: Kenya, {item}, Uganda", names_factory)
    assert got == [("Others", "Kenya", "KEN"), ("Others", item, code), ("Others", "Uganda", "UGA")]


def test_a_group_label_with_a_comma(names_factory):
    got = rows("States: Kenya Civil society, private sector and other entities: VERTIC, "
               "Stimson Center", names_factory)
    assert got == [("States", "Kenya", "KEN"),
                   ("Civil society, private sector and other entities", "VERTIC", "VERTIC"),
                   ("Civil society, private sector and other entities", "Stimson Center", "STIMSON")]


def test_a_whole_group_after_intergovernmental_organizations_is_kept(names_factory):
    text = ("Intergovernmental Organizations: African Union Commission (AUC), ECOWAS Commission\n"
            "International Organizations: 1540 Committee Chair, UNODA, BWC-ISU, INTERPOL, OPCW, "
            "UNODC, UNREC, WCO, OIE")
    got = rows(text, names_factory)
    assert [c for g, _n, c in got if g == "International Organizations"] == [
        "1540-COMMITTEE", "UNODA", "BWC-ISU", "INTERPOL", "OPCW", "UNODC", "UNREC", "WCO", "WOAH"]


def test_a_heading_and_the_footnote_end_the_list(names_factory):
    text = ("Event: Workshop on X Date and Venue: 1 May 2020, Vienna, Austria Participants: "
            "States: Austria, Kenya * For information only - not an official report Background "
            "The workshop was the first. Highlights of the discussions Many spoke.")
    note = parse_note(text, Resolver.from_data_files().resolve)
    assert [p.name for p in note.participants] == ["Austria", "Kenya"]
    assert note.sections.background == "The workshop was the first."
    assert note.sections.highlights == "Many spoke."


def test_stripped_names_leave_no_empty_participants(names_factory):
    reading = read("States: , , Kenya, , ,\nOthers: , ,", names_factory())
    assert [p.name for p in reading.participants] == ["Kenya"]


def test_a_venue_with_the_city_only():
    resolve = Resolver.from_data_files().resolve
    note = parse_note("Event: X\nDate and Venue: 16-18 July 2018, Nairobi\nParticipants: Kenya",
                      resolve)
    assert (note.venue.city, note.venue.country) == ("Nairobi", "KEN")
    assert any("read from the city" in w for w in note.warnings)
    note = parse_note("Event: X\nDate and Venue: 8 May 2021, Valencia\nParticipants: Spain",
                      resolve)
    assert (note.venue.city, note.venue.country) == ("Valencia", None)
    assert any("several countries" in w and "ESP" in w and "VEN" in w for w in note.warnings)


PASTED = ("International organizations: European Union (EU), OPCW, UN Office on Drugs and Crime\n"
          "States: Kenya, Uganda, Rwanda and the United Republic of Tanzania")
EXPECTED = [
    ("International organizations", "European Union (EU)", "EU"),
    ("International organizations", "OPCW", "OPCW"),
    ("International organizations", "UN Office on Drugs and Crime", "UNODC"),
    ("States", "Kenya", "KEN"), ("States", "Uganda", "UGA"), ("States", "Rwanda", "RWA"),
    ("States", "United Republic of Tanzania", "TZA"),
]


@pytest.mark.django_db
def test_form_importer_and_command_give_the_same_answer(client_for, personas):
    # The event form
    response = client_for("expert").post("/events/new/", {
        "title": "Seminar pasted from a note", "kind": "", "start": "2019-05-06", "end": "",
        "organisers": "UNODA", "participants": PASTED, "committee_members": "0",
        "committee_experts": "0", "chair_summary_heading": "Chair's summary"})
    assert response.status_code == 302
    event = Event.objects.get(title="Seminar pasted from a note")
    form = [(p.group, p.name, p.entity_code or None) for p in event.participants.all()]
    # The importer
    note = (f"Event: Seminar\nOrganizers: UNODA\nDate and Venue: 6 May 2019, Nairobi, Kenya\n"
            f"Participants: {PASTED}\n\n1. Background\n\nText.\n")
    (plan,) = plan_files([("note.txt", note.encode())])
    imported = [(p.group, p.name, (p.state.iso3 if p.state else p.organisation.code
                                   if p.organisation else None)) for p in plan.participants]
    # The command
    out = io.StringIO()
    call_command("resolve", "--participants", "--json", *PASTED.split("\n"), stdout=out)
    command = [(r["group"], r["name"], r["entity"]["code"] if r["entity"] else None)
               for r in json.loads(out.getvalue())["participants"]]
    assert form == imported == command == EXPECTED


@pytest.mark.django_db
def test_the_form_keeps_an_unknown_name_with_a_comma_whole_on_edit(client_for, personas):
    from clearinghouse.outreach.forms import participants_text

    client_for("expert").post("/events/new/", {
        "title": "Edit keeps names", "kind": "", "start": "2019-05-06", "end": "",
        "organisers": "", "committee_members": "0", "committee_experts": "0",
        "chair_summary_heading": "Chair's summary",
        "participants": 'Civil society: "Institute for Peace, Security and Development", VERTIC'})
    event = Event.objects.get(title="Edit keeps names")
    names = [p.name for p in event.participants.all()]
    assert names == ["Institute for Peace, Security and Development", "VERTIC"]
    text = participants_text(event)
    from clearinghouse.outreach.forms import participant_rows

    assert [n for _g, n, _r in participant_rows(text)[0]] == names
