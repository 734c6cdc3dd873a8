"""Rendering notes (Markdown, HTML, DOCX, PDF) and reading them back: the round trip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clearinghouse.outreach.notes import parse_note
from clearinghouse.outreach.notes.model import FOOTNOTE
from clearinghouse.outreach.notes.parser import extract_text, parse_file
from clearinghouse.outreach.notes.render import (
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)
from clearinghouse.registry.resolver import Resolver
from tests.pdfimage import inked_share, page_image

DATA = Path(__file__).resolve().parents[1] / "data" / "notes"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "information-note-astana-2014.txt"
if not SEED.exists():
    SEED = Path("/work/shared/seeds/information-note-astana-2014.txt")
NOTES = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md") and p.stem != "README")
ALL = ([SEED] if SEED.exists() else []) + NOTES


@pytest.fixture(scope="module")
def resolve():
    return Resolver.from_data_files().resolve


def comparable(note, *, collapse=False):
    s = note.sections
    secs = [s.background, s.highlights, s.chair_summary, s.additional_comments]
    if collapse:  # PDF text has no blank lines between paragraphs
        secs = [re.sub(r"\s+", " ", x) for x in secs]
    return {
        "title": note.title,
        "kind": note.kind,
        "organizers": [(o.name, o.entity) for o in note.organizers],
        "dates": (note.start, note.end),
        "venue": (note.venue.place, note.venue.city, note.venue.country),
        "participants": [(p.group, p.name, p.entity, p.remark) for p in note.participants],
        "committee": note.committee_participation,
        "related": note.related_events,
        "sections": secs,
        "chair": (note.chair_summary_heading, s.chair_summary_url),
        "warnings": note.warnings,
    }


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_round_trip_markdown_docx_pdf(path, resolve, tmp_path):
    note = parse_file(path, resolve)
    expected = comparable(note)
    md = render_markdown(note)
    assert comparable(parse_note(md, resolve, filename="n.md")) == expected
    docx_file = tmp_path / "n.docx"
    docx_file.write_bytes(render_docx(note))
    assert comparable(parse_file(docx_file, resolve)) == expected
    pdf_file = tmp_path / "n.pdf"
    pdf_file.write_bytes(render_pdf(note))
    back = parse_file(pdf_file, resolve)
    assert comparable(back, collapse=True) == comparable(note, collapse=True)


def test_html_layout(resolve):
    note = parse_file(SEED, resolve)
    page = render_html(note)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    for label in ("Event:", "Organizers:", "Date and Venue:", "Participants:"):
        assert f'<span class="label">{label}</span>' in page
    assert "Central Asia States:" in page and "<h2>3. Chair&#x27;s summary" not in page
    assert "<h2>1. Background</h2>" in page and "4. Additional comments" in page
    assert FOOTNOTE in page
    assert "http" not in re.sub(r"<p>.*?</p>", "", page.split("<style>")[1].split("</style>")[0])


def test_pdf_pages_text_and_image(resolve, tmp_path):
    from pypdf import PdfReader

    note = parse_file(DATA / "arab-league-cairo-2018.txt", resolve)
    pdf_file = tmp_path / "n.pdf"
    pdf_file.write_bytes(render_pdf(note))
    reader = PdfReader(str(pdf_file))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Information Note" in text and "جامعة الدول العربية" in text
    fonts = {f for page in reader.pages for f in _fonts(page)}
    assert any("Noto-Sans-Arabic" in f for f in fonts), fonts
    seed_pdf = tmp_path / "seed.pdf"
    seed_pdf.write_bytes(render_pdf(parse_file(SEED, resolve)))
    assert len(PdfReader(str(seed_pdf)).pages) == 2
    chinese = tmp_path / "zh.pdf"
    chinese.write_bytes(render_pdf(parse_file(DATA / "beijing-seminar-2017.txt", resolve)))
    assert "联合国毒品和犯罪问题办公室" in extract_text(chinese)
    assert inked_share(page_image(pdf_file.read_bytes())) > 0.02


def _fonts(page):
    resources = page.get("/Resources") or {}
    fonts = resources.get("/Font") or {}
    return [str(fonts[k].get_object().get("/BaseFont")) for k in fonts]
