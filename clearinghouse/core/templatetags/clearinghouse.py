from django import template
from django.utils.translation import get_language

from clearinghouse.registry.regions import region_name

register = template.Library()


@register.filter
def localname(entity):
    """A name in the page's language: a State's short name, an organisation's name (both from
    the registry's names in the six languages, English where there is none), an M49 region's
    name (given as its English name), or an object with ``name_in`` (anything else as it is)."""
    if entity is None or entity == "":
        return ""
    if isinstance(entity, str):
        return region_name(entity, get_language())
    name_in = getattr(entity, "name_in", None)
    return name_in(get_language()) if name_in else str(entity)


@register.filter
def officialname(state):
    """A State's official name in the page's language (its short name there when the registry
    holds the formal name in English only)."""
    return state.official_name_in(get_language()) if state is not None else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for filters and exports)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
