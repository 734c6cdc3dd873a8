"""Reasons: codes with parameters and quoted words, rendered in the six UN languages, produced
only when someone reads them."""

import datetime as dt
import re

import pytest

from clearinghouse.assistance.engine import Need, Offer, Request, render, run
from clearinghouse.assistance.engine import api as engine_api
from clearinghouse.assistance.engine.render import T, reader_language

LANGS = ("ar", "zh", "en", "fr", "ru", "es")
CA = ("Central Asia", frozenset({"KAZ", "KGZ"}))
DAY = dt.date(2015, 3, 1)


def scene():
    requests = [
        Request("R1", "KAZ", "Kazakhstan", DAY, "Contrôle des exportations",
                "Le Kazakhstan demande une formation des agents chargés des licences "
                "d'exportation des biens à double usage.", languages=("ru",)),
        Request("R2", "SICA", "Central American Integration System", DAY, "Solicitud regional",
                "", requester="organisation", members=frozenset({"GTM", "HND", "KAZ"}),
                needs=(Need("1", "Legislación penal sobre armas químicas y biológicas"),
                       Need("2", "Equipos de detección de radiación para los puertos"),
                       Need("3", "Plan de acción nacional", status="met"))),
        Request("R3", "PER", "Peru", DAY, "国家报告", "秘鲁请求协助编写第一份国家报告。"),
    ]
    offers = [
        Offer("O1", "EU", "European Union", "Export control", "Licensing and control lists "
              "for dual-use goods, training of licensing officers.", languages=("en", "ru"),
              eligibility=(CA,), capacity=2, active=1, valid_from=dt.date(2014, 1, 1)),
        Offer("O2", "OPCW", "OPCW", "CWC legislation", "Legislative assistance to draft "
              "chemical weapons legislation.", languages=("es", "en"), weapons=("chemical",)),
        Offer("O3", "USA", "United States", "Radiation detection", "Radiation portal "
              "monitors for seaports.", capacity=1, active=1, valid_to=dt.date(2014, 12, 31)),
        Offer("O4", "CHN", "China", "国家联络人培训", "为亚太国家编写国家报告提供培训。",
              eligibility=(("Peru", frozenset({"PER"})),)),
        Offer("O5", "VERTIC", "VERTIC", "Législation pénale", "Rédaction de lois sur les armes "
              "chimiques et biologiques.", languages=("fr",), eligibility=(CA,)),
        Offer("O6", "BWC-ISU", "BWC ISU", "Legislation", "Legislation on chemical and "
              "biological weapons.", languages=("en",), weapons=("chemical", "biological")),
    ]
    return requests, offers


@pytest.fixture(scope="module")
def result():
    requests, offers = scene()
    return run(requests, offers, top_k=6, pins=[("R1", "O1")], exclusions=[("R2#2", "O2")])


def all_reasons(res):
    out = []
    for key in res.ranking:
        for offer in ("O1", "O2", "O3", "O4", "O5", "O6"):
            out.extend(res.explain(key, offer).explanation)
    return out


def test_reasons_are_codes_with_parameters_and_quotes(result):
    codes = {r.code for r in all_reasons(result)}
    assert codes >= {"pinned", "area", "weapons.all", "weapons.partly", "weapons.request_none",
                     "types.all", "types.request_none", "language.common", "language.none",
                     "text", "concepts", "eligibility.any", "eligibility.in_group",
                     "eligibility.not", "eligibility.named", "eligibility.organisation_some",
                     "eligibility.organisation_not", "validity.runs", "validity.ended",
                     "load", "excluded", "not_relevant"}
    first = result.ranking["R1"][0]
    area = next(r for r in first.explanation if r.code == "area")
    need_text = result.model.row_text(result.model.row_index["R1"])
    assert area.quotes and all(q in need_text for q in area.quotes)


@pytest.mark.parametrize("lang", LANGS)
def test_every_reason_renders_in_every_language(result, lang):
    for reason in all_reasons(result):
        sentence = render(reason, lang)
        assert sentence and "{" not in sentence and "}" not in sentence, (reason, sentence)
    for key in result.ranking:
        for c in result.ranking[key]:
            assert len(c.reasons_in(lang)) == len(c.explanation)


def test_sentences_in_the_readers_language(result):
    c = result.ranking["R1"][0]
    fr = "\n".join(c.reasons_in("fr"))
    assert "Retenu d'office par un expert" in fr and "Domaine : correspondance exacte" in fr
    assert "(déduit de « agents chargés des licences »)" in fr
    assert re.search(r"\(\+0,\d\d\)", fr)  # decimal comma for people in French
    assert "Язык: общий язык — русский" in "\n".join(c.reasons_in("ru"))
    zh = "\n".join(result.explain("R3", "O4").reasons_in("zh"))
    assert "符合条件：援助提议点名Peru" in zh and "“国家报告”" in zh
    ar = result.explain("R2#2", "O3").reasons_in("ar")
    assert any(s.startswith("غير سارٍ: انتهى العرض في 2014-12-31") for s in ar)
    es = "\n".join(result.explain("R2#1", "O2").reasons_in("es"))
    assert "Armas: en parte" in es and "«armas químicas»" in es
    assert "Admisible para 1 de los 3 Estados miembros de Central American Integration " \
           "System: KAZ (Central Asia)" in "\n".join(result.explain("R2#1", "O5").reasons_in("es"))
    assert "Idioma: solicitud en español, oferta en francés (ningún idioma común, +0,00)" in es \
        or "Idioma:" in es


def test_english_sentences_as_before(result):
    c = result.ranking["R1"][0]
    text = c.reasons
    assert text[0] == "Pinned by an expert"
    assert text[1].startswith("Area: exact match on Export control — licensing (OP3(d))")
    assert "Eligible: Kazakhstan is in Central Asia" in text
    assert "Valid: the offer runs 2014-01-01 to open end, covering the request date " \
           "2015-03-01" in text
    assert "Provider load: 1 of 2 engagements in use (-0.05)" in text
    rejected = result.explain("R2#2", "O2").reasons
    assert "Excluded by an expert" in rejected
    assert result.explain("R2#1", "O6").reasons[1] == \
        "Weapons: both cover chemical and biological (+0.15)"


def test_reader_language_codes():
    assert reader_language("zh-hans") == "zh" and reader_language("fr-CA") == "fr"
    assert reader_language("de") == "en" and reader_language(None) == "en"
    assert set(T) == set(LANGS)
    for lang in LANGS:
        assert set(T[lang]) == set(T["en"]), lang


def test_reasons_are_produced_only_when_read(monkeypatch):
    calls = []
    real = engine_api.build_reasons

    def counting(*args, **kwargs):
        calls.append(args[1:3])
        return real(*args, **kwargs)

    monkeypatch.setattr(engine_api, "build_reasons", counting)
    requests, offers = scene()
    res = run(requests, offers, top_k=4)
    assert calls == []  # ranking and allocation wrote no sentence
    first = res.ranking["R1"][0]
    assert first.components and not calls  # components do not need reasons either
    first.reasons_in("ar")
    assert first.reasons
    assert len(calls) == 1  # computed once, rendered in two languages
    assert res.allocation_reasons[res.allocation[0][:2]]
    assert len(calls) == 2


def test_a_figure_rounding_to_zero_is_never_written_negative():
    from clearinghouse.assistance.engine.render import _num

    assert _num(-0.0004, "fr") == "0,00" and _num(-0.0, "en") == "0.00"
    assert _num(-0.0004, "en", signed=True) == "+0.00" and _num(-0.25, "es") == "-0,25"
