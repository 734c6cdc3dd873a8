"""A State's point of contact reads its matrix's draft under review on a phone, in Arabic too,
and answers with comments; the page never scrolls sideways."""

import datetime as dt

import pytest

from clearinghouse.matrix import actions
from clearinghouse.matrix.models import Review
from clearinghouse.registry.models import State
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_state_reads_the_draft_and_answers_on_a_phone(page, login):
    from clearinghouse.accounts.models import Role

    kaz = State.objects.get(iso3="KAZ")
    expert = make_user("review-expert", Role.EXPERT)
    make_user("review-kaz", Role.STATE_POC, state=kaz)
    version = actions.start_version(expert, kaz, report_date=dt.date(2004, 10, 28))
    actions.set_cell(expert, version, "OP2.NW.01", "legal", "X", "Criminal Code, art. 283",
                     "a remark long enough to wrap on a small screen, with a long source")
    actions.send_for_review(expert, version)
    page.set_viewport_size({"width": 390, "height": 844})
    login("review-kaz", PASSWORD)
    for prefix in ("/ar", ""):
        page.goto(f"{page.base_url}{prefix}/matrix/KAZ/v1/review/")
        assert page.locator("#review-answer").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, prefix
    page.check("input[name=answer][value=comments]")
    page.fill("textarea[name=comments]", "OP2.NW.01: see the amendment of 2025.")
    page.click("#review-answer button[type=submit]")
    page.wait_for_selector("td[data-answer=comments]")
    assert page.locator("#review-answer").count() == 0
    assert Review.objects.get().comments == "OP2.NW.01: see the amendment of 2025."
