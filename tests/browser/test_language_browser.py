"""End to end in headless Chromium: the reader's language is kept (issue 9).

A person switches to French on a State page, follows links (the addresses carry /fr/), signs
out and in again on a browser that has forgotten everything: the profile brings French back.
Arabic pages are right to left with no horizontal overflow on a desktop screen.
"""

import datetime as dt
import re

import pytest

from clearinghouse.accounts.models import Role, User
from clearinghouse.registry.models import State
from clearinghouse.reporting.models import NationalReport
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_french_is_kept_across_links_and_signing_in_again(page, login, reference_data):
    make_user("poc-kaz-lang", Role.STATE_POC, state=State.objects.get(iso3="KAZ"))
    login("poc-kaz-lang", PASSWORD)
    page.goto(page.base_url + "/states/KAZ/")
    assert html_lang(page) == "en"
    with page.expect_navigation():
        page.select_option("#language", "fr")
    assert page.url == page.base_url + "/fr/states/KAZ/" and html_lang(page) == "fr"
    assert "2 mars 1992" in page.content()  # admitted to the UN, written the French way
    assert User.objects.get(username="poc-kaz-lang").language == "fr"
    page.click('nav a[href="/fr/states/"]')
    page.wait_for_url("**/fr/states/")
    page.locator('table a[href^="/fr/states/"]').first.click()
    page.wait_for_url(re.compile(r".*/fr/states/[A-Z]{3}/$"))
    assert html_lang(page) == "fr"
    # Signed out, then on a browser with no cookie at all: signing in brings French back.
    page.click('form[action="/accounts/logout/"] button')
    page.context.clear_cookies()
    page.goto(page.base_url + "/states/")
    assert html_lang(page) == "en"  # an English browser, no cookie: English
    login("poc-kaz-lang", PASSWORD)
    page.wait_for_url(re.compile(r".*/fr/my/$"))  # the start page, in French
    assert html_lang(page) == "fr"
    page.goto(page.base_url + "/states/KAZ/")  # an unprefixed address leads to French
    assert page.url == page.base_url + "/fr/states/KAZ/"


def test_a_first_visit_follows_the_browsers_language(browser, live_server, reference_data):
    context = browser.new_context(locale="es-ES")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/states/KAZ/")
        assert page.url == live_server.url + "/es/states/KAZ/"
        assert html_lang(page) == "es" and "2 de marzo de 1992" in page.content()
    finally:
        context.close()


@pytest.fixture
def records(reference_data):
    from tests.outreach.conftest import make_event

    for i, iso3 in enumerate(["KAZ", "FRA", "MEX", "EGY", "CHN", "RUS", "BRA"]):
        NationalReport.objects.create(state=State.objects.get(iso3=iso3), kind="first",
                                      submitted_on=dt.date(2005 + i, 3, 1), status="published")
    make_event("published")
    make_event("published", title="Second workshop", start=dt.date(2018, 4, 2))


@pytest.mark.parametrize("path", ["/ar/", "/ar/states/", "/ar/states/KAZ/", "/ar/organisations/OSCE/",
                                  "/ar/reporting/status/?as_of=2014-03-31", "/ar/reports/",
                                  "/ar/events/", "/ar/events/statistics/", "/ar/assistance/",
                                  "/ar/assistance/statistics/"])
def test_arabic_pages_are_right_to_left_without_horizontal_overflow(page, records, path, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 800})
    response = page.goto(page.base_url + path)
    assert response.status == 200
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The skip link's own fix (left: -999px) is another branch's (12p): measure without it.
    page.evaluate("document.querySelector('.skip') && document.querySelector('.skip').remove()")
    wide = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && (r.right > width + 1 || r.left < -1);
        }).map(e => e.tagName + '.' + e.className).slice(0, 5);
    }""")
    assert wide == [], wide
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    brand = page.locator("a.brand").bounding_box()
    assert brand["x"] > 640  # the site's name starts on the right
    cells = page.locator("table th")
    if cells.count():
        assert cells.first.evaluate("e => getComputedStyle(e).textAlign") in ("start", "right")
    # Charts are drawn left to right: a label anchored at its end ends at its x (not over a bar).
    misplaced = page.evaluate("""() => [...document.querySelectorAll('svg text[text-anchor=end]')]
        .filter(t => { const b = t.getBBox(); return b.x + b.width > Number(t.getAttribute('x')) + 1; })
        .map(t => t.textContent)""")
    assert misplaced == [], misplaced
    if path.startswith(("/ar/reporting/", "/ar/events/statistics/")):
        assert page.locator("svg rect").count() >= 2
    page.screenshot(path=str(tmp_path / "arabic.png"), full_page=True)
