"""The venue of a note: place, city and country, as "Date and Venue" gives them.

"Astana, Kazakhstan", "Dakar (Sénégal)", "ICAO Headquarters, Montréal, Canada",
"г. Алматы, Казахстан", "Ciudad de Panamá (Panamá)". Where the text names no country, the
city's country comes from the gazetteer, and only when the city's name is not shared with a
city of another country (see gazetteer.py). Pure: names resolve through :class:`Names`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from clearinghouse.outreach.notes.gazetteer import Place, country_of
from clearinghouse.outreach.notes.model import Venue
from clearinghouse.outreach.notes.names import Names, split_depth0

# Words left over when a date is cut out of "Date and Venue" ("du 7 au 9 juin", "с ... по").
_LEFTOVER = re.compile(
    r"^(?:du|le|les|del|el|los|on|from|from\s+the|с|со|and|et|y|и)(?:\s+|$)"
    r"|\s+(?:du|le|del|el|on|с|and|et|y|и)$",
    re.IGNORECASE,
)
_BRACKET_TAIL = re.compile(r"^(?P<outside>.*?)\s*\((?P<inside>[^()]+)\)\s*$")
_CITY_PREFIX = re.compile(r"^(?:г\.|город|city\s+of)\s*", re.IGNORECASE)
_ONLINE = re.compile(r"^(?:online|virtual|hybrid|en\s+ligne|virtuel(?:le)?|en\s+l[ií]nea|virtual|"
                     r"онлайн|в\s+режиме\s+онлайн|videoconference|by\s+videoconference)$",
                     re.IGNORECASE)


def _tidy(part: str) -> str:
    part = part.strip(" .;-")
    previous = None
    while previous != part:
        previous = part
        part = _LEFTOVER.sub("", part).strip(" .;-")
    return part


def read_venue(text: str, names: Names, warnings: list[str],
               places: Callable[[str], Place] = country_of) -> Venue:
    parts = [_tidy(p) for p in split_depth0(text, ",;")[0]]
    parts = [p for p in parts if p and re.search(r"\w", p) and not _ONLINE.match(p)]
    if not parts:
        return Venue()
    country_name = country = None
    bracket = _BRACKET_TAIL.match(parts[-1])
    entity = None
    if bracket and not _ONLINE.match(bracket.group("inside").strip()):
        outside, _ = names.lookup(bracket.group("outside"), role="venue", warn=False)
        if outside is None or outside.kind != "state":
            bracket_state = None  # "Ciudad de Panamá (Panamá)": a city, then its country
        else:
            bracket_state = outside
        entity = bracket_state
    else:
        entity, _conf = names.lookup(parts[-1], role="venue", warn=False)
    if entity is not None and entity.kind == "state":
        country_name, country = parts[-1], entity.code
        parts = parts[:-1]
        bracket = _BRACKET_TAIL.match(country_name)
        if bracket and _ONLINE.match(bracket.group("inside").strip()):
            country_name = bracket.group("outside")
    else:
        bracket = _BRACKET_TAIL.match(parts[-1])
        if bracket:  # "Dakar (Sénégal)"
            inner, _ = names.lookup(bracket.group("inside"), role="venue", warn=False)
            if inner is not None and inner.kind == "state":
                country_name, country = bracket.group("inside").strip(), inner.code
                parts[-1] = bracket.group("outside").strip()
            elif _ONLINE.match(bracket.group("inside").strip()):
                parts[-1] = bracket.group("outside").strip()
    city = _CITY_PREFIX.sub("", parts[-1]).strip() if parts else None
    place = ", ".join(parts[:-1]) or None
    if country is None and city:
        found = places(city)
        if found.country:
            country = found.country
            warnings.append(f"venue country {found.country} read from the city {city!r} "
                            "(the note does not name it)")
        elif len(found.candidates) > 1:
            warnings.append(f"venue city {city!r} is in several countries "
                            f"({', '.join(found.candidates)}): country left empty")
        else:
            warnings.append(f"venue country not recognised in {text.strip()!r}")
    elif country is None:
        warnings.append(f"venue country not recognised in {text.strip()!r}")
    return Venue(city=city or None, country_name=country_name, country=country, place=place)
