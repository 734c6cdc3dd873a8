"""Writes of the matrix domain: each in one transaction with its audit entry.

A version is edited only while it is a draft. The Committee approves a draft (it is then
immutable); experts publish an approved version. Changes after approval go into a new version,
which starts as a copy of the latest one.

No silent lost update (``core.concurrency``): a draft's ``revision`` counts every change of
its header and cells, and each cell keeps the revision of its last change. The page carries
the draft's revision; ``set_cell`` refuses (``Conflict``) a cell that changed since the page
was opened, ``approve`` a draft that changed since its recorder opened it. A cleared
cell is kept, blank, so that clearing is a change too. Approving and publishing check the
status on the locked row (``StateChanged`` when someone else acted first).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import require
from clearinghouse.audit.log import record
from clearinghouse.core import concurrency
from clearinghouse.core.concurrency import Conflict, StateChanged
from clearinghouse.notifications import recipients
from clearinghouse.notifications.models import Kind
from clearinghouse.notifications.notify import notify
from clearinghouse.registry.models import State

from . import queries
from .models import BLANK, Cell, Matrix, MatrixVersion, Procedure, Review, Value

VALUES = {v.value for v in Value}


def refresh_measures(version_ids) -> None:
    """Recount the fields with measures recorded of these versions from their cells."""
    counts = queries.count_measures(version_ids)
    versions = list(MatrixVersion.objects.filter(pk__in=list(counts)))
    for version in versions:
        version.measures = counts[version.pk]
        version.measures_total = sum(counts[version.pk].values())
    MatrixVersion.objects.bulk_update(versions, ["measures", "measures_total"], batch_size=500)


def _check_dates(report_date, addenda_dates) -> list[str]:
    out = []
    for d in addenda_dates or []:
        if not isinstance(d, dt.date):
            raise ValidationError(_("Dates of addenda must be dates (YYYY-MM-DD)."))
        out.append(d.isoformat())
    return sorted(out)


def start_version(actor, state: State, *, report_date=None, addenda_dates=None) -> MatrixVersion:
    """A new draft version of the State's matrix, holding a copy of the latest version's cells."""
    require(actor, "matrix.draft")
    with transaction.atomic():
        matrix, _created = Matrix.objects.get_or_create(state=state)
        # One new version at a time per matrix: lock the matrix, then read its versions.
        matrix = Matrix.objects.select_for_update().get(pk=matrix.pk)
        versions = list(matrix.versions.order_by("number"))
        if any(v.is_draft for v in versions):
            raise StateChanged(_("%(state)s already has a draft version: edit it, or have it approved first.")
                               % {"state": state})
        previous = versions[-1] if versions else None
        template = queries.current_template()
        version = MatrixVersion(
            matrix=matrix, number=(previous.number + 1) if previous else 1, template=template,
            report_date=report_date or (previous.report_date if previous else None),
            addenda_dates=_check_dates(report_date, addenda_dates) if addenda_dates is not None
            else (list(previous.addenda_dates) if previous else []),
            based_on=previous,
        )
        concurrency.stamp(version, actor)
        version.save()
        if previous is not None:
            cells = Cell.objects.filter(version=previous).exclude(BLANK)
            if previous.template_id != template.pk:  # a new template: carry over the same codes only
                codes = queries.layout(template).by_code
                old = queries.layout_for(previous).by_id
                cells = [Cell(version=version, field_id=codes[old[c.field_id].code].id, dimension=c.dimension,
                              value=c.value, source=c.source, remarks=c.remarks)
                         for c in cells if old[c.field_id].code in codes]
            else:
                cells = [Cell(version=version, field_id=c.field_id, dimension=c.dimension, value=c.value,
                              source=c.source, remarks=c.remarks) for c in cells]
            Cell.objects.bulk_create(cells, batch_size=2000)
        refresh_measures([version.pk])
        record(actor, "matrix.version.started", version,
               {"state": state.iso3, "number": version.number,
                "based_on": previous.number if previous else None})
    return version


def _require_draft(version: MatrixVersion) -> None:
    if not version.is_draft:
        raise ValidationError(
            _("Version %(n)s is %(status)s: versions are immutable once approved; start a new version.")
            % {"n": version.number, "status": version.get_status_display()}
        )


def touch(actor, version: MatrixVersion, cell: Cell) -> None:
    """Inside the transaction, ``version`` locked: a new revision of the draft, which the
    changed ``cell`` carries (with who changed it)."""
    concurrency.stamp(version, actor)
    version.save(update_fields=[])
    cell.revision = version.revision
    concurrency.stamp(cell, actor)


def _opened(opened) -> int | None:
    if opened is None or str(opened).strip() == "":
        return None
    try:
        return int(str(opened))
    except ValueError:
        raise ValidationError(_("The page did not say which revision of the draft it showed; "
                                "open the matrix again.")) from None


def set_cell(actor, version: MatrixVersion, code: str, dimension: str, value: str,
             source: str = "", remarks: str = "", *, opened=None) -> Cell | None:
    """Record one cell of a draft version; a blank value with no source or remarks clears it
    (the cell is kept, blank). ``opened``: the draft's revision on the page the user filled
    in; ``Conflict`` if this cell changed after it."""
    require(actor, "matrix.draft")
    seen = _opened(opened)
    lay = queries.layout_for(version)
    row = lay.by_code.get(code)
    if row is None:
        raise ValidationError(_('Unknown field code "%(code)s".') % {"code": code})
    if dimension not in row.dimensions:
        raise ValidationError(_('Field %(code)s has no dimension "%(dim)s" (it has: %(dims)s).')
                              % {"code": code, "dim": dimension, "dims": ", ".join(row.dimensions)})
    if value not in VALUES:
        raise ValidationError(_('"%(value)s" is not a matrix value: use X, ?, NA or leave it blank.')
                              % {"value": value})
    with transaction.atomic():
        concurrency.lock(version)
        _require_draft(version)
        cell = Cell.objects.filter(version=version, field_id=row.id, dimension=dimension).first()
        if seen is not None and cell is not None and cell.revision > seen:
            raise Conflict(cell, opened)
        before = (cell.value, cell.source, cell.remarks) if cell else ("", "", "")
        after = (value, source, remarks)
        if before == after:
            return cell
        cell = cell or Cell(version=version, field_id=row.id, dimension=dimension)
        cell.value, cell.source, cell.remarks = after
        touch(actor, version, cell)
        cell.save()
        refresh_measures([version.pk])
        record(actor, "matrix.cell.set", version,
               {"field": code, "dimension": dimension, "before": list(before),
                "after": list(after), "revision": version.revision})
    return cell if any(after) else None


def update_header(actor, version: MatrixVersion, *, report_date=None, addenda_dates=None,
                  opened=None) -> MatrixVersion:
    require(actor, "matrix.draft")
    with transaction.atomic():
        concurrency.lock(version, opened, actor=actor)
        _require_draft(version)
        version.report_date = report_date
        version.addenda_dates = _check_dates(report_date, addenda_dates)
        version.save(update_fields=["report_date", "addenda_dates"])
        record(actor, "matrix.version.header", version,
               {"report_date": report_date, "addenda_dates": version.addenda_dates})
    return version


def _done_by(version: MatrixVersion) -> dict:
    found = concurrency.changed_by(version)
    if version.approved_by_id and version.status == MatrixVersion.Status.APPROVED:
        found["who"] = version.approved_by.get_username()
    return found


FIRST_DECISION = dt.date(2004, 4, 28)  # resolution 1540 (2004) was adopted that day


def check_decision(approved_on, reference: str, procedure: str) -> tuple[dt.date, str, str]:
    """The Committee's decision as recorded: a date (not before resolution 1540, not in the
    future), how it was taken and its reference. ValidationError naming the field otherwise."""
    errors = {}
    if not isinstance(approved_on, dt.date):
        errors["approved_on"] = _("Give the date of the Committee's decision (YYYY-MM-DD).")
    elif approved_on < FIRST_DECISION:
        errors["approved_on"] = _("The Committee's decision cannot precede resolution 1540 "
                                  "(28 April 2004).")
    elif approved_on > timezone.localdate():
        errors["approved_on"] = _("The Committee's decision cannot be in the future.")
    reference = (reference or "").strip()
    if not reference:
        errors["decision_reference"] = _("Give the reference of the meeting or of the written "
                                         "procedure at which the Committee decided.")
    elif len(reference) > 200:
        errors["decision_reference"] = _("The reference is at most 200 characters.")
    if procedure not in Procedure.values:
        errors["decision_procedure"] = _("Say how the Committee decided: at a meeting or by "
                                         "written procedure.")
    if errors:
        raise ValidationError(errors)
    return approved_on, reference, procedure


def approve(actor, version: MatrixVersion, approved_on: dt.date | None, *, reference: str,
            procedure: str = Procedure.MEETING, opened=None) -> MatrixVersion:
    """Record the Committee's decision approving a draft: from now on the version is immutable.

    The Committee decides as a body; the Chair's office or an expert records the decision
    (date, meeting or written procedure and its reference) on its behalf. ``opened``: the
    draft's revision the recorder looked at (``Conflict`` if it changed since: record the
    approval only of what was seen)."""
    require(actor, "matrix.approve")
    approved_on, reference, procedure = check_decision(approved_on, reference, procedure)
    with transaction.atomic():
        concurrency.lock(version, actor=actor)
        if not version.is_draft:
            raise StateChanged(_("Only a draft can be approved; version %(n)s is %(status)s "
                                 "(since %(who)s at %(when)s).")
                               % {"n": version.number, "status": version.get_status_display(),
                                  **_done_by(version)})
        seen = _opened(opened)
        if seen is not None and version.revision != seen:
            raise Conflict(version, opened)
        version.status = MatrixVersion.Status.APPROVED
        version.approved_on = approved_on
        version.approved_by = actor if getattr(actor, "is_authenticated", False) else None
        version.decision_procedure = procedure
        version.decision_reference = reference
        version.decision_recorded_at = timezone.now()
        version.save(update_fields=["status", "approved_on", "approved_by", "decision_procedure",
                                    "decision_reference", "decision_recorded_at"])
        record(actor, "matrix.version.approved", version,
               {"approved_on": approved_on, "decision_procedure": procedure,
                "decision_reference": reference})
        notify(Kind.MATRIX, version, recipients.state_contacts(version.matrix.state)
               + recipients.experts())
    return version


def publish(actor, version: MatrixVersion) -> MatrixVersion:
    require(actor, "matrix.publish")
    with transaction.atomic():
        concurrency.lock(version, actor=actor)
        if version.status != MatrixVersion.Status.APPROVED:
            raise StateChanged(_("Only a version approved by the Committee can be published; "
                                 "version %(n)s is %(status)s (since %(who)s at %(when)s).")
                               % {"n": version.number, "status": version.get_status_display(),
                                  **_done_by(version)})
        version.status = MatrixVersion.Status.PUBLISHED
        version.save(update_fields=["status"])
        record(actor, "matrix.version.published", version, {})
    return version


# -- review by the State --------------------------------------------------------------------


def review_deadline(sent_on: dt.date) -> dt.date | None:
    """The date by which the State is asked to answer: ``MATRIX_REVIEW_WORKING_DAYS`` UN
    Headquarters working days after sending (None when the setting is 0). Beyond the years of
    the holiday list, weekdays are counted (as for the objection window)."""
    from django.conf import settings

    from clearinghouse.registry import working_days

    days = getattr(settings, "MATRIX_REVIEW_WORKING_DAYS", 60)
    if not days:
        return None
    try:
        return working_days.add_working_days(sent_on, days, working_days.un_headquarters())
    except working_days.BeyondCalendar:
        return working_days.add_weekdays(sent_on, days)


def send_for_review(actor, version: MatrixVersion, *, sent_on: dt.date | None = None) -> Review:
    """The experts send a draft to its State for review; its points of contact are told (with
    the date by which an answer is requested). One open review at a time per version."""
    require(actor, "matrix.review.send")
    sent_on = sent_on or timezone.localdate()
    with transaction.atomic():
        concurrency.lock(version)
        if not version.is_draft:
            raise StateChanged(_("Only a draft is sent to the State for review; version %(n)s "
                                 "is %(status)s.")
                               % {"n": version.number, "status": version.get_status_display()})
        waiting = version.reviews.filter(answer="").first()
        if waiting is not None:
            raise StateChanged(_("Version %(n)s was already sent to the State for review on "
                                 "%(date)s (by %(who)s); its answer is awaited.")
                               % {"n": version.number, "date": waiting.sent_on.isoformat(),
                                  **concurrency.changed_by(waiting)})
        review = Review(version=version, sent_on=sent_on, deadline=review_deadline(sent_on),
                        revision_sent=version.revision,
                        sent_by=actor if getattr(actor, "is_authenticated", False) else None)
        concurrency.stamp(review, actor)
        review.save()
        record(actor, "matrix.review.sent", review,
               {"version": version.number, "state": version.matrix.state.iso3, "sent_on": sent_on, "deadline": review.deadline,
                "revision": version.revision})
        notify(Kind.MATRIX_REVIEW, review, recipients.state_contacts(version.matrix.state))
    return review


ANSWERS = {Review.Answer.CONFIRMED, Review.Answer.COMMENTS}


def answer_review(actor, review: Review, answer: str, comments: str = "", *,
                  today: dt.date | None = None, revision=None) -> Review:
    """A point of contact of the State confirms the version sent for review, or sends
    comments; the experts are told. Answered once (``StateChanged`` if someone answered
    first). ``revision``: the review's revision as the caller read it (the API's If-Match),
    ``Conflict`` if it moved since."""
    require(actor, "matrix.review.answer", review)
    comments = (comments or "").strip()
    if answer not in ANSWERS:
        raise ValidationError({"answer": _("Answer: confirm the version, or send comments.")})
    if answer == Review.Answer.COMMENTS and not comments:
        raise ValidationError({"comments": _("Comments: write the State's comments, or "
                                             "confirm the version.")})
    if len(comments) > 20000:
        raise ValidationError({"comments": _("Comments: at most 20,000 characters.")})
    with transaction.atomic():
        concurrency.lock(review, revision)
        if not review.is_open:
            raise StateChanged(_("This review was already answered (%(answer)s) by %(who)s at "
                                 "%(when)s.") % {"answer": review.get_answer_display(),
                                                 **concurrency.changed_by(review)})
        concurrency.stamp(review, actor)
        review.answer, review.comments = answer, comments
        review.answered_on = today or timezone.localdate()
        review.answered_by = actor
        review.save()
        record(actor, "matrix.review.answered", review,
               {"answer": answer, "comments": comments,
                "answered_on": review.answered_on})
        notify(Kind.MATRIX_ANSWER, review, recipients.experts())
    return review
