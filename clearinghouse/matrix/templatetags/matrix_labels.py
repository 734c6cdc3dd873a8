"""The matrix template's sections and rows in the page's language (matrix/labels.py)."""

from django import template
from django.utils.translation import get_language

from clearinghouse.matrix import labels

register = template.Library()


@register.filter
def row_label(field) -> str:
    """A field's (or a layout row's) label: anything with ``code`` and ``label``."""
    return labels.row_label(field.code, field.label, get_language())


@register.filter
def section_title(section) -> str:
    """A section's title: anything with ``code`` and ``title`` (or a dict with those keys)."""
    code = section["code"] if isinstance(section, dict) else section.code
    title = section["title"] if isinstance(section, dict) else section.title
    return labels.section_text(code, "title", title, get_language())


@register.filter
def section_note(section) -> str:
    return labels.section_text(section.code, "note", section.note or "", get_language())


@register.filter
def weapon_label(group) -> str:
    """A weapon group's heading: anything with ``weapon`` (code) and ``label`` (English)."""
    return labels.weapon_label(group.weapon, str(group.label), get_language())


@register.filter
def template_title(title) -> str:
    return labels.template_title(title, get_language())
