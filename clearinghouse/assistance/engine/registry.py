"""A small dictionary-backed resolver (for tests, benchmarks and files without a database).

The product resolves names with its registry; this class implements the same three methods
from plain dictionaries so the engine can be run and tested on its own.
"""

from __future__ import annotations

import re
import unicodedata

from .models import NameProblem

_GENERIC = {"the", "of", "republic", "state", "states", "kingdom", "federation", "and"}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


class DictRegistry:
    """states: {ISO3: [name, alias...]}; groups: {label: [aliases], members};
    providers: {code: [name, alias...]} for organisations (States are providers too)."""

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
