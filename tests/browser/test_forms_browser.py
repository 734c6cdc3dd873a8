"""What a person sees of issue 12's forms and smaller things: the calendar moves by month and by
year and opens where the events are; offers show their validity in words and expired ones are
not listed as active; a State withdraws a submission after confirming."""

import datetime as dt

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.assistance.models import Offer
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting import actions as reporting
from clearinghouse.reporting.models import NationalReport
from tests.assistance.factories import offer
from tests.conftest import PASSWORD, make_user
from tests.outreach.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_calendar_opens_on_the_latest_month_with_events_and_moves_by_year(page):
    make_event("published", title="Workshop in Vienna", start=dt.date(2016, 5, 10))
    make_event("published", title="Seminar a year later", start=dt.date(2017, 5, 16))
    page.goto(f"{page.base_url}/events/calendar/")
    assert "May 2017" in page.inner_text("h1")  # not the empty current month
    assert page.locator("text=Seminar a year later").count() >= 1
    page.click("#previous-year")
    assert "May 2016" in page.inner_text("h1")
    assert page.locator("text=Workshop in Vienna").count() >= 1
    page.click("#next-year")
    assert "May 2017" in page.inner_text("h1")
    page.select_option("#jump-month", "5")
    page.fill("#jump-year", "2016")
    page.click("#calendar-jump button")
    assert "May 2016" in page.inner_text("h1")
    page.click("a[rel=prev]")
    assert "April 2016" in page.inner_text("h1")


def test_offers_show_their_validity_in_words_and_expired_ones_are_not_active(page, personas):
    expert = personas["expert"]
    osce, eu = Organisation.objects.get(code="OSCE"), Organisation.objects.get(code="EU")
    offer(expert, osce, title="Open-ended export control training")
    offer(expert, eu, title="Border security from 2024", valid_from=dt.date(2024, 3, 1))
    offer(expert, State.objects.get(iso3="FRA"), title="Expired 2023 programme",
          valid_from=dt.date(2022, 1, 1), valid_to=dt.date(2023, 6, 30))
    page.goto(f"{page.base_url}/assistance/")
    table = page.inner_text("#offers + .table-scroll table, #offers + table")  # boxed on phones
    assert "Open-ended export control training" in table and "open-ended" in table
    assert "from 1 March 2024, open-ended" in table
    assert "Expired 2023 programme" not in table and "…" not in table
    expired = Offer.objects.get(title="Expired 2023 programme")
    page.goto(f"{page.base_url}{expired.get_absolute_url()}")
    assert "1 January 2022 to 30 June 2023 (expired)" in page.inner_text("dl.facts")


def test_a_state_withdraws_its_submission_after_confirming(page, login):
    kaz = State.objects.get(iso3="KAZ")
    poc = make_user("browser-poc", Role.STATE_POC, state=kaz)
    report = reporting.create_report(poc, kaz, kind="first", title="Frist report", text="typo")
    reporting.submit_report(poc, report)
    login("browser-poc", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.click("text=Withdraw the submission")
    assert NationalReport.objects.get(pk=report.pk).status == "submitted"  # dismissed: nothing
    page.once("dialog", lambda d: answer(d, True))
    page.click("text=Withdraw the submission")
    page.wait_for_selector("text=Submission withdrawn")
    assert "Withdraw this submission?" in questions[0]
    assert NationalReport.objects.get(pk=report.pk).status == "draft"
    assert page.locator("text=Submit to the Committee").count() == 1


def test_the_expert_picks_the_providers_and_confirms_the_circulation(page, login, personas):
    from clearinghouse.assistance import actions
    from clearinghouse.assistance import workflow as wf
    from clearinghouse.assistance.models import Request
    from tests.assistance.factories import LICENSING

    expert = personas["expert"]
    offer(expert, Organisation.objects.get(code="OSCE"), title="OSCE export control training")
    offer(expert, Organisation.objects.get(code="EU"), title="EU P2P export control programme")
    req = actions.create_request(expert, state=State.objects.get(iso3="KAZ"),
                                 received=dt.date.today() - dt.timedelta(days=10),
                                 title="Training of export licensing officers", description=LICENSING)
    actions.transition(req, expert, wf.AUTHENTICATED)
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    login("expert", PASSWORD)
    page.goto(f"{page.base_url}/assistance/requests/{req.pk}/")
    boxes = page.locator("#circulation input[name=provider]")
    assert boxes.count() == 2 and all(boxes.nth(i).is_checked() for i in range(2))
    page.uncheck("#circulation input[value='organisation:OSCE']")
    page.click("#circulation button[type=submit]")
    page.wait_for_selector("#confirm-circulation")
    assert page.inner_text("#circulation-list") == "European Union"
    assert Request.objects.get(pk=req.pk).circulated_on is None
    page.click("#confirm-circulation")
    page.wait_for_selector("text=Circulated; the State may object within 5 working days.")
    req.refresh_from_db()
    assert list(req.circulated_to_organisations.values_list("code", flat=True)) == ["EU"]
    assert page.locator("text=Record follow-up").count() == 0


def test_confirming_an_event_with_unresolved_names_asks_first_and_publishing_waits(page, login, personas):
    from clearinghouse.outreach.models import Event

    draft = make_event("draft")
    login("expert", PASSWORD)
    page.goto(f"{page.base_url}/events/{draft.pk}/")
    assert "Warning: 1 name is not resolved." in page.inner_text("#unresolved-warning")
    questions = []
    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    page.click("#confirm-event")
    assert "1 name is not resolved" in questions[0]
    assert Event.objects.get(pk=draft.pk).status == "draft"
    page.once("dialog", lambda d: d.accept())
    page.click("#confirm-event")
    page.wait_for_selector("text=The event is confirmed")
    assert page.locator("#publish-event").count() == 0
    assert "resolve it before publishing" in page.inner_text("#publish-blocked")
