"""Smaller things seen in a real browser (issue 12): the favicon, a 403 without a traceback in
the log, the sign-in page's title, the audit log's readable changes, no reporting status stated
for a future date, and Nauru's English name."""

import csv
import datetime as dt
import logging
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.db import transaction

from clearinghouse.audit.log import record
from clearinghouse.audit.readable import lines
from clearinghouse.registry.models import State
from clearinghouse.registry.services import resolve

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "clearinghouse" / "registry" / "data"


def test_favicon_is_a_real_icon_linked_from_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00" and b"PNG" in body[:40]  # an ICO holding a PNG
    page = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in page
    for name in ("clearinghouse/favicon.svg", "clearinghouse/favicon.ico"):
        assert finders.find(name), name


def test_a_403_is_logged_in_one_line_without_a_traceback(client_for, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_for("public").get("/audit/").status_code == 403
    forbidden = [r for r in caplog.records if r.name == "django.request"]
    assert forbidden and "Forbidden" in forbidden[0].getMessage()
    assert all(r.exc_info is None and not r.exc_text for r in forbidden)
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback():
    from clearinghouse.core.logfilters import NoTracebackForClientErrors

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        info = sys.exc_info()
    entry = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error",
                              (), info)
    entry.status_code = 500
    assert NoTracebackForClientErrors().filter(entry) and entry.exc_info is info


def test_the_sign_in_page_title_names_the_platform_not_the_host(client):
    page = client.get("/accounts/login/").content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert title == "Sign in · 1540 Clearinghouse"
    assert "testserver" not in title


def test_audit_changes_read_as_field_old_to_new(client_for, personas):
    kaz = State.objects.get(iso3="KAZ")
    with transaction.atomic():
        record(personas["expert"], "reporting.plan.published", kaz,
               {"status": ["draft", "published"], "title": "National action plan",
                "addenda_dates": []})
        record(personas["expert"], "assistance.request.submitted", kaz,
               {"from": "draft", "to": "submitted", "note": ""})
    page = client_for("expert").get("/audit/").content.decode()
    assert "status: draft → published" in page
    assert "title: National action plan" in page
    assert "draft → submitted" in page
    assert "{&#x27;" not in page and "{'" not in page and "[&#x27;" not in page


def test_readable_lines_cover_the_shapes_actions_record():
    assert lines({}) == []
    assert lines({"active": True, "submitted_on": "2024-05-02"}) == ["active: yes",
                                                                    "submitted on: 2024-05-02"]
    assert lines({"old_new": {"old": 1, "new": 2}}) == ["old new: 1 → 2"]
    assert lines({"status": [None, "draft"]}) == ["status: — → draft"]
    assert lines({"counts": {"states": 195}}) == ["counts: states: 195"]


def test_a_future_reporting_status_is_refused_not_reported(client):
    page = client.get("/reporting/status/?as_of=2031-01-01")
    assert page.status_code == 400
    text = page.content.decode()
    assert "in the future" in text and "had submitted a first report" not in text
    api = client.get("/api/reporting-status/?as_of=2031-01-01")
    assert api.status_code == 400 and "in the future" in str(api.json()["as_of"])
    with pytest.raises(CommandError, match="in the future"):
        call_command("status", as_of="2031-01-01")
    today = client.get(f"/api/reporting-status/?as_of={dt.date.today().isoformat()}")
    assert today.status_code == 200


def test_nauru_is_nauru_in_english(client):
    nauru = State.objects.get(iso3="NRU")
    assert (nauru.short_name, nauru.official_name) == ("Nauru", "Republic of Nauru")
    page = client.get("/states/NRU/").content.decode()
    assert "Nauru" in page and "Naoero" not in page.split("<main")[1].split("Also known")[0]
    assert resolve("Naoero").match.code == "NRU"
    assert resolve("Republic of Nauru").match.code == "NRU"


def test_every_english_short_name_agrees_between_the_data_files():
    with open(DATA / "states.csv", encoding="utf-8") as f:
        states = {r["iso3"]: r["short_name"] for r in csv.DictReader(f)}
    with open(DATA / "state_names.csv", encoding="utf-8") as f:
        names = {(r["iso3"], r["lang"]): r["short_name"] for r in csv.DictReader(f)}
    assert {iso3: names[(iso3, "en")] for iso3 in states} == states
    assert [names[("NRU", lang)] for lang in ("en", "fr", "es", "ru")] == ["Nauru", "Nauru", "Nauru",
                                                                            "Науру"]
    assert "Naoero" not in states.values()
