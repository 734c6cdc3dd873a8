"""The reader's language (issue 9): remembered, carried by the address, used for dates.

- a signed-in person's switch is saved in the profile (audited); signing in sets it again;
  a first visit is offered the browser's Accept-Language;
- public pages have language-prefixed addresses (/fr/states/), English unprefixed; the API,
  the admin, /accounts/ and the switcher are not prefixed;
- dates for people in each language's UN style; machine dates stay ISO;
- dates typed in forms in the reader's convention or ISO.
"""

import datetime as dt
import re

import pytest
from django import forms
from django.test import Client
from django.utils import translation

from clearinghouse.accounts.models import User
from clearinghouse.audit.models import AuditEntry
from clearinghouse.core.templatetags.dates import long_date, month_year
from clearinghouse.registry.models import State
from clearinghouse.reporting.models import NationalReport

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def lang_of(response) -> str:
    return re.search(r'<html lang="([^"]+)" dir="([^"]+)"', response.content.decode()).group(1)


# -- 1. remembered ----------------------------------------------------------------------------

def test_switching_while_signed_in_saves_the_language_in_the_profile(client_for, personas):
    client = client_for("state_poc")
    page = client.get("/states/KAZ/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/states/KAZ/",
                                              "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/fr/states/KAZ/"
    assert User.objects.get(username="poc-kaz").language == "fr"
    entry = AuditEntry.objects.get(action="accounts.language")
    assert entry.actor.username == "poc-kaz" and entry.changes == {"language": ["", "fr"]}


def test_a_switch_without_a_valid_token_sets_only_the_cookie(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["state_poc"])
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert response.status_code == 302 and client.cookies["django_language"].value == "ru"
    assert User.objects.get(username="poc-kaz").language == ""  # a forged post changes no profile
    assert not AuditEntry.objects.filter(action="accounts.language").exists()


def test_an_anonymous_switch_writes_nothing(personas):
    response = Client().post("/i18n/setlang/", {"language": "es", "next": "/states/"})
    assert response["Location"] == "/es/states/"
    assert not AuditEntry.objects.filter(action="accounts.language").exists()


def test_signing_in_sets_the_profiles_language_and_goes_to_the_page_in_it(personas):
    User.objects.filter(username="poc-kaz").update(language="fr")
    client = Client()
    response = client.post("/accounts/login/?next=/states/KAZ/",
                           {"username": "poc-kaz", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/fr/states/KAZ/"
    assert client.cookies["django_language"].value == "fr"
    assert lang_of(client.get("/fr/states/KAZ/")) == "fr"
    # Signed out, the cookie keeps the language; the unprefixed home leads to French.
    client.post("/accounts/logout/")
    assert client.get("/")["Location"] == "/fr/"


def test_signing_in_without_a_chosen_language_changes_nothing(personas):
    client = Client()
    response = client.post("/accounts/login/?next=/states/", {"username": "poc-kaz",
                                                              "password": PASSWORD})
    assert response["Location"] == "/states/" and "django_language" not in client.cookies


@pytest.mark.parametrize(("header", "expected"), [
    ("fr-CH, fr;q=0.9, en;q=0.8", "/fr/states/?q=ka"),
    ("ar-EG,ar;q=0.9", "/ar/states/?q=ka"),
    ("zh-CN,zh;q=0.9", "/zh-hans/states/?q=ka"),
    ("es-419", "/es/states/?q=ka"),
    ("ru", "/ru/states/?q=ka"),
])
def test_a_first_visit_is_offered_the_browsers_language(reference_data, header, expected):
    response = Client().get("/states/?q=ka", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302 and response["Location"] == expected
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_the_redirect_keeps_an_escaped_address_and_its_query(reference_data):
    response = Client().get("/states/%C3%91/?q=C%C3%B4te%20d&x=1", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == "/fr/states/%C3%91/?q=C%C3%B4te%20d&x=1"
    assert Client().get(response["Location"]).status_code == 404  # no such State, in French
    assert Client().get("/nowhere/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 404  # no redirect


def test_english_or_an_unknown_language_stays_unprefixed(reference_data):
    for header in ("en-GB,en;q=0.9,fr;q=0.8", "de-DE,de;q=0.9", ""):
        response = Client().get("/states/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200 and lang_of(response) == "en"
    chosen = Client()
    chosen.cookies["django_language"] = "en"  # an explicit choice beats the browser's
    response = chosen.get("/states/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200 and lang_of(response) == "en"


# -- 2. addresses -----------------------------------------------------------------------------

def test_a_prefixed_page_is_in_its_language_and_its_links_keep_it(reference_data):
    client = Client()
    client.cookies["django_language"] = "ru"  # the address wins over the cookie
    html = client.get("/fr/states/KAZ/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert 'href="/fr/states/"' in html and 'href="/fr/organisations/"' in html
    assert 'href="/states/"' not in html
    # Machine addresses have no prefix.
    assert 'href="/api/' in html and 'action="/i18n/setlang/"' in html
    assert 'href="/accounts/login/?next=/fr/states/KAZ/"' in html


def test_pages_name_their_versions_in_the_other_languages(reference_data):
    html = Client().get("/es/states/?q=ka").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert links == {
        "ar": "http://testserver/ar/states/?q=ka", "zh-Hans": "http://testserver/zh-hans/states/?q=ka",
        "en": "http://testserver/states/?q=ka", "fr": "http://testserver/fr/states/?q=ka",
        "ru": "http://testserver/ru/states/?q=ka", "es": "http://testserver/es/states/?q=ka",
        "x-default": "http://testserver/states/?q=ka"}
    assert 'rel="alternate"' not in Client().get("/api/docs/").content.decode()


def test_the_switcher_goes_to_the_same_page_in_the_chosen_language(reference_data):
    client = Client()
    assert client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/fr/states/?q=ka"}
                       )["Location"] == "/zh-hans/states/?q=ka"
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/zh-hans/states/?q=ka"}
                       )["Location"] == "/states/?q=ka"
    # English chosen: the unprefixed page is served, not redirected to the browser's language.
    assert client.get("/states/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_api_admin_and_accounts_are_not_prefixed_and_answer_in_the_readers_language(reference_data):
    assert Client().get("/fr/api/states/").status_code == 404
    assert Client().get("/fr/accounts/login/").status_code == 404
    login = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr")
    assert login.status_code == 200 and lang_of(login) == "fr"
    api = Client().get("/api/states/?limit=0", HTTP_ACCEPT_LANGUAGE="es")
    assert api.status_code == 400 and api["Content-Language"] == "es"


def test_the_page_cache_keeps_each_address_and_language_apart(reference_data, settings):
    settings.PAGE_CACHE = True
    english = Client().get("/states/")
    french = Client().get("/fr/states/")
    assert english["X-Page-Cache"] == "miss" and french["X-Page-Cache"] == "miss"
    assert Client().get("/fr/states/", HTTP_ACCEPT_LANGUAGE="ru")["X-Page-Cache"] == "hit"
    assert Client().get("/states/", HTTP_ACCEPT_LANGUAGE="ru").status_code == 302
    again = Client().get("/states/")
    assert again["X-Page-Cache"] == "hit" and lang_of(again) == "en"


def test_posting_a_form_on_a_prefixed_page_stays_in_its_language(client_for):
    client = client_for("expert")
    response = client.post("/fr/reports/new/", {"state": "KAZ", "kind": "first",
                                                "submitted_on": "15/03/2024", "status": "published",
                                                "text": "Rapport"})
    report = NationalReport.objects.get(state__iso3="KAZ")
    assert report.submitted_on == dt.date(2024, 3, 15)
    assert response.status_code == 302 and response["Location"] == f"/fr/reports/{report.pk}/"


# -- 3. dates for people ----------------------------------------------------------------------

DAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(("language", "long", "month"), [
    ("en", "1 December 2026", "December 2026"),
    ("fr", "1 décembre 2026", "décembre 2026"),
    ("es", "1 de diciembre de 2026", "diciembre de 2026"),
    ("ru", "1 декабря 2026 г.", "Декабрь 2026 г."),
    ("ar", "1 كانون الأول/ديسمبر 2026", "كانون الأول/ديسمبر 2026"),
    ("zh-hans", "2026年12月1日", "2026年12月"),
])
def test_dates_are_written_in_each_languages_un_style(language, long, month):
    with translation.override(language):
        assert long_date(DAY) == long and month_year(DAY) == month
        assert long_date(None) == "" and long_date("not a date") == ""


@pytest.mark.parametrize(("prefix", "admitted"), [
    ("", "2 March 1992"), ("/fr", "2 mars 1992"), ("/es", "2 de marzo de 1992"),
    ("/ru", "2 марта 1992 г."), ("/ar", "2 آذار/مارس 1992"), ("/zh-hans", "1992年3月2日"),
])
def test_a_state_page_writes_its_dates_in_the_readers_language(reference_data, prefix, admitted):
    html = Client().get(f"{prefix}/states/KAZ/").content.decode()
    assert admitted in html


def test_machine_dates_stay_iso_in_every_language(client_for):
    NationalReport.objects.create(state=State.objects.get(iso3="KAZ"), kind="first",
                                  submitted_on=dt.date(2024, 3, 15), status="published")
    for prefix in ("/fr", "/ar", "/ru"):
        table = Client().get(f"{prefix}/reports/").content.decode()
        assert "2024-03-15" in table
        csv = Client().get(f"{prefix}/reports/?export=csv").content.decode()
        assert "2024-03-15" in csv and "15/03/2024" not in csv and "15.03.2024" not in csv
    form = client_for("expert").get(f"/fr/reports/{NationalReport.objects.get().pk}/edit/")
    assert 'value="2024-03-15"' in form.content.decode()  # <input type="date"> needs ISO


# -- 4. dates typed in forms ------------------------------------------------------------------

@pytest.mark.parametrize(("language", "typed"), [
    ("fr", "15/03/2024"), ("fr", "15.03.2024"), ("es", "15/03/2024"), ("ru", "15.03.2024"),
    ("ar", "15/03/2024"), ("zh-hans", "2024年3月15日"), ("zh-hans", "2024/03/15"),
    ("en", "15/03/2024"), ("en", "15 March 2024"),
] + [(language, "2024-03-15") for language in ("en", "fr", "es", "ru", "ar", "zh-hans")])
def test_a_typed_date_is_read_in_the_readers_convention_and_iso(language, typed):
    with translation.override(language):
        assert forms.DateField().clean(typed) == dt.date(2024, 3, 15)


@pytest.mark.parametrize(("prefix", "message"), [
    ("/fr", "Saisissez une date valide."), ("/ru", "Введите правильную дату."),
    ("", "Enter a valid date."),
])
def test_a_bad_date_gets_a_message_in_the_readers_language(client_for, prefix, message):
    response = client_for("expert").post(f"{prefix}/reports/new/", {
        "state": "KAZ", "kind": "first", "submitted_on": "31/02/2024", "status": "published",
        "text": "x"})
    assert response.status_code == 400 and message in response.content.decode()
    assert not NationalReport.objects.exists()


# -- 5. right to left -------------------------------------------------------------------------

@pytest.mark.parametrize(("prefix", "direction"), [("/ar", "rtl"), ("/fr", "ltr"), ("", "ltr")])
def test_arabic_pages_are_right_to_left(reference_data, prefix, direction):
    html = Client().get(f"{prefix}/states/").content.decode()
    assert re.search(r'<html lang="[^"]+" dir="([^"]+)"', html).group(1) == direction
