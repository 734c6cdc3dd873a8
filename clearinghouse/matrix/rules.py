"""Permission rules of the matrix domain: actions and visibility of its records.

Registered into the policy engine (``accounts.permissions``) by ``AppConfig.ready()``. Keep
every rule of the domain here.

- Experts draft versions (new version, cells, imports) and publish approved versions.
- The Committee approves a draft as a body: its decision (date, meeting or written procedure,
  reference) is recorded on its behalf by the Chair's office (Committee members whose account
  is flagged ``chair_office``) or by the experts. A single Committee member cannot approve.
- Experts and Committee members see every version; a State point of contact sees every
  version of its own State's matrix (drafts are reviewed with the State) and the published
  versions of the others; everybody else sees published versions only.
- Review by the State: experts send a draft to its State for review; a point of contact of
  that State (only) answers (confirms or comments). A review is seen by staff and that State's
  points of contact only, never by the public (not even once the version is published).
"""

from django.db.models import Q

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import (
    EVERYONE,
    EXPERTS,
    STAFF,
    register_actions,
    register_scope,
)

PUBLISHED = "published"


def _records_committee_decision(user, role, obj) -> bool:
    """The experts, or a Committee member in the Chair's office."""
    return role == Role.EXPERT or (role == Role.COMMITTEE and bool(getattr(user, "chair_office", False)))


def _answers_review(user, role, review) -> bool:
    """A point of contact of the State whose matrix is under review (any review with no
    object: whether the role may answer at all)."""
    if role != Role.STATE_POC or not getattr(user, "state_id", None):
        return False
    return review is None or review.version.matrix.state_id == user.state_id


register_actions({
    "matrix.view": EVERYONE,
    "matrix.draft": EXPERTS,
    "matrix.review.send": EXPERTS,
    "matrix.review.answer": _answers_review,
    "matrix.approve": _records_committee_decision,
    "matrix.publish": EXPERTS,
})


def _own_state_id(user, role):
    if role == Role.STATE_POC:
        return getattr(user, "state_id", None)
    return None


def version_filter(user, role, prefix: str = "") -> Q | None:
    """The condition on MatrixVersion rows (through ``prefix``) this user may see; None: all."""
    if role in STAFF:
        return None
    condition = Q(**{f"{prefix}status": PUBLISHED})
    state_id = _own_state_id(user, role)
    if state_id:
        condition |= Q(**{f"{prefix}matrix__state_id": state_id})
    return condition


def _reference(qs, user, role):
    return qs


for _label in ("matrix.matrixtemplate", "matrix.section", "matrix.field"):
    register_scope(_label)(_reference)


@register_scope("matrix.matrixversion")
def _versions(qs, user, role):
    condition = version_filter(user, role)
    return qs if condition is None else qs.filter(condition)


@register_scope("matrix.cell")
def _cells(qs, user, role):
    condition = version_filter(user, role, "version__")
    return qs if condition is None else qs.filter(condition)


@register_scope("matrix.matrix")
def _matrices(qs, user, role):
    condition = version_filter(user, role, "versions__")
    return qs if condition is None else qs.filter(condition).distinct()


@register_scope("matrix.review")
def _reviews(qs, user, role):
    if role in STAFF:
        return qs
    state_id = _own_state_id(user, role)
    return qs.filter(version__matrix__state_id=state_id) if state_id else qs.none()


def can_see_version(user, role, version) -> bool:
    if role in STAFF or version.status == PUBLISHED:
        return True
    state_id = _own_state_id(user, role)
    return bool(state_id) and version.matrix.state_id == state_id
