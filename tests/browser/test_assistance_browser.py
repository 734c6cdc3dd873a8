"""End to end in headless Chromium: an expert proposes a match, the provider accepts it."""

import pytest

from clearinghouse.accounts.models import Role, User
from clearinghouse.assistance.models import Match
from clearinghouse.registry.models import Organisation, State
from tests.assistance.factories import circulated_request, offer
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_expert_proposes_and_provider_accepts(page, login, tmp_path):
    expert = make_user("expert-b", Role.EXPERT)
    make_user("provider-b", Role.PROVIDER_POC, organisation=Organisation.objects.get(code="OSCE"))
    osce_offer = offer(expert, Organisation.objects.get(code="OSCE"),
                       title="OSCE export control training", eligibility=["OSCE"])
    req = circulated_request(expert, State.objects.get(iso3="KAZ"),
                             [Organisation.objects.get(code="OSCE")])

    login("expert-b", PASSWORD)
    page.goto(f"{page.base_url}/assistance/requests/{req.pk}/")
    row = page.locator(f'#candidates tr[data-offer="{osce_offer.engine_id}"]')
    assert "Eligible: Kazakhstan is in OSCE" in row.inner_text()
    row.get_by_role("button", name="Propose").click()
    page.wait_for_load_state()
    assert "Match proposed" in page.locator(".messages").inner_text()
    assert "proposed" in page.locator("#matches").inner_text()
    page.screenshot(path=str(tmp_path / "request.png"), full_page=True)
    page.get_by_role("button", name="Sign out").click()

    login("provider-b", PASSWORD)
    page.goto(f"{page.base_url}/assistance/my-matches/")
    proposal = page.locator(f'#proposed tr[data-request="{req.engine_id}"]')
    proposal.get_by_label("Note").fill("We can send two experts in March.")
    proposal.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert "Match accepted" in page.locator(".messages").inner_text()
    assert "accepted by the provider" in page.locator("#answered").inner_text()

    match = Match.objects.get(request=req, offer=osce_offer)
    assert match.status == "accepted" and match.responded_by == User.objects.get(
        username="provider-b")
    assert "two experts" in match.notes
    req.refresh_from_db()
    assert req.status == "matched_fully"  # its only need has an accepted match
    assert [e.actor_label for e in req.events.filter(kind="match.accepted")] == ["provider-b"]
