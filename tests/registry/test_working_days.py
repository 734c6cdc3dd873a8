"""UN Headquarters working days: weekends, the official holidays of New York, the list's range."""

import datetime as dt

import pytest

from clearinghouse.assistance import workflow as wf
from clearinghouse.registry import working_days as wd

D = dt.date
HQ = wd.un_headquarters()


def _easter(year: int) -> dt.date:
    """Anonymous Gregorian computus (to check the Good Fridays of the list)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leg = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leg) // 451
    month, day = divmod(h + leg - 7 * m + 114, 31)
    return D(year, month, day + 1)


def test_the_list_covers_2024_to_2027_with_nine_official_holidays_a_year():
    assert HQ.first == D(2024, 1, 1) and HQ.last == D(2027, 12, 31)
    for year in range(2024, 2028):
        names = sorted(h.name.replace(" (observed)", "") for h in HQ.entries if h.day.year == year)
        assert names == sorted(["New Year's Day", "Good Friday", "Eid al-Fitr", "Memorial Day",
                                "Eid al-Adha", "Independence Day", "Labour Day",
                                "Thanksgiving Day", "Christmas Day"]), year
        good_friday = next(h for h in HQ.entries if h.day.year == year and h.name == "Good Friday")
        assert good_friday.day == _easter(year) - dt.timedelta(days=2)
        thanksgiving = next(h.day for h in HQ.entries
                            if h.day.year == year and h.name == "Thanksgiving Day")
        assert thanksgiving.weekday() == 3 and 22 <= thanksgiving.day <= 28
    # The 2024 list is the circular's; Eid dates not yet in a circular are marked provisional.
    assert {h.status for h in HQ.entries if h.day.year == 2024} == {"circular"}
    assert all(h.status == "provisional" for h in HQ.entries
               if h.name.startswith("Eid") and h.day.year >= 2025)


def test_weekends_and_holidays_are_not_working_days():
    assert wd.is_working_day(D(2026, 12, 1), HQ)          # a Tuesday
    assert not wd.is_working_day(D(2026, 12, 5), HQ)      # Saturday
    assert not wd.is_working_day(D(2026, 11, 26), HQ)     # Thanksgiving
    assert not wd.is_working_day(D(2026, 7, 3), HQ)       # Independence Day observed (Friday)


def test_window_opened_before_thanksgiving_skips_it():
    # Monday 23 Nov 2026: Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27, Mon 30, Tue 1 Dec.
    assert wd.add_working_days(D(2026, 11, 23), 5, HQ) == D(2026, 12, 1)
    assert wd.add_weekdays(D(2026, 11, 23), 5) == D(2026, 11, 30)  # what Mon-Fri alone gives


def test_window_across_christmas_and_new_year():
    # Tuesday 22 Dec 2026: Wed 23, Thu 24, (Fri 25 Christmas), Mon 28, Tue 29, Wed 30.
    assert wd.add_working_days(D(2026, 12, 22), 5, HQ) == D(2026, 12, 30)
    # Monday 28 Dec 2026: Tue 29, Wed 30, Thu 31, (Fri 1 Jan), Mon 4, Tue 5 Jan 2027.
    assert wd.add_working_days(D(2026, 12, 28), 5, HQ) == D(2027, 1, 5)
    # Christmas 2027 falls on a Saturday: observed on Friday 24 December.
    assert wd.add_working_days(D(2027, 12, 20), 5, HQ) == D(2027, 12, 28)


def test_window_from_a_weekend_or_a_holiday_starts_counting_the_next_working_day():
    assert wd.add_working_days(D(2024, 3, 30), 1, HQ) == D(2024, 4, 1)   # Sat after Good Friday
    assert wd.add_working_days(D(2024, 3, 29), 5, HQ) == D(2024, 4, 5)   # Good Friday itself
    assert wd.add_working_days(D(2024, 4, 8), 5, HQ) == D(2024, 4, 16)   # across Eid al-Fitr
    assert wd.add_working_days(D(2024, 4, 8), 0, HQ) == D(2024, 4, 8)


def test_beyond_the_list_raises_naming_the_range():
    with pytest.raises(wd.BeyondCalendar, match="2024-01-01 to 2027-12-31; 2028-01-01"):
        wd.add_working_days(D(2027, 12, 30), 5, HQ)
    with pytest.raises(wd.BeyondCalendar):
        wd.add_working_days(D(2023, 12, 20), 5, HQ)   # starts before: the first day counted
    with pytest.raises(wd.BeyondCalendar):
        wd.is_working_day(D(2031, 3, 3), HQ)
    with pytest.raises(ValueError):
        wd.add_working_days(D(2026, 1, 5), -1, HQ)


def test_objection_window_uses_un_working_days_and_falls_back_to_weekdays(caplog):
    assert wf.objection_deadline(D(2026, 11, 23)) == D(2026, 12, 1)
    assert wf.objection_deadline(D(2025, 3, 28)) == D(2025, 4, 7)  # across Eid al-Fitr 31 March
    with caplog.at_level("WARNING", logger="clearinghouse.assistance.workflow"):
        assert wf.objection_deadline(D(2030, 11, 25)) == D(2030, 12, 2)
    assert "weekdays only" in caplog.text and "2027-12-31" in caplog.text


def test_a_malformed_list_is_refused_with_file_line_and_field(tmp_path):
    bad = tmp_path / "un_holidays.csv"
    bad.write_text("date,name,status\n2026-12-25,Christmas Day,rule\n2026-12-26,Boxing,rule\n")
    with pytest.raises(ValueError, match="line 3, date: 2026-12-26 is a weekend day"):
        wd.read_holidays(bad)
    bad.write_text("date,name,status\n2026-12-25,Christmas Day,maybe\n")
    with pytest.raises(ValueError, match="line 2, status"):
        wd.read_holidays(bad)
    bad.write_text("date,name,status\n2024-12-25,Christmas Day,rule\n2026-12-25,Christmas,rule\n")
    with pytest.raises(ValueError, match=r"no holiday listed for \[2025\]"):
        wd.read_holidays(bad)
