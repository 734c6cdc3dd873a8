"""Dates for people in each UN language, in the style of the UN's own documents
(settings.FORMAT_MODULE_PATH; what is not set here comes from Django's locale).

Every module puts ISO ``%Y-%m-%d`` first in DATE_INPUT_FORMATS: Django renders a date field's
value with the first input format, and ``<input type="date">`` needs ISO. Machine formats (tables
of dates, CSV, JSON, the API, SVG) never use these: they write ``Y-m-d`` explicitly.
MONTHS (a name of ours, not Django's): month names that differ from Django's catalogue, used by
the ``long_date`` / ``month_year`` filters (core/templatetags/dates.py).
"""
