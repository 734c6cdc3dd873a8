"""Loading the reference data files into the database, idempotently and in one transaction.

The files are the source of truth for reference data: a load brings the database to what the
files say (creating, updating and removing rows) and records one audit entry with the counts.
An unchanged set of files (same fingerprint as the last load) is skipped in milliseconds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import transaction

from clearinghouse.audit.log import record

from . import reference, regions
from .models import (
    Membership,
    NonStateEntity,
    Organisation,
    OrganisationAlias,
    OrganisationName,
    ReferenceLoad,
    Source,
    State,
    StateAlias,
    StateName,
)
from .services import registry_changed

STATE_FIELDS = (
    "iso2", "m49", "status", "admitted", "short_name", "official_name", "region", "subregion",
    "intermediate_region",
)


def fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def check(ref: reference.ReferenceData) -> list[str]:
    """Cross-file consistency; each problem names the file and the value."""
    problems = []
    iso3s = {s.iso3 for s in ref.states}
    codes = {o.code for o in ref.organisations}
    if len(iso3s) != len(ref.states):
        problems.append("states.csv: duplicate iso3 codes")
    for iso3, _lang, _s, _o in ref.state_names:
        if iso3 not in iso3s:
            problems.append(f"state_names.csv: unknown State {iso3}")
    for iso3, alias, _k in ref.state_aliases:
        if iso3 not in iso3s:
            problems.append(f'state_aliases.csv: unknown State {iso3} for "{alias}"')
    for o in ref.organisations:
        if o.kind not in reference.ORGANISATION_KINDS:
            problems.append(f"organisations.csv: {o.code} has an unknown kind {o.kind!r}")
    for n in ref.organisation_names:
        if n.code not in codes:
            problems.append(f"organisation_names.csv: unknown organisation {n.code}")
        if n.lang not in reference.LANGUAGES or n.lang == "en":
            problems.append(f"organisation_names.csv: {n.code} has a language {n.lang!r} that is "
                            "not one of ar, zh, fr, ru, es")
    for m in ref.memberships:
        if m.organisation not in codes:
            problems.append(f"memberships.csv: unknown organisation {m.organisation}")
        if m.state not in iso3s:
            problems.append(f"memberships.csv: unknown State {m.state} in {m.organisation}")
    for s in ref.states:
        for name in (s.region, s.subregion, s.intermediate_region):
            if name and not regions.known(name):
                problems.append(f"states.csv: {s.iso3}: the M49 region {name!r} is not in m49_regions.csv")
    return problems


def _sync_set(model, existing: dict, wanted: dict, make, fields) -> tuple[int, int, int]:
    """Bring rows keyed by `existing` to `wanted` (key -> values dict). Returns created, updated,
    deleted. Rows an expert added (``source`` "expert") are never deleted; one that the files
    now hold too becomes reference data."""
    created, updated = [], []
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            created.append(make(key, values))
        elif any(getattr(row, f) != values[f] for f in fields):
            for f in fields:
                setattr(row, f, values[f])
            updated.append(row)
    stale = [row.pk for key, row in existing.items()
             if key not in wanted and getattr(row, "source", Source.REFERENCE) == Source.REFERENCE]
    model.objects.bulk_create(created)
    if updated and fields:
        model.objects.bulk_update(updated, list(fields))
    if stale:
        model.objects.filter(pk__in=stale).delete()
    return len(created), len(updated), len(stale)


def load_reference_data(actor="system", data_dir: Path | None = None, force: bool = False) -> dict:
    data_dir = Path(data_dir or reference.DATA_DIR)
    print_ = fingerprint(data_dir)
    last = ReferenceLoad.objects.first()
    if last and last.fingerprint == print_ and not force:
        return {"skipped": True, **last.summary}
    ref = reference._load.__wrapped__(data_dir)  # fresh read, not the cached one
    problems = check(ref)
    if problems:
        raise reference.ReferenceDataError("; ".join(problems[:20]))

    summary: dict[str, list[int]] = {}
    with transaction.atomic():
        states = {s.iso3: s for s in State.objects.all()}
        summary["states"] = _sync_set(
            State,
            states,
            {s.iso3: {f: getattr(s, f) for f in STATE_FIELDS} for s in ref.states},
            lambda key, v: State(iso3=key, **v),
            STATE_FIELDS,
        )
        states = {s.iso3: s for s in State.objects.all()}
        summary["state_names"] = _sync_set(
            StateName,
            {(n.state.iso3, n.language): n for n in StateName.objects.select_related("state")},
            {(i, lang): {"short_name": s, "official_name": o} for i, lang, s, o in ref.state_names},
            lambda key, v: StateName(state=states[key[0]], language=key[1], **v),
            ("short_name", "official_name"),
        )
        summary["state_aliases"] = _sync_set(
            StateAlias,
            {(a.state.iso3, a.alias): a for a in StateAlias.objects.select_related("state")},
            {(i, alias): {"kind": kind or "common", "source": Source.REFERENCE}
             for i, alias, kind in ref.state_aliases},
            lambda key, v: StateAlias(state=states[key[0]], alias=key[1], **v),
            ("kind", "source"),
        )
        summary["organisations"] = _sync_set(
            Organisation,
            {o.code: o for o in Organisation.objects.all()},
            {o.code: {"name": o.name, "kind": o.kind, "website": o.website,
                      "source": Source.REFERENCE} for o in ref.organisations},
            lambda key, v: Organisation(code=key, **v),
            ("name", "kind", "website", "source"),
        )
        orgs = {o.code: o for o in Organisation.objects.all()}
        summary["organisation_aliases"] = _sync_set(
            OrganisationAlias,
            {(a.organisation.code, a.alias): a for a in OrganisationAlias.objects.select_related("organisation")},
            {(o.code, alias): {"source": Source.REFERENCE} for o in ref.organisations
             for alias in o.aliases},
            lambda key, v: OrganisationAlias(organisation=orgs[key[0]], alias=key[1], **v),
            ("source",),
        )
        summary["organisation_names"] = _sync_set(
            OrganisationName,
            {(n.organisation.code, n.language): n
             for n in OrganisationName.objects.select_related("organisation")},
            {(n.code, n.lang): {"name": n.name, "acronym": n.acronym, "aliases": "\n".join(n.aliases)}
             for n in ref.organisation_names},
            lambda key, v: OrganisationName(organisation=orgs[key[0]], language=key[1], **v),
            ("name", "acronym", "aliases"),
        )
        summary["memberships"] = _sync_set(
            Membership,
            {
                (m.organisation.code, m.state.iso3, m.joined): m
                for m in Membership.objects.select_related("organisation", "state")
            },
            {
                (m.organisation, m.state, m.joined): {"left": m.left, "source": m.source}
                for m in ref.memberships
            },
            lambda key, v: Membership(organisation=orgs[key[0]], state=states[key[1]], joined=key[2], **v),
            ("left", "source"),
        )
        summary["non_state_entities"] = _sync_set(
            NonStateEntity,
            {n.name: n for n in NonStateEntity.objects.all()},
            {n.name: {"aliases": "\n".join(n.aliases), "note": n.note} for n in ref.non_states},
            lambda key, v: NonStateEntity(name=key, **v),
            ("aliases", "note"),
        )
        counts = {k: dict(zip(("created", "updated", "deleted"), v, strict=True)) for k, v in summary.items()}
        ReferenceLoad.objects.all().delete()
        ReferenceLoad.objects.create(fingerprint=print_, summary=counts)
        record(actor, "registry.reference_loaded", None, counts, label=str(data_dir.name))
        transaction.on_commit(registry_changed)
    return {"skipped": False, **counts}
