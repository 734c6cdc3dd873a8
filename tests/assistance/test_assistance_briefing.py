"""The bi-monthly matchmaking briefing (PDF and DOCX) and the statistics page."""

import datetime as dt
import io

import pytest

from clearinghouse.assistance import actions, queries
from clearinghouse.assistance.briefing import period
from clearinghouse.assistance.models import Request

from .factories import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(personas):
    return world(personas)


def test_period_is_two_calendar_months():
    assert period(dt.date(2025, 11, 20)) == (dt.date(2025, 11, 1), dt.date(2025, 12, 31))
    assert period(dt.date(2025, 12, 1)) == (dt.date(2025, 12, 1), dt.date(2026, 1, 31))


def test_briefing_pdf_names_the_requests(w, client_for):
    from pypdf import PdfReader

    start = w["kaz_req"].circulated_on.strftime("%Y-%m")
    response = client_for("expert").get(f"/assistance/briefing/?start={start}&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) > 0
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Training of export licensing officers" in text
    assert "OSCE export control training" in text
    assert "Matchmaking briefing" in text


def test_briefing_docx_names_the_requests(w, client_for):
    import docx

    start = w["kaz_req"].circulated_on.strftime("%Y-%m")
    response = client_for("committee").get(f"/assistance/briefing/?start={start}&format=docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Training of export licensing officers" in cells
    assert "Laboratory biosecurity" in cells  # open and not matched


def test_statistics_share_and_median(w, personas):
    match = w["match"]
    actions.respond(match, personas["provider_poc"], True)
    data = queries.statistics(Request.objects.all())
    assert data["total"] == 2 and data["matched"] == 1 and data["share_matched"] == 0.5
    received = w["kaz_req"].received
    assert data["median_days_to_match"] == (match.responded_at.date() - received).days
    assert dict(data["by_region"]) == {"Asia": 2}
    assert dict(data["by_year"]) == {received.year: 1, 2025: 1} or sum(
        n for _, n in data["by_year"]) == 2


def test_statistics_page_and_exports(w, client_for):
    page = client_for("expert").get("/assistance/statistics/")
    assert page.status_code == 200
    assert 'class="bar"' in page.content.decode()
    csv = client_for("expert").get("/assistance/statistics/?table=region&export=csv")
    assert csv.status_code == 200 and b"Asia" in csv.content
    public = client_for("public").get("/assistance/statistics/?table=region&export=json").json()
    assert public["rows"] == []  # nothing published yet: the public counts nothing


def test_the_briefing_is_built_from_what_its_reader_may_see(w, personas):
    """Defence in depth: the briefing is for staff (who see every request), but its queries
    go through the scoping like any other output."""
    day = w["kaz_req"].circulated_on
    start, end = period(day)
    staff = queries.briefing(personas["committee"], start, end)
    assert w["kaz_req"] in staff["circulated"] and staff["matches"] == [w["match"]]
    provider = queries.briefing(w["other_provider_poc"], start, end)
    assert provider["circulated"] == [] and provider["matches"] == []
