"""API content and the committed OpenAPI schema."""

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).parents[1] / "docs" / "api" / "openapi.yaml"


def test_committed_schema_matches_the_code(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(out), "--validate", "--fail-on-warn")
    committed = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    generated = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert committed == generated, "docs/api/openapi.yaml is stale: run `make schema`"


def test_states_filtered_by_subregion(client):
    data = client.get("/api/states/?subregion=Central+Asia").json()
    assert data["count"] == 5
    assert {s["iso3"] for s in data["results"]} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def test_states_filtered_by_organisation_and_name(client):
    data = client.get("/api/states/?organisation=CIS&q=Kyrgyz").json()
    assert [s["iso3"] for s in data["results"]] == ["KGZ"]


def test_state_detail_has_names_and_memberships(client):
    data = client.get("/api/states/kaz/").json()
    assert data["iso3"] == "KAZ" and data["admitted"] == "1992-03-02"
    assert {n["language"] for n in data["names"]} == {"ar", "zh", "en", "fr", "ru", "es"}
    assert {"OSCE", "CIS", "SCO", "CSTO", "CICA"} <= {m["organisation"] for m in data["memberships"]}


def test_organisation_detail_lists_members_with_dates(client):
    data = client.get("/api/organisations/EU/").json()
    members = {m["state"]: m for m in data["members"]}
    assert members["GBR"]["left"] == "2020-01-31"
    assert len([m for m in data["members"] if m["left"] is None]) == 27


def test_resolve_endpoint(client):
    data = client.get("/api/resolve/?name=Korea&name=Turk-+menistan&name=Kosovo").json()
    assert data[0]["ambiguous"] and data[0]["match"] is None
    assert data[1]["match"]["code"] == "TKM"
    assert data[2]["non_member"]


def test_api_writes_are_refused(client_for):
    response = client_for("expert").post("/api/states/", {"iso3": "XXX"})
    assert response.status_code in (403, 405)


def test_the_format_suffix_works_on_every_endpoint_not_a_500(client_for):
    """DRF's router adds ".json" to every route; the views written as plain functions once
    refused the "format" argument it passes (a 500). Found by tests/test_confidentiality.py."""
    from clearinghouse.outreach.models import Event

    event = Event.objects.create(title="Published seminar", status="published")
    client = client_for("expert")
    for url in ["/api/reporting-status.json", "/api/assistance/statistics.json",
                "/api/matrix-counts.json", "/api/matrix-template.json",
                "/api/events/statistics.json", f"/api/events/{event.pk}/note/md.json"]:
        assert client.get(url).status_code == 200, url
    assert client.post("/api/reports/999/publish.json").status_code == 404
    assert client.post("/api/assistance/matches/999/accept.json").status_code in (403, 404)
