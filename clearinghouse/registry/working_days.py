"""UN Headquarters working days (pure, no Django).

A working day at United Nations Headquarters in New York is a Monday to Friday that is not an
official holiday of the duty station. The holidays are a dated list in the reference data
(``registry/data/un_holidays.csv``, sources in the data README); the list covers whole calendar
years. A computation that would need a day outside the years covered raises
:class:`BeyondCalendar` (naming the years covered) rather than silently guessing: the caller
decides (the objection window counts weekdays only there and says so, see
``assistance/workflow.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "un_holidays.csv"
STATUSES = ("circular", "rule", "provisional")


class BeyondCalendar(LookupError):
    """The computation needs a day outside the years the holiday list covers."""

    def __init__(self, day: dt.date, holidays: Holidays):
        self.day = day
        self.holidays = holidays
        super().__init__(
            f"UN Headquarters holidays are known from {holidays.first.isoformat()} to "
            f"{holidays.last.isoformat()}; {day.isoformat()} is outside that range")


@dataclass(frozen=True)
class Holiday:
    day: dt.date
    name: str
    status: str  # circular (from the Secretariat's circular), rule, provisional


@dataclass(frozen=True)
class Holidays:
    """The official holidays of a duty station over whole years ``first.year..last.year``."""

    entries: tuple[Holiday, ...]
    first: dt.date
    last: dt.date

    @classmethod
    def of(cls, entries) -> Holidays:
        entries = tuple(sorted(entries, key=lambda h: h.day))
        if not entries:
            raise ValueError("a holiday list needs at least one holiday")
        return cls(entries, dt.date(entries[0].day.year, 1, 1),
                   dt.date(entries[-1].day.year, 12, 31))

    @property
    def days(self) -> frozenset[dt.date]:
        return frozenset(h.day for h in self.entries)

    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def __contains__(self, day: dt.date) -> bool:
        return day in self.days

    def get(self, day: dt.date) -> Holiday | None:
        return next((h for h in self.entries if h.day == day), None)


def read_holidays(path: Path = DATA_FILE) -> Holidays:
    """Read and check the list: ISO dates, known statuses, no weekend, no duplicate, whole
    years without gaps. Errors name the file, line and field."""
    entries, seen = [], set()
    with open(path, newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            where = f"{path.name}, line {line}"
            try:
                day = dt.date.fromisoformat(row["date"])
            except (TypeError, ValueError):
                raise ValueError(f"{where}, date: {row.get('date')!r} is not YYYY-MM-DD") from None
            if day.weekday() >= 5:
                raise ValueError(f"{where}, date: {day} is a weekend day (give the observed day)")
            if day in seen:
                raise ValueError(f"{where}, date: {day} is listed twice")
            if row.get("status") not in STATUSES:
                raise ValueError(f"{where}, status: {row.get('status')!r} is not one of "
                                 f"{', '.join(STATUSES)}")
            if not (row.get("name") or "").strip():
                raise ValueError(f"{where}, name: empty")
            seen.add(day)
            entries.append(Holiday(day, row["name"].strip(), row["status"]))
    holidays = Holidays.of(entries)
    years = {h.day.year for h in holidays.entries}
    missing = set(range(holidays.first.year, holidays.last.year + 1)) - years
    if missing:
        raise ValueError(f"{path.name}: no holiday listed for {sorted(missing)}")
    return holidays


@cache
def un_headquarters() -> Holidays:
    """The official holidays at UN Headquarters (New York), from the reference data."""
    return read_holidays()


def is_working_day(day: dt.date, holidays: Holidays) -> bool:
    if not holidays.covers(day):
        raise BeyondCalendar(day, holidays)
    return day.weekday() < 5 and day not in holidays


def add_working_days(day: dt.date, n: int, holidays: Holidays) -> dt.date:
    """The n-th working day after ``day`` (``day`` itself does not count; n >= 0).

    Raises BeyondCalendar when a day to be counted lies outside the years the list covers."""
    if n < 0:
        raise ValueError("n must be zero or more")
    days = holidays.days
    out = day
    while n > 0:
        out += dt.timedelta(days=1)
        if not holidays.covers(out):
            raise BeyondCalendar(out, holidays)
        if out.weekday() < 5 and out not in days:
            n -= 1
    return out


def add_weekdays(day: dt.date, n: int) -> dt.date:
    """The n-th Monday-to-Friday after ``day``, holidays ignored (the fallback beyond the list)."""
    out = day
    while n > 0:
        out += dt.timedelta(days=1)
        if out.weekday() < 5:
            n -= 1
    return out
