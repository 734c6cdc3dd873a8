"""Illustrative assistance data for `clearinghouse demo` (labelled as such wherever shown).

The texts are those of the evaluation set (tests/data/assistance_eval.json is not shipped in
the package, so a copy of the texts is read from ``data/demo_exchange.json``). Dates are shifted
so that the newest request arrived about two months before today; the requests are then taken
through the workflow to different points: authenticated, circulated (published or objected),
matched with the provider's answer, in progress, completed, withdrawn.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from . import actions, engine
from . import workflow as wf
from .matching import run_for
from .models import Consent, Match, Offer, Request
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


def load(rng, actor) -> dict:
    adapter = RegistryResolver()
    data = _drop_unknown(json.loads(DATA.read_text(encoding="utf-8")), adapter)
    requests, offers = engine.parse_exchange(data, adapter)
    today = timezone.localdate()
    shift = (today - dt.timedelta(days=60)) - max(r.date for r in requests)

    def moved(day):
        return day + shift if day else None

    offer_rows = {}
    for o, raw in zip(offers, data["offers"], strict=True):
        kind, code, _name = adapter.resolve_provider(raw["provider"])
        provider = ({"provider_state_id": adapter.state_ids[code]} if kind == "state"
                    else {"provider_organisation_id": adapter.organisations[code][0]})
        offer_rows[o.id] = actions.create_offer(
            actor, reference=PREFIX + o.id, title=o.title, description=o.description,
            languages=list(o.languages), capacity=o.capacity, engaged_elsewhere=o.active,
            valid_from=moved(o.valid_from), valid_to=moved(o.valid_to),
            eligibility=[{"name": n, "label": label, "members": sorted(m)}
                         for n, (label, m) in zip(raw.get("eligible", []), o.eligibility,
                                                  strict=True)],
            contact="assistance@example.org", **provider)
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
        stage = k % 7
        if stage == 0:
            continue  # received
        actions.transition(req, actor, wf.AUTHENTICATED)
        if stage == 1:
            continue
        actions.transition(req, actor, wf.ACKNOWLEDGED)
        if stage == 2 and k % 2:
            actions.transition(req, actor, wf.WITHDRAWN, "The State withdrew the request.")
            continue
        if stage == 2:
            continue
        cands = run_for(req).candidates(req)
        if not cands:
            continue
        circulated = req.received + dt.timedelta(days=14)
        actions.circulate(req, actor, [offer.provider for offer, _c in cands[:3]],
                          today=circulated)
        if stage == 3:
            actions.answer_publication(req, actor, Consent.OBJECTED, "Objection by note verbale",
                                       today=circulated + dt.timedelta(days=2))
        elif stage == 4:
            actions.answer_publication(req, actor, Consent.CONSENTED, today=circulated)
        offer = cands[0][0]
        try:
            match = actions.propose_match(req, offer, actor)
        except actions.ActionError:
            continue
        counts["matches"] += 1
        if stage in (5, 6):
            actions.respond(match, actor, accept=True, note="We can send an expert mission.")
        if stage == 6:
            actions.set_match_status(match, actor, "in_progress")
            req.refresh_from_db()
            actions.transition(req, actor, wf.IN_PROGRESS)
        if stage == 5 and k % 2:
            actions.record_follow_up(req, actor, "The State reports the request met.",
                                     today=req.follow_up_due or today)
    actions.publish_due(today, actor)
    return counts


def clear() -> None:
    Match.objects.filter(request__reference__startswith=PREFIX).delete()
    Request.objects.filter(reference__startswith=PREFIX).delete()
    Offer.objects.filter(reference__startswith=PREFIX).delete()
