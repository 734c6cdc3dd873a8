"""An event's Information Note in the reader's language (cookie or Accept-Language): the
downloads, the event page's note, and a copy per language in the document cache."""

import re

import pytest
from django.test import Client

from clearinghouse.outreach import actions
from clearinghouse.outreach.importing import plan_paths
from clearinghouse.outreach.notes.labels import LABELS
from tests.readers import in_language
from tests.textof import docx_text, pdf_text

from .conftest import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def astana(db):
    (event,) = actions.import_notes("tests", plan_paths([SEED]))
    actions.confirm("tests", event)
    actions.publish("tests", event)
    return event


def reader(language: str) -> Client:
    client = Client()
    return in_language(client, language)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("\u2011", "-")


@pytest.mark.parametrize("language", ["fr", "es", "ru", "zh"])
def test_the_note_downloads_in_the_readers_language(astana, language):
    words = LABELS[language]
    pdf = reader(language).get(f"/events/{astana.pk}/note.pdf")
    assert pdf.status_code == 200 and pdf["X-Document-Cache"] == "miss"
    text = flat(pdf_text(pdf.content))
    for key in ("title", "event", "organizers", "date", "background", "committee"):
        assert flat(words[key]) in text
    assert "InformationNote" not in text and "DateandVenue" not in text
    document = docx_text(reader(language).get(f"/events/{astana.pk}/note.docx").content)
    assert words["title"] in document and "Information Note" not in document
    md = reader(language).get(f"/events/{astana.pk}/note.md").content.decode()
    assert md.startswith(f"# {words['title']}")


def test_a_copy_per_language_in_the_document_cache(astana):
    english = Client().get(f"/events/{astana.pk}/note.pdf")
    arabic = reader("ar").get(f"/events/{astana.pk}/note.pdf")
    assert english["X-Document-Cache"] == arabic["X-Document-Cache"] == "miss"
    again = reader("ar").get(f"/events/{astana.pk}/note.pdf")
    assert again["X-Document-Cache"] == "hit" and again.content == arabic.content
    assert "Information Note" in pdf_text(english.content)
    assert "مذكرة إعلامية" in pdf_text(arabic.content)
    html = reader("ar").get(f"/events/{astana.pk}/note.html").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_the_event_page_shows_the_note_in_the_readers_language(astana):
    page = reader("zh").get(f"/events/{astana.pk}/").content.decode()
    assert '<article class="note" lang="zh">' in page
    for key in ("title", "event", "organizers", "date", "participants", "committee",
                "footnote"):
        assert LABELS["zh"][key] in page
    assert "2014年3月11日至12日" in page
    assert "Date and Venue" not in page and "For information only" not in page
