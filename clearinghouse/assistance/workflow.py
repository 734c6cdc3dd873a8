"""The Committee's procedure for a request, as plain rules (no database).

- Status workflow: received -> authenticated -> acknowledged -> circulated -> matched (partly or
  fully) -> in progress -> completed; or withdrawn / unmet. ``NEXT`` lists the allowed moves.
- Publication: a summary is posted publicly if the State consented, or if it was circulated and
  did not object within 5 working days. Working days are UN Headquarters working days: Monday
  to Friday except the official holidays of UN Headquarters in New York (the dated list in
  ``registry/data/un_holidays.csv``, through ``registry/working_days.py``). Beyond the years
  that list covers, the window counts Monday to Friday only and a warning is logged.
- Follow-up: one year after circulation the Chair asks whether the request was met.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils.translation import gettext_lazy as _

RECEIVED = "received"
AUTHENTICATED = "authenticated"
ACKNOWLEDGED = "acknowledged"
CIRCULATED = "circulated"
MATCHED_PARTLY = "matched_partly"
MATCHED_FULLY = "matched_fully"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
WITHDRAWN = "withdrawn"
UNMET = "unmet"

STATUS_CHOICES = [
    (RECEIVED, _("received")),
    (AUTHENTICATED, _("authenticated")),
    (ACKNOWLEDGED, _("acknowledged")),
    (CIRCULATED, _("circulated to providers")),
    (MATCHED_PARTLY, _("matched (partly)")),
    (MATCHED_FULLY, _("matched (fully)")),
    (IN_PROGRESS, _("in progress")),
    (COMPLETED, _("completed")),
    (WITHDRAWN, _("withdrawn")),
    (UNMET, _("unmet")),
]
STATUS_ORDER = [code for code, _label in STATUS_CHOICES]

NEXT: dict[str, tuple[str, ...]] = {
    RECEIVED: (AUTHENTICATED, WITHDRAWN),
    AUTHENTICATED: (ACKNOWLEDGED, WITHDRAWN),
    ACKNOWLEDGED: (CIRCULATED, WITHDRAWN),
    CIRCULATED: (MATCHED_PARTLY, MATCHED_FULLY, UNMET, WITHDRAWN),
    MATCHED_PARTLY: (MATCHED_FULLY, IN_PROGRESS, UNMET, WITHDRAWN),
    MATCHED_FULLY: (IN_PROGRESS, WITHDRAWN),
    IN_PROGRESS: (COMPLETED, UNMET, WITHDRAWN),
    COMPLETED: (),
    WITHDRAWN: (),
    UNMET: (),
}
TERMINAL = frozenset(s for s, moves in NEXT.items() if not moves)
# Requests the engine still looks for offers for.
OPEN = (RECEIVED, AUTHENTICATED, ACKNOWLEDGED, CIRCULATED, MATCHED_PARTLY)
MATCHED = (MATCHED_PARTLY, MATCHED_FULLY, IN_PROGRESS, COMPLETED)

log = logging.getLogger(__name__)

OBJECTION_WORKING_DAYS = 5
FOLLOW_UP_AFTER_DAYS = 365


def objection_deadline(circulated: dt.date, holidays=None) -> dt.date:
    """The last day the State may object: 5 UN Headquarters working days after circulation
    (inclusive). Beyond the years the holiday list covers: Monday to Friday, with a warning."""
    from clearinghouse.registry import working_days

    holidays = holidays or working_days.un_headquarters()
    try:
        return working_days.add_working_days(circulated, OBJECTION_WORKING_DAYS, holidays)
    except working_days.BeyondCalendar as exc:
        log.warning("objection window from %s counted on weekdays only: %s", circulated, exc)
        return working_days.add_weekdays(circulated, OBJECTION_WORKING_DAYS)


def follow_up_due(circulated: dt.date) -> dt.date:
    """One year after circulation (29 February circulations fall due on 28 February)."""
    try:
        return circulated.replace(year=circulated.year + 1)
    except ValueError:
        return circulated.replace(year=circulated.year + 1, day=28)


def can_move(current: str, target: str) -> bool:
    return target in NEXT.get(current, ())
