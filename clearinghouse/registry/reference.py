"""The registry's reference data files, read without Django.

The files live in ``clearinghouse/registry/data/`` (see its README for columns and sources).
``clearinghouse init`` loads them into the database; pure modules and tests can read them
directly through :func:`load_reference`.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")  # the six official UN languages
# Kinds of organisation (Organisation.Kind); the first six are bodies of States or of their
# parliaments ("intergovernmental"), the last three are not.
ORGANISATION_KINDS = (
    "un_entity", "international_organisation", "treaty_body", "regional_organisation",
    "export_control_regime", "parliamentary", "civil_society", "academia", "industry",
)
INTERGOVERNMENTAL_KINDS = frozenset(ORGANISATION_KINDS[:6])


class ReferenceDataError(ValueError):
    """A data file is malformed: the message names the file, line and field."""


@dataclass(frozen=True)
class StateRecord:
    iso3: str
    iso2: str
    m49: str
    status: str  # "member" or "observer"
    admitted: dt.date | None
    short_name: str
    official_name: str
    region: str
    subregion: str
    intermediate_region: str


@dataclass(frozen=True)
class OrganisationRecord:
    code: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    website: str


@dataclass(frozen=True)
class OrganisationNameRecord:
    """An organisation's name in one of the other five UN languages."""

    code: str
    lang: str
    name: str
    acronym: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class MembershipRecord:
    organisation: str
    state: str
    joined: dt.date | None
    left: dt.date | None
    source: str


@dataclass(frozen=True)
class NonStateRecord:
    name: str
    aliases: tuple[str, ...]
    note: str


@dataclass
class ReferenceData:
    states: list[StateRecord] = field(default_factory=list)
    state_names: list[tuple[str, str, str, str]] = field(default_factory=list)  # iso3, lang, short, official
    state_aliases: list[tuple[str, str, str]] = field(default_factory=list)  # iso3, alias, kind
    organisations: list[OrganisationRecord] = field(default_factory=list)
    organisation_names: list[OrganisationNameRecord] = field(default_factory=list)
    memberships: list[MembershipRecord] = field(default_factory=list)
    non_states: list[NonStateRecord] = field(default_factory=list)

    def name_records(self):
        """Every way of naming every entity, for the resolver."""
        from .resolver import NON_STATE, ORGANISATION, STATE, Entity, NameRecord

        entities = {}
        for s in self.states:
            entity = Entity(STATE, s.iso3, s.short_name)
            entities[s.iso3] = entity
            for text in (s.short_name, s.official_name, s.iso3):
                yield NameRecord(entity, text, "name")
        for iso3, lang, short, official in self.state_names:
            if lang != "en" and iso3 in entities:
                for text in (short, official):
                    if text:
                        yield NameRecord(entities[iso3], text, "alias")
        for iso3, alias, kind in self.state_aliases:
            if iso3 in entities:
                yield NameRecord(entities[iso3], alias, "former" if kind == "former" else "alias")
        organisations = {}
        for o in self.organisations:
            entity = Entity(ORGANISATION, o.code, o.name)
            organisations[o.code] = entity
            yield NameRecord(entity, o.code, "name")
            yield NameRecord(entity, o.name, "name")
            for alias in o.aliases:
                yield NameRecord(entity, alias, "alias")
        for n in self.organisation_names:
            if n.code in organisations:
                for text in (n.name, n.acronym, *n.aliases):
                    if text:
                        yield NameRecord(organisations[n.code], text, "alias")
        for n in self.non_states:
            entity = Entity(NON_STATE, n.name, n.name)
            for text in (n.name, *n.aliases):
                yield NameRecord(entity, text, "name")


def _rows(path: Path, required: tuple[str, ...]):
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceDataError(f"{path.name}: missing column(s) {', '.join(missing)}")
        for number, row in enumerate(reader, start=2):
            yield number, {k: (v or "").strip() for k, v in row.items() if k}


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReferenceDataError(f'{where}: "{value}" is not a date (YYYY-MM-DD)') from None


def _split(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


def load_reference(data_dir: Path | str | None = None) -> ReferenceData:
    return _load(Path(data_dir) if data_dir else DATA_DIR)


@cache
def _load(d: Path) -> ReferenceData:
    ref = ReferenceData()
    for n, r in _rows(d / "states.csv", ("iso3", "status", "short_name", "region", "subregion")):
        ref.states.append(
            StateRecord(
                iso3=r["iso3"],
                iso2=r.get("iso2", ""),
                m49=r.get("m49", ""),
                status=r["status"],
                admitted=_date(r.get("admitted", ""), f"states.csv line {n}, field admitted"),
                short_name=r["short_name"],
                official_name=r.get("official_name", "") or r["short_name"],
                region=r["region"],
                subregion=r["subregion"],
                intermediate_region=r.get("intermediate_region", ""),
            )
        )
    for _n, r in _rows(d / "state_names.csv", ("iso3", "lang", "short_name")):
        ref.state_names.append((r["iso3"], r["lang"], r["short_name"], r.get("official_name", "")))
    for _n, r in _rows(d / "state_aliases.csv", ("iso3", "alias")):
        ref.state_aliases.append((r["iso3"], r["alias"], r.get("kind", "common")))
    for _n, r in _rows(d / "organisations.csv", ("code", "name", "kind")):
        ref.organisations.append(
            OrganisationRecord(r["code"], r["name"], r["kind"], _split(r.get("aliases", "")),
                               r.get("website", ""))
        )
    for _n, r in _rows(d / "organisation_names.csv", ("code", "lang", "name")):
        ref.organisation_names.append(
            OrganisationNameRecord(r["code"], r["lang"], r["name"], r.get("acronym", ""),
                                   _split(r.get("aliases", "")))
        )
    for n, r in _rows(d / "memberships.csv", ("organisation", "state")):
        where = f"memberships.csv line {n}"
        ref.memberships.append(
            MembershipRecord(
                r["organisation"],
                r["state"],
                _date(r.get("joined", ""), f"{where}, field joined"),
                _date(r.get("left", ""), f"{where}, field left"),
                r.get("source", ""),
            )
        )
    for _n, r in _rows(d / "non_state_entities.csv", ("name",)):
        ref.non_states.append(NonStateRecord(r["name"], _split(r.get("aliases", "")), r.get("note", "")))
    return ref
