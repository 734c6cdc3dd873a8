"""Every export headed by labels in the reader's language (issue 9): in French, the CSV and XLSX
header rows are the French labels of the columns, the JSON keeps the machine keys (and gives the
French labels beside them), and ``&keys=1`` heads the CSV with the machine keys.

Exports meant to be loaded back by an importer (national reports, action plans, country visits,
peer reviews, a State's matrix cells) keep their importer column names as header on purpose:
the last test holds them to that."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.matrix.conftest import committee, expert, matrices  # noqa: F401 (fixtures)
from tests.readers import in_language

# KAZ with two matrix versions (for the diff) and the rest of the matrix tests' world
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("matrices")]

AS_OF = "as_of=2014-03-31"
# URL (without export=) -> (machine keys, a few of the French labels expected in the header)
EXPORTS = {
    "/states/?subregion=Central+Asia": (
        ["iso3", "short_name", "official_name", "status", "admitted", "region", "subregion"],
        ["Code ISO", "Nom court", "Nom officiel", "Sous-région"]),
    "/organisations/OSCE/?": (
        ["state", "name", "joined", "left", "source"], ["Code ISO", "État", "Adhésion"]),
    "/events/?": (
        ["id", "title", "kind", "status", "start", "end", "city", "venue_state", "series",
         "committee_members", "committee_experts", "topics"],
        ["Numéro", "Type", "État du lieu", "Membres du Comité", "Experts du Comité"]),
    "/matrix/?table=states": (
        ["state", "name", "region", "subregion", "version", "status", "approved_on"],
        ["Code ISO", "État", "Approuvée le",
         "Champs où des mesures sont consignées, toutes sections"]),
    "/matrix/?table=sections": (
        ["section", "title", "fields", "states", "average", "median", "min", "max"],
        ["Minimum"]),
    "/matrix/?table=trend": (
        ["year_of_approval", "versions", "average_fields_with_measures"],
        ["Année d'approbation", "Versions"]),
    "/matrix/template/?": (
        ["section", "field", "weapon", "label", "op_reference", "dimensions"],
        ["Champ", "Arme", "Paragraphe du dispositif"]),
    "/matrix/KAZ/diff/?from=1&to=2": (
        ["state", "from_version", "to_version", "change", "field", "label", "dimension",
         "value_before", "value_after", "source_before", "source_after", "remarks_before",
         "remarks_after"],
        ["Modification", "Valeur avant", "Valeur après", "Observations après"]),
    f"/reporting/status/?{AS_OF}&table=region": (
        ["region", "members", "reported", "not_reported", "percent", "as_of"],
        ["Région", "États membres", "Au"]),
    f"/reporting/status/?{AS_OF}&table=subregion": (
        ["subregion", "members", "reported", "not_reported", "percent", "as_of"],
        ["Sous-région", "Ayant présenté un rapport (pourcentage)"]),
    f"/reporting/status/?{AS_OF}&table=organisation": (
        ["organisation", "name", "members", "reported", "not_reported", "percent", "as_of"],
        ["Organisation", "N'ayant pas présenté de rapport (codes ISO)"]),
    f"/reporting/status/?{AS_OF}&table=not_reported": (
        ["iso3", "name", "region", "subregion", "as_of"], ["Code ISO", "État", "Au"]),
    f"/reporting/status/?{AS_OF}&table=history": (
        ["year", "as_of", "members", "reported", "new"],
        ["Année", "Premiers rapports de l'année"]),
    "/assistance/?": (
        ["reference", "requester", "received", "summary", "status"], ["Référence", "Demandeur"]),
    "/assistance/board/?": (
        ["reference", "requester", "received", "title", "status", "follow_up_due"],
        ["Référence", "Demandeur"]),
    "/assistance/statistics/?table=year": (["year", "requests"], ["Année", "Demandes"]),
    "/assistance/statistics/?table=area": (["area", "requests"], ["Domaine", "Demandes"]),
    "/assistance/statistics/?table=region": (["region", "requests"], ["Région", "Demandes"]),
    "/assistance/statistics/?table=feedback": (
        ["party", "met", "partly", "not_met", "total"], ["Partie", "Total"]),
}


def _expert(personas, language="fr"):
    c = Client()
    c.force_login(personas["expert"])
    return in_language(c, language)


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [r for r in rows if r and not r[0].startswith("#")]


@pytest.mark.parametrize("url", EXPORTS)
def test_export_headers_in_french_json_keys_unchanged(url, personas):
    keys, french = EXPORTS[url]
    c = _expert(personas)
    data = c.get(f"{url}&export=json").json()
    assert data["columns"][:len(keys)] == keys  # the matrix's per-section columns follow
    assert all(set(row) == set(data["columns"]) for row in data["rows"])
    header = _rows(c.get(f"{url}&export=csv"))[0]
    assert header == [data["labels"][k] for k in data["columns"]]
    for label in french:
        assert label in header, (label, header)
    assert not set(header) & set(keys), header  # no machine key left
    assert _rows(c.get(f"{url}&export=csv&keys=1"))[0] == data["columns"]
    book = load_workbook(io.BytesIO(c.get(f"{url}&export=xlsx").content))
    first = next(r for r in book.active.iter_rows(values_only=True)
                 if r[0] and not str(r[0]).startswith("Illustrative"))
    assert list(first) == header


def test_the_matrix_sections_columns_are_named_by_section(personas):
    data = _expert(personas).get("/matrix/?table=states&export=json").json()
    measures = [k for k in data["columns"] if k.startswith("measures_")]
    assert measures and measures[-1] == "measures_all"
    assert data["labels"][measures[0]] == (
        f"Champs où des mesures sont consignées, section {measures[0].removeprefix('measures_')}")
    assert data["rows"] and data["rows"][0]["state"] == "KAZ"


def test_the_same_exports_in_english_and_arabic(personas):
    english = _rows(_expert(personas, "en").get("/events/?export=csv"))[0]
    assert english[:3] == ["Number", "Title", "Kind"]
    arabic = _rows(_expert(personas, "ar").get("/states/?export=csv"))[0]
    assert arabic[0] != "iso3" and arabic[0] != "ISO code"
    members = _expert(personas).get("/organisations/OSCE/?export=json").json()
    assert members["title"] == "Membres de OSCE" and members["rows"]


@pytest.mark.parametrize("url, keys", [
    ("/reports/?export=csv", ["state", "name", "kind", "date", "language", "status", "title"]),
    ("/plans/?export=csv", ["state", "name", "date", "title", "items", "status"]),
    ("/visits/?export=csv", ["state", "name", "start", "end", "delegation", "objectives",
                             "outcome", "status"]),
    ("/peer-reviews/?export=csv", ["states", "title", "start", "end", "status"]),
    ("/matrix/KAZ/?version=1&export=csv", ["state", "version", "status", "section", "field",
                                           "weapon", "label", "op_reference", "dimension",
                                           "value", "source", "remarks"]),
])
def test_exports_loaded_back_by_an_importer_keep_their_column_names(url, keys, personas):
    assert _rows(_expert(personas).get(url))[0] == keys
