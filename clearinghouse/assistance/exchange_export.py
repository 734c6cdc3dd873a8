"""The database written in the exchange format (what ``engine.exchange`` reads and
``clearinghouse load assistance`` loads): requests with ``needs: [...]`` (withdrawn needs left
out, as the engine does not match them), offers with their eligibility by name and their load.

Names are written as the registry names them (ISO codes for States, codes for
organisations), so that the file reads back through the registry's resolver.
"""

from __future__ import annotations

from .matching import offers_with_load
from .models import NeedStatus, Offer, Request


def _day(value):
    return value.isoformat() if value else None


def _codes(value):
    return list(value) if value else None


def request_record(req: Request) -> dict:
    rec = {"id": req.engine_id, "date": _day(req.received), "title": req.title,
           "languages": list(req.languages or []),
           "needs": [{"id": str(n.number), "title": n.title, "description": n.description,
                      "areas": _codes(n.areas), "weapons": _codes(n.weapons),
                      "types": _codes(n.types),
                      "status": "met" if n.status == NeedStatus.MET else "open"}
                     for n in req.needs.all() if n.status != NeedStatus.WITHDRAWN]}
    if req.state_id:
        rec["state"] = req.state.iso3
    else:
        rec["organisation"] = req.organisation.code
    if not rec["needs"]:  # every need withdrawn: the request's own text, one need
        rec.pop("needs")
        rec["description"] = req.description
    return rec


def offer_record(offer: Offer) -> dict:
    return {"id": offer.engine_id, "provider": offer.provider_code, "title": offer.title,
            "description": offer.description, "areas": _codes(offer.areas),
            "weapons": _codes(offer.weapons), "types": _codes(offer.types),
            "eligible": [r.get("name") or r.get("label") for r in offer.eligibility or []
                         if r.get("name") or r.get("label")],
            "languages": list(offer.languages or []), "capacity": max(1, offer.capacity),
            "active": offer.engaged + offer.engaged_elsewhere,
            "valid_from": _day(offer.valid_from), "valid_to": _day(offer.valid_to)}


def export(requests=None, offers=None) -> dict:
    """``{"requests": [...], "offers": [...]}``: by default the open requests and the active
    offers (what ``clearinghouse match`` ranks); the querysets given are written as they are
    (callers scope them)."""
    requests = Request.objects.open() if requests is None else requests
    offers = Offer.objects.filter(active=True) if offers is None else offers
    requests = requests.select_related("state", "organisation").prefetch_related("needs")
    return {"requests": [request_record(r) for r in requests.order_by("pk")],
            "offers": [offer_record(o) for o in offers_with_load(offers).order_by("pk")]}
