"""Permission rules of background jobs.

A job (and its result) is seen only by the person who started it, whatever their role; a
scheduled job nobody started (the bi-monthly briefing's draft) is seen by the experts only.
Tasks that failed every attempt are seen, and run again, by the experts.
"""

from django.db.models import Q

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import EVERYONE, EXPERTS, register_actions, register_scope

register_actions({
    "jobs.start": EVERYONE - {Role.PUBLIC},
    "jobs.failures": EXPERTS,
})


@register_scope("jobs.job")
def _jobs(qs, user, role):
    if role == Role.PUBLIC:
        return qs.none()
    if role == Role.EXPERT:
        return qs.filter(Q(owner=user) | Q(owner__isnull=True))
    return qs.filter(owner=user)


@register_scope("jobs.taskfailure")
def _failures(qs, user, role):
    return qs if role == Role.EXPERT else qs.none()
