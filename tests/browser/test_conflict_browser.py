"""End to end in headless Chromium: two people edit the same offer in two browsers; the
second to save gets the conflict page, with both versions, and keeps their input."""

from urllib.parse import urlparse

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.assistance.models import Offer
from clearinghouse.registry.models import Organisation
from tests.assistance.factories import offer
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_page(browser, live_server):
    """A second browser (its own cookies), as offline as the first."""
    context = browser.new_context(locale="en-GB")
    host = urlparse(live_server.url).netloc
    blocked = []

    def guard(route):
        if urlparse(route.request.url).netloc == host:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()
    assert not blocked, blocked


def _sign_in(page, username):
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_the_second_editor_sees_the_conflict_page(page, second_page, tmp_path):
    expert = make_user("expert-c", Role.EXPERT)
    osce = Organisation.objects.get(code="OSCE")
    make_user("provider-c", Role.PROVIDER_POC, organisation=osce)
    made = offer(expert, osce, title="OSCE export control training", eligibility=["OSCE"])
    edit = f"/assistance/offers/{made.pk}/edit/"

    _sign_in(page, "provider-c")
    _sign_in(second_page, "expert-c")
    page.goto(page.base_url + edit)  # both open the form
    second_page.goto(second_page.base_url + edit)

    page.fill("#id_capacity", "4")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "saved" in page.locator(".messages").inner_text()

    second_page.fill("#id_contact", "training@example.org")
    second_page.get_by_role("button", name="Save").click()
    second_page.wait_for_load_state()
    panel = second_page.locator("#conflict")
    assert "Someone else changed this record after you opened it" in panel.inner_text()
    assert "It was changed by provider-c at" in panel.inner_text()
    differs = panel.locator("tr.differs th").all_inner_texts()
    assert differs == ["Capacity", "Contact"]
    capacity = panel.locator("tr.differs", has_text="Capacity")
    assert capacity.locator("td.mine").inner_text() == "1"
    assert capacity.locator("td.stored").inner_text() == "4"
    assert second_page.input_value("#id_contact") == "training@example.org"  # input kept
    second_page.screenshot(path=str(tmp_path / "conflict.png"), full_page=True)
    stored = Offer.objects.get(pk=made.pk)
    assert (stored.capacity, stored.contact) == (4, "")

    # The second editor re-applies on the stored version (capacity 4) and saves deliberately.
    second_page.fill("#id_capacity", "4")
    second_page.get_by_role("button", name="Save").click()
    second_page.wait_for_load_state()
    assert "saved" in second_page.locator(".messages").inner_text()
    stored.refresh_from_db()
    assert (stored.capacity, stored.contact, stored.modified_by_label) == (
        4, "training@example.org", "expert-c")
