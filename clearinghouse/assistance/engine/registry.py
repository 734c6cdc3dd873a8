"""A small dictionary-backed resolver (for tests, benchmarks and files without a database).

The product resolves names with its registry; this class implements the same three methods
from plain dictionaries so the engine can be run and tested on its own.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .models import NameProblem

_GENERIC = {"the", "of", "republic", "state", "states", "kingdom", "federation", "and"}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


class DictRegistry:
    """states: {ISO3: [name, alias...]}; groups: {label: {"aliases": [...], "members": [...],
    "joined": {ISO3: "YYYY-MM-DD"}, "left": {ISO3: "YYYY-MM-DD"}}} (dates optional: a member
    without them counts on any date); providers: {code: [name, alias...]} for organisations
    (States are providers too). An organisation that requests assistance is a provider whose
    code (or one of its names) is also a group's label or alias."""

    def __init__(self, states: dict[str, list[str]], groups: dict[str, dict] | None = None,
                 providers: dict[str, list[str]] | None = None):
        self.states = {k.upper(): list(v) for k, v in states.items()}
        self.groups = groups or {}
        self.providers = providers or {}
        self._state_alias: dict[str, str] = {}
        for iso3, names in self.states.items():
            self._state_alias[_norm(iso3)] = iso3
            for name in names:
                self._state_alias[_norm(name)] = iso3
        self._group_alias: dict[str, str] = {}
        for label, spec in self.groups.items():
            for alias in [label, *spec.get("aliases", [])]:
                self._group_alias[_norm(alias)] = label
        self._provider_alias: dict[str, str] = {}
        for code, names in self.providers.items():
            for alias in [code, *names]:
                self._provider_alias[_norm(alias)] = code

    def name(self, iso3: str) -> str:
        return self.states[iso3][0]

    def resolve_state(self, text: str) -> tuple[str, str]:
        key = _norm(text)
        if key in self._state_alias:
            iso3 = self._state_alias[key]
            return iso3, self.name(iso3)
        words = set(key.split()) - _GENERIC
        if not words:
            raise NameProblem(f'"{text}" is not a known State')
        hits = sorted({iso3 for alias, iso3 in self._state_alias.items()
                       if len(alias) > 3 and words <= set(alias.split())})
        if len(hits) == 1:
            return hits[0], self.name(hits[0])
        if hits:
            raise NameProblem(f'"{text}" is ambiguous: {", ".join(hits)}')
        raise NameProblem(f'"{text}" is not a known State')

    def resolve_provider(self, text: str) -> tuple[str, str, str]:
        key = _norm(text)
        if key in self._provider_alias:
            code = self._provider_alias[key]
            return "organization", code, self.providers[code][0]
        try:
            iso3, name = self.resolve_state(text)
        except NameProblem:
            raise NameProblem(f'"{text}" is not a known State or organisation') from None
        return "state", iso3, name

    def expand_eligibility(self, text: str) -> tuple[str, frozenset[str]]:
        key = _norm(text)
        if key in self._group_alias:
            label = self._group_alias[key]
            return label, frozenset(self.groups[label]["members"])
        try:
            iso3, name = self.resolve_state(text)
        except NameProblem:
            raise NameProblem(f'"{text}" is not a known region, organisation or State') from None
        return name, frozenset({iso3})

    def resolve_organisation(self, text: str) -> tuple[str, str]:
        key = _norm(text)
        if key in self._provider_alias:
            code = self._provider_alias[key]
            return code, self.providers[code][0]
        try:
            iso3, _ = self.resolve_state(text)
        except NameProblem:
            raise NameProblem(f'"{text}" is not a known organisation') from None
        raise NameProblem(f'"{text}" names a State ({iso3}), not an organisation')

    def members_on(self, code: str, day: dt.date) -> frozenset[str]:
        """Member States of an organisation on ``day`` (empty if it has no group)."""
        names = [code, *self.providers.get(code, [])]
        label = next((self._group_alias[_norm(n)] for n in names
                      if _norm(n) in self._group_alias), None)
        if label is None:
            return frozenset()
        spec = self.groups[label]
        joined = {k: dt.date.fromisoformat(v) for k, v in spec.get("joined", {}).items()}
        left = {k: dt.date.fromisoformat(v) for k, v in spec.get("left", {}).items()}
        return frozenset(m for m in spec["members"]
                         if joined.get(m, dt.date.min) <= day and (m not in left or day < left[m]))
