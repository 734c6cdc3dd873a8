"""The events statistics and the event form in the reader's language: the tables' columns by
their labels (event kinds by their choice labels) on the page and in the CSV/XLSX headers,
the JSON keyed by the machine keys, ?keys=1 for a header of keys; topics by their labels."""

import csv
import html
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from clearinghouse.outreach.models import Event
from tests.readers import reader

pytestmark = pytest.mark.django_db


def _client(user=None, language="fr"):
    return reader(user, language)


def _csv_header(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return next(r for r in rows if r and not r[0].startswith("#"))


def _kind(kind: str, language: str) -> str:
    with translation.override(language):
        return str(Event.Kind(kind).label)


def test_statistics_tables_columns_are_labels_in_french_and_arabic(events):
    page = _client().get("/events/statistics/").content.decode()
    for label in ("Année", "Total", *(_kind(k, "fr") for k in ("training course", "peer review",
                                                                "country visit"))):
        assert f">{html.escape(label)}<" in page, label
    for english in ("training course", "peer review", "country visit", ">year<", ">total<"):
        assert english not in page
    ar = _client(language="ar").get("/events/statistics/").content.decode()
    assert "training course" not in ar and f">{_kind('training course', 'ar')}<" in ar


def test_statistics_exports_headers_in_french_json_keys_unchanged(events, personas):
    c = _client(personas["expert"])
    header = _csv_header(c.get("/events/statistics/?table=per-year-kind&export=csv"))
    assert header[0] == "Année" and header[-1] == "Total"
    assert _kind("training course", "fr") in header and "training course" not in header
    keys = _csv_header(c.get("/events/statistics/?table=per-year-kind&export=csv&keys=1"))
    assert keys[0] == "year" and "training course" in keys and keys[-1] == "total"
    book = load_workbook(io.BytesIO(
        c.get("/events/statistics/?table=committee&export=xlsx").content))
    first = [cell.value for cell in next(book.active.iter_rows(max_row=1))]
    assert first == ["Année", "Événements avec la participation du Comité", "Tous les événements"]
    data = c.get("/events/statistics/?table=committee&export=json").json()
    assert data["columns"] == ["year", "events with Committee participation", "all events"]
    assert data["rows"] == [{"year": 2016, "events with Committee participation": 3,
                             "all events": 3}]
    assert data["labels"]["year"] == "Année"
    assert c.get("/events/statistics/?table=committee&export=csv&keys=2").status_code == 400


def test_the_event_form_and_page_name_topics_in_the_readers_language(events, personas):
    c = _client(personas["expert"])
    form = c.get("/events/new/").content.decode()
    assert "Plan d&#x27;action national" in form or "Plan d'action national" in form
    assert "National implementation action plan" not in form
    page = _client(language="zh-hans").get(
        f"/events/{events['published'].pk}/").content.decode()
    assert "出口和转运管制" in page
