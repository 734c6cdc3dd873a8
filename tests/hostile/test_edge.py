"""Hostile input at the edge: control characters and out-of-range numbers in addresses, query
strings and credentials are answered with 400 naming the parameter (JSON under /api/, a page
otherwise), never 500, and nothing is written. On PostgreSQL each of these was a 500."""

import base64
import datetime as dt

import pytest

from clearinghouse.audit.models import AuditEntry
from clearinghouse.core import params
from clearinghouse.outreach.models import Event
from clearinghouse.reporting.models import NationalReport

pytestmark = pytest.mark.django_db

# (address, parameter named in the answer). Each query parameter of every page and endpoint.
BAD_PARAMETERS = [
    # NUL bytes (PostgreSQL: "text fields cannot contain NUL") and other control characters
    ("/api/reports/?state=%00", "state"),
    ("/states/?q=%00", "q"),
    ("/states/?region=%01", "region"),
    ("/api/states/?q=%00", "q"),
    ("/api/states/?organisation=a%0bb", "organisation"),
    ("/api/events/?q=%00", "q"),
    ("/api/matrix-versions/?state=%00", "state"),
    ("/api/matrix-counts/?region=%00", "region"),
    ("/api/resolve/?name=Kor%00ea", "name"),
    ("/matrix/?organisation=%00", "organisation"),
    ("/audit/?action=%00", "action"),
    ("/resolve/?names=Korea%0AKos%00ovo", "names"),
    ("/events/?state=%1f", "state"),
    # numbers past the database's integers and years past any calendar
    ("/api/states/?limit=99999999999999999999", "limit"),
    ("/api/states/?limit=0", "limit"),
    ("/api/reports/?offset=-1", "offset"),
    ("/api/events/?offset=99999999999999999999", "offset"),
    ("/api/events/statistics/?year=99999999999", "year"),
    ("/api/events/?year=99999999999", "year"),
    ("/events/calendar/?year=99999999999", "year"),
    ("/events/calendar/?year=2016&month=99999999999999", "month"),
    ("/events/calendar/?year=2016&month=0", "month"),
    ("/events/?year=1776", "year"),
    ("/events/?page=99999999999999999999999", "page"),
    ("/reports/?page=abc", "page"),
    ("/audit/?page=-3", "page"),
    ("/matrix/KAZ/?version=99999999999999999999", "version"),
    ("/matrix/KAZ/diff/?from=x&to=1", "from"),
    ("/matrix/KAZ/pdf/?version=-1", "version"),
    # choices
    ("/states/?status=sovereign", "status"),
    ("/organisations/?kind=club", "kind"),
    ("/api/organisations/?kind=club", "kind"),
    ("/api/events/?kind=party", "kind"),
    ("/api/events/?topic=op99", "topic"),
    ("/events/?export=pdf", "export"),
    ("/states/?export=docx", "export"),
    ("/matrix/?export=csv&table=scores", "table"),
    ("/events/statistics/?export=csv&table=secret", "table"),
    ("/assistance/statistics/?export=csv&table=nope", "table"),
    ("/imports/?kind=weapons", "kind"),
    # free text too long to be a name
    ("/api/states/?q=" + "x" * 201, "q"),
]


@pytest.mark.parametrize("url, name", BAD_PARAMETERS)
def test_a_bad_parameter_is_400_naming_it(client_for, url, name):
    response = client_for("expert").get(url)
    assert response.status_code == 400, url
    if url.startswith("/api/"):
        body = response.json()
        assert body["parameter"] == name and name in body["detail"], body
    else:
        page = response.content.decode()
        assert "Bad request" in page and name in page, page[-600:]


def test_the_briefing_parameters_are_checked(client_for):
    client = client_for("expert")
    assert client.get("/assistance/briefing/?start=2024-13&format=html").status_code == 400
    assert client.get("/assistance/briefing/?start=99999-01&format=html").status_code == 400
    assert client.get("/assistance/briefing/?start=2024-05&format=exe").status_code == 400
    assert client.get("/assistance/briefing/?start=2024-05&format=html").status_code == 200


def test_a_control_character_in_the_path_is_400(client):
    for url in ("/organisations/%00/", "/api/organisations/%00/", "/states/K%01Z/",
                "/api/states/%00%00%00/"):
        response = client.get(url)
        assert response.status_code == 400, url
    assert client.get("/api/organisations/%00/").json()["parameter"] == "path"


def test_status_as_of_out_of_range_is_400(client):
    assert client.get("/api/reporting-status/?as_of=99999-01-01").status_code == 400
    response = client.get("/api/reporting-status/?as_of=2101-01-01")
    assert response.status_code == 400 and "2100" in str(response.json())
    assert client.get("/reporting/status/?as_of=2101-01-01").status_code == 400
    assert client.get(f"/reporting/status/?as_of={dt.date.today().isoformat()}").status_code == 200
    # A date in the future is not known yet: refused, never reported as a fact.
    future = client.get("/reporting/status/?as_of=2031-01-01")
    assert future.status_code == 400 and "in the future" in future.content.decode()


def test_a_nul_in_basic_credentials_is_400_and_no_login(client, personas):
    for user in (b"exp\x00ert", b"expert\x01"):
        token = base64.b64encode(user + b":a long test password 1540").decode()
        response = client.get("/api/states/", HTTP_AUTHORIZATION=f"Basic {token}")
        assert response.status_code == 400
        assert response.json()["parameter"] == "Authorization"
    token = base64.b64encode(b"expert:pass\x00word").decode()
    assert client.get("/api/audit/", HTTP_AUTHORIZATION=f"Basic {token}").status_code == 400
    # Credentials that are not Basic at all are the authentication's to refuse (401/403).
    assert client.get("/api/audit/", HTTP_AUTHORIZATION="Basic !!!").status_code in (401, 403)


def test_api_keys_still_work_and_a_control_character_in_one_is_400(client, personas):
    from clearinghouse.accounts import apikeys

    _record, key = apikeys.create("tests", personas["expert"], "fuzz")
    assert client.get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    response = client.get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {key}\x00")
    assert response.status_code == 400 and response.json()["parameter"] == "Authorization"


def test_a_cookie_with_a_control_character_is_dropped(client):
    # An octal escape in a quoted cookie value: the server reads a NUL in the session key.
    response = client.get("/states/", HTTP_COOKIE='sessionid="\\000abcdefghijklmnop"')
    assert response.status_code == 200


def test_multi_line_parameters_keep_their_line_breaks(client):
    page = client.get("/resolve/?names=Korea%0D%0ATurk-+menistan%09").content.decode()
    assert "Turkmenistan" in page


def test_good_parameters_still_work(client_for):
    client = client_for("public")
    assert client.get("/api/states/?limit=1000&offset=0").json()["results"]
    assert client.get("/api/states/?limit=5&offset=190").status_code == 200
    assert client.get("/events/calendar/?year=1900&month=1").status_code == 200
    assert client.get("/events/calendar/?year=2100&month=12").status_code == 200
    assert client.get("/api/events/statistics/?year=2016").status_code == 200


def test_nothing_is_written_by_a_refused_request(client_for):
    client = client_for("expert")  # signing in is audited: count after it
    before = (AuditEntry.objects.count(), Event.objects.count(), NationalReport.objects.count())
    client.post("/events/new/?page=%00", {"title": "x"})
    client.post("/api/assistance/matches/?q=%00", {"request": 1, "offer": 1})
    after = (AuditEntry.objects.count(), Event.objects.count(), NationalReport.objects.count())
    assert before == after


# -- the helpers themselves -------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("", None), ("0", 0), ("2147483647", 2147483647), (" 42 ", 42)])
def test_integer_within_bounds(value, expected):
    assert params.integer({"n": value}, "n") == expected


@pytest.mark.parametrize("value", ["-1", "2147483648", "1e3", "0x10", "+5", "٣", "9" * 40, "1.0"])
def test_integer_out_of_bounds_or_not_a_number(value):
    with pytest.raises(params.BadParameter) as refused:
        params.integer({"n": value}, "n")
    assert refused.value.name == "n" and "n:" in refused.value.message


def test_years_dates_and_choices():
    assert params.year({"year": "1900"}) == 1900 and params.year({"year": "2100"}) == 2100
    for bad in ("1899", "2101", "20x4", "99999999999"):
        with pytest.raises(params.BadParameter):
            params.year({"year": bad})
    assert params.date({"d": "2014-03-31"}, "d").isoformat() == "2014-03-31"
    for bad in ("2014-02-30", "31/03/2014", "0001-01-01", "9999-12-31", "2014-3-1"):
        with pytest.raises(params.BadParameter):
            params.date({"d": bad}, "d")
    assert params.choice({"k": "a"}, "k", ["a", "b"]) == "a"
    with pytest.raises(params.BadParameter):
        params.choice({"k": "c"}, "k", ["a", "b"])
    with pytest.raises(params.BadParameter):
        params.text({"q": "a\x00b"}, "q")
    assert params.text({"q": "a\nb"}, "q", multiline=True) == "a\nb"


def test_no_view_reads_a_query_parameter_around_the_helpers():
    """Every query parameter goes through core.params: a new view reading request.GET or
    query_params directly would skip the bounds (and bring the 500s back)."""
    import re
    from pathlib import Path

    package = Path(params.__file__).resolve().parents[1]
    direct = re.compile(r"\.(GET|query_params)\s*(\.get\(|\[|\.getlist\()")
    allowed = {package / "core" / "params.py", package / "core" / "middleware.py"}
    found = [f"{path.relative_to(package)}:{n}" for path in package.rglob("*.py")
             if path not in allowed
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if direct.search(line)]
    assert found == []


def test_a_refusal_at_the_edge_answers_in_the_language_asked_for(client):
    response = client.get("/states/?q=%00", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400 and '<html lang="fr"' in response.content.decode()
    response = client.get("/ru/states/?status=nope")
    assert response.status_code == 400 and '<html lang="ru"' in response.content.decode()
