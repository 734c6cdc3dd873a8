"""The engine on the database: records -> engine inputs -> ranking and allocation.

A fixed number of queries whatever the data size: requests, offers, engagements, pins,
exclusions and the registry (preloaded once by :class:`RegistryResolver`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from . import engine
from .models import ENGAGED, Exclusion, Need, NeedStatus, Offer, Pin, Request
from .registry_adapter import RegistryResolver


def _codes(value) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def engine_need(need: Need, *, only: bool = False) -> engine.Need:
    """A need as the engine matches it (a withdrawn need is not matched, like a met one).
    The only need of a request carries the request's own title and words (``context`` ""),
    as the engine's implicit need does: a one-need request is matched as it always was."""
    status = "open" if need.status == NeedStatus.OPEN else "met"
    return engine.Need(str(need.number), need.description, need.title, _codes(need.areas),
                       _codes(need.weapons), _codes(need.types), status,
                       "" if only else None)


def engine_request(req: Request, adapter: RegistryResolver | None = None) -> engine.Request:
    """The request with its needs (a request saved before it had any is one need: its title
    and description). A request from an organisation is matched through its member States on
    the date received."""
    if req.state_id:
        code, name = req.state.iso3, req.state.short_name
        kind, members = "state", frozenset()
    else:
        code, name = req.organisation.code, req.organisation.name
        kind = "organisation"
        members = adapter.members_on(code, req.received) if adapter is not None else frozenset()
    stored = list(req.needs.all())
    needs = tuple(engine_need(n, only=len(stored) == 1) for n in stored)
    return engine.Request(req.engine_id, code, name, req.received, req.title, req.description,
                          _codes(req.areas), _codes(req.weapons), _codes(req.types),
                          tuple(req.languages or ()), needs=needs, requester=kind,
                          members=members)


def need_key(req: Request, need: Need) -> str:
    """How the engine's results name this need: the request's id when it has one need, else
    "R-7#2" (see ``engine.Request.need_key``)."""
    count = len(req.needs.all())
    return req.engine_id if count <= 1 else f"{req.engine_id}#{need.number}"


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
    needs: dict[str, Need] | None = None  # need key -> Need

    def candidates(self, req: Request, need: Need | None = None
                   ) -> list[tuple[Offer, engine.Candidate]]:
        """The ranked candidates of one need (``need`` None: the request's first need)."""
        req = self.requests.get(req.engine_id, req)  # the run's copy: its needs are loaded
        if need is None:
            need = req.needs.all()[0] if req.needs.all() else None
        key = need_key(req, need) if need is not None else req.engine_id
        return [(self.offers[c.offer_id], c) for c in self.result.ranking.get(key, [])]

    def candidates_of_needs(self, req: Request, needs=None
                            ) -> list[tuple[Offer, engine.Candidate]]:
        """The candidates of all (or these) needs of the request, best first, each offer once."""
        req = self.requests.get(req.engine_id, req)
        best: dict[str, tuple[Offer, engine.Candidate]] = {}
        for need in needs if needs is not None else req.needs.all():
            for offer, cand in self.candidates(req, need):
                if offer.engine_id not in best or cand.score > best[offer.engine_id][1].score:
                    best[offer.engine_id] = (offer, cand)
        return sorted(best.values(), key=lambda pair: -pair[1].score)

    def need_of(self, key: str) -> Need:
        return self.needs[key]

    def request_of(self, key: str) -> Request:
        """The request of a need key ("R-7" or "R-7#2")."""
        return self.needs[key].request if key in (self.needs or {}) else self.requests[key]


def run_on(requests, offers, *, top_k: int = 5, use_decisions: bool = True) -> Run:
    """Run the engine on these Request and Offer querysets (pins/exclusions from the DB)."""
    adapter = RegistryResolver()
    reqs = list(requests.select_related("state", "organisation").prefetch_related(
        Prefetch("needs", queryset=Need.objects.order_by("number"))))
    offs = list(offers_with_load(offers))
    by_req = {r.engine_id: r for r in reqs}
    by_off = {o.engine_id: o for o in offs}
    off_pk = {o.pk: o.engine_id for o in offs}
    keys: dict[int, str] = {}  # need pk -> need key
    by_need: dict[str, Need] = {}
    for r in reqs:
        for n in r.needs.all():
            n.request = r
            keys[n.pk] = need_key(r, n)
            by_need[keys[n.pk]] = n
    pins, exclusions = [], []
    if use_decisions and reqs:
        for nid, oid in Pin.objects.filter(request__in=[r.pk for r in reqs]).values_list(
                "need_id", "offer_id"):
            if oid in off_pk and nid in keys and by_need[keys[nid]].status == NeedStatus.OPEN:
                pins.append((keys[nid], off_pk[oid]))
        for nid, oid in Exclusion.objects.filter(
                request__in=[r.pk for r in reqs]).values_list("need_id", "offer_id"):
            if oid in off_pk and nid in keys:
                exclusions.append((keys[nid], off_pk[oid]))
    e_reqs = [engine_request(r, adapter) for r in reqs]
    e_offs = [engine_offer(o, o.engaged + o.engaged_elsewhere, adapter) for o in offs]
    warning = ""
    try:
        result = engine.run(e_reqs, e_offs, top_k=top_k, pins=pins, exclusions=exclusions)
    except engine.PinError as exc:  # e.g. a pinned offer has since filled up
        warning = str(exc)
        result = engine.run(e_reqs, e_offs, top_k=top_k, exclusions=exclusions)
    return Run(result, by_req, by_off, warning, by_need)


def run_open(*, top_k: int = 5) -> Run:
    """Open requests against active offers: what `clearinghouse match --json` prints."""
    return run_on(Request.objects.open(), Offer.objects.filter(active=True), top_k=top_k)


def run_for(req: Request, *, top_k: int = 5) -> Run:
    """One request against every active offer (its page's candidates)."""
    return run_on(Request.objects.filter(pk=req.pk), Offer.objects.filter(active=True),
                  top_k=top_k)
