"""The same access checklist for every page and endpoint, for each role.

Expected status per persona; "public" is an anonymous visitor.
"""

import pytest

from clearinghouse.accounts.models import User
from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import State

pytestmark = pytest.mark.django_db

PERSONAS = ["expert", "committee", "state_poc", "provider_poc", "public"]
OPEN = dict.fromkeys(PERSONAS, 200)
STAFF_ONLY = {"expert": 200, "committee": 200, "state_poc": 403, "provider_poc": 403, "public": 403}
EXPERTS_ONLY_ADMIN = {"expert": 200, "committee": 302, "state_poc": 302, "provider_poc": 302, "public": 302}

PAGES = {
    "/": OPEN,
    "/states/": OPEN,
    "/states/?region=Asia&subregion=Central+Asia&organisation=OSCE&q=kaz": OPEN,
    "/states/KAZ/": OPEN,
    "/states/PSE/": OPEN,
    "/organisations/": OPEN,
    "/organisations/OSCE/": OPEN,
    "/resolve/?names=Korea%0AKosovo": OPEN,
    "/audit/": STAFF_ONLY,
    "/admin/": EXPERTS_ONLY_ADMIN,
    "/admin/registry/state/": EXPERTS_ONLY_ADMIN,
    "/api/": OPEN,
    "/api/schema/": OPEN,
    "/api/docs/": OPEN,
    "/api/states/": OPEN,
    "/api/states/KAZ/": OPEN,
    "/api/organisations/": OPEN,
    "/api/organisations/OSCE/": OPEN,
    "/api/resolve/?name=Korea": OPEN,
    "/api/audit/": {**STAFF_ONLY, "public": 403},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", list(PAGES))
def test_access_checklist(client_for, persona, path):
    response = client_for(persona).get(path)
    assert response.status_code == PAGES[path][persona], (path, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_unknown_addresses_are_404_not_500(client_for, persona):
    client = client_for(persona)
    for path in ["/states/XXX/", "/states/ÄÖÜ/", "/organisations/NOPE/", "/api/states/QQQ/",
                 "/api/organisations/NOPE/", "/nowhere/"]:
        assert client.get(path).status_code == 404, path


def test_bad_input_is_400_with_a_message(client):
    response = client.get("/api/resolve/")
    assert response.status_code == 400
    assert "name" in response.json()
    too_many = "&".join(f"name=x{i}" for i in range(201))
    assert client.get(f"/api/resolve/?{too_many}").status_code == 400


@pytest.mark.parametrize("persona", PERSONAS)
def test_audit_scope(personas, persona):
    from django.db import transaction

    from clearinghouse.audit.log import record

    with transaction.atomic():
        record("tests", "registry.test", State.objects.get(iso3="KAZ"), {"x": 1})
    visible = AuditEntry.objects.visible_to(personas[persona])
    if persona in ("expert", "committee"):
        assert visible.filter(action="registry.test").exists()
    else:
        assert not visible.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_user_scope(personas, persona):
    visible = set(User.objects.visible_to(personas[persona]).values_list("username", flat=True))
    if persona == "expert":
        assert visible == {u.username for u in User.objects.all()}
    elif persona == "public":
        assert visible == set()
    else:
        assert visible == {personas[persona].username}


def test_audit_page_lists_entries_for_staff_only(client_for):
    from django.db import transaction

    from clearinghouse.audit.log import record

    with transaction.atomic():
        record("tests", "registry.marker", None, {}, label="visible-marker")
    assert b"visible-marker" in client_for("committee").get("/audit/").content
    assert b"visible-marker" not in client_for("state_poc").get("/audit/").content


def test_navigation_shows_only_what_the_role_may_use(client_for):
    assert b'href="/audit/"' in client_for("expert").get("/").content
    assert b'href="/admin/"' in client_for("expert").get("/").content
    assert b'href="/audit/"' not in client_for("public").get("/").content
    assert b'href="/admin/"' not in client_for("committee").get("/").content


def test_server_error_page_needs_no_database(rf):
    from clearinghouse.core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_former_names_are_explained(client):
    data = client.get("/api/resolve/?name=Swaziland").json()[0]
    assert data["match"]["code"] == "SWZ"
    assert data["note"] == '"Swaziland" is a former name of Eswatini'


ADMIN_PAGES = [
    "/admin/assistance/request/", "/admin/assistance/request/add/", "/admin/assistance/offer/add/",
    "/admin/assistance/match/", "/admin/outreach/event/", "/admin/outreach/event/add/",
    "/admin/reporting/nationalreport/", "/admin/matrix/matrixversion/",
    "/admin/accounts/user/", "/admin/accounts/user/add/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_every_domain_has_data_entry_for_experts_only(client_for, path):
    assert client_for("expert").get(path).status_code == 200
    assert client_for("committee").get(path).status_code == 302
