"""Exchange-format parsing: every error is collected with its path; nothing is built."""

import datetime as dt

import pytest

from clearinghouse.assistance.engine import DictRegistry, ExchangeError, NameProblem, parse_exchange

REGISTRY = DictRegistry(
    states={"KAZ": ["Kazakhstan", "Republic of Kazakhstan"], "KGZ": ["Kyrgyzstan",
            "Kyrgyz Republic"], "TJK": ["Tajikistan"], "TKM": ["Turkmenistan"],
            "UZB": ["Uzbekistan"], "KOR": ["Republic of Korea"],
            "PRK": ["Democratic People's Republic of Korea"], "USA": ["United States of America",
            "United States"], "BRA": ["Brazil"], "PER": ["Peru"], "KEN": ["Kenya"],
            "DEU": ["Germany"], "CIV": ["Côte d'Ivoire"]},
    groups={"Central Asia": {"aliases": [], "members": ["KAZ", "KGZ", "TJK", "TKM", "UZB"]},
            "OSCE": {"aliases": ["Organization for Security and Co-operation in Europe"],
                     "members": ["KAZ", "KGZ", "TJK", "TKM", "UZB", "USA", "DEU"]}},
    providers={"OPCW": ["Organisation for the Prohibition of Chemical Weapons"],
               "BWC-ISU": ["BWC ISU"]},
)


def good():
    return {
        "requests": [{"id": "R1", "state": "Republic of Kazakhstan", "date": "2014-03-01",
                      "title": "Licensing", "description": "Export licensing training",
                      "languages": ["ru"]},
                     {"id": 2, "state": "KGZ", "date": "2014-04-01", "title": "Control list",
                      "description": "Translation", "areas": ["op3d.lists"],
                      "weapons": ["chemical"], "types": ["expert_advice"]}],
        "offers": [{"id": "O1", "provider": "United States", "title": "EXBS",
                    "description": "Export control", "eligible": ["Central Asia", "Peru"],
                    "capacity": 3, "valid_from": "2013-01-01"},
                   {"id": "O2", "provider": "BWC ISU", "title": "BWC",
                    "description": "BWC implementation"}],
    }


def test_parses_good_input():
    requests, offers = parse_exchange(good(), REGISTRY)
    r1, r2 = requests
    assert (r1.state, r1.state_name, r1.date) == ("KAZ", "Kazakhstan", dt.date(2014, 3, 1))
    assert r1.areas is None and r1.languages == ("ru",)
    assert r2.id == "2" and r2.areas == ("op3d.lists",) and r2.weapons == ("chemical",)
    o1, o2 = offers
    assert o1.provider == "USA" and o1.capacity == 3 and o1.valid_to is None
    assert o1.eligibility[0] == ("Central Asia", frozenset({"KAZ", "KGZ", "TJK", "TKM", "UZB"}))
    assert o1.eligibility[1] == ("Peru", frozenset({"PER"}))
    assert o2.provider == "BWC-ISU" and o2.eligibility == ()


def test_all_errors_reported_with_paths():
    data = good()
    data["requests"][0]["state"] = "Korea"
    data["requests"][1]["date"] = "2014-13-40"
    data["requests"][1]["areas"] = ["op9", "op3d"]
    data["requests"][1]["weapons"] = ["laser"]
    data["requests"].append({"id": "R1", "state": "Kenya", "date": "2015-01-01",
                             "title": "x"})
    data["offers"][0]["capacity"] = 0
    data["offers"][0]["eligible"] = ["Atlantis"]
    data["offers"][1]["valid_from"] = "2016-01-01"
    data["offers"][1]["valid_to"] = "2015-01-01"
    data["offers"].append({"id": "O3", "provider": "Nobody", "title": "t", "description": "d",
                           "languages": ["english"]})
    with pytest.raises(ExchangeError) as err:
        parse_exchange(data, REGISTRY)
    errors = err.value.errors
    expected = [
        'requests[0].state: "Korea" is ambiguous: KOR, PRK',
        'requests[1].date: "2014-13-40" is not a date (YYYY-MM-DD)',
        'requests[1].areas[0]: unknown area "op9"',
        'requests[1].weapons[0]: unknown weapon "laser"',
        'requests[2].id: duplicate id "R1" (also requests[0])',
        "requests[2].description: is required",
        "offers[0].capacity: must be a positive integer",
        'offers[0].eligible[0]: "Atlantis" is not a known region, organisation or State',
        'offers[1].valid_to: "2015-01-01" is before valid_from "2016-01-01"',
        'offers[2].provider: "Nobody" is not a known State or organisation',
        'offers[2].languages[0]: "english" is not an ISO 639-1 code',
    ]
    for e in expected:
        assert e in errors, (e, errors)
    assert len(errors) == len(expected)
    assert str(err.value).startswith(f"{len(expected)} error(s) in input")


def test_missing_required_fields_and_types():
    data = {"requests": [{"id": "", "date": 20140101}], "offers": "nope"}
    with pytest.raises(ExchangeError) as err:
        parse_exchange(data, REGISTRY)
    errors = err.value.errors
    assert "requests[0].id: is required" in errors
    assert "requests[0].state: is required" in errors
    assert "requests[0].date: 20140101 is not a date (YYYY-MM-DD)" in errors
    assert "requests[0].title: is required" in errors
    assert "offers: must be a list" in errors


def test_strict_fields_flag_unknown_fields():
    data = good()
    data["requests"][0]["weapon"] = ["nuclear"]
    parse_exchange(data, REGISTRY)  # lenient by default
    with pytest.raises(ExchangeError, match=r"requests\[0\].weapon: unknown field"):
        parse_exchange(data, REGISTRY, strict_fields=True)


def test_registry_resolution():
    assert REGISTRY.resolve_state("Kyrgyz Republic") == ("KGZ", "Kyrgyzstan")
    assert REGISTRY.resolve_state("cote d'ivoire") == ("CIV", "Côte d'Ivoire")
    with pytest.raises(NameProblem, match="ambiguous: KOR, PRK"):
        REGISTRY.resolve_state("Korea")
    assert REGISTRY.resolve_provider("Organisation for the Prohibition of Chemical Weapons") == (
        "organization", "OPCW", "Organisation for the Prohibition of Chemical Weapons")
    assert REGISTRY.resolve_provider("Germany") == ("state", "DEU", "Germany")
    label, members = REGISTRY.expand_eligibility(
        "Organization for Security and Co-operation in Europe")
    assert label == "OSCE" and "KAZ" in members


# -- needs and requests from organisations ---------------------------------------------------

ORGS = DictRegistry(
    states={"GTM": ["Guatemala"], "HND": ["Honduras"], "DOM": ["Dominican Republic"],
            "PAN": ["Panama"], "KAZ": ["Kazakhstan"]},
    groups={"SICA": {"aliases": ["Central American Integration System"],
                     "members": ["GTM", "HND", "PAN", "DOM"], "joined": {"DOM": "2013-06-27"}},
            "Central America": {"aliases": [], "members": ["GTM", "HND", "PAN"]}},
    providers={"SICA": ["Central American Integration System"], "OPCW": ["OPCW"]},
)


def request(**fields):
    base = {"id": "R1", "state": "Guatemala", "date": "2014-03-01", "title": "Request",
            "description": "Export control legislation"}
    base.update(fields)
    for k in [k for k, v in fields.items() if v is None]:
        del base[k]
    return {"requests": [base], "offers": []}


def test_needs_are_parsed_with_their_own_tags_and_status():
    data = request(needs=[
        {"description": "Licensing training", "areas": ["op3d.licensing"]},
        {"id": "b", "title": "Border", "description": "Radiation portal monitors",
         "status": "met"},
        {"id": 7, "description": "CWC legislation", "weapons": ["chemical"]}])
    (r,), _ = parse_exchange(data, ORGS)
    assert [n.id for n in r.needs] == ["1", "b", "7"]
    assert r.needs[0].areas == ("op3d.licensing",) and r.needs[0].weapons is None
    assert r.needs[1].status == "met" and r.needs[1].text == "Border. Radiation portal monitors"
    assert [r.need_key(n) for n in r.all_needs] == ["R1#1", "R1#b", "R1#7"]


def test_the_old_single_description_is_one_need():
    (r,), _ = parse_exchange(request(areas=["op2"]), ORGS)
    assert r.needs == () and len(r.all_needs) == 1
    need = r.all_needs[0]
    assert need.areas == ("op2",) and r.need_key(need) == "R1"
    assert need.text == "Request. Export control legislation"


def test_split_needs_option_splits_a_listed_description_only():
    listed = request(description="Guatemala requests:\n1. a law on export control;\n"
                                 "2. detectors for Puerto Quetzal.")
    (plain,), _ = parse_exchange(listed, ORGS)
    assert plain.needs == ()
    (r,), _ = parse_exchange(listed, ORGS, split_needs=True)
    assert [n.description for n in r.needs] == ["a law on export control",
                                                "detectors for Puerto Quetzal"]
    assert r.needs[0].context == "Request. Guatemala requests"
    (one,), _ = parse_exchange(request(), ORGS, split_needs=True)
    assert one.needs == ()  # nothing to split
    (given,), _ = parse_exchange({**listed, "requests": [{**listed["requests"][0],
                                                          "areas": ["op2"]}]},
                                 ORGS, split_needs=True)
    assert given.needs == ()  # tags given for the whole description: kept whole


def test_bad_needs_are_reported_with_their_path():
    data = request(areas=["op2"], needs=[
        {"description": "ok", "areas": ["op9"]},
        {"id": "x", "description": ""},
        {"id": "x", "description": "dup", "status": "done", "weapon": ["nuclear"]},
        "text"])
    with pytest.raises(ExchangeError) as err:
        parse_exchange(data, ORGS)
    errors = err.value.errors
    for e in ['requests[0].areas: with "needs", give areas in each need',
              'requests[0].needs[0].areas[0]: unknown area "op9"',
              "requests[0].needs[1].description: is required",
              'requests[0].needs[2].id: duplicate id "x" (also requests[0].needs[1])'.replace(
                  "duplicate id", "duplicate need id"),
              'requests[0].needs[2].status: must be "open" or "met", not "done"',
              "requests[0].needs[2].weapon: unknown field",
              "requests[0].needs[3]: must be an object"]:
        assert e in errors, (e, errors)
    with pytest.raises(ExchangeError, match=r"requests\[0\]\.needs: must be a non-empty list"):
        parse_exchange(request(needs=[]), ORGS)


def test_requests_from_an_organisation_carry_its_members_on_the_date():
    (before,), _ = parse_exchange(request(state=None, organisation="SICA", date="2010-06-15"),
                                  ORGS)
    assert (before.requester, before.state, before.state_name) == (
        "organisation", "SICA", "Central American Integration System")
    assert before.members == {"GTM", "HND", "PAN"}  # the Dominican Republic joined in 2013
    (after,), _ = parse_exchange(request(state=None, organisation="Central American "
                                         "Integration System", date="2014-01-01"), ORGS)
    assert after.members == {"GTM", "HND", "PAN", "DOM"}


def test_bad_requesters_are_reported():
    cases = [
        (request(organisation="SICA"), 'requests[0]: give "state" or "organisation", not both'),
        (request(state=None, organisation="Atlantis League"),
         'requests[0].organisation: "Atlantis League" is not a known organisation'),
        (request(state=None, organisation="Honduras"),
         'requests[0].organisation: "Honduras" names a State (HND), not an organisation'),
        (request(state=None, organisation="OPCW"),
         'requests[0].organisation: "OPCW" (OPCW) has no member States recorded on 2014-03-01'),
        (request(state=None), "requests[0].state: is required"),
    ]
    for data, message in cases:
        with pytest.raises(ExchangeError) as err:
            parse_exchange(data, ORGS)
        assert message in err.value.errors, (message, err.value.errors)
