"""End to end in headless Chromium: home page, search for a State, land on its page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_from_home_page_lands_on_the_state(page, tmp_path):
    page.goto(page.base_url + "/")
    assert "1540 Clearinghouse" in page.title()
    page.fill("#home-search", "Turk- menistan")
    page.keyboard.press("Enter")
    page.wait_for_url("**/states/?q=*")
    page.get_by_role("link", name="Turkmenistan").click()
    page.wait_for_url("**/states/TKM/")
    assert page.locator("h1").inner_text() == "Turkmenistan"
    assert "Central Asia" in page.content()
    page.screenshot(path=str(tmp_path / "state.png"), full_page=True)


def test_filter_states_by_subregion_and_organisation(page):
    page.goto(page.base_url + "/states/")
    page.select_option("select[name=subregion]", "Central Asia")
    page.select_option("select[name=organisation]", "CIS")
    page.click("form.filters button[type=submit]")
    rows = page.locator("table tbody tr")
    names = sorted(rows.nth(i).locator("td").first.inner_text() for i in range(rows.count()))
    assert names == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"]


def test_language_switcher_shows_state_names_in_russian(page):
    page.goto(page.base_url + "/states/KAZ/")
    with page.expect_navigation():
        page.select_option("#language", "ru")
    assert page.locator("h1").inner_text() == "Казахстан"
    with page.expect_navigation():
        page.select_option("#language", "en")
    assert page.locator("h1").inner_text() == "Kazakhstan"


def test_organisation_page_lists_members_with_dates(page):
    page.goto(page.base_url + "/organisations/OSCE/")
    heading = page.locator("h2", has_text="Member States").first.inner_text()
    assert "(57)" in heading


def test_api_docs_render_offline(page):
    page.goto(page.base_url + "/api/docs/")
    page.wait_for_selector("text=1540 Clearinghouse API")
    assert page.locator(".opblock").count() > 3
