"""The difference between two versions of a matrix (pure: works on cell dictionaries).

Cells are keyed by (field code, dimension) and hold (value, source, remarks); a missing key is
a blank cell. A cell is *added* when it was blank before, *removed* when it is blank now, and
*changed* when its value, source or remarks differ.
"""

from __future__ import annotations

from dataclasses import dataclass

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
BLANK = ("", "", "")


@dataclass(frozen=True)
class CellChange:
    kind: str
    code: str
    dimension: str
    before: tuple[str, str, str]
    after: tuple[str, str, str]

    @property
    def what(self) -> list[str]:
        names = ("value", "source", "remarks")
        return [n for n, a, b in zip(names, self.before, self.after, strict=True) if a != b]


def _is_blank(cell) -> bool:
    return cell is None or tuple(cell) == BLANK


def diff(before: dict, after: dict, order: dict | None = None) -> list[CellChange]:
    """Changes from ``before`` to ``after``, in template order when ``order`` gives it."""
    changes = []
    for key in set(before) | set(after):
        old, new = before.get(key), after.get(key)
        if _is_blank(old) and _is_blank(new):
            continue
        if _is_blank(old):
            changes.append(CellChange(ADDED, key[0], key[1], BLANK, tuple(new)))
        elif _is_blank(new):
            changes.append(CellChange(REMOVED, key[0], key[1], tuple(old), BLANK))
        elif tuple(old) != tuple(new):
            changes.append(CellChange(CHANGED, key[0], key[1], tuple(old), tuple(new)))
    rank = order or {}
    changes.sort(key=lambda c: (rank.get(c.code, 10**9), c.code, c.dimension))
    return changes


def summary(changes: list[CellChange]) -> dict[str, int]:
    out = {ADDED: 0, CHANGED: 0, REMOVED: 0}
    for c in changes:
        out[c.kind] += 1
    return out
