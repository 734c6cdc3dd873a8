"""A State's matrix as PDF, in the Committee's layout.

The HTML comes from the template ``matrix/pdf.html``; :mod:`clearinghouse.pdf` renders it with
the shipped fonts and a fetcher that goes nowhere.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import get_language

from clearinghouse.matrix import labels
from clearinghouse.pdf import font_css, html_to_pdf


def render_pdf(context: dict) -> bytes:
    """The PDF of ``matrix/pdf.html`` rendered with ``context`` (state, version, tables, counts)."""
    legend = labels.legend(get_language())
    return html_to_pdf(render_to_string("matrix/pdf.html", {
        **context, "font_css": font_css(), "legend": legend}))
