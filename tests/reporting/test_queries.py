"""The home page, a State page and the status page run a number of queries that does not grow
with the data (compared with 10 and with 1,000 reports)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clearinghouse.registry.models import State
from clearinghouse.reporting.models import (
    ActionPlan,
    ActionPlanItem,
    CountryVisit,
    NationalReport,
    PeerReview,
)

pytestmark = pytest.mark.django_db


def _fill(n):
    """n reports spread over the Member States (one first report each, the rest additional)."""
    states = list(State.objects.members().order_by("iso3"))
    NationalReport.objects.all().delete()
    reports = []
    for i in range(n):
        state = states[i % len(states)]
        first = i < len(states)
        reports.append(NationalReport(
            state=state, kind="first" if first else "additional", status="published",
            submitted_on=dt.date(2004, 6, 1) + dt.timedelta(days=i // len(states) * 30 + i % 20)))
    NationalReport.objects.bulk_create(reports)
    kaz = State.objects.get(iso3="KAZ")
    plan = ActionPlan.objects.create(state=kaz, adopted_on=dt.date(2015, 1, 1) + dt.timedelta(days=n),
                                     title="plan", status="published")
    ActionPlanItem.objects.bulk_create([ActionPlanItem(plan=plan, area="op2", action=f"a{i}")
                                        for i in range(min(n, 50))])
    CountryVisit.objects.create(state=kaz, start=dt.date(2016, 1, 1) + dt.timedelta(days=n),
                                end=dt.date(2016, 1, 3) + dt.timedelta(days=n), status="published")
    review = PeerReview.objects.create(start=dt.date(2017, 1, 1), end=dt.date(2017, 2, 1), status="published")
    review.states.set([kaz, State.objects.get(iso3="KGZ")])


def _count(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["public", "state_poc", "expert"])
@pytest.mark.parametrize("path", ["/", "/states/KAZ/", "/reporting/status/?as_of=2014-03-31", "/reports/"])
def test_queries_do_not_grow_with_the_data(client_for, persona, path):
    client = client_for(persona)
    _fill(10)
    small = _count(client, path)
    _fill(1000)
    assert _count(client, path) == small, (path, persona)


def test_home_and_state_page_stay_within_a_small_fixed_budget(client_for, django_assert_max_num_queries):
    _fill(1000)
    client = client_for("public")
    client.get("/")  # warm the resolver and sessions
    with django_assert_max_num_queries(20):
        assert "reporting-figure" in client.get("/").content.decode()
    with django_assert_max_num_queries(25):
        client.get("/states/KAZ/")
