"""Long jobs in a real browser: the page that started a job follows its progress in place.

An expert confirms a large import: the import page lists the job, and when a worker has
written the file the same page (not reloaded) offers its report. In Chinese, on a phone, an
expert renders the notes of the events a list shows: the job's page refreshes itself until
the ZIP is ready, and never scrolls sideways."""

import datetime as dt

import pytest

from clearinghouse.jobs.models import Job
from clearinghouse.reporting.models import NationalReport
from tests.conftest import PASSWORD, make_user
from tests.jobs.test_worker import work
from tests.outreach.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTS = ("state,kind,date,title\n"
           "Kazakhstan,additional,2026-11-20,Additional information (illustrative)\n"
           "Kyrgyzstan,additional,2026-11-21,Additional information (illustrative)\n"
           "Uzbekistan,additional,2026-11-22,Additional information (illustrative)\n")


def test_the_import_page_follows_its_background_import(page, login, settings):
    from clearinghouse.accounts.models import Role

    settings.IMPORT_BACKGROUND_ROWS = 2
    make_user("jobs-expert", Role.EXPERT)
    before = NationalReport.objects.count()
    login("jobs-expert", PASSWORD)
    page.goto(f"{page.base_url}/imports/")
    page.select_option("#import-kind", "reports")
    page.set_input_files("#import-file", files=[{"name": "reports.csv", "mimeType": "text/csv",
                                                 "buffer": REPORTS.encode()}])
    page.click("form.filters button[type=submit]")
    page.click("#confirm-import")
    page.wait_for_selector("#my-jobs-import[data-poll] li[data-status=queued]")
    page.evaluate("window.stillTheSamePage = true")
    assert NationalReport.objects.count() == before
    work()
    page.wait_for_selector("#my-jobs-import li[data-status=done] a[href$='/download']",
                           timeout=15000)
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.locator("#my-jobs-import[data-poll]").count() == 0  # it stopped polling
    assert NationalReport.objects.count() == before + 3
    with page.expect_download() as download:
        page.click("#my-jobs-import a[href$='/download']")
    assert download.value.suggested_filename == f"import-report-{Job.objects.get().pk}.csv"


def test_notes_of_a_list_in_chinese_on_a_phone(page, login):
    from clearinghouse.accounts.models import Role

    for n in range(3):
        make_event(title=f"Workshop {n}", start=dt.date(2016, 5, 10 + n))
    make_user("notes-expert", Role.EXPERT)
    page.set_viewport_size({"width": 390, "height": 844})
    login("notes-expert", PASSWORD)
    page.goto(f"{page.base_url}/zh-hans/events/?year=2016")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.select_option("#render-notes select[name=format]", "html")
    page.click("#render-notes button[type=submit]")
    page.wait_for_selector("#job-status[data-status=queued]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    work()
    page.wait_for_selector("#job-status[data-status=done]", timeout=15000)
    assert "3" in page.locator("#job-scope").inner_text()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    job = Job.objects.get()
    assert (job.params["language"], job.params["rendered"]) == ("zh-hans", 3)
