"""Illustrative assistance data for `clearinghouse demo` (labelled as such wherever shown).

The texts are those of the evaluation set (tests/data/assistance_eval.json is not shipped in
the package, so a copy of the texts is read from ``data/demo_exchange.json``). Dates are shifted
so that the newest request arrived about two months before today; the requests are then taken
through the workflow to different points: authenticated, circulated (published or objected),
matched with the provider's answer, in progress, completed, withdrawn.

Every step is dated on the request's own timeline, never at load time and never after the
reference day: acknowledged within ten days, circulated two weeks after receipt, a match
proposed one to six weeks after circulation and answered one to eight weeks later (so the
median time from receipt to match is weeks to months), a follow-up recorded only once it fell
due, on its due day. History entries and match timestamps carry those days.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from clearinghouse.core import extensions

from . import actions, engine
from . import workflow as wf
from .matching import run_for
from .models import Consent, Match, Offer, Request, RequestEvent
from .registry_adapter import RegistryResolver

DATA = Path(__file__).resolve().parent / "data" / "demo_exchange.json"
PREFIX = "DEMO-"


def _drop_unknown(data: dict, adapter: RegistryResolver) -> dict:
    """Keep the records whose names the registry resolves (rules it cannot expand dropped)."""
    def ok(fn, text):
        try:
            fn(text)
        except engine.NameProblem:
            return False
        return True

    requests = [r for r in data["requests"] if ok(adapter.resolve_state, r["state"])]
    offers = []
    for o in data["offers"]:
        if not ok(adapter.resolve_provider, o["provider"]):
            continue
        o = {**o, "eligible": [e for e in o.get("eligible", [])
                               if ok(adapter.expand_eligibility, e)]}
        offers.append(o)
    return {"requests": requests, "offers": offers}


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class _Clock:
    """Dates a request's new history entries with the day of the step that made them."""

    def __init__(self, req, today: dt.date):
        self.req, self.today, self.seen = req, today, set()

    def stamp(self, day: dt.date) -> dt.date:
        day = min(day, self.today)
        fresh = RequestEvent.objects.filter(request=self.req).exclude(pk__in=self.seen)
        ids = list(fresh.values_list("pk", flat=True))
        RequestEvent.objects.filter(pk__in=ids).update(at=_at(day))
        self.seen.update(ids)
        return day


def load(rng, actor) -> dict:
    adapter = RegistryResolver()
    data = _drop_unknown(json.loads(DATA.read_text(encoding="utf-8")), adapter)
    requests, offers = engine.parse_exchange(data, adapter)
    today = extensions.demo_day()
    shift = (today - dt.timedelta(days=60)) - max(r.date for r in requests)

    def moved(day):
        return day + shift if day else None

    offer_rows = {}
    for o, raw in zip(offers, data["offers"], strict=True):
        kind, code, _name = adapter.resolve_provider(raw["provider"])
        provider = ({"provider_state_id": adapter.state_ids[code]} if kind == "state"
                    else {"provider_organisation_id": adapter.organisations[code][0]})
        offer = offer_rows[o.id] = actions.create_offer(
            actor, reference=PREFIX + o.id, title=o.title, description=o.description,
            languages=list(o.languages), capacity=o.capacity, engaged_elsewhere=o.active,
            valid_from=moved(o.valid_from), valid_to=moved(o.valid_to),
            eligibility=[{"name": n, "label": label, "members": sorted(m)}
                         for n, (label, m) in zip(raw.get("eligible", []), o.eligibility,
                                                  strict=True)],
            contact="assistance@example.org", **provider)
        # Recorded when it became valid (or a year before the newest request), last confirmed
        # by its provider some weeks to eighteen months ago: a few fall due for reconfirmation.
        created = min(moved(o.valid_from) or today - dt.timedelta(days=425), today)
        confirmed = max(created, today - dt.timedelta(days=rng.randint(20, 540)))
        Offer.objects.filter(pk=offer.pk).update(created_at=_at(created), confirmed_at=_at(confirmed))
    made = []
    for r in sorted(requests, key=lambda r: r.date):
        made.append(actions.create_request(
            actor, reference=PREFIX + r.id, state_id=adapter.state_ids[r.state],
            received=moved(r.date), title=r.title, description=r.description,
            languages=list(r.languages), summary=r.title,
            channel=rng.choice(["note_verbale", "note_verbale", "national_report", "informal"]),
            timeframe=rng.choice(["6 months", "12 months", "2 years"]),
            beneficiaries="Ministry of Foreign Affairs; customs; regulatory authority"))
    counts = {"requests": len(made), "offers": len(offer_rows), "matches": 0}
    for k, req in enumerate(made):
        clock = _Clock(req, today)
        last = clock.stamp(req.received)
        Request.objects.filter(pk=req.pk).update(created_at=_at(req.received, 9))
        last = _walk(rng, req, k, actor, clock, counts) or last
        Request.objects.filter(pk=req.pk).update(updated_at=_at(last, 17))
    actions.publish_due(today, actor)
    return counts


def _walk(rng, req, k, actor, clock, counts) -> dt.date | None:
    """Take one request through the workflow to stage k % 7; the day of its last step."""
    stage = k % 7
    if stage == 0:
        return None  # received
    day = req.received + dt.timedelta(days=rng.randint(1, 4))
    actions.transition(req, actor, wf.AUTHENTICATED)
    last = clock.stamp(day)
    if stage == 1:
        return last
    actions.transition(req, actor, wf.ACKNOWLEDGED)
    last = clock.stamp(day + dt.timedelta(days=rng.randint(1, 6)))
    if stage == 2 and k % 2:
        actions.transition(req, actor, wf.WITHDRAWN, "The State withdrew the request.")
        return clock.stamp(last + dt.timedelta(days=rng.randint(10, 60)))
    if stage == 2:
        return last
    cands = run_for(req).candidates(req)
    if not cands:
        return last
    circulated = clock.stamp(req.received + dt.timedelta(days=14))
    actions.circulate(req, actor, [offer.provider for offer, _c in cands[:3]], today=circulated)
    last = clock.stamp(circulated)
    if stage == 3:
        answered = clock.stamp(circulated + dt.timedelta(days=2))
        actions.answer_publication(req, actor, Consent.OBJECTED, "Objection by note verbale",
                                   today=answered)
        last = clock.stamp(answered)
    elif stage == 4:
        actions.answer_publication(req, actor, Consent.CONSENTED, today=circulated)
        last = clock.stamp(circulated)
    # Published the day after the objection window closed (unless the State objected).
    opened = req.objection_deadline + dt.timedelta(days=1)
    if stage != 3 and opened <= clock.today and actions.publish_due(opened, actor):
        clock.stamp(opened)
        req.refresh_from_db()
    offer = cands[0][0]
    try:
        match = actions.propose_match(req, offer, actor)
    except actions.ActionError:
        return last
    counts["matches"] += 1
    proposed = clock.stamp(circulated + dt.timedelta(days=rng.randint(7, 42)))
    Match.objects.filter(pk=match.pk).update(proposed_at=_at(proposed, 11))
    last = proposed
    if stage in (5, 6):
        actions.respond(match, actor, accept=True, note="We can send an expert mission.")
        answered = clock.stamp(proposed + dt.timedelta(days=rng.randint(7, 56)))
        Match.objects.filter(pk=match.pk).update(responded_at=_at(answered, 15))
        last = answered
    if stage == 6:
        match.refresh_from_db()
        actions.set_match_status(match, actor, "in_progress")
        req.refresh_from_db()
        actions.transition(req, actor, wf.IN_PROGRESS)
        last = clock.stamp(last + dt.timedelta(days=rng.randint(14, 60)))
    req.refresh_from_db()
    if stage == 5 and k % 2 and req.follow_up_due and req.follow_up_due <= clock.today:
        actions.record_follow_up(req, actor, "The State reports the request met.",
                                 today=req.follow_up_due)
        last = clock.stamp(req.follow_up_due)
    return last


def clear() -> None:
    Match.objects.filter(request__reference__startswith=PREFIX).delete()
    Request.objects.filter(reference__startswith=PREFIX).delete()
    Offer.objects.filter(reference__startswith=PREFIX).delete()
