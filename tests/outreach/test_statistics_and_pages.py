"""Statistics, the annual review, the calendar, the State panel, the upload page, the demo."""

import datetime as dt
import io
import random

import pytest
from pypdf import PdfReader

from clearinghouse.outreach import demo, queries
from clearinghouse.outreach.models import Event
from tests.pdfimage import inked_share, page_image

from .conftest import SEED, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_events(db):
    demo.load(random.Random("tests"), "demo")


def test_demo_reproduces_the_90_events_of_2013_and_the_central_asian_series(demo_events):
    stats = queries.statistics(None)
    assert stats["committee_per_year"][2013] == 90
    assert stats["years"] == list(range(2009, dt.date.today().year + 1))
    assert Event.objects.filter(illustrative=False).count() == 0
    astana = Event.objects.get(start=dt.date(2014, 3, 11))
    assert astana.status == "published" and astana.source_filename.endswith("astana-2014.txt")
    series = [(e.start.year, e.venue_city) for e in astana.series.events.order_by("start")]
    assert series == [(2009, "Ashgabat"), (2011, "Dushanbe"), (2011, "Almaty"), (2014, "Astana")]
    assert {e.venue_city for e in astana.related.all()} == {"Ashgabat", "Dushanbe", "Almaty"}
    # Drafts of the demo are hidden from the public statistics.
    drafts = Event.objects.filter(status="draft").count()
    assert drafts >= 1 and stats["total"] == Event.objects.filter(status="published").count()


def test_statistics_figures(events):
    stats = queries.statistics(events["draft"].__class__.objects.none().first())  # the public
    assert stats["per_year_kind"] == {2016: {"workshop": 1}}
    expert_stats = queries.statistics(type("U", (), {"is_authenticated": True, "is_active": True,
                                                     "is_superuser": True})())
    assert expert_stats["per_year"] == {2016: 3}
    assert expert_stats["committee_per_year"] == {2016: 3}
    assert expert_stats["regions"] == [("Europe", 3)]
    states = {iso3: n for iso3, _, n in expert_stats["states"]}
    assert states["KAZ"] == 3 and states["AUT"] == 3
    assert {code: n for code, _, n in expert_stats["organisations"]} == {"OSCE": 3}


def test_statistics_page_charts_and_exports(client_for, events):
    page = client_for("public").get("/events/statistics/").content.decode()
    assert page.count("<svg") == 5 and "<title>Events per year</title>" in page
    # Every chart has its table (the figures, for screen readers and copying).
    assert "No event." not in page
    assert '<th scope="row">2016</th>' in page
    rows = client_for("expert").get("/events/statistics/?table=committee&export=json").json()
    assert rows["rows"] == [{"year": 2016, "events with Committee participation": 3,
                             "all events": 3}]


def test_annual_review_pdf_and_docx(client_for, events, tmp_path):
    response = client_for("expert").get("/events/review/2016.pdf")
    pdf = response.content
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Outreach review 2016" in text
    assert "Regional workshop on export controls" in text
    assert "Draft seminar on nuclear security" in text  # the expert sees drafts
    public = PdfReader(io.BytesIO(client_for("public").get("/events/review/2016.pdf").content))
    assert "Draft seminar" not in " ".join(p.extract_text() for p in public.pages)
    assert inked_share(page_image(pdf)) > 0.02

    import docx

    document = docx.Document(io.BytesIO(client_for("public").get("/events/review/2016.docx")
                                        .content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Regional workshop on export controls" in cells
    assert "Draft seminar on nuclear security" not in cells


def test_calendar_shows_multi_day_events_on_each_day(client_for, events):
    page = client_for("public").get("/events/calendar/?year=2016&month=5").content.decode()
    assert page.count('title="Regional workshop on export controls"') == 2  # 10 and 11 May
    assert "Draft seminar" not in client_for("public").get(
        "/events/calendar/?year=2016&month=6").content.decode()
    assert "Draft seminar" in client_for("expert").get(
        "/events/calendar/?year=2016&month=6").content.decode()


def test_filters(events):
    expert = type("U", (), {"is_authenticated": True, "is_active": True, "is_superuser": True})()

    def titles(**params):
        return {e.title for e in queries.events(expert, queries.event_filters(params))}

    assert titles(kind="workshop") == {"Regional workshop on export controls"}
    assert len(titles(state="kgz", year="2016", region="Europe", organisation="OSCE",
                      topic="op3d")) == 3
    assert titles(state="FRA") == set() and titles(topic="pf") == set()


def test_state_page_panel_and_query_count(client_for, events, django_assert_max_num_queries):
    for i in range(5):
        make_event("published", title=f"Workshop number {i}", start=dt.date(2017, 1, 1 + i))
    client = client_for("public")
    with django_assert_max_num_queries(25):
        page = client.get("/states/KAZ/").content.decode()
    assert "Workshop number 4" in page and "Draft seminar" not in page
    with django_assert_max_num_queries(25):
        client.get(f"/events/{events['published'].pk}/")


def test_event_page_shows_the_note_and_flags(client_for, events):
    page = client_for("expert").get(f"/events/{events['draft'].pk}/").content.decode()
    assert '<mark class="flagged">Centre for Nowhere Studies</mark>' in page
    assert "For information only - not an official report" in page
    assert 'id="confirm-event"' in page
    assert 'id="confirm-event"' not in client_for("committee").get(
        f"/events/{events['confirmed'].pk}/").content.decode()


def test_upload_page_reviews_then_creates_drafts(client_for, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("expert")
    upload = SimpleUploadedFile(SEED.name, SEED.read_bytes(), content_type="text/plain")
    page = client.post("/events/import/", {"files": [upload]})
    html = page.content.decode()
    assert page.status_code == 200 and Event.objects.count() == 0
    assert "Text read from the file" in html and "State of Palestine" in html
    token = page.context["token"]
    done = client.post("/events/import/", {"token": token})
    event = Event.objects.get(start=dt.date(2014, 3, 11))
    assert done.status_code == 302 and done["Location"] == f"/events/{event.pk}/"
    assert event.status == "draft" and event.participants.count() == 33
    # The token is used up: posting it again creates nothing.
    client.post("/events/import/", {"token": token})
    assert Event.objects.filter(start=dt.date(2014, 3, 11)).count() == 1


def test_upload_page_refuses_bad_files_and_creates_nothing(client_for, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("expert")
    good = SimpleUploadedFile(SEED.name, SEED.read_bytes())
    bad = SimpleUploadedFile("broken.pdf", b"%PDF-1.4 no")
    response = client.post("/events/import/", {"files": [good, bad]})
    assert response.status_code == 400
    assert "broken.pdf: is not a readable PDF file" in response.content.decode()
    assert client.post("/events/import/", {}).status_code == 400
    assert client.post("/events/import/", {"token": "nope"}).status_code == 302
    assert Event.objects.count() == 0
