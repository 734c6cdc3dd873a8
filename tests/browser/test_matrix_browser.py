"""End to end in headless Chromium: a State's matrix, switching versions, the differences."""

import datetime as dt

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.matrix import actions
from clearinghouse.registry.models import State
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kaz_matrix(reference_data):
    kaz = State.objects.get(iso3="KAZ")
    expert = make_user("expert-b", Role.EXPERT)
    committee = make_user("committee-b", Role.COMMITTEE, chair_office=True)
    make_user("poc-kaz-b", Role.STATE_POC, state=kaz)
    v1 = actions.start_version(expert, kaz, report_date=dt.date(2004, 10, 28))
    actions.set_cell(expert, v1, "OP1.NPT", "single", "X", "Ratified 1994-02-14")
    actions.set_cell(expert, v1, "OP2.NW.01", "legal", "X", "Criminal Code, art. 283")
    actions.approve(committee, v1, dt.date(2008, 6, 1), reference="1540/SR.1")
    actions.publish(expert, v1)
    v2 = actions.start_version(expert, kaz)
    actions.set_cell(expert, v2, "OP2.NW.01", "enforcement", "X", "Criminal Code, art. 283-1")
    actions.set_cell(expert, v2, "OP2.CW.11", "legal", "?", "", "DRAFT REMARK")
    return v1, v2


def test_state_poc_switches_versions_and_sees_the_differences(page, login, kaz_matrix, tmp_path):
    login("poc-kaz-b", PASSWORD)
    page.goto(page.base_url + "/matrix/KAZ/")
    assert "1540 Matrix of Kazakhstan" in page.locator("h1").inner_text()
    assert "DRAFT REMARK" in page.content()  # the latest version is the draft, reviewed with the State
    assert page.locator("text=not a compliance assessment").count() >= 1
    page.select_option("#version-select", "1")
    page.click(".version-bar button[type=submit]")
    page.wait_for_url("**/matrix/KAZ/?version=1")
    assert "DRAFT REMARK" not in page.content()
    assert page.locator("th#sec-OP2, h2#sec-OP2").inner_text().startswith("Operative paragraph 2")
    page.select_option("#version-select", "2")
    page.click(".version-bar button[type=submit]")
    page.click("#diff-link")
    page.wait_for_url("**/matrix/KAZ/diff/?from=1&to=2")
    assert "2 cells added, 0 changed, 0 removed." in page.locator("#diff-summary").inner_text()
    added = page.locator("#diff-table tr.diff-added")
    assert added.count() == 2
    assert "OP2.NW.01" in added.first.inner_text()
    page.screenshot(path=str(tmp_path / "diff.png"), full_page=True)


def test_the_public_sees_the_published_version_only(page, kaz_matrix):
    page.goto(page.base_url + "/matrix/KAZ/")
    assert "DRAFT REMARK" not in page.content()
    options = page.locator("#version-select option")
    assert options.count() == 1 and options.first.inner_text().startswith("1")
    assert page.locator("#diff-link").count() == 0
