"""The registry as the matching engine's resolver (the engine itself imports no Django).

:class:`RegistryResolver` loads what it needs once (States with their M49 regions,
organisations, memberships with their dates: four queries) and then answers the engine's
questions without touching the database again, using the registry's shared name resolver.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from clearinghouse.assistance.engine import NameProblem
from clearinghouse.registry.names import compact

MIN_CONFIDENCE = 0.85


class RegistryResolver:
    def __init__(self):
        from clearinghouse.registry.models import Membership, Organisation, State
        from clearinghouse.registry.services import resolver

        self._resolver = resolver()
        self.state_names: dict[str, str] = {}
        self.state_ids: dict[str, int] = {}
        self.regions: dict[str, tuple[str, set[str]]] = {}
        for pk, iso3, name, *areas in State.objects.values_list(
            "pk", "iso3", "short_name", "region", "subregion", "intermediate_region"
        ):
            self.state_names[iso3] = name
            self.state_ids[iso3] = pk
            for area in areas:
                if area:
                    self.regions.setdefault(compact(area), (area, set()))[1].add(iso3)
        self.organisations: dict[str, tuple[int, str]] = {
            code: (pk, name) for pk, code, name in Organisation.objects.values_list(
                "pk", "code", "name")
        }
        self.members: dict[str, set[str]] = defaultdict(set)  # current members
        self.memberships: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = \
            defaultdict(list)
        for code, iso3, joined, left in Membership.objects.values_list(
            "organisation__code", "state__iso3", "joined", "left"
        ):
            self.memberships[code].append((iso3, joined, left))
            if left is None:
                self.members[code].add(iso3)

    # -- the engine's Resolver protocol --------------------------------------------------

    def _entity(self, text: str):
        result = self._resolver.resolve(str(text))
        if result.match is None:
            raise NameProblem(result.problem)
        if result.confidence < MIN_CONFIDENCE:
            raise NameProblem(f'"{text}" is not a confident match ({result.note or "spelling"}); '
                              "write the name in full")
        return result.match

    def resolve_state(self, text: str) -> tuple[str, str]:
        entity = self._entity(text)
        if entity.kind != "state":
            raise NameProblem(f'"{text}" names an organisation ({entity.code}), not a State')
        return entity.code, self.state_names.get(entity.code, entity.name)

    def resolve_provider(self, text: str) -> tuple[str, str, str]:
        entity = self._entity(text)
        if entity.kind == "state":
            return "state", entity.code, self.state_names.get(entity.code, entity.name)
        return "organisation", entity.code, self.organisations.get(entity.code, (0, entity.name))[1]

    def expand_eligibility(self, text: str) -> tuple[str, frozenset[str]]:
        region = self.regions.get(compact(str(text)))
        if region is not None:
            return region[0], frozenset(region[1])
        try:
            entity = self._entity(text)
        except NameProblem as exc:
            raise NameProblem(f"{exc} (not an M49 region or sub-region either)") from None
        if entity.kind == "state":
            return self.state_names.get(entity.code, entity.name), frozenset({entity.code})
        members = self.members.get(entity.code, set())
        if not members:
            raise NameProblem(f'"{text}" names {entity.code}, which has no member States recorded')
        return entity.code, frozenset(members)

    def resolve_organisation(self, text: str) -> tuple[str, str]:
        entity = self._entity(text)
        if entity.kind == "state":
            raise NameProblem(f'"{text}" names a State ({entity.code}), not an organisation')
        return entity.code, self.organisations.get(entity.code, (0, entity.name))[1]

    def members_on(self, code: str, day: dt.date) -> frozenset[str]:
        """Member States of organisation ``code`` on ``day`` (a missing joining date counts
        as always, a leaving date ends the membership that day)."""
        return frozenset(iso3 for iso3, joined, left in self.memberships.get(code, ())
                         if (joined is None or joined <= day) and (left is None or left > day))

    # -- helpers for the database side ----------------------------------------------------

    def requester_code(self, request) -> tuple[str, str]:
        """(code, name) the engine sees for a request's requester."""
        if request.state_id:
            return request.state.iso3, request.state.short_name
        return request.organisation.code, request.organisation.name
