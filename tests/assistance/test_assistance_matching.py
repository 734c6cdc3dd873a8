"""The engine on the registry and the database: resolver, loader, `match` command."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from clearinghouse.assistance import engine
from clearinghouse.assistance.demo import _drop_unknown
from clearinghouse.assistance.matching import run_open
from clearinghouse.assistance.models import Offer, Request
from clearinghouse.assistance.registry_adapter import RegistryResolver
from clearinghouse.core.importing import ImportFailed, run_import

pytestmark = pytest.mark.django_db

EVAL = Path(__file__).resolve().parent.parent / "data" / "assistance_eval.json"


@pytest.fixture
def exchange():
    """The evaluation set's requests and offers, keeping the names the registry knows."""
    data = json.loads(EVAL.read_text(encoding="utf-8"))
    return _drop_unknown(data, RegistryResolver())


def test_registry_resolver_answers_the_engines_questions():
    r = RegistryResolver()
    assert r.resolve_state("Republic of Kazakhstan") == ("KAZ", "Kazakhstan")
    with pytest.raises(engine.NameProblem, match=r'"Korea" is ambiguous: KOR, PRK'):
        r.resolve_state("Korea")
    with pytest.raises(engine.NameProblem, match="not a State"):
        r.resolve_state("OSCE")
    with pytest.raises(engine.NameProblem, match="not a UN Member or observer State"):
        r.resolve_state("Kosovo")
    assert r.resolve_provider("United States") == ("state", "USA", "United States of America")
    assert r.resolve_provider("BWC ISU")[:2] == ("organisation", "BWC-ISU")
    label, members = r.expand_eligibility("Central Asia")
    assert label == "Central Asia" and members == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert len(r.expand_eligibility("Africa")[1]) == 54
    label, members = r.expand_eligibility("Commonwealth of Independent States (CIS)")
    assert label == "CIS" and "KAZ" in members and "UKR" not in members  # current members
    assert r.expand_eligibility("Peru") == ("Peru", frozenset({"PER"}))
    with pytest.raises(engine.NameProblem, match="not an M49 region"):
        r.expand_eligibility("Atlantis")


def test_resolver_preloads_with_a_fixed_number_of_queries(django_assert_max_num_queries):
    RegistryResolver()  # the shared name resolver is built (and cached) once
    with django_assert_max_num_queries(5):
        r = RegistryResolver()
        for name in ("Asia", "Europe", "OSCE", "EU", "Peru", "Korea, Republic of"):
            r.expand_eligibility(name)


def _load(data, name="exchange.json"):
    return run_import("assistance", name, json.dumps(data).encode(), "tests")


def test_engine_on_database_equals_engine_on_file(exchange, tmp_path):
    path = tmp_path / "exchange.json"
    path.write_text(json.dumps(exchange), encoding="utf-8")
    out = io.StringIO()
    call_command("match", "--input", str(path), "--json", stdout=out)
    from_file = json.loads(out.getvalue())
    assert Request.objects.count() == 0  # the file run writes nothing
    outcome = _load(exchange)
    assert outcome.summary == {"requests": len(exchange["requests"]),
                               "offers": len(exchange["offers"])}
    out = io.StringIO()
    call_command("match", "--json", stdout=out)
    from_db = json.loads(out.getvalue())
    assert from_db == from_file
    assert len(from_file["ranking"]) == len(exchange["requests"])
    assert sum(1 for c in from_file["ranking"].values() if c) >= 35


def test_match_output_is_the_documented_format(exchange, tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(exchange), encoding="utf-8")
    out = io.StringIO()
    call_command("match", "--input", str(path), "--json", "--top", "3", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"ranking", "allocation"}
    for rid, cands in data["ranking"].items():
        assert isinstance(rid, str) and len(cands) <= 3
        for c in cands:
            assert set(c) == {"offer", "score", "reasons"}
            assert isinstance(c["score"], float) and all(isinstance(x, str) for x in c["reasons"])
        assert [c["score"] for c in cands] == sorted((c["score"] for c in cands), reverse=True)
    for pair in data["allocation"]:
        assert set(pair) == {"request", "offer"}
    r01 = data["ranking"]["R01"]
    assert r01[0]["offer"] == "O02" and any("Eligible" in s for s in r01[0]["reasons"])


def test_importer_reports_every_problem_with_its_path_and_loads_nothing(exchange):
    bad = json.loads(json.dumps(exchange))
    bad["requests"][3]["state"] = "Korea"
    bad["requests"][5]["date"] = "2014-02-30"
    bad["offers"][1]["eligible"] = ["Atlantis"]
    bad["offers"][2]["weapon"] = ["nuclear"]
    with pytest.raises(ImportFailed) as failed:
        _load(bad, "bad.json")
    messages = [str(p) for p in failed.value.problems]
    assert 'bad.json: requests[3].state: "Korea" is ambiguous: KOR, PRK' in messages
    assert any(m.startswith("bad.json: requests[5].date:") for m in messages)
    assert any(m.startswith("bad.json: offers[1].eligible[0]:") for m in messages)
    assert "bad.json: offers[2].weapon: unknown field" in messages
    assert Request.objects.count() == 0 and Offer.objects.count() == 0


def test_importer_refuses_a_second_load_and_odd_files(exchange):
    _load(exchange)
    with pytest.raises(ImportFailed, match="already loaded"):
        _load(exchange)
    for content, message in ((b"[1, 2]", "must hold an object"), (b"{nope", "not valid JSON"),
                             (b'{"requests": 3}', "requests: must be a list")):
        with pytest.raises(ImportFailed, match=message):
            run_import("assistance", "odd.json", content, "tests")
    with pytest.raises(ImportFailed, match=".json file"):
        run_import("assistance", "odd.csv", b"a,b", "tests")


def test_load_command_prints_paths_and_exits_1(exchange, tmp_path, capsys):
    bad = {"requests": [{**exchange["requests"][0], "state": "Korea"}], "offers": []}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        call_command("load", "assistance", str(path))
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert 'requests[0].state: "Korea" is ambiguous: KOR, PRK' in err
    assert "nothing was written" in err


def test_match_command_on_a_bad_file(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"requests": [{"id": "R1", "state": "Korea"}], "offers": []}')
    with pytest.raises(SystemExit):
        call_command("match", "--input", str(path), "--json")
    err = capsys.readouterr().err
    assert 'requests[0].state: "Korea" is ambiguous: KOR, PRK' in err
    assert "requests[0].date: is required" in err


def test_engine_on_database_runs_a_fixed_number_of_queries(exchange,
                                                           django_assert_max_num_queries):
    _load({"requests": exchange["requests"][:5], "offers": exchange["offers"][:5]})
    run_open()
    # 10: the shared resolver reads the data generation once (registry/services.py), so that
    # a registry edit in another process is seen at once; the requests' needs in one query.
    with django_assert_max_num_queries(10):
        small = run_open()
    Request.objects.all().delete()
    Offer.objects.all().delete()
    _load(exchange)
    with django_assert_max_num_queries(10):
        big = run_open()
    assert len(big.result.ranking) > len(small.result.ranking)

