"""``{% may "assistance.request.edit" req as can_edit %}``: the policy, asked from a template."""

from django import template

from clearinghouse.accounts.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action: str, obj=None) -> bool:
    request = context.get("request")
    return can(getattr(request, "user", None), action, obj)


@register.filter
def reasons_here(item) -> tuple[str, ...]:
    """``{% for r in match|reasons_here %}``: a match's or a candidate's reasons in the page's
    language (the engine renders its reason codes in any of the six UN languages)."""
    from django.utils.translation import get_language

    return item.reasons_in(get_language() or "en")
