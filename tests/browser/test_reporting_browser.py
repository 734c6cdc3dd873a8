"""The reporting figures in a real browser: the home page's figure, chart and table, a State's reports."""

import random

import pytest
from django.db import transaction

from clearinghouse.reporting import demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_reports(reference_data):
    with transaction.atomic():
        demo.load(random.Random("1540-reporting"), "demo")


def test_home_page_shows_the_reporting_figure_and_chart(page, demo_reports):
    page.goto(f"{page.base_url}/")
    figure = page.locator("#reporting-figure")
    assert "185 of 193 Member States have submitted a first report" in figure.inner_text()
    chart = page.locator("svg[role=img]").first
    assert chart.is_visible()
    assert chart.locator("rect").count() >= 2 * 22  # a bar and its total for every year since 2004
    assert page.locator("ul.not-reported li").count() == 8
    page.get_by_text("The figures as a table").click()
    row_2004 = page.locator("table tr", has=page.locator("th", has_text="2004")).first
    assert "97" in row_2004.inner_text()


def test_status_page_answers_for_a_chosen_date(page, demo_reports):
    page.goto(f"{page.base_url}/reporting/status/")
    page.fill("#as_of", "2014-03-31")
    page.click("form.filters button[type=submit]")
    assert "171 of the 193 Member States" in page.locator("#status-figure").inner_text()


def test_state_page_shows_its_reports(page, demo_reports):
    page.goto(f"{page.base_url}/states/KAZ/")
    timeline = page.locator("table.timeline")
    assert timeline.is_visible()
    assert "first report" in timeline.inner_text().lower()
    timeline.get_by_role("link", name="first report").click()
    assert "Kazakhstan" in page.locator("h1").inner_text()
    assert "ILLUSTRATIVE TEXT" in page.locator(".report-text").inner_text()
