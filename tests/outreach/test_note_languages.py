"""The Information Note in the six UN languages: rendered with the language's labels, headings,
dates and footnote (Markdown, HTML, DOCX, PDF), no English label left, read back by the
importer to the same note (the round trip), Arabic right to left."""

from __future__ import annotations

import re
from datetime import date

import pytest

from clearinghouse.outreach.notes import parse_note
from clearinghouse.outreach.notes.dates import find_date_range, format_range
from clearinghouse.outreach.notes.labels import LABELS, LANGUAGES
from clearinghouse.outreach.notes.parser import parse_file
from clearinghouse.outreach.notes.render import (
    render_docx,
    render_html,
    render_markdown,
    render_pdf,
)
from clearinghouse.registry.resolver import Resolver
from tests.textof import docx_text, pdf_text

from .test_note_render import SEED, comparable

OTHERS = [lang for lang in LANGUAGES if lang != "en"]
WRITTEN = {"en": "11-12 March 2014", "fr": "11-12 mars 2014", "es": "11-12 de marzo de 2014",
           "ru": "11-12 марта 2014 года", "ar": "11-12 آذار/مارس 2014", "zh": "2014年3月11日至12日"}


@pytest.fixture(scope="module")
def resolve():
    return Resolver.from_data_files().resolve


@pytest.fixture(scope="module")
def note(resolve):
    return parse_file(SEED, resolve)


def squash(text: str) -> str:
    """Text as extracted, for looking up a label: no spaces (a PDF breaks Chinese lines
    anywhere) and Arabic presentation forms folded (NFKC)."""
    import unicodedata

    text = re.sub(r"<[^>]+>", "", text)  # HTML: the text, not the markup
    text = unicodedata.normalize("NFKC", text).replace("\u2010", "-").replace("\u2011", "-")
    return re.sub(r"\s+", "", text)


def arabic_words(text: str) -> set[str]:
    """The words of an Arabic text, as a PDF's text layer gives them: in visual order (so
    compared as words, not phrases), lam-alef ligatures possibly as alef-lam."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).replace("\u2011", "-").replace("\u2010", "-")
    text = re.sub("ل([اأإآ])", r"\1ل", text)
    return set(re.findall("[\u0600-\u06ff]+", text))


def labels_in(text: str, language: str) -> list[str]:
    words = LABELS[language]
    wanted = [words[k] for k in ("title", "event", "organizers", "date", "participants",
                                 "background", "highlights", "chair", "additional",
                                 "committee")] + [WRITTEN[language]]
    return [w for w in wanted if squash(w) not in squash(text)]


def english_left(text: str, language: str) -> list[str]:
    """English labels, headings, footnote and date left in a note rendered in ``language``
    (the note's own text is English: only the forms the renderer writes are looked for)."""
    en, words = LABELS["en"], LABELS[language]
    forms = [en["title"], "For information only", WRITTEN["en"]]
    for key in ("event", "organizers", "date", "participants", "committee", "related", "link"):
        if en[key] != words[key]:
            forms.append(f"{en[key]}:")
    forms += [f"{n}. {en[key]}" for n, key in ((1, "background"), (2, "highlights"),
                                                (3, "chair"), (4, "additional"))]
    flat = re.sub(r"\s+", " ", text.replace("*", ""))
    return [f for f in forms if f.lower() in flat.lower()]


@pytest.mark.parametrize("a,b", [(date(2014, 3, 11), date(2014, 3, 12)),
                                 (date(2015, 11, 30), date(2015, 12, 2)),
                                 (date(2015, 12, 30), date(2016, 1, 2)),
                                 (date(2019, 6, 1), date(2019, 6, 1))])
@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_are_written_in_the_language_and_read_back(language, a, b):
    text = format_range(a, b, language)
    assert find_date_range(f"{text}, Astana")[:2] == (a, b)
    if language != "en":
        assert not re.search(r"January|March|June|November|December", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_markdown_and_html_in_the_language(note, language):
    md = render_markdown(note, language)
    assert labels_in(md, language) == []
    page = render_html(note, language=language)
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert labels_in(page, language) == []
    if language != "en":
        assert english_left(md, language) == [] and english_left(page, language) == []


def in_language(values: dict) -> dict:
    """What a note rendered in another language keeps: everything but an English heading
    for the chair's summary, written as the language's own ("Résumé du Président"), which
    reads back as the default heading."""
    return {**values, "chair": ("Chair's summary", values["chair"][1])}


@pytest.mark.parametrize("language", OTHERS)
def test_a_note_in_each_language_round_trips(note, resolve, language, tmp_path):
    expected = in_language(comparable(note))
    md = render_markdown(note, language)
    assert comparable(parse_note(md, resolve, filename="n.md")) == expected
    docx_file = tmp_path / "n.docx"
    docx_file.write_bytes(render_docx(note, language))
    assert comparable(parse_file(docx_file, resolve)) == expected
    html_file = tmp_path / "n.html"
    html_file.write_text(render_html(note, language=language), encoding="utf-8")
    assert comparable(parse_file(html_file, resolve)) == expected


# From the text layer alone, not Arabic: pypdf gives the text of a right-to-left page in
# visual order (brackets mirrored, colons before their labels, Latin runs in reverse sequence).
@pytest.mark.parametrize("language", ["fr", "es", "ru", "zh"])
def test_a_pdf_note_in_each_language_round_trips_from_its_text(note, resolve, language, tmp_path):
    pdf_file = tmp_path / "n.pdf"
    pdf_file.write_bytes(render_pdf(note, language, embed_source=False))
    back = parse_file(pdf_file, resolve)
    assert comparable(back, collapse=True) == in_language(comparable(note, collapse=True))


# The platform's PDFs carry the note's HTML inside: read back exactly, Arabic included.
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pdf_note_the_platform_wrote_round_trips_exactly(note, resolve, language, tmp_path):
    from clearinghouse.core.safepdf import pdf_attachment

    pdf = render_pdf(note, language)
    assert pdf_attachment(pdf, "information-note.html", max_bytes=10**6).startswith(b"<!")
    pdf_file = tmp_path / "n.pdf"
    pdf_file.write_bytes(pdf)
    assert comparable(parse_file(pdf_file, resolve)) == in_language(comparable(note)) if (
        language != "en") else comparable(note)


def test_an_embedded_source_out_of_bounds_is_ignored(note, resolve, tmp_path):
    from clearinghouse.core.safepdf import pdf_attachment

    pdf = render_pdf(note, "fr")
    assert pdf_attachment(pdf, "information-note.html", max_bytes=100) is None
    assert pdf_attachment(pdf, "other.html", max_bytes=10**6) is None
    assert pdf_attachment(b"not a pdf", "information-note.html", max_bytes=10**6) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_and_docx_text_is_in_the_language(note, language):
    pdf = pdf_text(render_pdf(note, language))
    if language == "ar":
        wanted = set().union(*(arabic_words(v) for k, v in LABELS["ar"].items()
                               if k not in ("related", "link")))  # this note has neither
        assert wanted - arabic_words(pdf) == set()
        assert arabic_words(WRITTEN["ar"]) <= arabic_words(pdf)
    else:
        assert labels_in(pdf, language) == []
    document = docx_text(render_docx(note, language))
    assert labels_in(document, language) == []
    if language != "en":
        assert english_left(pdf, language) == [] and english_left(document, language) == []


def test_arabic_docx_is_right_to_left_with_complex_script_fonts(note):
    import io

    import docx

    document = docx.Document(io.BytesIO(render_docx(note, "ar")))
    xml = document.styles["Normal"].element.xml
    assert 'w:cs="Arial"' in xml and 'w:eastAsia="Microsoft YaHei"' in xml
    assert "<w:bidi/>" in xml and "<w:rtl/>" in xml
    assert all(p._p.pPr is not None and p._p.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None
        for p in document.paragraphs)
    chinese = docx.Document(io.BytesIO(render_docx(note, "zh")))
    assert "<w:bidi/>" not in chinese.styles["Normal"].element.xml
    assert 'w:eastAsia="zh-CN"' in chinese.styles["Normal"].element.xml
