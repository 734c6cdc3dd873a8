"""The matrix domain's part of a signed-in person's start page (/my/, core.extensions)."""

from __future__ import annotations

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import can, role_of

from .models import MatrixVersion

LISTED = 30


def start_context(request):
    """Committee members and experts: the drafts awaiting the Committee's decision (and, for the
    experts, approved versions to publish). A State's point of contact: its State's draft,
    which the experts review with it. Two queries at most."""
    user = request.user
    role = role_of(user)
    versions = MatrixVersion.objects.visible_to(user).select_related("matrix__state")
    if role in (Role.COMMITTEE, Role.EXPERT):
        drafts = versions.filter(status=MatrixVersion.Status.DRAFT).order_by(
            "matrix__state__short_name")
        approved = (versions.filter(status=MatrixVersion.Status.APPROVED).order_by(
            "matrix__state__short_name") if role == Role.EXPERT else versions.none())
        return {"role": role, "drafts": list(drafts[:LISTED]), "approved": list(approved[:LISTED]),
                "can_approve": can(user, "matrix.approve")}
    if role == Role.STATE_POC and user.state_id:
        drafts = versions.filter(status=MatrixVersion.Status.DRAFT, matrix__state_id=user.state_id)
        return {"role": role, "own_drafts": list(drafts)}
    return None
