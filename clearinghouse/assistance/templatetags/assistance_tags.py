"""``{% may "assistance.request.edit" req as can_edit %}``: the policy, asked from a template."""

from django import template

from clearinghouse.accounts.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action: str, obj=None) -> bool:
    request = context.get("request")
    return can(getattr(request, "user", None), action, obj)
