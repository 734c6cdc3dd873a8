"""Control characters: removed on input (forms, pages that read POST, API bodies, importers),
and removed again by the XLSX, DOCX and PDF writers, since rows stored earlier may hold them.
Before, a vertical tab in an event's title made /events/?export=xlsx a 500 for everyone."""

import io
import json

import pytest

from clearinghouse.assistance import actions as assistance_actions
from clearinghouse.assistance.models import Match, Request
from clearinghouse.core import importing
from clearinghouse.core.exports import Table, sheet_title, to_xlsx
from clearinghouse.core.text import clean_text, first_disallowed, scrub
from clearinghouse.outreach.models import Event
from clearinghouse.reporting.models import NationalReport
from tests.assistance.factories import world
from tests.outreach.conftest import make_event

pytestmark = pytest.mark.django_db
DIRTY = "Border\x0b controls\x01 workshop\x7f\x1f"
CLEAN = "Border controls workshop"


def test_clean_text_keeps_line_breaks_in_multi_line_text_only():
    assert clean_text("a\x00b\x08c\x0bd\x0ce\x1ff\x7fg\x85h\ud800i\ufffej") == "abcdefghij"
    assert clean_text("line 1\r\n\tline 2") == "line 1\r\n\tline 2"
    assert clean_text("line 1\r\n\tline 2", multiline=False) == "line 1   line 2"
    assert clean_text("Кыргызстан 中国 العربية é") == "Кыргызстан 中国 العربية é"
    assert first_disallowed("ok\n") is None and first_disallowed("no\x0b") == "\x0b"
    assert scrub({"a\x01": ["b\x02", ("c\x03",)], "n": 1}) == {"a": ["b", ("c",)], "n": 1}


def test_an_event_form_stores_no_control_character(client_for, personas):
    from tests.outreach.test_event_forms import _form

    response = client_for("expert").post("/events/new/", _form(
        title=DIRTY, background="First\x0c paragraph.\n\nSecond\x00 paragraph."))
    assert response.status_code == 302, response.content.decode()[-500:]
    event = Event.objects.get()
    assert event.title == CLEAN
    assert event.background == "First paragraph.\n\nSecond paragraph."


def _world(personas):
    """The assistance world, KAZ's request also circulated to the EU (so its offer may be
    proposed)."""
    w = world(personas)
    assistance_actions.circulate(w["kaz_req"], personas["expert"], [w["eu"]])
    return w


def test_a_page_reading_post_directly_stores_no_control_character(client_for, personas):
    w = _world(personas)
    client = client_for("expert")
    response = client.post(f"/assistance/requests/{w['kaz_req'].pk}/propose/",
                           {"offer": w["eu_offer"].pk, "note": "Good\x0b fit\x01.\nCall them."})
    assert response.status_code == 302
    match = Match.objects.get(request=w["kaz_req"], offer=w["eu_offer"])
    assert match.notes == "Good fit.\nCall them."


def test_an_api_body_stores_no_control_character(client_for, personas):
    w = _world(personas)
    note = '"Fits\\u000b well\\u0000 \\ud800.\\nYes"'  # JSON escapes: VT, NUL, a lone surrogate
    body = f'{{"request": {w["kaz_req"].pk}, "offer": {w["eu_offer"].pk}, "note": {note}}}'
    response = client_for("expert").post("/api/assistance/matches/", body,
                                         content_type="application/json")
    assert response.status_code == 201, response.content
    assert Match.objects.get(pk=response.json()["id"]).notes == "Fits well .\nYes"


def test_an_api_form_body_is_cleaned_too(client_for, personas):
    w = _world(personas)
    response = client_for("expert").post("/api/assistance/matches/", {
        "request": w["kaz_req"].pk, "offer": w["eu_offer"].pk, "note": "Form\x0b body"})
    assert response.status_code == 201, response.content
    assert Match.objects.get(pk=response.json()["id"]).notes == "Form body"


def test_imported_rows_hold_no_control_character(personas):
    content = (b"state,kind,date,title,text\n"
               b'Kazakhstan,first,2004-10-01,"First\x0b report\x01","Line 1\x02\nLine 2"\n')
    importing.run_import("reports", "reports.csv", content, personas["expert"])
    report = NationalReport.objects.get(state__iso3="KAZ")
    assert report.title == "First report" and report.text == "Line 1\nLine 2"
    content = json.dumps([{"state": "Kyrgyzstan", "kind": "first", "date": "2004-10-02",
                           "title": "Report\u000c of\u0000 Kyrgyzstan"}]).encode()
    importing.run_import("reports", "reports.json", content, personas["expert"])
    assert NationalReport.objects.get(state__iso3="KGZ").title == "Report of Kyrgyzstan"


# -- writers: rows stored before input was cleaned ----------------------------------------------


@pytest.fixture
def dirty_event(db):
    """A published event whose texts hold control characters (stored before the fix)."""
    event = make_event(status="published")
    Event.objects.filter(pk=event.pk).update(
        title=DIRTY, venue_city="Vi\x0benna", background="Para\x01graph.\n\nMore\x1b.",
        highlights="High\x08lights.")
    return Event.objects.get(pk=event.pk)


def test_event_exports_for_everyone_survive_old_control_characters(client_for, dirty_event):
    from openpyxl import load_workbook

    client = client_for("public")
    response = client.get("/events/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert CLEAN in [c.value for row in sheet.iter_rows() for c in row]
    for fmt in ("csv", "json"):
        assert client.get(f"/events/?export={fmt}").status_code == 200


@pytest.mark.parametrize("address", [
    "/events/{pk}/note.docx", "/events/{pk}/note.pdf", "/events/{pk}/note.md",
    "/events/{pk}/note.html", "/api/events/{pk}/note/docx/", "/api/events/{pk}/note/pdf/",
    "/events/review/2016.docx", "/events/review/2016.pdf",
])
def test_documents_survive_old_control_characters(client_for, dirty_event, address):
    response = client_for("public").get(address.format(pk=dirty_event.pk))
    assert response.status_code == 200
    if address.endswith("docx") or address.endswith("docx/"):
        import docx

        document = docx.Document(io.BytesIO(response.content))
        text = " ".join(p.text for p in document.paragraphs) + " ".join(
            c.text for t in document.tables for r in t.rows for c in r.cells)
        assert CLEAN in text


def test_the_briefing_survives_old_control_characters(client_for, personas):
    w = world(personas)
    Request.objects.filter(pk=w["kaz_req"].pk).update(title="Training\x0b of\x01 officers")
    start = w["kaz_req"].circulated_on.strftime("%Y-%m")
    for fmt in ("docx", "pdf", "html"):
        response = client_for("expert").get(f"/assistance/briefing/?start={start}&format={fmt}")
        assert response.status_code == 200, fmt


def test_the_xlsx_writer_cleans_cells_and_sheet_names():
    from openpyxl import load_workbook

    table = Table("Members: [OSCE]/2024?", ["name\x01", "text"],
                  [["A\x0bB", "=1+1"], ["x" * 40_000, "\x00"]])
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert sheet.title == sheet_title(table.title) == "Members- -OSCE--2024-"
    assert [c.value for c in sheet[1]] == ["name", "text"]
    assert [c.value for c in sheet[2]] == ["AB", "'=1+1"]
    assert len(sheet.cell(row=3, column=1).value) == 32_767
