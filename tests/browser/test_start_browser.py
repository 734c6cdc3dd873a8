"""In headless Chromium (issue 12): each role signs in and lands on its start page; an expert
invites a point of contact who sets a password through the link; the Chair's office records the
Committee's decision on a matrix; the favicon is served and the sign-in title is the platform's."""

import datetime as dt

import pytest

from clearinghouse.accounts.models import Role, User
from clearinghouse.matrix import actions as matrix
from clearinghouse.matrix.models import MatrixVersion
from clearinghouse.registry.models import Organisation, State
from tests.assistance.factories import circulated_request, offer
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STRONG = "Kazakh-export-controls-2024"


@pytest.fixture
def failures(page):
    """Every answer of 400 or more the browser receives (a missing favicon would be one)."""
    seen = []
    page.on("response", lambda r: seen.append((r.status, r.url)) if r.status >= 400 else None)
    return seen


def test_the_state_poc_signs_in_from_the_home_page_and_lands_on_its_start_page(page, failures,
                                                                                tmp_path):
    kaz = State.objects.get(iso3="KAZ")
    expert = make_user("expert-b", Role.EXPERT)
    make_user("poc-kaz-b", Role.STATE_POC, state=kaz)
    osce = Organisation.objects.get(code="OSCE")
    offer(expert, osce, title="OSCE export control training")
    req = circulated_request(expert, kaz, [osce])
    deadline = type(req).objects.get(pk=req.pk).objection_deadline

    page.goto(page.base_url + "/")
    page.get_by_role("link", name="Sign in").click()
    page.wait_for_load_state()
    assert page.title() == "Sign in · 1540 Clearinghouse"
    page.fill("#id_username", "poc-kaz-b")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url == page.base_url + "/my/"
    assert "Reports and action plans of Kazakhstan" in page.locator("main").inner_text()
    consent = page.locator("#start-consent").inner_text()
    assert req.title in consent and deadline.strftime("%-d %B %Y") in consent
    page.screenshot(path=str(tmp_path / "start-state-poc.png"), full_page=True)

    page.goto(page.base_url + "/states/KAZ/")
    page.locator("#draft-plan").click()
    page.wait_for_load_state()
    assert page.url.startswith(page.base_url + "/plans/new/")
    for path in ("/", "/my/", "/accounts/login/", "/admin/login/", "/api/docs/"):
        page.goto(page.base_url + path)
        if path != "/api/docs/":  # the API's documentation page is drf-spectacular's own
            linked = page.locator('link[rel="icon"]').first.get_attribute("href")
            assert page.request.get(page.base_url + linked).status == 200, path
    icon = page.request.get(page.base_url + "/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/x-icon"
    assert failures == []


def test_an_invited_point_of_contact_sets_a_password_and_starts(page, login, browser, failures):
    make_user("expert-b", Role.EXPERT)
    login("expert-b", PASSWORD)
    page.goto(page.base_url + "/my/")
    page.get_by_role("link", name="Invite a Committee member or point of contact").click()
    page.wait_for_load_state()
    page.fill("#id_email", "focal.point@example.uz")
    page.select_option("#id_role", "state_poc")
    page.fill("#id_state", "UZB")
    page.get_by_role("button", name="Create the invitation").click()
    page.wait_for_load_state()
    link = page.locator("#invitation-link code").inner_text()
    assert "/accounts/invitation/" in link

    other = browser.new_context(locale="en-GB")
    invited = other.new_page()
    invited.goto(link)
    assert "Uzbekistan" in invited.locator("main").inner_text()
    invited.fill("#id_username", "uzb-focal")
    invited.fill("#id_password", STRONG)
    invited.fill("#id_password2", STRONG)
    invited.get_by_role("button", name="Create my account").click()
    invited.wait_for_load_state()
    assert invited.url.endswith("/my/")
    assert "Reports and action plans of Uzbekistan" in invited.locator("main").inner_text()
    other.close()
    user = User.objects.get(username="uzb-focal")
    assert (user.role, user.state.iso3) == ("state_poc", "UZB")
    assert failures == []


def test_the_chairs_office_records_the_committees_approval(page, login, failures):
    expert = make_user("expert-b", Role.EXPERT)
    make_user("member-b", Role.COMMITTEE)
    make_user("chair-b", Role.COMMITTEE, chair_office=True)
    kaz = State.objects.get(iso3="KAZ")
    draft = matrix.start_version(expert, kaz, report_date=dt.date(2004, 10, 28))
    matrix.set_cell(expert, draft, "OP1.NPT", "single", "X", "Ratified 1994-02-14")

    login("member-b", PASSWORD)
    assert "Kazakhstan, version 1" in page.locator("#start-matrix-drafts").inner_text()
    page.goto(page.base_url + "/matrix/KAZ/")
    assert page.locator("#record-decision").count() == 0
    assert "approves a version as a body" in page.locator("#decision-by-body").inner_text()
    page.get_by_role("button", name="Sign out").click()

    login("chair-b", PASSWORD)
    page.goto(page.base_url + "/matrix/KAZ/")
    form = page.locator("#record-decision")
    form.locator('input[name="approved_on"]').fill("2024-05-02")
    form.locator('select[name="decision_procedure"]').select_option("meeting")
    form.locator('input[name="decision_reference"]').fill("1540/SR.140")
    form.get_by_role("button", name="Record the Committee's approval").click()
    page.wait_for_load_state()
    assert "approval of version 1 is recorded" in page.locator(".messages").inner_text()
    decision = page.locator("#committee-decision").inner_text()
    assert "Approved by the Committee at a meeting (1540/SR.140) on 2 May 2024" in decision
    assert "chair-b" in decision
    assert MatrixVersion.objects.get(pk=draft.pk).status == "approved"
    assert failures == []
