"""Parse and validate the exchange JSON format into Request / Offer records.

Name and region resolution is injected through a *resolver* object with:

- ``resolve_state(text) -> (iso3, name)``, raising ``NameProblem(message)``;
- ``resolve_provider(text) -> (kind, code, name)``, raising ``NameProblem(message)``;
- ``expand_eligibility(text) -> (label, frozenset[iso3])``, raising ``NameProblem(message)``;
- ``resolve_organisation(text) -> (code, name)``, raising ``NameProblem(message)``, and
  ``members_on(code, date) -> frozenset[iso3]`` (member States on that date), for requests
  from an organisation.

A request gives its needs in ``needs: [...]`` or, as before needs existed, one description
(one need). With ``split_needs=True`` a description holding a numbered or bulleted list is
split into proposed needs (``needs.split_needs``).

Every problem is collected with its path (``requests[3].state: ...``) and one ExchangeError
is raised with all of them; nothing is built if there is any.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Protocol

from .models import ExchangeError, NameProblem, Need, Offer, Request
from .needs import split_needs as split_description
from .taxonomy import Taxonomy, load_taxonomy

_LANG = re.compile(r"^[a-z]{2}$")
REQUEST_FIELDS = {"id", "state", "organisation", "date", "title", "description", "areas",
                  "weapons", "types", "languages", "needs"}
NEED_FIELDS = {"id", "title", "description", "areas", "weapons", "types", "status"}
KINDS = ("areas", "weapons", "types")
OFFER_FIELDS = {"id", "provider", "title", "description", "areas", "weapons", "types", "eligible",
                "languages", "capacity", "active", "valid_from", "valid_to"}


class Resolver(Protocol):
    def resolve_state(self, text: str) -> tuple[str, str]: ...

    def resolve_provider(self, text: str) -> tuple[str, str, str]: ...

    def expand_eligibility(self, text: str) -> tuple[str, frozenset[str]]: ...

    def resolve_organisation(self, text: str) -> tuple[str, str]: ...

    def members_on(self, code: str, day: dt.date) -> frozenset[str]: ...


class _Collector:
    def __init__(self, taxonomy: Taxonomy):
        self.errors: list[str] = []
        self.taxonomy = taxonomy

    def err(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def text(self, rec: dict, key: str, path: str, *, required: bool) -> str | None:
        value = rec.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.err(f"{path}.{key}", "is required")
            return None if value is None else ""
        if not isinstance(value, str):
            self.err(f"{path}.{key}", f"must be a string, not {type(value).__name__}")
            return None
        return value.strip()

    def date(self, rec: dict, key: str, path: str, *, required: bool) -> dt.date | None:
        value = rec.get(key)
        if value is None or value == "":
            if required:
                self.err(f"{path}.{key}", "is required")
            return None
        if not isinstance(value, str):
            self.err(f"{path}.{key}", f"{json.dumps(value)} is not a date (YYYY-MM-DD)")
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.err(f"{path}.{key}", f'"{value}" is not a date (YYYY-MM-DD)')
            return None

    def str_list(self, rec: dict, key: str, path: str) -> list[str] | None:
        value = rec.get(key)
        if value is None:
            return None
        if not isinstance(value, list):
            self.err(f"{path}.{key}", "must be a list")
            return None
        ok = True
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.err(f"{path}.{key}[{i}]", "must be a non-empty string")
                ok = False
        return [v.strip() for v in value] if ok else None

    def codes(self, rec: dict, kind: str, path: str) -> tuple[str, ...] | None:
        values = self.str_list(rec, kind, path)
        if values is None:
            return None
        known = self.taxonomy.terms[kind]
        noun = {"areas": "area", "weapons": "weapon", "types": "type"}[kind]
        out = []
        for i, v in enumerate(values):
            code = v.lower()
            if code not in known:
                self.err(f"{path}.{kind}[{i}]", f'unknown {noun} "{v}"')
            elif code not in out:
                out.append(code)
        return tuple(out)

    def languages(self, rec: dict, path: str) -> tuple[str, ...]:
        values = self.str_list(rec, "languages", path) or []
        out = []
        for i, v in enumerate(values):
            code = v.lower()
            if not _LANG.match(code):
                self.err(f"{path}.languages[{i}]", f'"{v}" is not an ISO 639-1 code')
            elif code not in out:
                out.append(code)
        return tuple(out)

    def integer(self, rec: dict, key: str, path: str, default: int, minimum: int) -> int:
        value = rec.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            word = "a positive integer" if minimum > 0 else "a non-negative integer"
            self.err(f"{path}.{key}", f"must be {word}")
            return default
        return value

    def ident(self, rec: dict, path: str, seen: dict[str, str]) -> str | None:
        value = rec.get("id")
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.err(f"{path}.id", "is required")
            return None
        value = value.strip()
        if value in seen:
            self.err(f"{path}.id", f'duplicate id "{value}" (also {seen[value]})')
        else:
            seen[value] = path
        return value

    def resolve(self, fn, value: str, path: str):
        try:
            return fn(value)
        except NameProblem as exc:
            self.err(path, str(exc))
            return None


def _records(c: _Collector, data: dict, key: str) -> list[tuple[str, dict]]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        c.err(key, "must be a list")
        return []
    out = []
    for i, rec in enumerate(raw):
        path = f"{key}[{i}]"
        if not isinstance(rec, dict):
            c.err(path, "must be an object")
        else:
            out.append((path, rec))
    return out


def _requester(c: _Collector, rec: dict, path: str, resolver: Resolver, date):
    """(code, name, kind, members) of the request's State or organisation, or None."""
    if rec.get("state") not in (None, "") and rec.get("organisation") not in (None, ""):
        c.err(path, 'give "state" or "organisation", not both')
        return None
    if rec.get("organisation") not in (None, ""):
        org = c.text(rec, "organisation", path, required=True)
        if org is None:
            return None
        found = c.resolve(resolver.resolve_organisation, org, f"{path}.organisation")
        if found is None:
            return None
        members = frozenset(resolver.members_on(found[0], date)) if date else frozenset()
        if date and not members:
            c.err(f"{path}.organisation", f'"{org}" ({found[0]}) has no member States recorded '
                                          f"on {date}")
        return found[0], found[1], "organisation", members
    state = c.text(rec, "state", path, required=True)
    found = c.resolve(resolver.resolve_state, state, f"{path}.state") if state else None
    return None if found is None else (found[0], found[1], "state", frozenset())


def _needs(c: _Collector, raw, path: str) -> tuple[Need, ...] | None:
    if not isinstance(raw, list) or not raw:
        c.err(f"{path}.needs", "must be a non-empty list")
        return None
    out, ids, ok = [], {}, True
    for k, rec in enumerate(raw):
        npath = f"{path}.needs[{k}]"
        if not isinstance(rec, dict):
            c.err(npath, "must be an object")
            ok = False
            continue
        for extra in sorted(set(rec) - NEED_FIELDS):
            c.err(f"{npath}.{extra}", "unknown field")
            ok = False
        nid = rec.get("id", k + 1)
        if isinstance(nid, int) and not isinstance(nid, bool):
            nid = str(nid)
        if not isinstance(nid, str) or not nid.strip() or "#" in nid:
            c.err(f"{npath}.id", "must be a non-empty string without #")
            ok = False
            continue
        nid = nid.strip()
        if nid in ids:
            c.err(f"{npath}.id", f'duplicate need id "{nid}" (also {ids[nid]})')
            ok = False
        ids[nid] = npath
        desc = c.text(rec, "description", npath, required=True)
        title = c.text(rec, "title", npath, required=False) or ""
        tags = {kind: c.codes(rec, kind, npath) for kind in KINDS}
        status = rec.get("status", "open")
        if status not in ("open", "met"):
            c.err(f"{npath}.status", f'must be "open" or "met", not {json.dumps(status)}')
            ok = False
        if desc is None:
            ok = False
            continue
        out.append(Need(nid, desc, title, tags["areas"], tags["weapons"], tags["types"],
                        status if status in ("open", "met") else "open"))
    return tuple(out) if ok else None


def _request(c: _Collector, rec: dict, path: str, seen: dict, resolver: Resolver,
             split_needs: bool) -> Request | None:
    rid = c.ident(rec, path, seen)
    date = c.date(rec, "date", path, required=True)
    who = _requester(c, rec, path, resolver, date)
    title = c.text(rec, "title", path, required=True)
    has_needs = "needs" in rec
    desc = c.text(rec, "description", path, required=not has_needs)
    tags = {kind: c.codes(rec, kind, path) for kind in KINDS}
    langs = c.languages(rec, path)
    needs: tuple[Need, ...] | None = ()
    if has_needs:
        for kind in KINDS:
            if rec.get(kind) is not None:
                c.err(f"{path}.{kind}", f'with "needs", give {kind} in each need')
        needs = _needs(c, rec["needs"], path)
    if None in (rid, who, date, title, needs) or (desc is None and not has_needs):
        return None
    desc = desc or ""
    if split_needs and not has_needs and all(v is None for v in tags.values()):
        split = split_description(desc)
        if split.is_list:
            context = f"{title}. {split.preamble}" if split.preamble else title
            needs = tuple(Need(str(k), item.full_text, context=context)
                          for k, item in enumerate(split.needs, 1))
    code, name, kind, members = who
    return Request(rid, code, name, date, title, desc, tags["areas"], tags["weapons"],
                   tags["types"], langs, needs, kind, members)


def parse_exchange(
    data: Any,
    resolver: Resolver,
    *,
    taxonomy: Taxonomy | None = None,
    strict_fields: bool = False,
    split_needs: bool = False,
) -> tuple[list[Request], list[Offer]]:
    """Validate ``{"requests": [...], "offers": [...]}``; return (requests, offers).

    Unknown top-level keys are ignored. With ``strict_fields`` an unknown field in a record is
    an error (catches typos such as "weapon" for "weapons"); fields of a need are always
    checked. ``split_needs``: split descriptions holding a list into needs.
    """
    c = _Collector(taxonomy or load_taxonomy())
    if not isinstance(data, dict):
        raise ExchangeError(['(root): must be an object with "requests" and "offers"'])
    requests: list[Request] = []
    offers: list[Offer] = []
    seen: dict[str, str] = {}
    for path, rec in _records(c, data, "requests"):
        if strict_fields:
            for extra in sorted(set(rec) - REQUEST_FIELDS):
                c.err(f"{path}.{extra}", "unknown field")
        request = _request(c, rec, path, seen, resolver, split_needs)
        if request is not None:
            requests.append(request)
    seen = {}
    for path, rec in _records(c, data, "offers"):
        if strict_fields:
            for extra in sorted(set(rec) - OFFER_FIELDS):
                c.err(f"{path}.{extra}", "unknown field")
        oid = c.ident(rec, path, seen)
        prov = c.text(rec, "provider", path, required=True)
        provider = c.resolve(resolver.resolve_provider, prov, f"{path}.provider") if prov else None
        title = c.text(rec, "title", path, required=True)
        desc = c.text(rec, "description", path, required=True)
        areas = c.codes(rec, "areas", path)
        weapons = c.codes(rec, "weapons", path)
        types = c.codes(rec, "types", path)
        langs = c.languages(rec, path)
        capacity = c.integer(rec, "capacity", path, 1, 1)
        active = c.integer(rec, "active", path, 0, 0)
        vf = c.date(rec, "valid_from", path, required=False)
        vt = c.date(rec, "valid_to", path, required=False)
        if vf and vt and vt < vf:
            c.err(f"{path}.valid_to", f'"{vt}" is before valid_from "{vf}"')
        rules = []
        for i, item in enumerate(c.str_list(rec, "eligible", path) or []):
            rule = c.resolve(resolver.expand_eligibility, item, f"{path}.eligible[{i}]")
            if rule is not None:
                rules.append((rule[0], frozenset(rule[1])))
        if None in (oid, provider, title, desc):
            continue
        offers.append(Offer(oid, provider[1], provider[2], title, desc, areas, weapons, types,
                            tuple(rules), langs, capacity, active, vf, vt))
    if c.errors:
        raise ExchangeError(c.errors)
    return requests, offers


def load_exchange(path: str | Path, resolver: Resolver, **kwargs) -> tuple[list[Request],
                                                                          list[Offer]]:
    """Read an exchange file and parse it (see ``parse_exchange``)."""
    with Path(path).open(encoding="utf-8") as fh:
        try:
            data = json.load(fh)
        except json.JSONDecodeError as exc:
            raise ExchangeError([f"(file): not valid JSON: {exc}"]) from exc
    return parse_exchange(data, resolver, **kwargs)
