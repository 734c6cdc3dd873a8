"""Arabic and Chinese pages as their readers see them (issue 9), in headless Chromium.

For each of the two languages whose script the test machine may have no font for: the home
page, a State page, a published request and an event, at desktop and phone width. Each page is
in its language and direction, has no horizontal overflow, draws its charts with visible bars,
and draws its Arabic or Chinese characters with a real font: this machine has no CJK font at all
(so before the shipped web fonts, Chinese came out as empty boxes), so the page must have loaded
the platform's own last-resort font for that script. Screenshots are written for a person to
look at (``--basetemp`` keeps them).
"""

import datetime as dt

import pytest

from clearinghouse.assistance import actions
from clearinghouse.assistance.models import Consent
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting.models import NationalReport
from tests.assistance.factories import circulated_request
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FONT = {"ar": "CH Arabic", "zh-hans": "CH Chinese"}
SCRIPT = {"ar": "[\u0600-\u06ff]", "zh-hans": "[\u4e00-\u9fff]"}


@pytest.fixture
def paths(reference_data):
    from clearinghouse.accounts.models import Role
    from tests.outreach.conftest import make_event

    for i, iso3 in enumerate(["KAZ", "FRA", "MEX", "EGY", "CHN", "RUS", "BRA"]):
        NationalReport.objects.create(state=State.objects.get(iso3=iso3), kind="first",
                                      submitted_on=dt.date(2005 + i, 3, 1), status="published")
    expert = make_user("expert-scripts", Role.EXPERT)
    req = circulated_request(expert, State.objects.get(iso3="KAZ"),
                             [Organisation.objects.get(code="OSCE")],
                             summary="Export licensing training (illustrative)")
    actions.answer_publication(req, expert, Consent.CONSENTED)
    event = make_event("published")
    return {"home": "/", "state": "/states/KAZ/", "request": req.get_absolute_url(),
            "event": event.get_absolute_url()}


@pytest.mark.parametrize("language", ["ar", "zh-hans"])
@pytest.mark.parametrize("width", [1280, 390])
def test_arabic_and_chinese_pages_read_well(page, paths, language, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in paths.items():
        response = page.goto(f"{page.base_url}/{language}{path}")
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.lang") == language
        direction = "rtl" if language == "ar" else "ltr"
        assert page.evaluate("getComputedStyle(document.body).direction") == direction, path
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"), (
            path, page.evaluate("document.documentElement.scrollWidth"))
        text = page.inner_text("main")
        letters = page.evaluate(f"t => (t.match(/{SCRIPT[language]}/g) || []).length", text)
        assert letters > 20, (path, letters)  # the page is written in the language's script
        page.evaluate("document.fonts.ready")
        loaded = page.evaluate("""family => [...document.fonts]
            .filter(f => f.family.replace(/"/g, '') === family).map(f => f.status)""",
                               FONT[language])
        assert "loaded" in loaded, (path, loaded)  # its characters drawn with a real font
        if name == "home":
            bars = page.evaluate("""() => [...document.querySelectorAll('svg rect')]
                .filter(r => r.getBoundingClientRect().height > 1).length""")
            assert bars >= 2, bars
        page.screenshot(path=str(tmp_path / f"{language}-{name}-{width}.png"), full_page=True)
