"""Date ranges as notes write them, and back.

Input text is expected to have its dashes normalised to "-" (see textclean).
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# Month names in the other languages notes are read in (French, Spanish; Russian in the
# genitive that dates use, and the nominative), accents as written and without.
OTHER_MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
_ABBR = {m[:3]: n for m, n in MONTHS.items()}
_ABBR["sept"] = 9
MONTH_NAMES = [m.capitalize() for m in MONTHS]

_OTHER = "|".join(sorted(OTHER_MONTHS, key=len, reverse=True))
_M = r"(?P<{0}>(?:" + _OTHER + r")(?![\w])|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
_D = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_Y = r"(?P<{0}>(?:19|20)\d\d)(?:\s*(?:года|год|г\.))?"
# "-", "to", "au" (du 7 au 9), "al" (del 14 al 16), "y"/"et"/"и" (5 y 6), "по" (с 1 по 3).
_TO = r"\s*(?:-|to|until|till|through|and|/|au|al|a|et|y|и|по|до)\s*"
# Between day and month, and month and year: "14 de marzo de 2017".
_DE = r"\s+(?:de\s+)?"
_WEEKDAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|понедельник|вторник|"
    r"среда|среду|четверг|пятница|пятницу|суббота|субботу|воскресенье),?\s*",
    re.IGNORECASE,
)


def _p(template: str) -> re.Pattern[str]:
    names = {
        "D1": _D.format("d1"),
        "D2": _D.format("d2"),
        "M1": _M.format("m1"),
        "M2": _M.format("m2"),
        "Y1": _Y.format("y1"),
        "Y2": _Y.format("y2"),
        "TO": _TO,
        "DE": _DE,
    }
    for key, value in names.items():
        template = template.replace(key, value)
    return re.compile(r"(?<![\w-])" + template + r"(?![\w])", re.IGNORECASE)


PATTERNS = [
    # 2014-03-11 to 2014-03-12
    re.compile(
        r"(?<!\d)(?P<y1>\d{4})-(?P<m1>\d\d)-(?P<d1>\d\d)"
        r"(?:\s*(?:to|until|-|/|–)\s*(?P<y2>\d{4})-(?P<m2>\d\d)-(?P<d2>\d\d))?(?!\d)"
    ),
    _p(r"D1DEM1,?DEY1TOD2DEM2,?DEY2"),  # 30 December 2015 - 2 January 2016
    _p(r"D1DEM1TOD2DEM2,?DEY2"),  # 30 November - 2 December 2015; du 30 novembre au 2 décembre
    _p(r"D1TOD2DEM2,?DEY2"),  # 11-12 March 2014, 11 to 12 March, 14 al 16 de marzo de 2017
    _p(r"M1\s+D1,?\s+Y1TOM2\s+D2,?\s+Y2"),  # December 30, 2015 - January 2, 2016
    _p(r"M1\s+D1TOM2\s+D2,?\s+Y2"),  # November 30 - December 2, 2015
    _p(r"M1\s+D1TOD2,?\s+Y2"),  # March 11-12, 2014
    _p(r"D2DEM2,?DEY2"),  # 11 March 2014, 1er juin 2022, 3 октября 2019 г.
    _p(r"M2\s+D2,?\s+Y2"),  # March 11, 2014
]


def _month(token: str | None) -> int | None:
    if token is None:
        return None
    token = token.lower().rstrip(".")
    if token.isdigit():
        return int(token)
    if token in OTHER_MONTHS:
        return OTHER_MONTHS[token]
    return MONTHS.get(token) or _ABBR.get(token[:4]) or _ABBR.get(token[:3])


def strip_weekdays(text: str) -> str:
    return _WEEKDAY.sub("", text)


def find_date_range(text: str) -> tuple[date | None, date | None, tuple[int, int] | None]:
    """The first date or date range in text: (start, end, (match start, match end))."""
    cleaned = _WEEKDAY.sub(lambda m: " " * len(m.group(0)), text)
    best = None
    for pattern in PATTERNS:
        for m in pattern.finditer(cleaned):
            got = _to_dates(m)
            if got and (best is None or m.start() < best[2][0]):
                best = (got[0], got[1], m.span())
            if got:
                break
    return best if best else (None, None, None)


def _to_dates(m: re.Match[str]) -> tuple[date, date] | None:
    g = m.groupdict()
    try:
        if g.get("y1") and (g.get("m1") or "").isdigit():  # ISO
            start = date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
            end = date(int(g["y2"]), int(g["m2"]), int(g["d2"])) if g.get("y2") else start
            return (start, end) if end >= start else None
        y2, m2 = int(g["y2"]), _month(g.get("m2")) or _month(g.get("m1"))
        d2 = int(g["d2"])
        y1 = int(g["y1"]) if g.get("y1") else y2
        m1 = _month(g.get("m1")) or m2
        d1 = int(g["d1"]) if g.get("d1") else d2
        if m1 is None or m2 is None:
            return None
        start, end = date(y1, m1, d1), date(y2, m2, d2)
    except (ValueError, TypeError, KeyError):
        return None
    if end < start:
        return None
    return start, end


def format_range(start: date | None, end: date | None) -> str:
    """'11-12 March 2014', '30 November - 2 December 2015', '11 March 2014'."""
    if start is None:
        return ""
    end = end or start

    def dm(d: date) -> str:
        return f"{d.day} {MONTH_NAMES[d.month - 1]}"

    if start == end:
        return f"{dm(start)} {start.year}"
    if start.year != end.year:
        return f"{dm(start)} {start.year} - {dm(end)} {end.year}"
    if start.month != end.month:
        return f"{dm(start)} - {dm(end)} {end.year}"
    return f"{start.day}-{end.day} {MONTH_NAMES[end.month - 1]} {end.year}"
