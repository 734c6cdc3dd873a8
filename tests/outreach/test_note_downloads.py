"""An event's note downloaded in each format, and its attached documents, per role."""

import io
import re

import docx
import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from clearinghouse.outreach import actions
from clearinghouse.outreach.importing import plan_paths
from clearinghouse.outreach.models import EventDocument
from clearinghouse.outreach.notes.model import FOOTNOTE
from tests.pdfimage import inked_share, page_image

from .conftest import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def astana(db):
    (event,) = actions.import_notes("tests", plan_paths([SEED]))
    actions.confirm("tests", event)
    actions.publish("tests", event)
    return event


def test_pdf_note_pages_text_and_image(client_for, astana, tmp_path):
    response = client_for("public").get(f"/events/{astana.pk}/note.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    text = " ".join(p.extract_text() for p in reader.pages).replace("\u2011", "-")
    text = re.sub(r"\s+", " ", text)  # lines wrap; non-breaking hyphens read back as "-"
    for expected in ["Information Note", "Date and Venue: 11-12 March 2014, Astana, Kazakhstan",
                     "State of Palestine", "United Nations Office for Drugs and Crime",
                     "1. Background", "4. Additional comments"]:
        assert expected in text
    assert " ".join(FOOTNOTE.split()[:6]) in text
    image = page_image(response.content)
    assert image.width < image.height  # A4 portrait
    assert inked_share(image) > 0.02  # text is drawn, not only extractable


def test_docx_md_and_html_notes(client_for, astana):
    client = client_for("public")
    document = docx.Document(io.BytesIO(client.get(f"/events/{astana.pk}/note.docx").content))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Event: Workshop for Countries of Central Asia" in paragraphs[1]
    assert "2. Highlights of the Discussions" in paragraphs
    md = client.get(f"/events/{astana.pk}/note.md").content.decode()
    assert md.startswith("# Information Note[^1]") and f"[^1]: {FOOTNOTE}" in md
    html = client.get(f"/events/{astana.pk}/note.html")
    assert html["Content-Type"].startswith("text/html")
    assert "<h2>3. Chair&#x27;s summary of the workshop</h2>" in html.content.decode() or \
        "<h2>3. Chair's summary of the workshop</h2>" in html.content.decode()


@pytest.mark.parametrize("persona", ["expert", "committee", "state_poc", "provider_poc",
                                     "public"])
def test_documents_follow_the_event(client_for, astana, persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = EventDocument(event=astana, title="Chair's summary")
    document.file.save("summary.txt", ContentFile(b"summary"), save=True)
    draft = actions.create_event("tests", title="Draft workshop", start=astana.start)
    hidden = EventDocument(event=draft, title="Agenda")
    hidden.file.save("agenda.txt", ContentFile(b"agenda"), save=True)
    client = client_for(persona)
    response = client.get(f"/events/{astana.pk}/documents/{document.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"summary"
    assert client.get(f"/events/{astana.pk}/documents/{hidden.pk}/").status_code == 404
    expected = 200 if persona == "expert" else 404
    assert client.get(f"/events/{draft.pk}/documents/{hidden.pk}/").status_code == expected
