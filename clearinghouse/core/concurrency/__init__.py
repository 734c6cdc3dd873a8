"""No silent lost update: optimistic concurrency shared by every edit path.

``records``: the ``Versioned`` model, tokens, ``lock``/``check`` and the ``Conflict`` and
``StateConflict`` errors. ``forms``: the hidden revision field and the conflict page. The API
side (ETag, If-Match, 412/428/409) is in ``clearinghouse.api.conditional``. See the rule
"No silent lost update" in docs/ARCHITECTURE.md.
"""

from .records import (
    Conflict,
    StateChanged,
    StateConflict,
    Versioned,
    changed_by,
    check,
    last_change,
    lock,
    matches,
    stamp,
    token,
)

__all__ = ["Conflict", "StateChanged", "StateConflict", "Versioned", "changed_by", "check",
           "last_change", "lock", "matches", "stamp", "token"]
