"""The name resolver on a table of real name variants, from the files and from the database."""

import csv
from pathlib import Path

import pytest

from clearinghouse.registry.resolver import Resolver
from clearinghouse.registry.services import resolve

VARIANTS = Path(__file__).parents[1] / "data" / "name_variants.csv"


def load_variants():
    with VARIANTS.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


ROWS = load_variants()


def test_the_table_is_large_and_varied():
    assert len(ROWS) >= 60
    kinds = {r["expect"] for r in ROWS}
    assert {"match", "ambiguous", "non_member", "none"} <= kinds


@pytest.fixture(scope="module")
def file_resolver():
    return Resolver.from_data_files()


def check(result, row):
    expect = row["expect"]
    if expect == "match":
        assert result.match is not None, result.note
        assert (result.match.kind, result.match.code) == (row["kind"], row["code"])
        assert 0 < result.confidence <= 1
        assert not result.ambiguous
    elif expect == "ambiguous":
        assert result.match is None and result.ambiguous
        assert {c.entity.code for c in result.alternatives} >= set(row["code"].split("|"))
    elif expect == "non_member":
        assert result.match is None and result.non_member
        assert "not a UN Member or observer State" in result.note
    else:
        assert result.match is None and not result.ambiguous


@pytest.mark.parametrize("row", ROWS, ids=[r["query"] for r in ROWS])
def test_variant_from_data_files(file_resolver, row):
    check(file_resolver.resolve(row["query"]), row)


@pytest.mark.django_db
def test_every_variant_from_the_database():
    for row in ROWS:
        check(resolve(row["query"]), row)


@pytest.mark.parametrize(
    "query, code",
    [
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Guinea- Bissau", "GNB"),
        ("Niger", "NER"),
        ("Dominica", "DMA"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Turk- menistan", "TKM"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Swaziland", "SWZ"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("the Republic of Korea", "KOR"),
        ("People’s Republic of China", "CHN"),
        ("Commonwealth of Independent States (CIS)", "CIS"),
        ("United Nations Office for Drugs and Crime (UNODC)", "UNODC"),
        ("Organisation for the Prohibition of Chemical Weapons", "OPCW"),
        ("Казахстан", "KAZ"),
        ("哈萨克斯坦", "KAZ"),
    ],
)
def test_un_usage(file_resolver, query, code):
    result = file_resolver.resolve(query)
    assert result.match and result.match.code == code, result.note


def test_korea_is_ambiguous(file_resolver):
    result = file_resolver.resolve("Korea")
    assert result.match is None and result.ambiguous
    assert {c.entity.code for c in result.alternatives} == {"KOR", "PRK"}
    assert result.note == '"Korea" is ambiguous: KOR, PRK' or "KOR" in result.note


@pytest.mark.parametrize("query", ["Kosovo", "Taiwan", "Western Sahara", "Republic of Kosovo"])
def test_non_members_are_named_not_guessed(file_resolver, query):
    result = file_resolver.resolve(query)
    assert result.match is None and result.non_member


@pytest.mark.parametrize(
    "query", ["African Union", "Commonwealth of Independent States", "Organization of American States"]
)
def test_organisation_names_never_become_states(file_resolver, query):
    result = file_resolver.resolve(query)
    assert result.match and result.match.kind == "organisation"


def test_close_spelling_is_marked_with_lower_confidence(file_resolver):
    result = file_resolver.resolve("Kazakstan")
    assert result.match.code == "KAZ"
    assert result.confidence < 0.9
    assert "close spelling" in result.note


def test_unknown_name(file_resolver):
    result = file_resolver.resolve("Atlantis Federation of Nowhere")
    assert result.match is None and not result.ambiguous and not result.non_member
    assert result.problem


def test_json_shape(file_resolver):
    data = file_resolver.resolve("Kazakhstan").to_json()
    assert data["match"] == {"kind": "state", "code": "KAZ", "name": "Kazakhstan"}
    assert set(data) >= {"query", "match", "confidence", "ambiguous", "alternatives"}
