"""Every DOCX the platform writes is A4 like its PDF and carries the platform's and the record's
properties, not python-docx's template defaults; a note without a chair's summary prints no
empty "3. Chair's summary" heading in any format."""

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from clearinghouse.outreach import actions
from tests.outreach.conftest import make_event

pytestmark = pytest.mark.django_db


def _check_page_and_properties(content: bytes, title_part: str):
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    props = document.core_properties
    assert props.author == "1540 Clearinghouse" and "python-docx" not in (props.comments or "")
    assert title_part in props.title
    assert props.created.date() == dt.datetime.now(dt.UTC).date()
    return document


def test_the_information_note_docx_is_a4_with_the_events_properties(client_for):
    event = make_event("published")
    response = client_for("public").get(f"/events/{event.pk}/note.docx")
    assert response.status_code == 200
    document = _check_page_and_properties(response.content, "Regional workshop on export controls")
    assert document.core_properties.keywords == "2016-05-10"


def test_the_briefing_and_the_annual_review_docx_too(client_for):
    make_event("published")
    response = client_for("expert").get("/events/review/2016.docx")
    assert response.status_code == 200
    _check_page_and_properties(response.content, "Outreach review 2016")
    response = client_for("expert").get("/assistance/briefing/?start=2016-05&format=docx")
    assert response.status_code == 200
    _check_page_and_properties(response.content, "Matchmaking briefing")


def test_no_empty_chairs_summary_heading_in_any_format(client_for):
    event = make_event("confirmed", chair_summary_heading="Chair's summary")
    actions.update_event("tests", event, chair_summary="", chair_summary_url="")
    event.participants.filter(flagged=True).delete()  # names resolved: publishable
    actions.publish("tests", event)
    client = client_for("public")
    md = client.get(f"/events/{event.pk}/note.md").content.decode()
    html = client.get(f"/events/{event.pk}/note.html").content.decode()
    paragraphs = [p.text for p in docx.Document(io.BytesIO(
        client.get(f"/events/{event.pk}/note.docx").content)).paragraphs]
    reader = PdfReader(io.BytesIO(client.get(f"/events/{event.pk}/note.pdf").content))
    pdf = " ".join(p.extract_text() for p in reader.pages)
    for text in (md, html, "\n".join(paragraphs), pdf):
        assert "Chair" not in text
        assert "2. Highlights of the Discussions" in text and "3. Additional comments" in text
