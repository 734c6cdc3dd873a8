"""Query parameters, parsed once and bounded: the one place pages and the API read them.

Each helper reads one parameter from a query dict (``request.GET`` or DRF's
``request.query_params``) and returns a value of the right type within documented bounds, or
raises :class:`BadParameter` naming the parameter and saying what is wrong. The request
middleware (pages) and the API's exception handler turn it into a 400 answer: a page, or JSON
``{"detail": ..., "parameter": ...}`` under /api/. Nothing out of bounds reaches the database.

Bounds (documented in docs/ARCHITECTURE.md):

- whole numbers: 0 .. 2,147,483,647 unless a narrower range is given (PostgreSQL's integer);
- years: 1900 .. 2100; months 1 .. 12; dates: YYYY-MM-DD within those years;
- free text: at most 200 characters (names, codes, searches); no control characters;
- choices: one of the listed values; page numbers: 1 .. 100,000.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from .text import describe, first_disallowed

MAX_INT = 2_147_483_647
YEAR_MIN, YEAR_MAX = 1900, 2100
MAX_TEXT = 200
MAX_PAGE = 100_000
_DIGITS = re.compile(r"[0-9]{1,19}")


class BadParameter(ValueError):
    """A query parameter that cannot be used; ``name`` says which, ``message`` why."""

    def __init__(self, name: str, message: str):
        self.name = name
        self.message = message
        super().__init__(message)


def _raw(params, name: str) -> str:
    value = params.get(name)
    return "" if value is None else str(value).strip()


def check_text(name: str, value: str, *, max_length: int = MAX_TEXT,
               multiline: bool = False) -> str:
    """``value`` when it is short enough and holds no control character."""
    char = first_disallowed(value, multiline=multiline)
    if char is not None:
        raise BadParameter(name, _("%(name)s: the value holds a control character (%(char)s).")
                           % {"name": name, "char": describe(char)})
    if len(value) > max_length:
        raise BadParameter(name, _("%(name)s: at most %(max)s characters.")
                           % {"name": name, "max": max_length})
    return value


def text(params, name: str, *, max_length: int = MAX_TEXT, multiline: bool = False) -> str:
    """Free text (a name, a code, a search), stripped; "" when absent."""
    return check_text(name, _raw(params, name), max_length=max_length, multiline=multiline)


def texts(params, name: str, *, max_count: int, max_length: int = MAX_TEXT) -> list[str]:
    """Every non-blank value of a repeated parameter (``?name=a&name=b``)."""
    values = [v.strip() for v in params.getlist(name) if v and v.strip()]
    if len(values) > max_count:
        raise BadParameter(name, _("%(name)s: at most %(max)s values per request.")
                           % {"name": name, "max": max_count})
    return [check_text(name, v, max_length=max_length) for v in values]


def integer(params, name: str, *, minimum: int = 0, maximum: int = MAX_INT,
            default: int | None = None) -> int | None:
    """A whole number within ``minimum`` .. ``maximum``; ``default`` when absent."""
    value = _raw(params, name)
    if not value:
        return default
    negative = value.startswith("-") and minimum < 0
    digits = value[1:] if negative else value
    if not _DIGITS.fullmatch(digits) or not minimum <= (number := int(value)) <= maximum:
        raise BadParameter(name, _('%(name)s: "%(value)s" is not a whole number from %(min)s '
                                   "to %(max)s.") % {"name": name, "value": value[:40],
                                                     "min": minimum, "max": maximum})
    return number


def year(params, name: str = "year", *, default: int | None = None, minimum: int = YEAR_MIN,
         maximum: int = YEAR_MAX) -> int | None:
    """A year within 1900 .. 2100 (or the narrower range given)."""
    value = _raw(params, name)
    if not value:
        return default
    if not _DIGITS.fullmatch(value) or not minimum <= int(value) <= maximum:
        raise BadParameter(name, _('%(name)s: "%(value)s" is not a year from %(min)s to %(max)s.')
                           % {"name": name, "value": value[:40], "min": minimum, "max": maximum})
    return int(value)


def month(params, name: str = "month", *, default: int | None = None) -> int | None:
    return integer(params, name, minimum=1, maximum=12, default=default)


def date(params, name: str, *, default: dt.date | None = None) -> dt.date | None:
    """A date written YYYY-MM-DD, in a year from 1900 to 2100."""
    value = _raw(params, name)
    if not value:
        return default
    return parse_date(name, value)


def parse_date(name: str, value: str) -> dt.date:
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, _('%(name)s: "%(value)s" is not a date (YYYY-MM-DD).')
                           % {"name": name, "value": value[:40]}) from None
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise BadParameter(name, _("%(name)s: %(value)s is outside %(min)s to %(max)s.")
                           % {"name": name, "value": value, "min": YEAR_MIN, "max": YEAR_MAX})
    return day


def choice(params, name: str, choices: Iterable[str], *, default: str | None = None) -> str | None:
    """One of ``choices`` (exactly as written); ``default`` when absent."""
    value = _raw(params, name)
    if not value:
        return default
    allowed = [str(c) for c in choices]
    if value not in allowed:
        raise BadParameter(name, _('%(name)s: "%(value)s" is not one of %(allowed)s.')
                           % {"name": name, "value": value[:40], "allowed": ", ".join(allowed)})
    return value


def page(params, name: str = "page") -> int:
    """A page number of a paginated list, 1 when absent."""
    return integer(params, name, minimum=1, maximum=MAX_PAGE, default=1)


def export_format(params, formats: Iterable[str] | None = None, name: str = "export") -> str | None:
    """The export format asked for (csv, xlsx, json), or None for the page itself."""
    if formats is None:
        from .exports import FORMATS as formats
    return choice(params, name, formats)


def export_keys(params, name: str = "keys") -> bool:
    """``?keys=1``: a CSV/XLSX export headed by the columns' machine keys, not their labels."""
    return choice(params, name, ("0", "1"), default="0") == "1"
