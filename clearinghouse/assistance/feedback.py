"""Feedback after completed matches, read side: on the request's page, in the statistics and
in the briefing. Writes are in ``feedback_actions`` (through ``actions.give_feedback``).

Each function runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import can

from .feedback_actions import parties_of
from .models import Feedback, MatchStatus, Outcome, Party


def attach(matches, user) -> list:
    """Each match gets ``feedback_given`` (what ``user`` may read of it) and ``feedback_open``
    (the parties, with their labels, for which ``user`` may still give it: completed only)."""
    matches = list(matches)
    given = defaultdict(list)
    for fb in Feedback.objects.visible_to(user).filter(match__in=[m.pk for m in matches]):
        given[fb.match_id].append(fb)
    stored = set(Feedback.objects.filter(match__in=[m.pk for m in matches])
                 .values_list("match_id", "party"))  # whether a party answered (no content)
    labels = dict(Party.choices)
    for m in matches:
        m.feedback_given = given.get(m.pk, [])
        m.feedback_open = []
        if m.status == MatchStatus.COMPLETED and can(user, "assistance.feedback", m):
            m.feedback_open = [(p, labels[p]) for p in parties_of(user, m)
                               if (m.pk, p) not in stored]
    return matches


def counts(requests) -> dict:
    """Counts of feedback by party and outcome on the matches of ``requests`` (already scoped
    with ``visible_to``): numbers only, never a comment or a name, so that the public may
    read them."""
    found = Counter(Feedback.objects.filter(match__request__in=requests.values("pk"))
                    .values_list("party", "outcome"))
    rows = []
    for party, party_label in Party.choices:
        row = [found.get((party, outcome), 0) for outcome in Outcome.values]
        rows.append((str(party_label), *row, sum(row)))
    total = sum(found.values())
    return {"rows": rows, "total": total,
            "columns": [_("Party"), *(str(label) for label in Outcome.labels), _("Total")]}


def in_period(user, start, end) -> list[Feedback]:
    """Feedback given between start and end (inclusive) that ``user`` may read."""
    return list(Feedback.objects.visible_to(user)
                .filter(at__date__gte=start, at__date__lte=end)
                .select_related("match__request__state", "match__request__organisation",
                                "match__offer__provider_state",
                                "match__offer__provider_organisation")
                .order_by("at", "pk"))
