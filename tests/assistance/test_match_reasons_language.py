"""A match's reasons are kept as the engine's reason codes and read in the reader's language:
my matches, the request page and the API (codes and sentences, ?lang= or Accept-Language);
reasons quote the request's words; older matches' English sentences are shown as written."""

import importlib

import pytest
from django.apps import apps as django_apps

from clearinghouse.assistance import actions
from clearinghouse.assistance.engine.models import Reason
from clearinghouse.assistance.engine.render import render
from clearinghouse.assistance.models import Match
from tests.readers import reader

from .factories import circulated_request, offer, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(personas):
    data = world(personas)
    expert = personas["expert"]
    # An offer open to any State, proposed for KAZ's request circulated to the EU too.
    open_offer = offer(expert, data["eu"], title="EU P2P export control programme open")
    req = circulated_request(expert, data["kaz"], [data["eu"]], title="Licensing training")
    data["open_match"] = actions.propose_match(req, open_offer, expert)
    return data


def _client(user, language=None):
    return reader(user, language)


def test_a_proposed_match_keeps_reason_codes_with_their_params_and_quotes(w):
    match = Match.objects.get(pk=w["open_match"].pk)
    codes = [r["code"] for r in match.reasons]
    assert "eligibility.any" in codes and "area" in codes and "text" in codes
    assert all(set(r) == {"code", "params", "quotes"} for r in match.reasons)
    text = next(r for r in match.reasons if r["code"] == "text")
    # The reason quotes the request's own words that triggered it.
    assert text["quotes"] and all(q.lower() in match.request.description.lower()
                                  for q in text["quotes"])
    english = match.reasons_in("en")
    assert "Eligible: the offer is open to any State" in english
    french = match.reasons_in("fr")
    assert "Admissible : l'offre est ouverte à tout État" in french
    assert any(q in " ".join(french) for q in text["quotes"])
    assert match.reasons_in("zh-hans") != english and match.reasons_in("ar") != english


def test_my_matches_and_the_request_page_show_the_reasons_in_the_readers_language(w, personas):
    # The provider (OSCE) reads its match on "my matches" in French and in Arabic.
    match = w["match"]
    fr = _client(personas["provider_poc"], "fr").get("/assistance/my-matches/")
    assert fr.status_code == 200
    body = fr.content.decode()
    for sentence in match.reasons_in("fr"):
        assert sentence.replace("'", "&#x27;") in body
    assert "Eligible:" not in body and "inferred from" not in body
    ar = _client(personas["provider_poc"], "ar").get("/assistance/my-matches/").content.decode()
    assert render(Reason("eligibility.in_group", {"state": "Kazakhstan", "group": "OSCE"}),
                  "ar") in ar
    # The expert's request page: proposed matches and ranked candidates, in Chinese.
    page = _client(personas["expert"], "zh-hans").get(
        f"/assistance/requests/{w['open_match'].request_id}/").content.decode()
    assert "符合条件：援助提议向所有国家开放" in page
    assert "Eligible: the offer is open to any State" not in page


def test_the_api_gives_codes_and_sentences_in_the_language_asked(w, personas):
    c = _client(personas["expert"])
    url = f"/api/assistance/matches/{w['open_match'].pk}/"
    english = c.get(url).json()
    assert "Eligible: the offer is open to any State" in english["reasons"]
    assert {"code": "eligibility.any", "params": {}, "quotes": []} in english["explanation"]
    french = c.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert "Admissible : l'offre est ouverte à tout État" in french["reasons"]
    assert french["explanation"] == english["explanation"]
    chinese = c.get(url + "?lang=zh-hans", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert "符合条件：援助提议向所有国家开放" in chinese["reasons"]
    bad = c.get(url + "?lang=xx")
    assert bad.status_code == 400 and bad.json()["parameter"] == "lang"
    listed = c.get("/api/assistance/matches/?lang=ar").json()
    assert all(item["explanation"] for item in listed["results"])
    candidates = c.get(f"/api/assistance/requests/{w['open_match'].request_id}/candidates/"
                       "?lang=fr").json()
    assert candidates and all(x["explanation"] and x["reasons"] for x in candidates)
    assert any("Admissible" in s for x in candidates for s in x["reasons"])


def test_older_matches_english_sentences_become_legacy_reasons_shown_as_written(w):
    match = w["match"]
    Match.objects.filter(pk=match.pk).update(reasons=["Area: exact match on Export control"])
    migration = importlib.import_module(
        "clearinghouse.assistance.migrations.0005_match_reasons_as_codes")
    migration.to_codes(django_apps, None)
    match.refresh_from_db()
    assert match.reasons == [{"code": "legacy", "quotes": [],
                              "params": {"text": "Area: exact match on Export control"}}]
    assert match.reasons_in("fr") == ("Area: exact match on Export control",)
    migration.to_sentences(django_apps, None)
    match.refresh_from_db()
    assert match.reasons == ["Area: exact match on Export control"]
    # A plain sentence still stored is read as a legacy reason too.
    assert match.reasons_in("ar") == ("Area: exact match on Export control",)
