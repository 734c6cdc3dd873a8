"""The Information Note parser: the seed note (with the registry's real resolver) and quirks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearinghouse.outreach.notes import note_to_json, parse_note
from clearinghouse.outreach.notes.dates import find_date_range, format_range
from clearinghouse.outreach.notes.parser import infer_kind
from clearinghouse.registry.resolver import Resolver

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "information-note-astana-2014.txt"
if not SEED.exists():  # CI: shared/ sits beside the clone
    SEED = Path("/work/shared/seeds/information-note-astana-2014.txt")


@pytest.fixture(scope="session")
def resolve():
    return Resolver.from_data_files().resolve


@pytest.fixture(scope="session")
def seed_text():
    if not SEED.exists():
        pytest.skip("seed note not available")
    return SEED.read_text(encoding="utf-8")


STATES_28 = (
    "KAZ KGZ TJK TKM ARM AZE KHM EGY FRA GEO IND IDN IRQ IRN ISR JPN JOR MNG PAK CHN QAT KOR "
    "RUS UKR ARE GBR USA PSE"
).split()


def test_seed_note(resolve, seed_text):
    note = parse_note(seed_text, resolve, filename=SEED.name)
    data = note_to_json(note, SEED.name)
    assert data["title"].startswith("Workshop for Countries of Central Asia - The Contribution")
    assert data["title"].endswith("-10th Anniversary of UNSCR 1540 (2004)")
    assert data["kind"] == "workshop"
    assert [o["entity"] for o in data["organizers"]] == [
        {"kind": "state", "code": "KAZ"},
        {"kind": "organisation", "code": "UNODA"},
    ]
    assert (data["start"], data["end"]) == ("2014-03-11", "2014-03-12")
    assert data["venue"] == {"city": "Astana", "country": "KAZ"}
    states = [p["entity"]["code"] for p in data["participants"] if p["entity"]["kind"] == "state"]
    orgs = [p for p in data["participants"] if p["entity"]["kind"] == "organisation"]
    assert sorted(states) == sorted(STATES_28)
    assert [p["entity"]["code"] for p in orgs] == ["CIS", "EU", "OPCW", "OSCE", "UNODC"]
    assert orgs[-1]["name"] == "United Nations Office for Drugs and Crime (UNODC)"
    groups = {p["group"] for p in data["participants"]}
    assert groups == {"Central Asia States", "Other States", "Other", "International organizations"}
    assert [p["name"] for p in data["participants"] if p["group"] == "Other"] == [
        "State of Palestine"
    ]
    assert note.committee_participation == "one member of the Committee and one expert"
    assert data["related_events"] == [
        {
            "title": "Workshop for Central Asian Countries on Non-Proliferation and "
            "International Legal Cooperation against Biological, Chemical and Nuclear Terrorism",
            "start": "2009-12-01",
            "end": "2009-12-03",
            "venue": "Ashgabat, Turkmenistan",
        },
        {
            "title": "2nd expert meeting",
            "start": "2011-03-29",
            "end": "2011-03-30",
            "venue": "Dushanbe, Tajikistan",
        },
        {
            "title": "3rd expert meeting",
            "start": "2011-07-21",
            "end": "2011-07-22",
            "venue": "Almaty, Kazakhstan",
        },
    ]
    assert data["warnings"] == []
    s = note.sections
    assert s.background.startswith("The workshop was convened to mark the tenth anniversary")
    assert "Cooperation against Biological" in s.background  # joined across the footnote
    assert "For information only" not in s.background
    assert s.highlights.startswith("A 1540 Committee member delivered a message")
    assert s.chair_summary_url == (
        "http://www.un.org/en/sc/1540/transparency-and-outreach/outreach-events/"
    )
    assert note.chair_summary_heading == "Chair's summary of the workshop"
    assert s.additional_comments.endswith("1540experts@un.org")


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("11-12 March 2014", date(2014, 3, 11), date(2014, 3, 12)),
        ("11\u201312 March 2014", date(2014, 3, 11), date(2014, 3, 12)),
        ("30 November - 2 December 2015", date(2015, 11, 30), date(2015, 12, 2)),
        ("28 February - 1 March 2017", date(2017, 2, 28), date(2017, 3, 1)),
        ("11 March 2014", date(2014, 3, 11), date(2014, 3, 11)),
        ("March 11-12, 2014", date(2014, 3, 11), date(2014, 3, 12)),
        ("11 to 12 March 2014", date(2014, 3, 11), date(2014, 3, 12)),
        ("2014-03-11 to 2014-03-12", date(2014, 3, 11), date(2014, 3, 12)),
        ("1-3 December 2009", date(2009, 12, 1), date(2009, 12, 3)),
        ("November 30 - December 2, 2015", date(2015, 11, 30), date(2015, 12, 2)),
        ("30 December 2015 - 2 January 2016", date(2015, 12, 30), date(2016, 1, 2)),
        ("11th-12th Mar. 2014", date(2014, 3, 11), date(2014, 3, 12)),
    ],
)
def test_date_forms(text, start, end):
    from clearinghouse.outreach.notes.textclean import normalise_chars

    got = find_date_range(normalise_chars(text))
    assert got[:2] == (start, end)
    again = find_date_range(format_range(start, end))
    assert again[:2] == (start, end)


@pytest.mark.parametrize(
    "title,kind",
    [
        ("Regional Workshop on X", "workshop"),
        ("Peer Review meeting of Croatia and Poland", "peer review"),
        ("Country Visit to Madagascar", "country visit"),
        ("Regional Training Course on Export Controls", "training course"),
        ("Open Briefing to Member States", "briefing"),
        ("International Conference on Nuclear Security", "conference"),
        ("Sub-regional Seminar on 1540", "seminar"),
        ("Expert meeting", "meeting"),
        ("Something else", "meeting"),
    ],
)
def test_kind(title, kind):
    assert infer_kind(title) == kind


def test_unresolved_names_are_kept_and_flagged(resolve):
    text = (
        "Event: Meeting on X\nOrganizers: Foo Bar Institute\nDate and Venue: 1 May 2020, "
        "Vienna, Austria\nParticipants: States: Austria, Korea, Kosovo, Atlantis\n"
    )
    note = parse_note(text, resolve)
    names = [(p.name, p.entity.code if p.entity else None) for p in note.participants]
    assert names == [("Austria", "AUT"), ("Korea", None), ("Kosovo", None), ("Atlantis", None)]
    joined = " ".join(note.warnings)
    for name in ("Foo Bar Institute", "Korea", "Kosovo", "Atlantis"):
        assert name in joined
    assert "ambiguous" in joined


def test_low_confidence_is_not_accepted():
    class Match:
        kind, code, name = "state", "AUT", "Austria"

    class Res:
        def __init__(self, conf):
            self.match, self.confidence, self.ambiguous, self.alternatives = (
                Match(),
                conf,
                False,
                (),
            )
            self.note = ""

    class NoMatch:
        match, confidence, ambiguous, alternatives, note = None, 0.0, False, (), "unknown"

    note = parse_note(
        "Event: Workshop\nParticipants: States: Austrai, Austria",
        lambda n: Res(0.8) if n == "Austrai" else Res(1.0) if n == "Austria" else NoMatch(),
    )
    assert [(p.name, p.entity) for p in note.participants][0] == ("Austrai", None)
    assert note.participants[1].entity.code == "AUT"
    assert any("Austrai" in w and "low confidence" in w for w in note.warnings)


def test_run_on_header_and_hyphens(resolve):
    text = (
        "Information Note Event: Seminar on Y Organizer: Organi- zation for the Prohibition of "
        "Chemical Weapons Venue and Date: The Hague, Netherlands, 3\u20134 May 2016 "
        "Participants: States: Turk- menistan, the Netherlands and Kenya Others: INTERPOL "
        "1. Background Text of the background. 2. Highlights of the Discussions More text."
    )
    note = parse_note(text, resolve)
    assert note.title == "Seminar on Y"
    assert note.organizers[0].entity.code == "OPCW"
    assert (note.start, note.end) == (date(2016, 5, 3), date(2016, 5, 4))
    assert (note.venue.city, note.venue.country) == ("The Hague", "NLD")
    assert [(p.group, p.name) for p in note.participants] == [
        ("States", "Turkmenistan"),
        ("States", "Netherlands"),
        ("States", "Kenya"),
        ("Others", "INTERPOL"),
    ]
    assert note.sections.background == "Text of the background."
    assert note.sections.highlights == "More text."
