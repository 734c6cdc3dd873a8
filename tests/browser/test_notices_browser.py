"""End to end in headless Chromium: an expert proposes a match; the provider's point of contact
sees the notice in the bell, opens it and accepts the match from there."""

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.assistance.models import Match
from clearinghouse.notifications.models import Notice
from clearinghouse.registry.models import Organisation, State
from tests.assistance.factories import circulated_request, offer
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_provider_sees_the_proposal_in_the_bell_and_accepts_from_it(page, login):
    osce = Organisation.objects.get(code="OSCE")
    expert = make_user("expert-n", Role.EXPERT)
    make_user("provider-n", Role.PROVIDER_POC, organisation=osce)
    osce_offer = offer(expert, osce, title="OSCE export control training", eligibility=["OSCE"])
    req = circulated_request(expert, State.objects.get(iso3="KAZ"), [osce])
    actions.propose_match(req, osce_offer, expert)   # committed: the notices are written
    assert Notice.objects.filter(recipient__username="provider-n", kind="proposal").exists()

    login("provider-n", PASSWORD)
    bell = page.locator("#bell")
    assert bell.get_attribute("data-unread") == "2"   # circulated to OSCE, then the proposal
    bell.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="A match was proposed for your offer: OSCE export control "
                                    "training").click()
    page.wait_for_load_state()
    assert page.url.endswith("/assistance/my-matches/")
    assert page.locator("#bell").get_attribute("data-unread") == "1"
    proposal = page.locator(f'#proposed tr[data-request="{req.engine_id}"]')
    proposal.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert "Match accepted" in page.locator(".messages").inner_text()
    assert Match.objects.get(request=req, offer=osce_offer).status == "accepted"
    assert list(Notice.objects.filter(kind="answered").values_list(
        "recipient__username", flat=True)) == ["expert-n"]
