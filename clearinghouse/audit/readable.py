"""The "changes" of an audit entry as a person reads them: one line per field, "old → new"
for a change, the value alone otherwise (pure)."""

from __future__ import annotations

ARROW = "→"


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def _label(field: str) -> str:
    return str(field).replace("_", " ")


def lines(changes) -> list[str]:
    """``{"status": ["draft", "published"], "title": "X"}`` -> ["status: draft → published",
    "title: X"]; ``{"from": a, "to": b, "note": n}`` -> ["a → b", "note: n"]."""
    if not changes:
        return []
    if not isinstance(changes, dict):
        return [_text(changes)]
    out = []
    rest = dict(changes)
    if "from" in rest and "to" in rest:
        out.append(f"{_text(rest.pop('from'))} {ARROW} {_text(rest.pop('to'))}")
    for field, value in rest.items():
        if isinstance(value, list | tuple) and len(value) == 2 and not any(
                isinstance(v, list | tuple | dict) for v in value):
            out.append(f"{_label(field)}: {_text(value[0])} {ARROW} {_text(value[1])}")
        elif isinstance(value, dict) and set(value) == {"old", "new"}:
            out.append(f"{_label(field)}: {_text(value['old'])} {ARROW} {_text(value['new'])}")
        else:
            out.append(f"{_label(field)}: {_text(value)}")
    return out
