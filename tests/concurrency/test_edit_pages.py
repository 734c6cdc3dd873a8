"""No silent lost update on the pages: two people open the same edit form; A saves; B saves
from the form it opened. B gets the conflict page (409): who changed the record and when,
B's version and the stored one field by field with the differences marked, and the form with
B's input kept. Nothing was overwritten; B may then re-apply and save deliberately."""

import datetime as dt
import re

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions as assistance
from clearinghouse.matrix import actions as matrix
from clearinghouse.matrix.models import Cell
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting import actions as reporting
from tests.assistance.factories import LICENSING, offer
from tests.conftest import make_user

from .helpers import client_of, form_data, revision_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _differs(html: str) -> list[str]:
    """The labels of the rows marked as different on the conflict page."""
    return re.findall(r'<tr class="differs"><th scope="row">([^<]*)</th>', html)


def _conflict(url, a, b, a_changes, b_changes, formset=False):
    """A and B open the form; A saves; B saves from its page. Returns B's response and data."""
    page_a, page_b = a.get(url), b.get(url)
    assert page_a.status_code == page_b.status_code == 200
    sets = (page_a.context["formset"], page_b.context["formset"]) if formset else (None, None)
    data_a = form_data(page_a.context["form"], sets[0], **a_changes)
    data_b = form_data(page_b.context["form"], sets[1], **b_changes)
    assert data_b["revision"] == revision_in(page_b.content.decode())
    saved = a.post(url, data_a)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    return b.post(url, data_b), data_b


def _resubmit(client, url, response, formset=False):
    """B saves the conflict page's form as it is (their input, the stored revision)."""
    form = response.context["form"]
    data = form_data(form, response.context["formset"] if formset else None)
    assert data["revision"] == revision_in(response.content.decode())
    return client.post(url, data)


def test_request_form(personas):
    a, b = personas["expert"], make_user("expert-b", Role.EXPERT)
    req = assistance.create_request(a, state=State.objects.get(iso3="KAZ"),
                                    received=dt.date(2025, 3, 3), title="Licensing training",
                                    description=LICENSING)
    url = f"/assistance/requests/{req.pk}/edit/"
    response, data_b = _conflict(url, client_of(a), client_of(b),
                                 {"timeframe": "12 months"}, {"title": "B's better title"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this record after you opened it" in html
    assert "It was changed by expert at" in html
    assert _differs(html) == ["Title", "Timeframe"]
    assert "B&#x27;s better title" in html and "12 months" in html
    req.refresh_from_db()
    assert (req.title, req.timeframe, req.revision) == ("Licensing training", "12 months", 2)
    # B's input is in the form, which now carries the stored revision.
    assert response.context["form"]["title"].value() == "B's better title"
    assert revision_in(html) == "2"
    again = _resubmit(client_of(b), url, response)
    assert again.status_code == 302
    req.refresh_from_db()
    assert (req.title, req.timeframe) == ("B's better title", "")  # B chose to keep its own


def test_offer_form(personas):
    expert, provider = personas["expert"], personas["provider_poc"]
    made = offer(expert, Organisation.objects.get(code="OSCE"), eligibility=["OSCE"])
    url = f"/assistance/offers/{made.pk}/edit/"
    response, _ = _conflict(url, client_of(provider), client_of(expert),
                            {"capacity": "4"}, {"contact": "training@example.org"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "It was changed by provider-osce at" in html
    assert _differs(html) == ["Capacity", "Contact"]
    made.refresh_from_db()
    assert (made.capacity, made.contact) == (4, "")


def test_report_form(personas, media_in_tmp):
    poc, expert = personas["state_poc"], personas["expert"]
    report = reporting.create_report(poc, State.objects.get(iso3="KAZ"), kind="first",
                                     title="First report", text="The text.")
    url = f"/reports/{report.pk}/edit/"
    response, _ = _conflict(url, client_of(poc), client_of(expert), {"language": "ru"},
                            {"title": "First report of Kazakhstan"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "It was changed by poc-kaz at" in html
    assert _differs(html) == ["Title", "Language"]
    report.refresh_from_db()
    assert (report.title, report.language) == ("First report", "ru")
    assert _resubmit(client_of(expert), url, response).status_code == 302


def test_plan_form_with_its_items(personas):
    poc, expert = personas["state_poc"], personas["expert"]
    plan = reporting.create_plan(poc, State.objects.get(iso3="KAZ"), adopted_on=dt.date(2020, 1, 1),
                                 title="NAP", items=[{"area": "Export control", "action": "Lists"}])
    url = f"/plans/{plan.pk}/edit/"
    response, _ = _conflict(url, client_of(poc), client_of(expert),
                            {"items-0-action": "Update the control lists"},
                            {"title": "National action plan"}, formset=True)
    assert response.status_code == 409
    html = response.content.decode()
    assert _differs(html) == ["Title", "Priority actions"]
    assert "Update the control lists" in html  # the stored item, beside B's
    assert [i.action for i in plan.items.all()] == ["Update the control lists"]
    assert _resubmit(client_of(expert), url, response, formset=True).status_code == 302
    plan.refresh_from_db()
    assert plan.title == "National action plan"


def test_event_form(personas):
    from tests.outreach.conftest import make_event

    a, b = personas["expert"], make_user("expert-b", Role.EXPERT)
    event = make_event("published")
    url = f"/events/{event.pk}/edit/"
    response, _ = _conflict(url, client_of(a), client_of(b), {"venue_city": "Astana"},
                            {"highlights": "B's highlights"})
    assert response.status_code == 409
    html = response.content.decode()
    assert _differs(html) == ["City", "Highlights of the discussions"]
    event.refresh_from_db()
    assert (event.venue_city, event.highlights) == (
        "Astana", "Participants discussed licensing and control lists.")


def test_matrix_cell_form(personas):
    a, b = personas["expert"], make_user("expert-b", Role.EXPERT)
    version = matrix.start_version(a, State.objects.get(iso3="KAZ"))
    ca, cb = client_of(a), client_of(b)
    page_b = cb.get("/matrix/KAZ/").content.decode()  # B opens the draft
    seen = revision_in(page_b)
    cell = {"field": "OP1.NPT", "dimension": "single"}
    ca.post("/matrix/KAZ/v1/cell/", {**cell, "value": "X", "source": "Ratified 1994",
                                     "revision": revision_in(ca.get("/matrix/KAZ/").content.decode())})
    response = cb.post("/matrix/KAZ/v1/cell/", {**cell, "value": "?", "remarks": "B's doubt",
                                                "revision": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert "It was changed by expert at" in html
    assert _differs(html) == ["Value", "Source", "Remarks"]
    stored = Cell.objects.get(version=version, field__code="OP1.NPT")
    assert (stored.value, stored.source, stored.remarks) == ("X", "Ratified 1994", "")
    # Another cell from the same old page is recorded: it did not change since.
    assert cb.post("/matrix/KAZ/v1/cell/", {"field": "OP1.CWC", "dimension": "single",
                                            "value": "X", "revision": seen}).status_code == 302
    assert _resubmit(cb, "/matrix/KAZ/v1/cell/", response).status_code == 302
    stored.refresh_from_db()
    assert (stored.value, stored.remarks, stored.modified_by_label) == ("?", "B's doubt",
                                                                        "expert-b")


def test_a_form_without_its_revision_is_refused(personas):
    a = personas["expert"]
    req = assistance.create_request(a, state=State.objects.get(iso3="KAZ"),
                                    received=dt.date(2025, 3, 3), title="Licensing training",
                                    description=LICENSING)
    client = client_of(a)
    url = f"/assistance/requests/{req.pk}/edit/"
    data = form_data(client.get(url).context["form"], title="No revision")
    del data["revision"]
    response = client.post(url, data)
    assert response.status_code == 200 and "does not say which revision" in response.content.decode()
    req.refresh_from_db()
    assert req.title == "Licensing training"
