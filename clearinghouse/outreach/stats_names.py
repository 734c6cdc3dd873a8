"""The outreach statistics as people read them: regions, States and organisations named in the
reader's language (the exports keep the registry's English names beside their codes)."""

from __future__ import annotations

from django.utils.translation import get_language

from clearinghouse.registry.queries import organisation_names, state_names
from clearinghouse.registry.regions import region_name


def in_reader_language(stats: dict) -> dict:
    lang = get_language()
    states, organisations = state_names(lang), organisation_names(lang)
    return {
        **stats,
        "regions": [(region_name(region, lang), n) for region, n in stats["regions"]],
        "states": [(iso3, states.get(iso3, name), n) for iso3, name, n in stats["states"]],
        "organisations": [(code, organisations.get(code, name), n)
                          for code, name, n in stats["organisations"]],
    }
