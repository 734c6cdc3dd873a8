"""Text every store and every document format can hold. Pure Python (no Django).

A character that no person types and no document format accepts is removed on input (the
request middleware for forms, the API's parsers, the importers' readers) and again by each
writer (XLSX, DOCX, PDF), since rows stored before may already hold one:

- C0 control characters except tab, line feed and carriage return (XML 1.0, hence XLSX and
  DOCX, refuses them; PostgreSQL refuses NUL);
- DEL and the C1 control characters (U+007F-U+009F: mis-decoded bytes, never text);
- lone surrogates (U+D800-U+DFFF, which cannot be encoded as UTF-8) and the non-characters
  U+FFFE and U+FFFF.

Tab, line feed and carriage return stay in multi-line text; a single-line value turns them
into spaces.
"""

from __future__ import annotations

import dataclasses
import re

DISALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = re.compile("[\t\n\r]")


def first_disallowed(text: str, *, multiline: bool = True) -> str | None:
    """The first character ``text`` may not hold, or None."""
    found = DISALLOWED.search(text)
    if found is None and not multiline:
        found = LINE_BREAKS.search(text)
    return found.group() if found else None


def describe(char: str) -> str:
    """A character as a person can read it in a message: U+0000."""
    return f"U+{ord(char):04X}"


def clean_text(text: str, *, multiline: bool = True) -> str:
    """``text`` without the characters no store or document may hold."""
    if not isinstance(text, str):
        return text
    text = DISALLOWED.sub("", text)
    return text if multiline else LINE_BREAKS.sub(" ", text)


def scrub(value):
    """``value`` with :func:`clean_text` applied to every string in it, however nested.

    Strings, lists, tuples, sets, dict keys and values, and dataclass instances (rebuilt with
    ``dataclasses.replace``) are cleaned; any other object is returned as it is.
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, tuple):
        items = [scrub(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, set | frozenset):
        return type(value)(scrub(v) for v in value)
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: scrub(getattr(value, f.name)) for f in dataclasses.fields(value)
                   if f.init}
        return dataclasses.replace(value, **changes)
    return value
