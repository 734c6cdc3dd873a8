"""Permission rules of the audit log (experts and Committee members read it). Registered in
``AuditConfig.ready()``."""

from clearinghouse.accounts.permissions import STAFF, register_actions, register_scope

register_actions({
    "audit.view": STAFF,
})


@register_scope("audit.auditentry")
def _entries(qs, user, role):
    return qs if role in STAFF else qs.none()
