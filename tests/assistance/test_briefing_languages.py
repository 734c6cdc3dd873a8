"""The matchmaking briefing and the annual outreach review in the reader's language: words
through gettext, dates written in the language, Arabic right to left (PDF and DOCX), Chinese
and Arabic in the shipped fonts."""

import io
import re

import docx
import pytest
from django.utils import translation

from clearinghouse.outreach.models import Event
from tests.outreach.conftest import make_event
from tests.pdfimage import inked_share, page_image
from tests.readers import in_language
from tests.textof import docx_text, pdf_text

from .factories import world

pytestmark = pytest.mark.django_db
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def w(personas):
    return world(personas)


def in_(client, language):
    return in_language(client, language)


def said(language: str, *words: str) -> list[str]:
    with translation.override(language):
        return [translation.gettext(word) for word in words]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("language", ["fr", "es", "ru", "zh-hans"])
def test_briefing_columns_in_the_readers_language(w, client_for, language):
    start = w["kaz_req"].circulated_on.strftime("%Y-%m")
    client = in_(client_for("expert"), language)
    pdf = client.get(f"/assistance/briefing/?start={start}&format=pdf")
    words = said(language, "Requester", "Status", "Provider")
    assert all(word != english for word, english in zip(
        words, ("Requester", "Status", "Provider"), strict=True))  # catalogued
    text = flat(pdf_text(pdf.content))
    assert all(flat(word) in text for word in words)
    assert flat("Training of export licensing officers") in text
    document = docx_text(client.get(f"/assistance/briefing/?start={start}&format=docx").content)
    assert all(word in document for word in words)


def test_arabic_briefing_is_right_to_left(w, client_for):
    start = w["kaz_req"].circulated_on.strftime("%Y-%m")
    client = in_(client_for("expert"), "ar")
    page = client.get(f"/assistance/briefing/?start={start}&format=html").content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "<bdi>" in page
    pdf = client.get(f"/assistance/briefing/?start={start}&format=pdf").content
    assert inked_share(page_image(pdf)) > 0.01
    (status,) = said("ar", "Status")
    assert status in pdf_text(pdf)
    document = docx.Document(io.BytesIO(
        client.get(f"/assistance/briefing/?start={start}&format=docx").content))
    assert document.tables and all(
        t._tbl.tblPr.find(f"{W}bidiVisual") is not None for t in document.tables)
    assert all(p._p.pPr.find(f"{W}bidi") is not None for p in document.paragraphs)


def test_review_in_chinese_and_arabic(personas, client_for):
    import datetime as dt

    make_event("published", start=dt.date(2014, 5, 6))  # to 7 May
    zh = in_(client_for("public"), "zh-hans")
    with translation.override("zh-hans"):
        kind = str(Event.Kind.WORKSHOP.label)
    page = zh.get("/events/review/2014.pdf")
    assert page.status_code == 200
    text = flat(pdf_text(page.content))
    assert kind != "workshop" and flat(kind) in text
    document = docx_text(zh.get("/events/review/2014.docx").content)
    assert "2014年5月6日至7日" in document
    ar = in_(client_for("public"), "ar")
    review = docx.Document(io.BytesIO(ar.get("/events/review/2014.docx").content))
    assert all(t._tbl.tblPr.find(f"{W}bidiVisual") is not None for t in review.tables)
    assert "6-7 أيار/مايو 2014" in docx_text(ar.get("/events/review/2014.docx").content)
