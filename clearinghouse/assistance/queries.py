"""Read-side queries of the assistance domain (board, public page, statistics).

Every function takes querysets already scoped with ``visible_to`` or scopes them itself, and
runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import statistics as stats
from collections import Counter, defaultdict

from django.db.models import Count, Min, OuterRef, Q, Subquery

from . import feedback, tagging
from . import workflow as wf
from .models import ENGAGED, Match, MatchStatus, Need, Offer, Request

DUE_SOON_DAYS = 30


def requests_for(user):
    return Request.objects.visible_to(user).select_related("state", "organisation").prefetch_related(
        "state__names", "organisation__names")


def offers_for(user):
    return Offer.objects.visible_to(user).select_related(
        "provider_state", "provider_organisation").prefetch_related(
        "provider_state__names", "provider_organisation__names")


def by_status(requests) -> list[tuple[str, str, list[Request]]]:
    groups = defaultdict(list)
    for req in requests:
        groups[req.status].append(req)
    return [(code, label, groups.get(code, [])) for code, label in wf.STATUS_CHOICES]


def follow_ups(requests, today: dt.date) -> tuple[list[Request], list[Request]]:
    """(due within 30 days, overdue): circulated requests not yet followed up."""
    pending = requests.filter(follow_up_due__isnull=False, followed_up_on__isnull=True).exclude(
        status__in=[wf.WITHDRAWN]).order_by("follow_up_due")
    due, overdue = [], []
    for req in pending:
        if req.follow_up_due < today:
            overdue.append(req)
        elif req.follow_up_due <= today + dt.timedelta(days=DUE_SOON_DAYS):
            due.append(req)
    return due, overdue


def provider_load(offers) -> list[dict]:
    """Each active offer's engagements (accepted or in progress) against its capacity."""
    from .matching import offers_with_load

    rows = []
    for offer in offers_with_load(offers.filter(active=True)).order_by(
            "provider_state__short_name", "provider_organisation__code", "title"):
        engaged = offer.engaged + offer.engaged_elsewhere
        rows.append({"offer": offer, "provider": offer.provider_name, "engaged": engaged,
                     "capacity": offer.capacity, "full": engaged >= offer.capacity})
    return rows


# -- statistics -------------------------------------------------------------------------

def _areas_of(req: Request) -> list[str]:
    if req.areas is not None:
        return list(req.areas)
    return [t["code"] for t in (req.tags or {}).get("areas", [])]


def statistics(requests) -> dict:
    """Requests by year, area and region; share matched; median days from receipt to match."""
    reqs = list(requests.select_related("state", "organisation"))
    first_accept = dict(
        Match.objects.filter(request__in=[r.pk for r in reqs],
                             status__in=[*ENGAGED, MatchStatus.COMPLETED])
        .values("request_id").annotate(first=Min("responded_at")).values_list("request_id",
                                                                              "first"))
    by_year, by_area, by_region = Counter(), Counter(), Counter()
    days = []
    matched = 0
    for req in reqs:
        by_year[req.received.year] += 1
        for code in dict.fromkeys(_areas_of(req)):
            by_area[tagging.label("areas", code)] += 1
        region = req.state.region if req.state_id else "Regional organisations"
        by_region[region] += 1
        accepted = first_accept.get(req.pk)
        if req.status in wf.MATCHED or accepted:
            matched += 1
        if accepted:
            days.append((accepted.date() - req.received).days)
    total = len(reqs)
    return {
        **_need_statistics(reqs),
        "total": total,
        "by_year": sorted(by_year.items()),
        "by_area": by_area.most_common(),
        "by_region": sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0])),
        "matched": matched,
        "share_matched": round(matched / total, 3) if total else None,
        "median_days_to_match": stats.median(days) if days else None,
        "matched_with_dates": len(days),
    }


def _need_statistics(reqs) -> dict:
    """Needs (withdrawn ones aside): how many, how many met (met, or a match accepted, in
    progress or completed), and the median days from the request's receipt to the first
    accepted match of each need."""
    from .models import Need, NeedStatus

    received = {r.pk: r.received for r in reqs}
    needs = list(Need.objects.filter(request__in=list(received)).exclude(
        status=NeedStatus.WITHDRAWN).values_list("pk", "request_id", "status"))
    first = dict(Match.objects.filter(need__in=[pk for pk, _r, _s in needs],
                                      status__in=[*ENGAGED, MatchStatus.COMPLETED])
                 .values("need_id").annotate(first=Min("responded_at"))
                 .values_list("need_id", "first"))
    met = sum(1 for pk, _r, status in needs if status == NeedStatus.MET or pk in first)
    days = [(first[pk].date() - received[rid]).days for pk, rid, _s in needs
            if first.get(pk)]
    return {"needs": len(needs), "needs_met": met,
            "share_needs_met": round(met / len(needs), 3) if needs else None,
            "median_days_to_match_need": stats.median(days) if days else None,
            "needs_with_dates": len(days)}


def bars(pairs, width: int = 100) -> list[dict]:
    """Rows for a server-side bar chart (no JavaScript): label, value and percentage width."""
    top = max((v for _, v in pairs), default=0)
    return [{"label": label, "value": v, "width": round(width * v / top) if top else 0}
            for label, v in pairs]


# -- the bi-monthly briefing ------------------------------------------------------------

def briefing(user, start: dt.date, end: dt.date) -> dict:
    """What happened between start and end (inclusive): requests received, circulated,
    matches proposed and answered, feedback on completed matches, follow-ups due, open
    requests without a match; of the
    records ``user`` may see (the briefing is for staff, who see them all today)."""
    reqs = Request.objects.visible_to(user).select_related("state", "organisation")
    matches = Match.objects.visible_to(user).select_related("request__state", "request__organisation",
                                           "offer__provider_state",
                                           "offer__provider_organisation", "need")
    # the number of needs of each match's request: the briefing names the need when several
    needs = (Need.objects.filter(request=OuterRef("request")).order_by()
             .values("request").annotate(n=Count("pk")).values("n"))
    matches = matches.annotate(request_needs=Subquery(needs))
    window = Q(proposed_at__date__gte=start, proposed_at__date__lte=end) | Q(
        responded_at__date__gte=start, responded_at__date__lte=end)
    return {
        "start": start, "end": end,
        "received": list(reqs.filter(received__gte=start, received__lte=end).order_by("received")),
        "circulated": list(reqs.filter(circulated_on__gte=start, circulated_on__lte=end)
                           .order_by("circulated_on")),
        "matches": list(matches.filter(window).order_by("proposed_at")),
        "follow_ups": list(reqs.filter(follow_up_due__gte=start, follow_up_due__lte=end)
                           .order_by("follow_up_due")),
        "feedback": feedback.in_period(user, start, end),
        "unmatched": list(reqs.filter(status__in=wf.OPEN, received__lte=end)
                          .exclude(matches__status__in=[*ENGAGED, MatchStatus.COMPLETED])
                          .distinct().order_by("received")),
        # needs of the requests received up to the period's end: share met, time to match
        "needs": _need_statistics(list(reqs.filter(received__lte=end))),
    }
