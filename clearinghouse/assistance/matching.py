"""The engine on the database: records -> engine inputs -> ranking and allocation.

A fixed number of queries whatever the data size: requests, offers, engagements, pins,
exclusions and the registry (preloaded once by :class:`RegistryResolver`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from . import engine
from .models import ENGAGED, Exclusion, Offer, Pin, Request
from .registry_adapter import RegistryResolver


def _codes(value) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def engine_request(req: Request, adapter: RegistryResolver | None = None) -> engine.Request:
    """One need (the request's title and description) until requests hold needs. A request
    from an organisation is matched through its member States on the date received."""
    if req.state_id:
        code, name = req.state.iso3, req.state.short_name
        kind, members = "state", frozenset()
    else:
        code, name = req.organisation.code, req.organisation.name
        kind = "organisation"
        members = adapter.members_on(code, req.received) if adapter is not None else frozenset()
    return engine.Request(req.engine_id, code, name, req.received, req.title, req.description,
                          _codes(req.areas), _codes(req.weapons), _codes(req.types),
                          tuple(req.languages or ()), requester=kind, members=members)


def eligibility_rules(offer: Offer, adapter: RegistryResolver | None) -> engine.models.Eligibility:
    """Each stored rule re-expanded from the registry (memberships change); stored members if
    the name no longer resolves."""
    rules = []
    for rule in offer.eligibility or []:
        label, members = rule.get("label") or rule.get("name", ""), rule.get("members") or []
        if adapter is not None:
            try:
                label, expanded = adapter.expand_eligibility(rule.get("name") or label)
                members = expanded
            except engine.NameProblem:
                pass
        rules.append((label, frozenset(members)))
    return tuple(rules)


def engine_offer(offer: Offer, active: int, adapter: RegistryResolver | None) -> engine.Offer:
    return engine.Offer(offer.engine_id, offer.provider_code, offer.provider_name, offer.title,
                        offer.description, _codes(offer.areas), _codes(offer.weapons),
                        _codes(offer.types), eligibility_rules(offer, adapter),
                        tuple(offer.languages or ()), max(1, offer.capacity), active,
                        offer.valid_from, offer.valid_to)


def offers_with_load(qs=None):
    qs = Offer.objects.all() if qs is None else qs
    return qs.select_related("provider_state", "provider_organisation").annotate(
        engaged=Count("matches", filter=Q(matches__status__in=ENGAGED)))


@dataclass
class Run:
    result: engine.Result
    requests: dict[str, Request]
    offers: dict[str, Offer]
    warning: str = ""

    def candidates(self, req: Request) -> list[tuple[Offer, engine.Candidate]]:
        return [(self.offers[c.offer_id], c) for c in self.result.ranking.get(req.engine_id, [])]


def run_on(requests, offers, *, top_k: int = 5, use_decisions: bool = True) -> Run:
    """Run the engine on these Request and Offer querysets (pins/exclusions from the DB)."""
    adapter = RegistryResolver()
    reqs = list(requests.select_related("state", "organisation"))
    offs = list(offers_with_load(offers))
    by_req = {r.engine_id: r for r in reqs}
    by_off = {o.engine_id: o for o in offs}
    req_pk = {r.pk: r.engine_id for r in reqs}
    off_pk = {o.pk: o.engine_id for o in offs}
    pins, exclusions = [], []
    if use_decisions and reqs:
        for rid, oid in Pin.objects.filter(request__in=[r.pk for r in reqs]).values_list(
                "request_id", "offer_id"):
            if oid in off_pk:
                pins.append((req_pk[rid], off_pk[oid]))
        for rid, oid in Exclusion.objects.filter(
                request__in=[r.pk for r in reqs]).values_list("request_id", "offer_id"):
            if oid in off_pk:
                exclusions.append((req_pk[rid], off_pk[oid]))
    e_reqs = [engine_request(r, adapter) for r in reqs]
    e_offs = [engine_offer(o, o.engaged + o.engaged_elsewhere, adapter) for o in offs]
    warning = ""
    try:
        result = engine.run(e_reqs, e_offs, top_k=top_k, pins=pins, exclusions=exclusions)
    except engine.PinError as exc:  # e.g. a pinned offer has since filled up
        warning = str(exc)
        result = engine.run(e_reqs, e_offs, top_k=top_k, exclusions=exclusions)
    return Run(result, by_req, by_off, warning)


def run_open(*, top_k: int = 5) -> Run:
    """Open requests against active offers: what `clearinghouse match --json` prints."""
    return run_on(Request.objects.open(), Offer.objects.filter(active=True), top_k=top_k)


def run_for(req: Request, *, top_k: int = 5) -> Run:
    """One request against every active offer (its page's candidates)."""
    return run_on(Request.objects.filter(pk=req.pk), Offer.objects.filter(active=True),
                  top_k=top_k)
