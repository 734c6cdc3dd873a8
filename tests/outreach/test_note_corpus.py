"""The illustrative notes in tests/data/notes parse to their expected JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clearinghouse.outreach.notes import note_to_json
from clearinghouse.outreach.notes.parser import parse_file
from clearinghouse.registry.resolver import Resolver

DATA = Path(__file__).resolve().parents[1] / "data" / "notes"
NOTES = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md") and p.stem != "README")


@pytest.fixture(scope="module")
def resolve():
    return Resolver.from_data_files().resolve


def test_corpus_size():
    assert len(NOTES) >= 16


@pytest.mark.parametrize("path", NOTES, ids=[p.name for p in NOTES])
def test_note_matches_expected(path, resolve):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    got = note_to_json(parse_file(path, resolve), path.name)
    warnings = got.pop("warnings")
    for p in got["participants"]:
        assert 0.0 <= p.pop("confidence") <= 1.0
    assert len(warnings) == expected.pop("warnings_count")
    for needle in expected.pop("warnings_contain"):
        assert any(needle in w for w in warnings), (needle, warnings)
    for key, value in expected.items():
        assert got[key] == value, key
