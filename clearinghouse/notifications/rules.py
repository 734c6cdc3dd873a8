"""Permission rules of notifications: a notice and a preference are their person's only
(experts too see only their own: a notice copies text of a record into the recipient's
language, so it is never shown to anyone else)."""

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import EVERYONE, register_actions, register_scope

register_actions({"notifications.read": EVERYONE - {Role.PUBLIC}})


@register_scope("notifications.notice", "notifications.preference")
def _own(qs, user, role):
    if role == Role.PUBLIC:
        return qs.none()
    field = "recipient" if qs.model.__name__ == "Notice" else "user"
    return qs.filter(**{field: user})
