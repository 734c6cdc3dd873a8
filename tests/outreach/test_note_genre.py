"""Notes written in the genre of the Committee's Information Notes, with every quirk real notes
have (tests/data/notes-genre, README there): each is read as a person would, and the overall
figures meet their floors (F1 >= 0.97 for States and for intergovernmental organisations; dates
and venues exact). ``python bench/bench_notes.py --evaluate`` prints the per-note table."""

from __future__ import annotations

from pathlib import Path

import pytest

from clearinghouse.outreach.convert import committee_counts
from clearinghouse.outreach.notes.evaluation import load_expected, reading, score, totals
from clearinghouse.outreach.notes.parser import parse_file
from clearinghouse.registry.reference import INTERGOVERNMENTAL_KINDS, load_reference
from clearinghouse.registry.resolver import Resolver

GENRE = Path(__file__).resolve().parents[1] / "data" / "notes-genre"
NOTES = sorted(p for p in GENRE.iterdir() if p.suffix in (".txt", ".md") and p.stem != "README")


@pytest.fixture(scope="module")
def resolve():
    return Resolver.from_data_files().resolve


@pytest.fixture(scope="module")
def registry():
    ref = load_reference()
    return {o.code: o.kind for o in ref.organisations}, {s.iso3 for s in ref.states}


def test_the_set_is_large_and_in_four_languages():
    assert len(NOTES) >= 20
    text = " ".join(p.read_text("utf-8") for p in NOTES)
    for heading in ("Note d'information", "Nota informativa", "Информационная записка"):
        assert heading.lower() in text.lower()
    for note in NOTES:
        assert "not a real document" in note.read_text("utf-8").splitlines()[0] or \
            "ce n'est pas un document réel" in note.read_text("utf-8").splitlines()[0] or \
            "no es un documento real" in note.read_text("utf-8").splitlines()[0] or \
            "не является реальным документом" in note.read_text("utf-8").splitlines()[0]


@pytest.mark.parametrize("path", NOTES, ids=[p.stem for p in NOTES])
def test_note_is_read_as_a_person_reads_it(path, resolve):
    expected = load_expected(path.with_name(path.stem + ".expected.json"))
    note = parse_file(path, resolve)
    got = reading(note)
    for key in ("title", "kind", "start", "end", "venue", "organizers", "committee"):
        assert got[key] == expected[key], key
    assert got["participants"] == expected["participants"]
    if "committee_counts" in expected:
        assert list(committee_counts(note.committee_participation)) == expected["committee_counts"]
    for section, count in expected.get("paragraphs", {}).items():
        assert len(getattr(note.sections, section).split("\n\n")) == count, section
    for section, start in expected.get("sections_start", {}).items():
        assert getattr(note.sections, section).startswith(start), section
    if "chair_summary_url" in expected:
        assert note.sections.chair_summary_url == expected["chair_summary_url"]
    for needle in expected.get("warnings_contain", []):
        assert any(needle in w for w in note.warnings), (needle, note.warnings)
    unresolved = [n[1:] for items in expected["participants"].values() for n in items if n[:1] == "?"]
    for name in unresolved:  # kept verbatim and said
        assert any(name in w for w in note.warnings), name


def test_overall_figures_meet_their_floors(resolve, registry):
    kinds, states = registry
    scores = [score(p.stem, parse_file(p, resolve),
                    load_expected(p.with_name(p.stem + ".expected.json")), kinds, states,
                    INTERGOVERNMENTAL_KINDS) for p in NOTES]
    figures = totals(scores)
    assert figures["states_f1"] >= 0.97, figures
    assert figures["igos_f1"] >= 0.97, figures
    assert figures["dates_exact"] == 1.0, figures
    assert figures["venues_exact"] == 1.0, figures
