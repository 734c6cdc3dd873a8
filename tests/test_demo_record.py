"""The demonstration agrees with the public record where it is known (sources: docs/demo-data.md).

The whole `clearinghouse demo` is loaded once for the module (in a transaction rolled back at
the end); each test reads it.
"""

import calendar
import datetime as dt
import os
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client
from django.utils import timezone

from clearinghouse.assistance import queries as assistance_queries
from clearinghouse.assistance.models import Match, Request, RequestEvent
from clearinghouse.matrix.demo import TREATY_DATES, treaty_key
from clearinghouse.matrix.models import Cell, MatrixVersion
from clearinghouse.outreach.models import Event
from clearinghouse.registry.models import State
from clearinghouse.reporting.models import (
    COUNTED,
    ActionPlan,
    CountryVisit,
    NationalReport,
    PeerReview,
)
from clearinghouse.reporting.status import reporting_status

pytestmark = pytest.mark.django_db
EIGHT = {"GMB", "PRK", "SOM", "SWZ", "MRT", "TCD", "MLI", "GIN"}
# Fields that name a day still to come by their nature (a validity, a target, a deadline).
FORWARD = {"valid_to", "target_date", "follow_up_due", "objection_deadline"}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            yield timezone.localdate()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_first_reports_at_the_published_dates_and_exactly_eight_non_reporters(loaded):
    def status(day):
        s = reporting_status(day)
        return s.members, s.reported

    assert status(dt.date(2004, 12, 31)) == (191, 97)
    assert status(dt.date(2008, 8, 1)) == status(dt.date(2008, 8, 31)) == (192, 155)
    assert status(dt.date(2014, 3, 31)) == (193, 171)
    today = reporting_status(loaded)
    assert (today.members, today.reported) == (193, 185)
    assert {s.iso3 for s in today.not_reported} == EIGHT
    firsts = {r.state.iso3: r.submitted_on for r in
              NationalReport.objects.filter(kind="first").select_related("state")}
    assert {"JPN", "AUS", "RUS", "PAK", "PHL", "USA", "GAB"} <= set(firsts)
    assert not EIGHT & set(firsts)
    assert firsts["PAK"] == dt.date(2004, 10, 27)
    assert firsts["USA"].year == 2004 and firsts["GAB"].year == 2011
    assert NationalReport.objects.filter(state__iso3="USA", kind="additional",
                                         submitted_on=dt.date(2007, 12, 21)).exists()
    days = NationalReport.objects.exclude(submitted_on=None).values_list("submitted_on", flat=True)
    assert dt.date(2004, 4, 28) <= min(days) and max(days) <= loaded


def test_no_ratification_before_the_treaty_and_dates_of_report_are_reports(loaded):
    assert TREATY_DATES["ICSANT"] == dt.date(2005, 9, 14)
    assert TREATY_DATES["IAEA-AP"] == dt.date(1997, 5, 15) and TREATY_DATES["CWC"].year == 1993
    admitted = dict(State.objects.values_list("pk", "admitted"))
    checked = set()
    cells = (Cell.objects.filter(field__section__code="OP1", value="X")
             .values_list("field__code", "source", "version__matrix__state_id", "version__approved_on"))
    for code, source, state_id, approved in cells:
        found = re.search(r"\d{4}-\d{2}-\d{2}", source)
        if not found:
            continue
        day = dt.date.fromisoformat(found.group())
        key = treaty_key(code)
        assert day >= TREATY_DATES[key], (code, source)
        assert day >= admitted[state_id] and (approved is None or day <= approved), (code, source)
        checked.add(key)
    assert {"ICSANT", "IAEA-AP", "CWC", "BWC", "NPT", "CPPNM", "CPPNM2005", "CTBT"} <= checked
    # The eight States without a report have no source "in the national report".
    assert Cell.objects.filter(source__contains="national report").exists()
    assert not Cell.objects.filter(version__matrix__state__iso3__in=EIGHT,
                                   source__contains="national report").exists()

    reports = {}
    for state_id, kind, day in NationalReport.objects.filter(status__in=COUNTED).values_list(
            "state_id", "kind", "submitted_on"):
        reports.setdefault(state_id, {})[day] = kind
    versions = MatrixVersion.objects.values_list("matrix__state_id", "matrix__state__iso3",
                                                 "report_date", "addenda_dates", "approved_on")
    assert len(versions) > 193
    for state_id, iso3, report_date, addenda, approved in versions:
        if iso3 in EIGHT:
            assert report_date is None
            continue
        assert reports[state_id][report_date] == "first", iso3
        assert all(dt.date.fromisoformat(d) in reports[state_id] for d in addenda), iso3
        assert approved is None or report_date < approved <= loaded


def test_known_peer_reviews_visits_and_action_plans(loaded):
    reviews = {tuple(sorted(r.states.values_list("iso3", flat=True))): r
               for r in PeerReview.objects.prefetch_related("states")}
    assert (reviews[("HRV", "POL")].start, reviews[("HRV", "POL")].end) == (
        dt.date(2013, 6, 1), dt.date(2013, 11, 27))
    assert reviews[("BLR", "KGZ", "TJK")].end == dt.date(2017, 8, 4)
    assert CountryVisit.objects.filter(state__iso3="USA", start=dt.date(2011, 9, 12)).exists()
    assert ActionPlan.objects.count() == 48
    assert ActionPlan.objects.values("state").distinct().count() == 39
    for iso3 in ("BLR", "KGZ", "TJK"):
        assert ActionPlan.objects.filter(state__iso3=iso3, adopted_on__lt=dt.date(2017, 8, 2)).exists()
    firsts = dict(NationalReport.objects.filter(kind="first").values_list("state_id", "submitted_on"))
    for state_id, adopted in ActionPlan.objects.values_list("state_id", "adopted_on"):
        assert firsts[state_id] < adopted < loaded
    for review in reviews.values():
        assert all(firsts[s.pk] < review.start for s in review.states.all())


def test_matches_follow_ups_and_history_are_dated_in_the_past(loaded):
    now = timezone.now()
    stats = assistance_queries.statistics(Request.objects.all())
    assert stats["matched_with_dates"] >= 5
    assert 14 <= stats["median_days_to_match"] <= 120  # weeks to months, not load time
    for match in Match.objects.select_related("request"):
        assert match.request.received <= match.proposed_at.date() <= loaded
        assert match.responded_at is None or match.proposed_at <= match.responded_at <= now
    followed = Request.objects.exclude(followed_up_on=None)
    assert followed.exists()
    assert all(r.followed_up_on == r.follow_up_due <= loaded for r in followed)
    assert not RequestEvent.objects.filter(at__gt=now).exists()
    # History is not stamped at load time: most steps took place on earlier days.
    assert RequestEvent.objects.filter(at__date__lt=loaded).count() > \
        RequestEvent.objects.filter(at__date=loaded).count()


def test_every_date_of_the_demo_is_in_the_past(loaded):
    now = timezone.now()
    for label in ("reporting", "matrix", "assistance", "outreach"):
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if field.name in FORWARD or not isinstance(field, models.DateField):
                    continue
                latest = model.objects.aggregate(m=models.Max(field.name))["m"]
                limit = now if isinstance(field, models.DateTimeField) else loaded
                assert latest is None or latest <= limit, (model.__name__, field.name, latest)


def test_the_calendar_opens_on_a_month_with_events(loaded):
    month = loaded.replace(day=1)
    for _ in range(3):  # the current month and the two before it
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        assert Event.objects.filter(status="published", start__range=(month, last)).exists(), month
        month = (month - dt.timedelta(days=1)).replace(day=1)
    page = Client().get("/events/calendar/")
    assert page.status_code == 200 and page.context["first"] == loaded.replace(day=1)
    assert page.context["count"] >= 1

