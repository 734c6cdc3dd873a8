"""The as-of rules, pure and against the database (demo data matches the published totals)."""

import datetime as dt
import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from clearinghouse.reporting import demo
from clearinghouse.reporting.models import ActionPlan, NationalReport
from clearinghouse.reporting.status import (
    Facts,
    MembershipFact,
    StateFact,
    history,
    parse_day,
    reporting_status,
    status_on,
)

D = dt.date


def _facts():
    states = [
        StateFact(1, "AAA", "Alpha", "Asia", "Central Asia", D(1945, 10, 24)),
        StateFact(2, "BBB", "Bravo", "Asia", "Central Asia", D(1992, 3, 2)),
        StateFact(3, "CCC", "Charlie", "Europe", "Southern Europe", D(2006, 6, 28)),
        StateFact(4, "DDD", "Delta", "Africa", "Sub-Saharan Africa", D(2011, 7, 14)),
    ]
    firsts = {1: D(2004, 10, 28), 3: D(2007, 1, 5), 4: D(2011, 1, 1)}
    memberships = [
        MembershipFact("OSCE", "Organization for Security and Co-operation in Europe", 1, None, None),
        MembershipFact("OSCE", "Organization for Security and Co-operation in Europe", 3, D(2006, 6, 22), None),
        MembershipFact("XX", "Left early", 2, D(1995, 1, 1), D(2005, 1, 1)),
    ]
    return Facts(states, firsts, memberships)


def test_members_are_those_admitted_on_the_day():
    status = status_on(_facts(), D(2004, 12, 31))
    assert status.members == 2 and status.reported == 1
    assert [s.iso3 for s in status.not_reported] == ["BBB"]


def test_a_report_before_admission_does_not_count_until_the_state_is_a_member():
    # Delta's report is dated before its admission: it counts only once Delta is a member.
    assert status_on(_facts(), D(2011, 7, 13)).reported == 2
    later = status_on(_facts(), D(2011, 7, 14))
    assert (later.members, later.reported) == (4, 3)


def test_groups_by_subregion_and_by_membership_on_the_day():
    status = status_on(_facts(), D(2006, 12, 31))
    sub = {g.name: (g.members, g.reported) for g in status.by_subregion}
    assert sub == {"Central Asia": (2, 1), "Southern Europe": (1, 0)}
    org = {g.code: (g.members, g.reported) for g in status.by_organisation}
    assert org == {"OSCE": (2, 1)}  # "XX" ended before the day
    assert status_on(_facts(), D(2004, 6, 1)).to_json()["by_organisation"]["XX"]["members"] == 1


def test_history_is_cumulative_at_year_end():
    points = history(_facts(), 2004, D(2008, 3, 1))
    assert [(p.year, p.members, p.reported, p.new) for p in points] == [
        (2004, 2, 1, 1), (2005, 2, 1, 0), (2006, 3, 1, 0), (2007, 3, 2, 1), (2008, 3, 2, 0)]
    assert points[-1].as_of == D(2008, 3, 1)


@pytest.mark.parametrize("text", ["2014-13-01", "31/03/2014", "yesterday", "1900-01-01"])
def test_bad_dates_are_refused_with_a_message(text):
    with pytest.raises(ValueError, match=text):
        parse_day(text)


def test_demo_data_matches_the_published_totals(demo_data):
    end_2004 = reporting_status(D(2004, 12, 31))
    assert (end_2004.members, end_2004.reported) == (191, 97)
    march_2014 = reporting_status(D(2014, 3, 31))
    assert (march_2014.members, march_2014.reported) == (193, 171)
    assert len(march_2014.not_reported) == 22
    today = reporting_status()
    assert (today.members, today.reported) == (193, 185)
    central_asia = next(g for g in end_2004.by_subregion if g.name == "Central Asia")
    assert (central_asia.members, central_asia.reported) == (5, 5)


def test_only_submitted_first_reports_count(report):
    report("KAZ", "first", D(2004, 10, 1), "draft")
    report("KGZ", "additional", D(2004, 10, 1), "published")
    report("TJK", "first", D(2004, 10, 1), "submitted")
    report("UZB", "first", D(2004, 10, 1), "published")
    status = reporting_status(D(2005, 1, 1))
    assert status.reported == 2
    assert {"TJK", "UZB"}.isdisjoint(s.iso3 for s in status.not_reported)
    assert {"KAZ", "KGZ"} <= {s.iso3 for s in status.not_reported}


def test_status_runs_three_queries_whatever_the_data(report, django_assert_num_queries):
    report("KAZ")
    with django_assert_num_queries(3):
        reporting_status(D(2014, 3, 31))


def test_command_prints_json(demo_data, capsys):
    call_command("status", "--as-of", "2014-03-31", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2014-03-31"
    assert (data["members"], data["reported"], len(data["not_reported"])) == (193, 171, 22)
    assert sum(v["members"] for v in data["by_subregion"].values()) == 193
    assert sum(v["reported"] for v in data["by_subregion"].values()) == 171
    assert data["by_subregion"]["Central Asia"] == {"members": 5, "reported": 5, "not_reported": []}
    assert data["by_organisation"]["OSCE"]["members"] == 56  # the Holy See is an observer State


def test_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="2014-02-30"):
        call_command("status", "--as-of", "2014-02-30")


def test_the_reporting_demo_is_deterministic_for_a_seed_and_day(db):
    def load():
        with transaction.atomic():
            demo.load(random.Random("1540-reporting"), "demo")
        rows = sorted(NationalReport.objects.exclude(submitted_on=None)
                      .values_list("state__iso3", "kind", "submitted_on"))
        plans = sorted(ActionPlan.objects.values_list("state__iso3", "adopted_on"))
        demo.clear()
        return rows, plans

    first = load()
    assert len(first[0]) > 185 and len(first[1]) == 48
    assert load() == first
