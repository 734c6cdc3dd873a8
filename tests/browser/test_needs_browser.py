"""End to end in headless Chromium: a State's point of contact submits in French a request
listing three needs; the splitter proposes them and she confirms; the expert proposes a
different provider's offer for each need; each provider accepts; the request is matched
fully."""

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Match, Request
from clearinghouse.registry.models import Organisation, State
from tests.assistance.factories import offer
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# In the genre of the Committee's published requests (written for this test).
TITLE = "Mise en œuvre de la résolution 1540 (2004) : demande d'assistance"
DESCRIPTION = """Le Gouvernement de la République du Sénégal sollicite une assistance dans les domaines suivants :
1. Élaboration d'une loi sur le contrôle des exportations de biens à double usage, avec un régime de licences et une liste nationale de contrôle.
2. Fourniture de portiques de détection des rayonnements et de détecteurs portatifs pour les postes frontaliers, et formation des agents des douanes à leur utilisation.
3. Formation des spécialistes de laboratoire à la biosécurité et à la sûreté biologique des laboratoires qui détiennent des agents pathogènes dangereux."""

OFFERS = {
    "EU": ("Programme de contrôle des exportations",
           "Assistance législative pour le contrôle des exportations de biens à double usage : "
           "rédaction de lois, régime de licences, listes nationales de contrôle."),
    "FRA": ("Équipements de détection aux frontières",
            "Portiques de détection des rayonnements, détecteurs portatifs pour les postes "
            "frontaliers et formation des agents des douanes."),
    "USA": ("Laboratory biosecurity programme",
            "Biosafety and biosecurity training for laboratory specialists, biorisk management "
            "and the security of laboratories holding dangerous pathogens."),
}


def test_a_french_request_of_three_needs_is_matched_fully(page, login):
    expert = make_user("expert-n", Role.EXPERT)
    sen = State.objects.get(iso3="SEN")
    make_user("poc-sen", Role.STATE_POC, state=sen)
    providers = {"EU": Organisation.objects.get(code="EU"), "FRA": State.objects.get(iso3="FRA"),
                 "USA": State.objects.get(iso3="USA")}
    users = {"EU": make_user("prov-eu", Role.PROVIDER_POC, organisation=providers["EU"]),
             "FRA": make_user("prov-fra", Role.PROVIDER_POC, state=providers["FRA"]),
             "USA": make_user("prov-usa", Role.PROVIDER_POC, state=providers["USA"])}
    offers = {code: offer(expert, providers[code], title=title, description=text)
              for code, (title, text) in OFFERS.items()}

    # The State's point of contact writes in French; the list is proposed as three needs.
    login("poc-sen", PASSWORD)
    page.goto(f"{page.base_url}/fr/assistance/requests/new/")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", DESCRIPTION)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    step = page.locator("#needs-step")
    assert "Besoin" in step.inner_text() or "Need" in step.inner_text()
    boxes = [page.locator(f"#need-{k}").input_value() for k in (1, 2, 3)]
    assert boxes[0].startswith("Élaboration d'une loi") and "douanes" in boxes[1]
    assert "biosécurité" in boxes[2] and page.locator("#need-4").count() == 0
    page.fill("#need-2", boxes[1] + " (dix postes frontaliers)")  # she edits one
    page.click("#confirm-needs")
    page.wait_for_load_state()
    req = Request.objects.get(state=sen)
    assert page.url.endswith(f"/fr/assistance/requests/{req.pk}/")
    needs = list(req.needs.order_by("number"))
    assert [n.number for n in needs] == [1, 2, 3]
    assert needs[1].description.endswith("(dix postes frontaliers)")
    assert page.locator("section.need").count() == 3
    page.get_by_role("button", name="Se déconnecter").click()

    # The experts authenticate, acknowledge and circulate it to the three providers.
    actions.transition(req, expert, wf.AUTHENTICATED)
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    actions.circulate(req, expert, list(providers.values()))

    # The expert proposes a different provider's offer for each need, from its own candidates.
    login("expert-n", PASSWORD)
    page.goto(f"{page.base_url}/assistance/requests/{req.pk}/")
    for number, code in ((1, "EU"), (2, "FRA"), (3, "USA")):
        row = page.locator(f'#need-{number} tr[data-offer="{offers[code].engine_id}"]')
        row.get_by_role("button", name="Propose").click()
        page.wait_for_load_state()
        assert "Match proposed" in page.locator(".messages").inner_text()
    assert page.locator("#request-coverage").get_attribute("data-coverage") == "none"
    page.get_by_role("button", name="Sign out").click()

    for user in users.values():
        login(user.username, PASSWORD)
        page.goto(f"{page.base_url}/assistance/my-matches/")
        page.locator(f'#proposed tr[data-request="{req.engine_id}"]').get_by_role(
            "button", name="Accept").click()
        page.wait_for_load_state()
        assert "Match accepted" in page.locator(".messages").inner_text()
        page.get_by_role("button", name="Sign out").click()

    assert sorted((m.need.number, m.offer.provider_code, m.status)
                  for m in Match.objects.filter(request=req)) == [
        (1, "EU", "accepted"), (2, "FRA", "accepted"), (3, "USA", "accepted")]
    login("poc-sen", PASSWORD)
    page.goto(f"{page.base_url}/fr/assistance/requests/{req.pk}/")
    coverage = page.locator("#request-coverage")
    assert coverage.get_attribute("data-coverage") == "fully"
    assert "satisfaite entièrement" in coverage.inner_text()
    req.refresh_from_db()
    assert req.status == wf.MATCHED_FULLY
