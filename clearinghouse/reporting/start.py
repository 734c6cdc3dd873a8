"""The reporting domain's part of a signed-in person's start page (/my/, core.extensions)."""

from __future__ import annotations

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import can, role_of

from .models import ActionPlan, NationalReport, Publication

LISTED = 20  # rows listed per heading; the lists link to the full pages


def start_context(request):
    """A State's point of contact: its drafts and submissions, its action plans, and the buttons
    to draft a report or an action plan. Experts: what was submitted and awaits them. Four
    queries at most."""
    user = request.user
    role = role_of(user)
    if role == Role.STATE_POC and user.state_id:
        state = user.state
        reports = (NationalReport.objects.visible_to(user).filter(state=state)
                   .exclude(status=Publication.PUBLISHED).order_by("-updated_at", "-pk"))
        plans = (ActionPlan.objects.visible_to(user).filter(state=state)
                 .prefetch_related("items").order_by("-adopted_on", "-pk"))
        return {"state": state, "role": role, "reports": list(reports[:LISTED]),
                "plans": list(plans[:LISTED]),
                "can_draft": can(user, "reporting.draft", state)}
    if role == Role.EXPERT:
        reports = (NationalReport.objects.visible_to(user).filter(status=Publication.SUBMITTED)
                   .select_related("state").order_by("submitted_on", "pk"))
        plans = (ActionPlan.objects.visible_to(user).filter(status=Publication.SUBMITTED)
                 .select_related("state").order_by("adopted_on", "pk"))
        return {"role": role, "submitted_reports": list(reports[:LISTED]),
                "submitted_plans": list(plans[:LISTED])}
    return None
