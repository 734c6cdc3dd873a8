"""Each role starts where its work is (issue 12): /my/, where sign-in lands, shows a State's
point of contact its drafts, what awaits its consent with the deadline, its requests and their
matches, its action plan and what the Committee asked of it; a provider its proposals and the
offers to reconfirm; an expert a summary of the board; a Committee member what awaits the
Committee. Everything through visible_to(user): nobody sees another's records there."""

import datetime as dt

import pytest
from django.utils import timezone

from clearinghouse.assistance.models import Offer, Request
from clearinghouse.matrix import actions as matrix
from clearinghouse.registry.models import State
from clearinghouse.reporting import actions as reporting
from tests.assistance.factories import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(personas):
    w = world(personas)
    expert = personas["expert"]
    kaz, kgz = w["kaz"], w["kgz"]
    today = timezone.localdate()
    # KAZ: a draft report, a submitted plan; KGZ: a draft report KAZ must not see.
    reporting.create_report(personas["state_poc"], kaz, kind="additional",
                            submitted_on=dt.date(2024, 3, 1), language="en",
                            title="KAZ additional information draft", text="Export controls")
    reporting.create_report(w["other_state_poc"], kgz, kind="additional",
                            submitted_on=dt.date(2024, 3, 1), language="en",
                            title="KGZ SECRET DRAFT", text="Biosecurity")
    reporting.create_plan(personas["state_poc"], kaz, adopted_on=dt.date(2020, 1, 1),
                          title="KAZ national action plan",
                          items=[{"area": "Export control", "action": "Lists"}])
    # The Chair asks whether KAZ's request was met; OSCE's offer has not been confirmed for a year.
    Request.objects.filter(pk=w["kaz_req"].pk).update(follow_up_due=today + dt.timedelta(days=10))
    Offer.objects.filter(pk=w["osce_offer"].pk).update(
        confirmed_at=timezone.now() - dt.timedelta(days=400))
    # Matrix drafts: KAZ (its PoC reviews it) and UZB (the PoC of KAZ must not see it).
    matrix.start_version(expert, kaz, report_date=dt.date(2004, 10, 28))
    matrix.start_version(expert, State.objects.get(iso3="UZB"))
    return w


def _page(client_for, persona):
    response = client_for(persona).get("/my/")
    assert response.status_code == 200
    return response.content.decode()


def test_sign_in_lands_on_the_start_page(personas, client):
    from tests.conftest import PASSWORD

    response = client.post("/accounts/login/", {"username": "poc-kaz", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/my/"
    assert client.get("/my/").status_code == 200


def test_the_public_is_sent_to_sign_in(client):
    response = client.get("/my/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_state_point_of_contact_sees_its_own_work(work, client_for):
    page = _page(client_for, "state_poc")
    assert "Reports and action plans of Kazakhstan" in page
    assert "KAZ additional information draft" in page and "KAZ national action plan" in page
    assert "KGZ SECRET DRAFT" not in page
    deadline = Request.objects.get(pk=work["kaz_req"].pk).objection_deadline
    consent = page.split('id="start-consent"')[1].split("</ul>")[0]
    assert work["kaz_req"].title in consent and deadline.strftime("%-d %B %Y") in consent
    asked = page.split('id="start-asked"')[1].split("</ul>")[0]
    assert "whether this request was met" in asked
    requests = page.split('id="start-requests"')[1].split("</ul></li></ul>")[0]
    assert work["kaz_req"].title in requests and "OSCE export control training" in requests
    assert work["kgz_req"].title not in page
    assert "/reports/new/?state=KAZ" in page and "/plans/new/?state=KAZ" in page
    review = page.split('id="start-matrix-review"')[1].split("</ul>")[0]
    assert "Kazakhstan, version 1" in review and "Uzbekistan" not in page.split("<main")[1]


def test_the_provider_sees_proposals_and_offers_to_reconfirm(work, client_for):
    page = _page(client_for, "provider_poc")
    proposals = page.split('id="start-proposals"')[1].split("</ul>")[0]
    assert "OSCE export control training" in proposals and work["kaz_req"].engine_id in proposals
    reconfirm = page.split('id="start-reconfirm"')[1].split("</ul>")[0]
    assert "OSCE export control training" in reconfirm
    assert "EU P2P export control programme" not in page  # another provider's offer


def test_another_provider_sees_none_of_it(work, client):
    client.force_login(work["other_provider_poc"])
    page = client.get("/my/").content.decode()
    assert "No proposal awaits your answer." in page
    assert "OSCE export control training" not in page


def test_the_expert_sees_the_board_summary(work, client_for):
    page = _page(client_for, "expert")
    board = page.split('id="start-board"')[1].split("</table>")[0]
    assert "Proposals awaiting the provider's answer</th><td>1<" in board
    assert "Offers not reconfirmed for a year</th><td>1<" in board
    assert "/assistance/board/" in page
    assert "Kazakhstan, version 1" in page and "Uzbekistan, version 1" in page
    assert "/accounts/invitations/" in page


def test_the_committee_member_sees_what_awaits_the_committee(work, client_for):
    page = _page(client_for, "committee")
    drafts = page.split('id="start-matrix-drafts"')[1].split("</ul>")[0]
    assert "Kazakhstan, version 1" in drafts and "Uzbekistan, version 1" in drafts
    assert "the Chair's office or the experts record its decision" in page
    assert "start-board" not in page and "/accounts/invitations/" not in page


def test_the_state_page_offers_to_draft_an_action_plan(personas, client_for):
    page = client_for("state_poc").get("/states/KAZ/").content.decode()
    assert "Draft a report" in page and "Draft an action plan" in page
    assert "/plans/new/?state=KAZ" in page
    other = client_for("state_poc").get("/states/UZB/").content.decode()
    assert "Draft an action plan" not in other
    assert "Draft an action plan" not in client_for("public").get("/states/KAZ/").content.decode()


def test_the_start_page_queries_do_not_grow_with_rows(work, client_for, personas,
                                                      django_assert_max_num_queries):
    client = client_for("state_poc")
    client.get("/my/")
    with django_assert_max_num_queries(30):
        assert client.get("/my/").status_code == 200
