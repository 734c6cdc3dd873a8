"""Forms that stop mistakes: a report holds a document or text, is dated within 2004-04-28 ..
today, is a first report only once, defaults to the right kind; a State withdraws a submission
until the experts publish it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import State
from clearinghouse.reporting import actions
from clearinghouse.reporting.models import NationalReport

pytestmark = pytest.mark.django_db


def test_a_report_without_document_or_text_is_refused(client_for, personas):
    client = client_for("state_poc")
    response = client.post("/reports/new/", {"kind": "first", "title": ""})
    assert response.status_code == 400
    assert "Attach the report&#x27;s document or write its text" in response.content.decode()
    assert not NationalReport.objects.exists()
    # A text alone, or a document alone, is enough.
    assert client.post("/reports/new/", {"kind": "first", "text": "National measures"}).status_code == 302
    upload = SimpleUploadedFile("annex.txt", b"Annex: export control list")
    assert client.post("/reports/new/", {"kind": "additional", "document": upload}).status_code == 302
    assert NationalReport.objects.count() == 2


def test_an_empty_draft_cannot_be_submitted(personas):
    poc = personas["state_poc"]
    draft = actions.create_report(poc, poc.state, kind="first")  # through the API's path, no form
    with pytest.raises(ValidationError, match="document or write its text"):
        actions.submit_report(poc, draft)
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize("day, message", [
    ("1999-01-01", "before 28 April 2004"), ("2004-04-27", "before 28 April 2004"),
    ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "future")])
def test_dates_before_the_resolution_or_after_today_are_refused(client_for, personas, day, message):
    response = client_for("expert").post("/reports/new/", {
        "state": "FRA", "kind": "first", "submitted_on": day, "status": "submitted", "text": "x"})
    assert response.status_code == 400 and message in response.content.decode()
    assert not NationalReport.objects.exists()
    with pytest.raises(ValidationError, match=message):
        actions.create_report("cli", State.objects.get(iso3="FRA"), kind="first", text="x",
                              submitted_on=dt.date.fromisoformat(day), status="submitted")


def test_the_first_day_of_the_resolution_is_accepted(client_for):
    response = client_for("expert").post("/reports/new/", {
        "state": "FRA", "kind": "first", "submitted_on": "2004-04-28", "status": "submitted", "text": "x"})
    assert response.status_code == 302


def test_a_first_report_cannot_follow_another(client_for, personas):
    kaz = personas["state_poc"].state
    actions.create_report("cli", kaz, kind="first", submitted_on=dt.date(2004, 10, 1),
                          status="submitted", text="first")
    response = client_for("state_poc").post("/reports/new/", {"kind": "first", "text": "again"})
    assert response.status_code == 400 and "already has a first report" in response.content.decode()


def test_the_kind_defaults_to_additional_information_once_a_first_report_exists(client_for, personas):
    client = client_for("state_poc")
    assert client.get("/reports/new/").context["form"]["kind"].value() == "first"
    actions.create_report("cli", personas["state_poc"].state, kind="first",
                          submitted_on=dt.date(2004, 10, 1), status="submitted", text="first")
    assert client.get("/reports/new/").context["form"]["kind"].value() == "additional"
    expert = client_for("expert")
    assert expert.get("/reports/new/?state=KAZ").context["form"]["kind"].value() == "additional"
    assert expert.get("/reports/new/?state=FRA").context["form"]["kind"].value() == "first"


def test_two_reports_of_additional_information_on_one_day(personas):
    kaz = personas["state_poc"].state
    day = dt.date(2012, 5, 2)
    actions.create_report("cli", kaz, kind="additional", submitted_on=day, status="submitted",
                          title="Additional information", text="report")
    annex = actions.create_report("cli", kaz, kind="additional", submitted_on=day, status="submitted",
                                  title="Annex: control lists", text="annex")
    assert annex.pk and NationalReport.objects.filter(state=kaz, submitted_on=day).count() == 2
    with pytest.raises(ValidationError, match="with this title on this date"):
        actions.create_report("cli", kaz, kind="additional", submitted_on=day, status="submitted",
                              title="additional information", text="the same again")


def test_a_state_withdraws_its_submission_and_replaces_it(client_for, personas):
    client = client_for("state_poc")
    client.post("/reports/new/", {"kind": "first", "title": "Frist report", "text": "typo"})
    report = NationalReport.objects.get()
    client.post(f"/reports/{report.pk}/submit/")
    report.refresh_from_db()
    assert report.status == "submitted"
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Withdraw the submission" in page
    # Another State's point of contact, a provider, the public: no.
    for other in ("provider_poc", "public", "committee"):
        assert client_for(other).post(f"/reports/{report.pk}/withdraw/").status_code in (403, 404)
    assert client.post(f"/reports/{report.pk}/withdraw/").status_code == 302
    report.refresh_from_db()
    assert (report.status, report.submitted_on) == ("draft", None)
    assert AuditEntry.objects.filter(action="reporting.report.withdrawn", target_id=str(report.pk)).exists()
    # A draft again: corrected and submitted anew.
    response = client.post(f"/reports/{report.pk}/edit/", {
        "kind": "first", "title": "First report", "text": "corrected", "revision": report.revision})
    assert response.status_code == 302
    client.post(f"/reports/{report.pk}/submit/")
    report.refresh_from_db()
    assert (report.status, report.title) == ("submitted", "First report")


def test_once_published_the_state_can_no_longer_withdraw(client_for, personas):
    poc = personas["state_poc"]
    report = actions.create_report(poc, poc.state, kind="first", text="report")
    actions.submit_report(poc, report)
    actions.publish(personas["expert"], report)
    client = client_for("state_poc")
    assert "Withdraw the submission" not in client.get(f"/reports/{report.pk}/").content.decode()
    assert client.post(f"/reports/{report.pk}/withdraw/").status_code == 403
    with pytest.raises(ValidationError):
        actions.withdraw_report("cli", report)
    report.refresh_from_db()
    assert report.status == "published"
