"""Names as the UN writes them in its six languages, the field's bodies, and look-alikes.

The evaluation set tests/data/names_six_languages.csv was written for these tests: States with
the articles, elisions and prefixes of each language, organisations in the six languages and
under common misspellings, and look-alikes that must NOT resolve (or must resolve to the
distinct body they are). Its figures are asserted here and reported by
``python bench/bench_registry.py``.
"""

import csv
from pathlib import Path

import pytest

from clearinghouse.registry.reference import (
    INTERGOVERNMENTAL_KINDS,
    ORGANISATION_KINDS,
    load_reference,
)
from clearinghouse.registry.resolver import Resolver
from clearinghouse.registry.services import resolve

EVAL = Path(__file__).parents[1] / "data" / "names_six_languages.csv"
ROWS = list(csv.DictReader(EVAL.open(encoding="utf-8")))


@pytest.fixture(scope="module")
def file_resolver():
    return Resolver.from_data_files()


def right(result, row) -> bool:
    expect = row["expect"]
    if expect == "match":
        return result.match is not None and result.match.code == row["code"]
    if expect == "ambiguous":
        return result.ambiguous and set(row["code"].split("|")) <= {
            c.entity.code for c in result.alternatives}
    if expect == "non_member":
        return result.non_member
    return result.match is None and not result.non_member


def test_the_set_covers_the_six_languages_and_look_alikes():
    assert {r["lang"] for r in ROWS} == {"ar", "zh", "en", "fr", "ru", "es"}
    for lang in ("ar", "zh", "fr", "ru", "es"):
        assert sum(r["lang"] == lang for r in ROWS) >= 25, lang
    assert sum(r["expect"] == "none" for r in ROWS) >= 30


@pytest.mark.parametrize("row", ROWS, ids=[f'{r["lang"]}:{r["query"]}' for r in ROWS])
def test_name(file_resolver, row):
    result = file_resolver.resolve(row["query"])
    assert right(result, row), (result.match, result.confidence, result.note)


def test_confidence_means_something(file_resolver):
    """Of the names resolved at >= 0.9, how many are right; and how many are found at all."""
    sure = [(r, file_resolver.resolve(r["query"])) for r in ROWS]
    sure = [(r, res) for r, res in sure if res.match and res.confidence >= 0.9]
    correct = sum(1 for r, res in sure if r["expect"] == "match" and res.match.code == r["code"])
    assert correct / len(sure) >= 0.99, [(r["query"], res.match.code) for r, res in sure
                                          if not (r["expect"] == "match" and res.match.code == r["code"])]
    expected = [r for r in ROWS if r["expect"] == "match"]
    found = sum(1 for r in expected if right(file_resolver.resolve(r["query"]), r))
    assert found / len(expected) >= 0.98


@pytest.mark.django_db
def test_the_database_resolver_agrees():
    wrong = [r["query"] for r in ROWS if not right(resolve(r["query"]), r)]
    assert wrong == []


@pytest.mark.parametrize("query, code", [
    ("AND", "AND"), ("CAN", "CAN"), ("PER", "PER"), ("HCoC", "HCOC"), ("UN-LiREC", "UNLIREC"),
    ("Interpol", "INTERPOL"), ("OPCW", "OPCW"), ("the OSCE", "OSCE"), ("l'OIAC", "OPCW"),
])
def test_codes_resolve_when_written_as_codes(file_resolver, query, code):
    assert file_resolver.resolve(query).match.code == code


@pytest.mark.parametrize("query", ["and", "can", "per", "And", "Can", "opcw", "hcoc", "osce",
                                   "who", "imo", "eu"])
def test_words_that_are_codes_do_not_resolve(file_resolver, query):
    result = file_resolver.resolve(query)
    assert result.match is None, (query, result.match)


FIELD = {
    "1540-COMMITTEE", "1540-GOE", "UNSC", "CTC", "CTED", "1267-COMMITTEE", "1988-COMMITTEE",
    "GP", "UNODA", "UNREC", "UNRCPD", "UNLIREC", "UNICRI", "UNODC", "UNOCT", "IAEA", "OPCW",
    "BWC-ISU", "WCO", "INTERPOL", "WHO", "WOAH", "FAO", "IMO", "ICAO", "IPU", "FATF", "GAFILAT",
    "MENAFATF", "ESAAMLG", "GIABA", "EAG", "APG", "CFATF", "MONEYVAL", "AU", "EU", "CARICOM",
    "CARICOM-IMPACS", "SICA", "OAS", "CICTE", "OSCE", "CIS", "CSTO", "SCO", "LAS", "ASEAN", "ARF",
    "PIF", "ECOWAS", "SADC", "EAC", "ECCAS", "IGAD", "NSG", "ZC", "AG", "MTCR", "WA", "HCOC",
    "VERTIC", "CITS", "SIPRI", "STIMSON", "CNS", "IISS", "KCL-ALPHA", "NTI", "WINS", "ISS-AFRICA",
    "WNA", "ICCA", "IATA",
}


def test_the_registry_has_the_field_and_kinds_that_separate_it():
    ref = load_reference()
    kinds = {o.code: o.kind for o in ref.organisations}
    assert FIELD <= set(kinds), FIELD - set(kinds)
    assert set(kinds.values()) == set(ORGANISATION_KINDS)
    for code in ("1540-COMMITTEE", "IAEA", "AU", "NSG", "IPU", "FATF", "BWC-ISU"):
        assert kinds[code] in INTERGOVERNMENTAL_KINDS, code
    assert kinds["VERTIC"] == kinds["STIMSON"] == kinds["NTI"] == "civil_society"
    assert kinds["CITS"] == kinds["KCL-ALPHA"] == "academia"
    assert kinds["WNA"] == kinds["ICCA"] == "industry"


def test_main_bodies_have_their_names_in_the_six_languages():
    ref = load_reference()
    langs: dict[str, set] = {}
    for n in ref.organisation_names:
        langs.setdefault(n.code, set()).add(n.lang)
    for code in ("1540-COMMITTEE", "1540-GOE", "UNODA", "UNODC", "IAEA", "OPCW", "WCO",
                 "INTERPOL", "WHO", "WOAH", "AU", "EU", "CARICOM", "OSCE", "OAS", "CIS", "SICA"):
        assert langs.get(code) == {"ar", "zh", "fr", "ru", "es"}, code


def test_no_name_names_two_entities():
    """An alias never equals a name or alias of another entity (after normalisation)."""
    from collections import defaultdict

    from clearinghouse.registry import names as N

    owners = defaultdict(set)
    for record in load_reference().name_records():
        owners[(N.is_code(record.text), N.compact(record.text))].add(record.entity.code)
    shared = {key: codes for key, codes in owners.items() if len(codes) > 1}
    assert shared == {}
