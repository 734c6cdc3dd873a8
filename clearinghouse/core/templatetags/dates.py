"""Dates written for people, in the reader's language (a builtin library: no ``{% load %}``).

``{{ d|long_date }}``: 1 December 2026, 1 décembre 2026, 1 de diciembre de 2026,
1 декабря 2026 г., 1 كانون الأول/ديسمبر 2026, 2026年12月1日 (DATE_FORMAT of clearinghouse/formats/).
``{{ d|month_year }}``: YEAR_MONTH_FORMAT. A language's format module may name its months
(MONTHS: Arabic's double names as the UN writes them) where Django's catalogue differs.
Machine dates (tables, inputs, CSV, API) keep writing ``|date:"Y-m-d"``.
"""

from __future__ import annotations

from django import template
from django.utils import formats, translation
from django.utils.dateformat import format as date_format

register = template.Library()


def _months() -> dict[int, str] | None:
    for module in formats.get_format_modules(translation.get_language()):
        if hasattr(module, "MONTHS"):
            return module.MONTHS
    return None


def _escaped(text: str) -> str:
    return "".join("\\" + ch for ch in text)


def format_date(value, setting: str) -> str:
    if value in (None, ""):
        return ""
    pattern = formats.get_format(setting)
    months = _months()
    if months and hasattr(value, "month"):
        out, escape = [], False
        for ch in pattern:
            if escape:
                out.append("\\" + ch)
                escape = False
            elif ch == "\\":
                escape = True
            elif ch in "FE":
                out.append(_escaped(months[value.month]))
            else:
                out.append(ch)
        pattern = "".join(out)
    try:
        return date_format(value, pattern)
    except (AttributeError, TypeError, ValueError):
        return ""


@register.filter(expects_localtime=True, is_safe=False)
def long_date(value):
    return format_date(value, "DATE_FORMAT")


@register.filter(expects_localtime=True, is_safe=False)
def month_year(value):
    return format_date(value, "YEAR_MONTH_FORMAT")
