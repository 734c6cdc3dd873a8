from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def localname(state):
    """A State's short name in the page's language (from the reference data)."""
    return state.name_in(get_language()) if state is not None else ""


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
