"""`clearinghouse load assistance FILE.json`: the exchange format into the database.

The whole document is checked by the engine's parser with the registry as resolver; every
problem is reported with its path (``requests[3].state: "Korea" is ambiguous: KOR, PRK``) and
nothing is written unless there is none.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clearinghouse.core.importing import Importer, ImportFailed, Problem, Row, load_json, register

from . import engine, tagging
from .models import Offer, Request
from .registry_adapter import RegistryResolver


@register
class AssistanceImporter(Importer):
    kind = "assistance"
    label = _("Assistance requests and offers (exchange format, JSON)")
    description = _('JSON {"requests": [...], "offers": [...]} as documented in docs/assistance.md')

    def read(self, name: str, content: bytes) -> tuple[list[str], list[Row]]:
        if not name.lower().endswith(".json"):
            raise ImportFailed([Problem(name, None, None, "the exchange format is a .json file")])
        data = load_json(name, content)
        if not isinstance(data, dict):
            raise ImportFailed([Problem(name, None, None,
                                        'must hold an object with "requests" and "offers"')])
        return sorted(data), [Row(1, data)]

    def validate(self, rows, problems):
        data = rows[0].values
        adapter = RegistryResolver()
        try:
            requests, offers = engine.parse_exchange(data, adapter, strict_fields=True)
        except engine.ExchangeError as exc:
            for message in exc.errors:
                problems.add(None, None, message)
            return None
        taken_r = set(Request.objects.filter(reference__in=[r.id for r in requests])
                      .values_list("reference", flat=True))
        taken_o = set(Offer.objects.filter(reference__in=[o.id for o in offers])
                      .values_list("reference", flat=True))
        for i, r in enumerate(requests):
            if r.id in taken_r:
                problems.add(None, None, f'requests[{i}].id: "{r.id}" is already loaded')
        for i, o in enumerate(offers):
            if o.id in taken_o:
                problems.add(None, None, f'offers[{i}].id: "{o.id}" is already loaded')
        plan = {"requests": [], "offers": []}
        for r in requests:
            requester = ({"organisation_id": adapter.organisations[r.state][0]}
                         if r.requester == "organisation"
                         else {"state_id": adapter.state_ids[r.state]})
            plan["requests"].append({
                "reference": r.id, **requester, "received": r.date,
                "title": r.title, "description": r.description, "areas": _list(r.areas),
                "weapons": _list(r.weapons), "types": _list(r.types),
                "languages": list(r.languages),
                # several needs as given (numbered in order); one need: the request itself
                "needs": [{"title": n.title, "description": n.description,
                           "areas": _list(n.areas), "weapons": _list(n.weapons),
                           "types": _list(n.types), "status": n.status}
                          for n in r.needs] if len(r.needs) > 1 else None})
        raw_offers = data.get("offers") or []
        for o, raw in zip(offers, raw_offers, strict=True):
            kind, code, _name = adapter.resolve_provider(raw["provider"])
            fields = {"reference": o.id, "title": o.title, "description": o.description,
                      "areas": _list(o.areas), "weapons": _list(o.weapons),
                      "types": _list(o.types), "languages": list(o.languages),
                      "capacity": o.capacity,
                      "engaged_elsewhere": o.active, "valid_from": o.valid_from,
                      "valid_to": o.valid_to, "active": True}
            fields["eligibility"] = [
                {"name": name, "label": label, "members": sorted(members)}
                for name, (label, members) in zip(raw.get("eligible") or [], o.eligibility,
                                                   strict=True)]
            if kind == "state":
                fields["provider_state_id"] = adapter.state_ids[code]
            else:
                fields["provider_organisation_id"] = adapter.organisations[code][0]
            plan["offers"].append(fields)
        return plan

    def write(self, plan, actor) -> dict:
        from .actions import _event
        from .need_actions import mirror_request, replace_needs

        requests, needs = [], []
        for fields in plan["requests"]:
            fields = dict(fields)
            needs.append(fields.pop("needs", None))
            req = Request(**fields)
            req.tags = tagging.provenance(req.title, req.description, req.areas, req.weapons,
                                          req.types)
            requests.append(req)
        offers = []
        for fields in plan["offers"]:
            offer = Offer(**fields)
            offer.tags = tagging.provenance(offer.title, offer.description, offer.areas,
                                            offer.weapons, offer.types)
            offers.append(offer)
        for req, req_needs in zip(requests, needs, strict=True):
            req.save()
            if req_needs:
                replace_needs(req, actor, req_needs)
            else:
                mirror_request(req)
            _event(req, actor, "received", "", req.status, "loaded from the exchange format")
        for offer in offers:
            offer.save()
        return {"requests": len(requests), "offers": len(offers)}

    def preview(self, plan) -> list[dict]:
        rows = [{"kind": "request", "id": r["reference"], "title": r["title"]}
                for r in plan["requests"]]
        return rows + [{"kind": "offer", "id": o["reference"], "title": o["title"]}
                       for o in plan["offers"]]


def _list(codes):
    return None if codes is None else list(codes)
