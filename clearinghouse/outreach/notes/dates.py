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
# Arabic: the United Nations writes both names ("آذار/مارس"); either one alone is read too.
ARABIC_MONTHS = [
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
    "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
]
for _n, _name in enumerate(ARABIC_MONTHS, start=1):
    OTHER_MONTHS[_name] = _n
    for _part in _name.split("/"):
        OTHER_MONTHS.setdefault(_part, _n)
OTHER_MONTHS.update({"يونيو": 6, "يوليو": 7, "ابريل": 4, "اغسطس": 8, "اكتوبر": 10})

# The months as a rendered note writes them, by language (Russian in the genitive).
WRITTEN_MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
    "ar": ARABIC_MONTHS,
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


# Chinese: 2014年3月11日至12日, 2015年11月30日至12月2日, 2015年12月30日至2016年1月2日.
_ZH = re.compile(
    r"(?<!\d)(?P<zh>(?P<y1>(?:19|20)\d\d))\s*年\s*(?P<m1>[01]?\d)\s*月\s*(?P<d1>[0-3]?\d)\s*[日号]"
    r"(?:\s*(?:至|到|-|~)\s*(?:(?P<y2>(?:19|20)\d\d)\s*年\s*)?(?:(?P<m2>[01]?\d)\s*月\s*)?"
    r"(?P<d2>[0-3]?\d)\s*[日号])?"
)

PATTERNS = [
    _ZH,
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
        if g.get("zh"):
            start = date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
            end = date(int(g["y2"] or g["y1"]), int(g["m2"] or g["m1"]), int(g["d2"] or g["d1"]))
            return (start, end) if end >= start else None
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


def format_range(start: date | None, end: date | None, language: str = "en") -> str:
    """'11-12 March 2014', '30 November - 2 December 2015', '11 March 2014'; in French
    '11-12 mars 2014', Spanish '11-12 de marzo de 2014', Russian '11-12 марта 2014 года',
    Arabic '11-12 آذار/مارس 2014', Chinese '2014年3月11日至12日'. Every form is read back by
    :func:`find_date_range`."""
    if start is None:
        return ""
    end = end or start
    if language == "zh":
        text = f"{start.year}年{start.month}月{start.day}日"
        if end == start:
            return text
        if end.year != start.year:
            return f"{text}至{end.year}年{end.month}月{end.day}日"
        if end.month != start.month:
            return f"{text}至{end.month}月{end.day}日"
        return f"{text}至{end.day}日"
    months = WRITTEN_MONTHS.get(language, MONTH_NAMES)
    de = " de " if language == "es" else " "
    year_word = " года" if language == "ru" else ""

    def day(d: date) -> str:
        return "1er" if language == "fr" and d.day == 1 else str(d.day)

    def dm(d: date) -> str:
        return f"{day(d)}{de}{months[d.month - 1]}"

    def y(d: date) -> str:
        return f"{de}{d.year}{year_word}"

    if start == end:
        return f"{dm(start)}{y(start)}"
    if start.year != end.year:
        return f"{dm(start)}{y(start)} - {dm(end)}{y(end)}"
    if start.month != end.month:
        return f"{dm(start)} - {dm(end)}{y(end)}"
    return f"{day(start)}-{day(end)}{de}{months[end.month - 1]}{y(end)}"
