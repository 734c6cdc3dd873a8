"""`clearinghouse load reports|plans|visits|peer-reviews FILE`: all checked, then written once."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from clearinghouse.audit.models import AuditEntry
from clearinghouse.core.importing import ImportFailed, run_import
from clearinghouse.reporting.models import (
    ActionPlan,
    ActionPlanItem,
    CountryVisit,
    NationalReport,
    PeerReview,
)

pytestmark = pytest.mark.django_db


def _load(kind, text, name="file.csv"):
    return run_import(kind, name, text.encode(), "tests")


def _problems(kind, text, name="file.csv"):
    with pytest.raises(ImportFailed) as failed:
        _load(kind, text, name)
    return [str(p) for p in failed.value.problems]


def test_reports_load_with_names_resolved():
    outcome = _load("reports", "state,kind,date,language,status\n"
                               "Kazakhstan,first,2004-10-28,Russian,published\n"
                               "Republic of Korea,first,2004-11-05,,\n"
                               "KAZ,additional,2006-03-01,English,submitted\n")
    assert outcome.summary == {"reports": 3}
    kor = NationalReport.objects.get(state__iso3="KOR")
    assert (kor.kind, kor.submitted_on, kor.status) == ("first", dt.date(2004, 11, 5), "submitted")
    assert NationalReport.objects.filter(state__iso3="KAZ").count() == 2
    assert AuditEntry.objects.filter(action="import.reports").exists()


@pytest.mark.parametrize("row, expected", [
    ("Korea,first,2004-10-28", "line 2, field state"),           # ambiguous: North or South
    ("Atlantis,first,2004-10-28", "line 2, field state"),        # unknown
    ("Kosovo,first,2004-10-28", "line 2, field state"),          # not a UN Member or observer State
    ("Kazakhstan,first,2004-31-10", 'line 2, field date: "2004-31-10" is not a date'),
    ("Kazakhstan,initial,2004-10-28", "line 2, field kind"),
    ("Kazakhstan,first,2999-01-01", "in the future"),
    ("Kazakhstan,first,", "line 2, field date: is required"),
])
def test_bad_rows_are_named_and_nothing_is_written(row, expected):
    text = "state,kind,date\n" + row + "\nFrance,first,2004-10-01\n"
    problems = _problems("reports", text)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("file.csv") for p in problems)
    assert not NationalReport.objects.exists()


def test_duplicates_in_the_file_and_in_the_records():
    problems = _problems("reports", "state,kind,date\nKazakhstan,first,2004-10-28\n"
                                    "Kazakhstan,first,2004-10-28\nKazakhstan,first,2005-01-01\n")
    assert any("line 3, field date: repeats line 2" in p for p in problems), problems
    assert any("line 4, field kind: a second first report" in p for p in problems), problems
    assert not NationalReport.objects.exists()
    _load("reports", "state,kind,date\nKazakhstan,first,2004-10-28\n")
    problems = _problems("reports", "state,kind,date\nKazakhstan,first,2009-01-01\n")
    assert "already has a first report" in problems[0]
    assert NationalReport.objects.count() == 1


def test_missing_column_is_reported_at_line_1():
    problems = _problems("reports", "state,date\nKazakhstan,2004-10-28\n")
    assert problems == ["file.csv line 1, field kind: missing column(s); the file has: state, date"]


def test_json_and_command_line(tmp_path, capsys):
    path = tmp_path / "reports.json"
    path.write_text(json.dumps([{"state": "Kyrgyzstan", "kind": "first", "date": "2004-12-01"}]))
    call_command("load", "reports", str(path))
    assert NationalReport.objects.get().state.iso3 == "KGZ"
    bad = tmp_path / "bad.csv"
    bad.write_text("state,kind,date\nKyrgyzstan,first,2005-01-01\n")
    with pytest.raises(SystemExit) as exit_:
        call_command("load", "reports", str(bad))
    assert exit_.value.code == 1
    assert "bad.csv line 2, field kind" in capsys.readouterr().err


def test_plans_group_items_and_read_taxonomy_areas():
    outcome = _load("plans", "state,date,area,action,agency,target_date,status,assistance\n"
                             "Kazakhstan,2015-05-01,op3c,Train border guards,Border Service,2016-12-31,in progress,Training\n"
                             "Kazakhstan,2015-05-01,Export and trans-shipment control,Update lists,Ministry of Trade,,planned,\n"
                             "Kazakhstan,2015-05-01,Public health laboratories,Upgrade labs,Ministry of Health,,completed,\n")
    assert outcome.summary == {"plans": 1, "items": 3}
    items = list(ActionPlanItem.objects.order_by("position"))
    assert [(i.area_code, i.progress) for i in items] == [
        ("op3c", "in_progress"), ("op3d", "planned"), ("", "completed")]
    assert items[2].area == "Public health laboratories"
    problems = _problems("plans", "state,date,area,action,status\nKazakhstan,2015-05-01,op2,Draft law,planned\n")
    assert "already has a plan dated 2015-05-01" in problems[0]
    problems = _problems("plans", "state,date,area,action,status\nUzbekistan,2015-05-01,op2,Draft law,someday\n")
    assert "field status" in problems[0]
    assert ActionPlan.objects.count() == 1


def test_visits_and_peer_reviews():
    assert _load("visits", "state,start,end,delegation\nKazakhstan,2016-04-11,2016-04-13,Chair\n").summary == {
        "visits": 1}
    problems = _problems("visits", "state,start,end\nKazakhstan,2016-04-11,2016-04-14\n"
                                   "Uzbekistan,2016-05-11,2016-05-10\n")
    assert any("already has a visit starting 2016-04-11" in p for p in problems)
    assert any("line 3, field end" in p for p in problems)
    assert CountryVisit.objects.count() == 1

    _load("peer-reviews", "states,start,end,title\nCroatia; Poland,2013-05-27,2013-10-18,Croatia-Poland\n")
    review = PeerReview.objects.get()
    assert sorted(s.iso3 for s in review.states.all()) == ["HRV", "POL"]
    problems = _problems("peer-reviews", "states,start,end\nPoland;Croatia,2013-05-27,2013-10-18\n"
                                         "Belarus,2017-01-01,2017-02-01\nBelarus;Narnia,2017-01-01,2017-02-01\n")
    assert any("line 2, field start: the same review is already listed" in p for p in problems), problems
    assert any("line 3, field states: name two or more States" in p for p in problems), problems
    assert any("line 4, field states" in p and "Narnia" in p for p in problems), problems
    assert PeerReview.objects.count() == 1
