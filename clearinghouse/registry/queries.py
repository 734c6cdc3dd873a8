"""Read-side queries over the registry, shared by pages, exports and the API."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language

from clearinghouse.core import params

from .models import Membership, Organisation, OrganisationName, State, StateName
from .names import sort_key
from .regions import region_name
from .services import resolve


def _lang(language: str | None) -> str:
    return (language or get_language() or "en")[:2]


def by_name(states, language: str | None = None) -> list:
    """States (with their names prefetched) sorted by their name in the reader's language."""
    lang = _lang(language)
    return sorted(states, key=lambda s: sort_key(s.name_in(lang)))


def state_names(language: str | None = None) -> dict[str, str]:
    """ISO3 code -> the State's short name in ``language`` (English where the registry has none);
    one query, for lists built from values() rows."""
    lang = _lang(language)
    names = dict(State.objects.order_by().values_list("iso3", "short_name"))
    if lang != "en":
        names.update((iso3, name) for iso3, name in StateName.objects.filter(language=lang)
                     .exclude(short_name="").order_by().values_list("state__iso3", "short_name"))
    return names


def organisation_names(language: str | None = None) -> dict[str, str]:
    """Organisation code -> its name in ``language`` (English where it has none); one query."""
    lang = _lang(language)
    names = dict(Organisation.objects.order_by().values_list("code", "name"))
    if lang != "en":
        names.update(OrganisationName.objects.filter(language=lang).exclude(name="").order_by()
                     .values_list("organisation__code", "name"))
    return names


def state_filters(query) -> dict:
    """The recognised filters from a query dict, checked (BadParameter names a bad one)."""
    found = {key: params.text(query, key) for key in ("q", "region", "subregion", "organisation")}
    found["status"] = params.choice(query, "status", State.Status.values)
    return {key: value for key, value in found.items() if value}


def states(user, filters: dict):
    """States visible to the user, filtered by region, sub-region, organisation, status and any name."""
    qs = State.objects.visible_to(user).prefetch_related("names")
    if region := filters.get("region"):
        qs = qs.filter(region=region)
    if subregion := filters.get("subregion"):
        qs = qs.filter(subregion=subregion)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if code := filters.get("organisation"):
        qs = qs.filter(memberships__organisation__code=code, memberships__left__isnull=True)
    if q := filters.get("q"):
        by_text = (
            Q(short_name__icontains=q)
            | Q(official_name__icontains=q)
            | Q(iso3__iexact=q)
            | Q(aliases__alias__icontains=q)
            | Q(names__short_name__icontains=q)
        )
        hit = resolve(q)
        if hit.match and hit.match.kind == "state":
            by_text |= Q(iso3=hit.match.code)
        elif hit.ambiguous:
            by_text |= Q(iso3__in=[c.entity.code for c in hit.alternatives if c.entity.kind == "state"])
        qs = qs.filter(by_text)
    return qs.distinct().order_by("short_name")


def regions(language: str | None = None) -> list[tuple[str, list[str]]]:
    """M49 regions and their sub-regions (English names, the filters' values), sorted by their
    names in the reader's language (templates show them with ``localname``)."""
    lang = _lang(language)
    pairs = State.objects.values_list("region", "subregion").distinct().order_by("region", "subregion")
    out: dict[str, list[str]] = {}
    for region, subregion in pairs:
        out.setdefault(region, []).append(subregion)

    def key(name):
        return sort_key(region_name(name, lang))

    return [(region, sorted(subs, key=key)) for region, subs in sorted(out.items(), key=lambda kv: key(kv[0]))]


def organisations(user, kind: str = ""):
    qs = Organisation.objects.visible_to(user).prefetch_related("names").annotate(
        member_count=Count("memberships", filter=Q(memberships__left__isnull=True))
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "code")


def state_detail(user, iso3: str):
    memberships = Membership.objects.visible_to(user).select_related("organisation").prefetch_related(
        "organisation__names").order_by("organisation__code", "joined")
    return (
        State.objects.visible_to(user)
        .prefetch_related("names", "aliases", Prefetch("memberships", queryset=memberships))
        .get(iso3=iso3.upper())
    )


def organisation_detail(user, code: str):
    memberships = Membership.objects.visible_to(user).select_related("state").prefetch_related(
        "state__names").order_by("state__short_name", "joined")
    qs = Organisation.objects.visible_to(user).prefetch_related(
        "aliases", "names", Prefetch("memberships", queryset=memberships)
    )
    try:
        return qs.get(code=code)
    except Organisation.DoesNotExist:
        return qs.get(code__iexact=code)
