"""The registry as a service for the rest of the house: the shared name resolver.

``resolver()`` returns a :class:`~clearinghouse.registry.resolver.Resolver` built from the
database (so experts' edits count), rebuilt when the registry changes. Every registry write
records an audit entry whose action starts with "registry."; the newest such entry is the
registry's version, checked again whenever the data generation (core/generation.py) has
changed: a page cached under a generation was never rendered with an older registry.
"""

from __future__ import annotations

import threading

from .reference import (
    NonStateRecord,
    OrganisationNameRecord,
    OrganisationRecord,
    ReferenceData,
    StateRecord,
)
from .resolver import Resolver

_lock = threading.Lock()
_cache: dict = {"resolver": None, "version": None, "checked": None}


def registry_version():
    from clearinghouse.audit.models import AuditEntry

    return (
        AuditEntry.objects.filter(action__startswith="registry.")
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )


def registry_changed() -> None:
    """Forget the cached resolver (called on commit of a registry write)."""
    with _lock:
        _cache.update(resolver=None, version=None, checked=None)


def reference_from_database():
    """The registry as it stands in the database, in the shape of the reference files."""
    from .models import NonStateEntity, Organisation, OrganisationName, State, StateAlias, StateName

    ref = ReferenceData()
    iso3 = {}
    for s in State.objects.all():
        iso3[s.pk] = s.iso3
        ref.states.append(
            StateRecord(s.iso3, s.iso2, s.m49, s.status, s.admitted, s.short_name,
                        s.official_name, s.region, s.subregion, s.intermediate_region)
        )
    for state_id, lang, short, official in StateName.objects.values_list(
        "state_id", "language", "short_name", "official_name"
    ):
        ref.state_names.append((iso3[state_id], lang, short, official))
    for state_id, alias, kind in StateAlias.objects.values_list("state_id", "alias", "kind"):
        ref.state_aliases.append((iso3[state_id], alias, kind))
    for o in Organisation.objects.prefetch_related("aliases"):
        aliases = tuple(a.alias for a in o.aliases.all())
        ref.organisations.append(OrganisationRecord(o.code, o.name, o.kind, aliases, o.website))
    for n in OrganisationName.objects.select_related("organisation"):
        ref.organisation_names.append(OrganisationNameRecord(
            n.organisation.code, n.language, n.name, n.acronym, tuple(n.alias_list())))
    for n in NonStateEntity.objects.all():
        ref.non_states.append(NonStateRecord(n.name, tuple(n.alias_list()), n.note))
    return ref


def resolver() -> Resolver:
    from clearinghouse.core.generation import current

    now = current()  # one small query; unchanged data generation -> unchanged registry
    with _lock:
        cached = _cache["resolver"]
        if cached is not None and now and _cache["checked"] == now:
            return cached
    version = registry_version()
    with _lock:
        if _cache["resolver"] is not None and _cache["version"] == version:
            _cache["checked"] = now
            return _cache["resolver"]
    built = Resolver(list(reference_from_database().name_records()))
    with _lock:
        _cache.update(resolver=built, version=version, checked=now)
    return built


def resolve(text: str):
    return resolver().resolve(text)
