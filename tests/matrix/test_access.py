"""Who sees which version, on pages and through the API; query counts that do not grow."""

import datetime as dt

import pytest

from clearinghouse.matrix import actions
from clearinghouse.matrix.models import Cell, MatrixVersion
from clearinghouse.registry.models import State
from tests.conftest import revision_of

pytestmark = pytest.mark.django_db

PERSONAS = ["expert", "committee", "state_poc", "provider_poc", "public"]
OPEN = dict.fromkeys(PERSONAS, 200)
HIDDEN_DRAFT = {"expert": 200, "committee": 200, "state_poc": 404, "provider_poc": 404, "public": 404}
OWN_DRAFT = {"expert": 200, "committee": 200, "state_poc": 200, "provider_poc": 404, "public": 404}

PAGES = {
    "/matrix/": OPEN,
    "/matrix/template/": OPEN,
    "/matrix/template/?export=csv": OPEN,
    "/matrix/KAZ/": OPEN,
    "/matrix/kaz/?version=1": OPEN,
    "/matrix/KAZ/?version=2": OWN_DRAFT,
    "/matrix/KAZ/?version=abc": dict.fromkeys(PERSONAS, 400),
    "/matrix/KAZ/?version=99": dict.fromkeys(PERSONAS, 404),
    "/matrix/KAZ/?version=1&export=xlsx": OPEN,
    "/matrix/KAZ/diff/?from=1&to=2": OWN_DRAFT,
    "/matrix/KAZ/diff/?from=1&to=1": OPEN,
    "/matrix/UZB/?version=1": HIDDEN_DRAFT,
    "/matrix/TKM/?version=1": {**HIDDEN_DRAFT, "state_poc": 404},
    "/matrix/QQQ/": dict.fromkeys(PERSONAS, 404),
    "/api/matrices/": OPEN,
    "/api/matrices/KAZ/": OPEN,
    "/api/matrices/UZB/": HIDDEN_DRAFT,
    "/api/matrix-versions/?state=KAZ": OPEN,
    "/api/matrix-counts/?subregion=Central+Asia": OPEN,
    "/api/matrix-template/": OPEN,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", list(PAGES))
def test_access_checklist(matrices, client_for, persona, path):
    response = client_for(persona).get(path)
    assert response.status_code == PAGES[path][persona], (path, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_what_each_role_sees_of_the_versions(matrices, client_for, persona):
    client = client_for(persona)
    html = client.get("/matrix/KAZ/").content.decode()
    api = client.get("/api/matrix-versions/").json()
    seen = {(v["state"], v["number"], v["status"]) for v in (api["results"] if "results" in api else api)}
    uzb_page = client.get("/matrix/UZB/").content.decode()
    if persona in ("expert", "committee"):
        assert seen == {("KAZ", 1, "published"), ("KAZ", 2, "draft"), ("UZB", 1, "draft"),
                        ("TKM", 1, "approved")}
        assert "KAZ DRAFT REMARK" in html and "UZB DRAFT SOURCE" in uzb_page
    elif persona == "state_poc":  # bound to KAZ: its own drafts, nobody else's
        assert seen == {("KAZ", 1, "published"), ("KAZ", 2, "draft")}
        assert "KAZ DRAFT REMARK" in html and "UZB DRAFT SOURCE" not in uzb_page
    else:
        assert seen == {("KAZ", 1, "published")}
        assert "KAZ DRAFT REMARK" not in html and "draft" not in html.lower()
        assert "UZB DRAFT SOURCE" not in uzb_page


def test_the_api_nests_cells_with_the_same_scoping(matrices, client_for):
    draft = matrices["kaz2"]
    assert client_for("public").get(f"/api/matrix-versions/{draft.pk}/").status_code == 404
    data = client_for("state_poc").get(f"/api/matrix-versions/{draft.pk}/").json()
    cells = {(c["field"], c["dimension"]): c["value"] for c in data["cells"]}
    assert cells[("OP2.NW.01", "enforcement")] == "X" and ("OP3CD.CW.05", "legal") not in cells
    counts = client_for("public").get("/api/matrix-counts/?subregion=Central+Asia").json()
    assert [s["state"] for s in counts["states"]] == ["KAZ"]
    assert "not a compliance assessment" in counts["caveat"]
    matrix = client_for("public").get("/api/matrices/KAZ/").json()
    assert [v["number"] for v in matrix["versions"]] == [1]


def test_a_state_poc_of_another_state_does_not_see_kaz_drafts(matrices, uzb_poc, client):
    client.force_login(uzb_poc)
    assert client.get("/matrix/KAZ/?version=2").status_code == 404
    assert client.get("/matrix/UZB/?version=1").status_code == 200
    assert Cell.objects.visible_to(uzb_poc).filter(version=matrices["kaz2"]).count() == 0


@pytest.mark.parametrize("persona,allowed", [("expert", True), ("committee", False), ("state_poc", False),
                                             ("provider_poc", False), ("public", False)])
def test_recording_the_committees_approval_posts_for_experts_only(matrices, client_for, persona,
                                                                  allowed):
    """A single Committee member cannot approve: the Chair's office or the experts record the
    Committee's decision (tests/matrix/test_decision.py for the Chair's office)."""
    response = client_for(persona).post("/matrix/KAZ/v2/approve/", {
        "approved_on": "2024-03-01", "decision_procedure": "meeting",
        "decision_reference": "1540/SR.120"})
    status = MatrixVersion.objects.get(pk=matrices["kaz2"].pk).status
    assert status == ("approved" if allowed else "draft")
    assert response.status_code == (302 if allowed else 403)


def test_workflow_pages_refuse_bad_input_without_error(matrices, client_for):
    expert = client_for("expert")
    assert expert.get("/matrix/KAZ/v2/cell/").status_code == 405
    draft = revision_of(matrices["kaz2"])
    response = expert.post("/matrix/KAZ/v2/cell/", {"field": "NOPE", "dimension": "legal", "value": "X",
                                                    "revision": draft}, follow=True)
    assert response.status_code == 200 and "Unknown field code" in response.content.decode()
    response = expert.post("/matrix/KAZ/v1/cell/", {"field": "OP1.NPT", "dimension": "single", "value": "NA",
                                                    "revision": revision_of(matrices["kaz1"])},
                           follow=True)
    assert "immutable" in response.content.decode()
    assert expert.post("/matrix/KAZ/v9/cell/", {"field": "OP1.NPT"}).status_code == 404
    response = expert.post("/matrix/KAZ/v2/approve/", {"approved_on": "2024-13-45"}, follow=True)
    assert "is not a date" in response.content.decode()
    response = expert.post("/matrix/KAZ/v2/cell/", {"field": "OP3AB.BW.14", "dimension": "legal"},
                           follow=True)  # a page without the draft's revision (an old page)
    assert "does not say which revision" in response.content.decode()
    expert.post("/matrix/KAZ/v2/cell/", {"field": "OP3AB.BW.14", "dimension": "legal", "value": "X",
                                          "source": "Biosafety Act, art. 9", "revision": draft})
    assert Cell.objects.filter(version=matrices["kaz2"], field__code="OP3AB.BW.14", value="X").exists()


def _add_versions(expert, committee, state, n, fields):
    for _ in range(n):
        version = actions.start_version(expert, state)
        for code in fields:
            actions.set_cell(expert, version, code, "legal", "X", "source")
        actions.approve(committee, version, dt.date(2024, 1, 1), reference="1540/SR.1")
        actions.publish(expert, version)


def test_matrix_page_queries_do_not_grow_with_versions_or_cells(matrices, personas, client_for,
                                                                django_assert_max_num_queries):
    client = client_for("state_poc")
    client.get("/matrix/KAZ/")  # warm the template cache and the session
    with django_assert_max_num_queries(12) as small:
        assert client.get("/matrix/KAZ/").status_code == 200
    with django_assert_max_num_queries(60) as state_page:
        assert client.get("/states/KAZ/").status_code == 200
    kaz = State.objects.get(iso3="KAZ")
    actions.approve(personas["expert"], matrices["kaz2"], dt.date(2024, 1, 1), reference="1540/SR.1")
    actions.publish(personas["expert"], matrices["kaz2"])
    _add_versions(personas["expert"], personas["expert"], kaz, 5,
                  ["OP2.NW.02", "OP2.CW.03", "OP3AB.NW.01", "OP3CD.BW.20", "OP3CD.NW.24"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/matrix/KAZ/").status_code == 200
    with django_assert_max_num_queries(len(state_page.captured_queries)):
        assert client.get("/states/KAZ/").status_code == 200


def test_admin_keeps_approved_versions_read_only(matrices, client_for):
    expert = client_for("expert")
    assert expert.get("/admin/matrix/matrixversion/").status_code == 200
    approved, draft = matrices["kaz1"], matrices["kaz2"]
    assert expert.get(f"/admin/matrix/matrixversion/{draft.pk}/change/").status_code == 200
    response = expert.post(f"/admin/matrix/matrixversion/{approved.pk}/change/",
                           {"report_date": "2020-01-01", "addenda_dates": "[]"})
    assert response.status_code == 403
    approved.refresh_from_db()
    assert str(approved.report_date) == "2004-10-28"
    for persona in ("committee", "state_poc", "public"):
        assert client_for(persona).get("/admin/matrix/cell/").status_code == 302
