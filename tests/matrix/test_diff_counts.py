"""The difference between two versions, and counts of fields with measures across States."""

import datetime as dt

import pytest

from clearinghouse.matrix import actions, diff, queries
from clearinghouse.registry.models import State

pytestmark = pytest.mark.django_db


def test_diff_classifies_added_changed_removed_in_template_order():
    before = {("OP1.NPT", "single"): ("X", "1994", ""), ("OP2.NW.01", "legal"): ("X", "CC 283", ""),
              ("OP2.NW.02", "legal"): ("?", "", ""), ("OP2.NW.03", "legal"): ("", "", "")}
    after = {("OP1.NPT", "single"): ("X", "1994", ""), ("OP2.NW.01", "legal"): ("X", "CC 283-1", ""),
             ("OP3CD.BW.01", "enforcement"): ("X", "Customs code", ""), ("OP2.NW.03", "legal"): ("", "", "")}
    order = {"OP1.NPT": 0, "OP2.NW.01": 1, "OP2.NW.02": 2, "OP2.NW.03": 3, "OP3CD.BW.01": 4}
    changes = diff.diff(before, after, order)
    assert [(c.kind, c.code) for c in changes] == [
        ("changed", "OP2.NW.01"), ("removed", "OP2.NW.02"), ("added", "OP3CD.BW.01")]
    assert changes[0].what == ["source"]
    assert diff.summary(changes) == {"added": 1, "changed": 1, "removed": 1}
    assert diff.diff(after, after) == []


def test_diff_page_shows_the_changes_between_versions(matrices, client_for):
    response = client_for("expert").get("/matrix/KAZ/diff/?from=1&to=2")
    assert response.status_code == 200
    rows = {(c.kind, c.code, c.dimension) for c, _f in response.context["rows"]}
    assert rows == {("changed", "OP2.NW.01", "enforcement"), ("removed", "OP3CD.CW.05", "legal"),
                    ("added", "OP2.BW.11", "legal"), ("changed", "OP1.NPT", "single")}
    html = response.content.decode()
    assert 'class="diff-removed"' in html and 'class="diff-added"' in html
    assert "1 cells added, 2 changed, 1 removed." in html
    csv = client_for("expert").get("/matrix/KAZ/diff/?from=1&to=2&export=csv").content.decode("utf-8-sig")
    assert "removed,OP3CD.CW.05" in csv


def test_counts_across_a_region_and_an_organisation(matrices, personas):
    expert = personas["expert"]
    latest = queries.latest_versions(expert, {"subregion": "Central Asia"})
    by_state = {r["matrix__state__iso3"]: r for r in latest}
    assert set(by_state) == {"KAZ", "UZB", "TKM"}
    assert by_state["KAZ"]["number"] == 2 and by_state["KAZ"]["measures_total"] == 4
    dist = {d["code"]: d for d in queries.distribution(queries.layout(), latest)}
    assert dist["ALL"]["states"] == 3 and dist["ALL"]["average"] == 2.0  # (4 + 1 + 1) / 3
    assert dist["OP2"]["max"] == 3 and dist["OP2"]["min"] == 0
    assert sum(b["states"] for b in dist["OP1"]["buckets"]) == 3
    # The public sees only published versions: KAZ version 1 alone.
    public = queries.latest_versions(None, {"organisation": "CIS"})
    assert [(r["matrix__state__iso3"], r["number"]) for r in public] == [("KAZ", 1)]
    assert queries.latest_versions(expert, {"region": "Africa"}) == []


def test_trend_by_year_of_approval(matrices, personas, committee):
    actions.approve(committee, matrices["kaz2"], dt.date(2011, 9, 1), reference="1540/SR.1")
    trend = queries.trend_by_year(personas["expert"], {})
    assert [(t["year"], t["versions"], t["average"]) for t in trend] == [(2008, 1, 3.0), (2011, 2, 2.5)]
    assert queries.trend_by_year(None, {}) == [
        {"year": 2008, "versions": 1, "average": 3.0, "share": 100}]


def test_overview_page_says_it_is_not_a_score(matrices, client_for):
    response = client_for("public").get("/matrix/?subregion=Central+Asia")
    html = response.content.decode()
    assert response.status_code == 200
    assert "not a compliance assessment" in html
    assert "score" not in html.lower().replace("not scores", "")
    assert "Fields with measures recorded" in html
    for table in ("states", "sections", "trend"):
        for fmt in ("csv", "xlsx", "json"):
            r = client_for("public").get(f"/matrix/?subregion=Central+Asia&export={fmt}&table={table}")
            assert r.status_code == 200, (table, fmt)
    data = client_for("public").get("/matrix/?export=json&table=states").json()
    assert [row["state"] for row in data["rows"]] == ["KAZ"]


def test_state_panel_shows_the_latest_visible_version(matrices, client_for):
    html = client_for("public").get("/states/KAZ/").content.decode()
    assert "1540 Matrix" in html and "Version 1 (published)" in html
    html = client_for("state_poc").get("/states/KAZ/").content.decode()
    assert "Version 2 (draft)" in html
    html = client_for("public").get("/states/UZB/").content.decode()
    assert "No matrix version is available." in html
    assert State.objects.get(iso3="UZB").matrix.versions.count() == 1
