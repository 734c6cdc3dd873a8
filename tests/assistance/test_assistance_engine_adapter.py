"""The engine on the registry and the database: organisations, their members on a date, and
exchange files with needs (stored as the request's needs)."""

import datetime as dt
import json

import pytest

from clearinghouse.assistance import engine
from clearinghouse.assistance.matching import run_open
from clearinghouse.assistance.models import Request
from clearinghouse.assistance.registry_adapter import RegistryResolver
from clearinghouse.core.importing import ImportFailed, run_import

pytestmark = pytest.mark.django_db


def test_organisations_and_their_members_on_a_date():
    r = RegistryResolver()
    code, name = r.resolve_organisation("Commonwealth of Independent States (CIS)")
    assert code == "CIS" and name
    with pytest.raises(engine.NameProblem, match="names a State"):
        r.resolve_organisation("Peru")
    early = r.members_on("CIS", dt.date(2008, 1, 1))
    assert {"GEO", "UKR", "KAZ"} <= early and "TKM" not in early  # Turkmenistan left in 2005
    late = r.members_on("CIS", dt.date(2020, 1, 1))
    assert "GEO" not in late and "UKR" not in late and "KAZ" in late
    assert r.members_on("CIS", dt.date(2020, 1, 1)) == r.members["CIS"]


def load(data):
    return run_import("assistance", "exchange.json", json.dumps(data).encode(), "tests")


def test_a_request_from_an_organisation_is_matched_through_its_members():
    load({"requests": [{"id": "CAR-1", "organisation": "CARICOM", "date": "2010-03-01",
                        "title": "Regional strategic trade legislation",
                        "description": "Model strategic trade control legislation and customs "
                                       "training for member States."}],
          "offers": [
              {"id": "CAR-O", "provider": "OAS", "title": "Strategic trade legislation",
               "description": "Drafting of strategic trade control legislation, customs "
                              "training.", "eligible": ["CARICOM"]},
              {"id": "AFR-O", "provider": "EU", "title": "Strategic trade legislation",
               "description": "Drafting of strategic trade control legislation, customs "
                              "training.", "eligible": ["Africa"]}]})
    req = Request.objects.get(reference="CAR-1")
    assert req.organisation.code == "CARICOM" and req.state is None
    run = run_open()
    ranked = [c.offer_id for c in run.result.ranking["CAR-1"]]
    assert ranked == ["CAR-O"]  # the African programme is for none of CARICOM's members
    reasons = run.result.explain("CAR-1", "CAR-O").reasons
    assert any(s.startswith("Eligible: all ") and "member States of" in s for s in reasons)
    assert run.result.explain("CAR-1", "AFR-O").reasons[0].startswith(
        "Not eligible: no member State of")


def test_needs_in_an_exchange_file_are_stored_and_the_single_description_is_one_need():
    load({"requests": [
        {"id": "N-1", "state": "Kazakhstan", "date": "2014-01-01", "title": "Two needs",
         "needs": [{"description": "Training of licensing officers for dual-use exports"},
                   {"id": "b", "title": "Detectors", "areas": ["op3c"],
                    "description": "Radiation detectors for border crossings",
                    "status": "met"}]},
        {"id": "N-2", "state": "Kazakhstan", "date": "2014-01-01", "title": "One",
         "description": "1. Licensing training. 2. Detectors for border posts."}],
        "offers": []})
    two = Request.objects.get(reference="N-1")
    assert [(n.number, n.title, n.areas, n.status) for n in two.needs.order_by("number")] == [
        (1, "", None, "open"), (2, "Detectors", ["op3c"], "met")]
    one = Request.objects.get(reference="N-2")  # not split: the old single description
    assert [(n.number, n.description) for n in one.needs.all()] == [(1, one.description)]
    with pytest.raises(ImportFailed) as failed:
        load({"requests": [{"id": "N-3", "state": "Kazakhstan", "date": "2014-01-01",
                            "title": "Bad", "needs": [{"title": "no description"}]}],
              "offers": []})
    assert any("requests[0].needs[0].description" in str(p) for p in failed.value.problems)
