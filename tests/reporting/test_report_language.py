"""One language field: a report's language is chosen among the six UN languages and others,
stored as an ISO 639-1 code like requests and offers; older names are migrated."""

import importlib

import pytest
from django.apps import apps as django_apps

from clearinghouse.core import importing, languages
from clearinghouse.registry.models import State
from clearinghouse.reporting.models import NationalReport

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_six_un_languages_first_and_stores_codes(client_for):
    client = client_for("state_poc")
    page = client.get("/reports/new/").content.decode()
    un = page.index('<optgroup label="Official languages of the United Nations">')
    others = page.index('<optgroup label="Other languages">')
    assert un < page.index('value="ar">Arabic<') < page.index('value="es">Spanish<') < others
    assert page.index('value="de">German<') > others
    assert client.post("/reports/new/", {"kind": "first", "text": "x", "language": "ru"}).status_code == 302
    report = NationalReport.objects.get()
    assert report.language == "ru" and report.language_name == "Russian"
    assert "Russian" in client.get(f"/reports/{report.pk}/").content.decode()
    response = client.post("/reports/new/", {"kind": "additional", "text": "x", "language": "Klingon"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


def test_names_and_codes_are_read_as_codes():
    assert [languages.code_for(t) for t in ("Russian", "Русский", "ru", " French ", "anglais", "中文")] \
        == ["ru", "ru", "ru", "fr", "en", "zh"]
    assert languages.code_for("Klingon") == ""


def test_the_report_importer_stores_codes_and_names_a_bad_language():
    importing.run_import("reports", "r.csv", b"state,kind,date,language\nKAZ,first,2004-10-28,Russian\n",
                         "tests")
    assert NationalReport.objects.get().language == "ru"
    with pytest.raises(importing.ImportFailed, match='line 2, field language: "Klingon" is not a language'):
        importing.run_import("reports", "r.csv", b"state,kind,date,language\nFRA,first,2004-10-28,Klingon\n",
                             "tests")
    with pytest.raises(importing.ImportFailed, match="before 28 April 2004"):
        importing.run_import("reports", "r.csv", b"state,kind,date\nFRA,first,1999-01-01\n", "tests")


def test_existing_names_are_migrated_to_codes():
    kaz = State.objects.get(iso3="KAZ")
    named = [NationalReport.objects.create(state=kaz, kind="additional", language=text, title=text)
             for text in ("Russian", "English", "anglais", "Kazakh and Russian", "")]
    migration = importlib.import_module("clearinghouse.reporting.migrations.0004_f12_report_language_codes")
    migration.to_codes(django_apps, None)
    assert [NationalReport.objects.get(pk=r.pk).language for r in named] == [
        "ru", "en", "en", "Kazakh and Russian", ""]
