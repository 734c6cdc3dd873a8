"""Feedback after a match completes (resolution 2663 (2022) asks for feedback from recipients
and providers); see ``actions`` (re-exported there).

The requester's point of contact (a State's, or an organisation's) gives the requester's
feedback, the provider's point of contact the provider's; an expert may record either on the
party's behalf. One per party per match, written once: a second answer is refused with who
gave the first and when.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import role_of
from clearinghouse.audit.log import record
from clearinghouse.core import concurrency
from clearinghouse.notifications import recipients
from clearinghouse.notifications.models import Kind
from clearinghouse.notifications.notify import notify

from . import rules
from .actions import ActionConflict, ActionError, _label, _require, _user
from .models import Feedback, Match, MatchStatus, Outcome, Party

COMMENT_MAX = 5000


def parties_of(actor, match: Match) -> list[str]:
    """The parties for which ``actor`` may give feedback on ``match``: experts both."""
    if isinstance(actor, str):
        return list(Party.values)
    role = role_of(actor)
    if role == Role.EXPERT:
        return list(Party.values)
    out = []
    if rules.speaks_for(actor, role, match.request):
        out.append(Party.REQUESTER.value)
    if role == Role.PROVIDER_POC and rules.provides(actor, match.offer):
        out.append(Party.PROVIDER.value)
    return out


def _already(given: Feedback) -> ActionConflict:
    values = {"who": given.by_label, "when": given.at.isoformat(timespec="seconds")}
    if given.party == Party.REQUESTER:
        text = _("The requester's feedback on this match was already given by %(who)s at "
                 "%(when)s: yours was not recorded.")
    else:
        text = _("The provider's feedback on this match was already given by %(who)s at "
                 "%(when)s: yours was not recorded.")
    return ActionConflict(text % values, feedback=given.pk)


def give_feedback(match: Match, actor, party: str, outcome: str, comment: str = "") -> Feedback:
    """Record the ``party``'s feedback (``outcome``: met fully / partly / not met, and words)
    on a completed match, with its audit row."""
    _require(actor, "assistance.feedback", match)
    if party not in Party.values:
        raise ActionError(_("Say whose feedback this is: the requester's or the provider's."))
    if outcome not in Outcome.values:
        raise ActionError(_("Choose an outcome: met fully, met partly or not met."))
    if party not in parties_of(actor, match):
        raise ActionError(_("You may give feedback only for your own side of the match."))
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ActionError(_("The comment is too long: at most %(n)d characters.")
                          % {"n": COMMENT_MAX})
    expert = isinstance(actor, str) or role_of(actor) == Role.EXPERT
    with transaction.atomic():
        concurrency.lock(match)
        if match.status != MatchStatus.COMPLETED:
            raise ActionError(_("Feedback is given once the match is completed (it is %s).")
                              % match.get_status_display())
        if given := Feedback.objects.filter(match=match, party=party).first():
            raise _already(given)
        try:
            with transaction.atomic():
                made = Feedback.objects.create(
                    match=match, party=party, outcome=outcome, comment=comment,
                    by=_user(actor), by_label=_label(actor), on_behalf=expert)
        except IntegrityError:
            raise _already(Feedback.objects.get(match=match, party=party)) from None
        record(actor, "assistance.feedback.given", match,
               {"party": party, "outcome": outcome, "comment": comment,
                "on_behalf": expert})
        # the experts are told (the one who recorded it on the party's behalf aside)
        notify(Kind.FEEDBACK, made, [u for u in recipients.experts()
                                     if u.pk != getattr(made.by, "pk", None)])
    return made
