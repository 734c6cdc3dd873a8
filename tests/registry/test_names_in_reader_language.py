"""Names of States, M49 regions and organisations in the reader's language, on every surface
that prints them: pages, lists (sorted by those names, names prefetched), notices and the
Information Note."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from clearinghouse.registry import regions
from clearinghouse.registry.models import Organisation, State
from clearinghouse.registry.names import sort_key
from clearinghouse.registry.reference import DATA_DIR
from tests.readers import in_language

pytestmark = pytest.mark.django_db


def reader(language: str) -> Client:
    return in_language(Client(), language)


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# -- the pure parts ------------------------------------------------------------------------------
def test_every_region_of_the_states_file_has_its_m49_row_and_names():
    with (DATA_DIR / "states.csv").open(encoding="utf-8") as f:
        used = {name for row in csv.DictReader(f)
                for name in (row["region"], row["subregion"], row["intermediate_region"]) if name}
    assert len(used) == 29 and all(regions.known(name) for name in used)
    assert regions.region_name("Central Asia", "ru") == "Центральная Азия"
    assert regions.region_name("Sub-Saharan Africa", "zh-hans") == "撒哈拉以南非洲"
    assert regions.region_name("Asia", "en") == "Asia"
    # a name the file leaves blank in a language (not checked) stays English; unknown as given
    assert regions.region_name("Southern Asia", "fr") == "Southern Asia"
    assert regions.region_name("Atlantis", "fr") == "Atlantis"


def test_names_sort_with_accents_and_case_ignored():
    names = ["Zimbabwe", "Égypte", "allemagne", "Fidji", "Autriche", "Équateur"]
    assert sorted(names, key=sort_key) == ["allemagne", "Autriche", "Égypte", "Équateur", "Fidji",
                                           "Zimbabwe"]


def test_models_name_states_and_organisations_in_a_language():
    kgz = State.objects.prefetch_related("names").get(iso3="KGZ")
    assert kgz.name_in("fr") == "Kirghizistan" and kgz.name_in("en") == "Kyrgyzstan"
    assert kgz.official_name_in("en") == "Kyrgyz Republic"
    assert kgz.official_name_in("ru") == "Кыргызстан"   # formal names are in English only
    assert kgz.region_in("ar") == "آسيا"
    opcw = Organisation.objects.get(code="OPCW")
    assert opcw.name_in("es") == "Organización para la Prohibición de las Armas Químicas"
    assert opcw.name_in("en") == opcw.name
    vertic = Organisation.objects.get(code="VERTIC")   # no official name in other languages
    assert vertic.name_in("fr") == vertic.name


# -- pages ---------------------------------------------------------------------------------------
def test_the_status_page_lists_non_reporters_in_arabic_in_a_fixed_number_of_queries():
    client = reader("ar")
    client.get("/reporting/status/")   # warm: sessions, caches
    with CaptureQueriesContext(connection) as queries:
        text = text_of(client.get("/reporting/status/?as_of=2026-01-01"))
    assert len(queries) <= 12, len(queries)  # 10 measured (7 in English): none per State
    listed = re.search(r'class="not-reported".*?</ul>', client.get(
        "/ar/reporting/status/?as_of=2026-01-01").content.decode(), re.S).group(0)
    assert "كازاخستان" in listed and "النمسا" in listed
    assert "Kazakhstan" not in listed and "Austria" not in listed
    assert "آسيا الوسطى" in text            # the sub-region table: Central Asia
    assert "Central Asia" not in text


def test_the_status_page_in_french_sorts_states_by_their_french_names():
    listed = re.search(r'class="not-reported".*?</ul>', reader("fr").get(
        "/reporting/status/?as_of=2026-01-01").content.decode(), re.S).group(0)
    names = re.findall(r">([^<]+)</a>", listed)
    assert len(names) == 193
    order = [names.index(n) for n in ("Allemagne", "Autriche", "Égypte", "Fidji", "Zimbabwe")]
    assert order == sorted(order)


def test_the_state_page_in_russian_shows_its_names_and_regions_in_russian():
    text = text_of(reader("ru").get("/states/KGZ/"))
    assert "Кыргызстан" in text and "Азия" in text and "Центральная Азия" in text
    assert "Central Asia" not in text
    lead = re.search(r'<p class="lead">(.*?)</p>', reader("ru").get("/states/KGZ/").content.decode())
    assert lead.group(1) == "Кыргызстан"


def test_the_states_list_in_chinese_names_states_and_regions_in_chinese():
    text = text_of(reader("zh-hans").get("/states/?region=Asia"))
    assert "哈萨克斯坦" in text and "中亚" in text and "Central Asia" not in text


def test_an_organisation_page_and_the_list_in_spanish():
    text = text_of(reader("es").get("/organisations/OPCW/"))
    assert "Organización para la Prohibición de las Armas Químicas (OPCW)" in text
    listing = text_of(reader("es").get("/organisations/"))
    assert "Comité del Consejo de Seguridad establecido en virtud de la resolución 1540 (2004)" in listing
    assert "Security Council Committee established pursuant to resolution 1540" not in listing


def test_the_states_of_an_organisation_page_in_french_are_in_french_and_sorted():
    text = text_of(reader("fr").get("/organisations/CIS/"))
    assert "Kirghizistan" in text and "Fédération de Russie" in text
    assert text.index("Arménie") < text.index("Azerbaïdjan") < text.index("Bélarus") \
        < text.index("Kazakhstan")


# -- a notice and the Information Note -----------------------------------------------------------
def test_a_notice_to_a_french_reader_names_the_state_in_french(django_capture_on_commit_callbacks):
    from clearinghouse.accounts.models import Role
    from clearinghouse.notifications.models import Kind, Notice
    from clearinghouse.reporting import actions as reporting
    from tests.conftest import make_user

    kgz = State.objects.get(iso3="KGZ")
    expert = make_user("expert-fr", Role.EXPERT)
    expert.language = "fr"
    expert.save()
    poc = make_user("poc-kgz", Role.STATE_POC, state=kgz)
    report = reporting.create_report(poc, kgz, kind="first", text="National measures",
                                     submitted_on=dt.date(2026, 11, 5))
    with django_capture_on_commit_callbacks(execute=True):
        reporting.submit_report(poc, report)
    notice = Notice.objects.get(kind=Kind.REPORT, recipient=expert)
    assert notice.language == "fr"
    assert "Kirghizistan" in notice.subject + notice.body and "Kyrgyzstan" not in notice.body


def test_the_information_note_pdf_in_spanish_names_the_venue_state_in_spanish():
    from tests.outreach.conftest import make_event
    from tests.textof import pdf_text

    event = make_event(city="Astana", iso3="KAZ")
    response = reader("es").get(f"/events/{event.pk}/note.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(b"".join(response) if response.streaming else response.content).split())
    # the venue; participants keep the names the note was written with (data)
    assert "Astana, Kazajstán" in text and "Astana, Kazakhstan" not in text
    with translation.override("en"):
        english = " ".join(pdf_text(Client().get(f"/events/{event.pk}/note.pdf").content).split())
    assert "Astana, Kazakhstan" in english
