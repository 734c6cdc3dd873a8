"""Every write of the reporting domain: checked against the policy, one transaction, audited.

Views, API views, importers and the demo loader call these; none writes records by itself.
``actor`` is a user, or a label ("cli", "demo") for commands.

No silent lost update (``core.concurrency``): each action reloads its record under a lock
inside its transaction; edits take the revision the user opened (``revision``: ``Conflict``
if it moved); submitting and publishing check the status on the locked row (``StateChanged``
when someone else acted first).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import can
from clearinghouse.audit.log import record
from clearinghouse.core import concurrency
from clearinghouse.core.concurrency import StateChanged
from clearinghouse.notifications import recipients
from clearinghouse.notifications.models import Kind
from clearinghouse.notifications.notify import notify

from .documents import DocumentError, extract_text
from .models import ActionPlan, ActionPlanItem, NationalReport, Publication

REPORT_FIELDS = ("kind", "submitted_on", "title", "language", "text")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _require(actor, action, obj=None):
    """Commands (actor given as a label) act as the experts' tooling; users go through the policy."""
    if _user(actor) is None and isinstance(actor, str):
        return
    if not can(actor, action, obj):
        raise PermissionDenied(action)


def _still_editable(actor, obj) -> None:
    """After the lock: a point of contact edits only drafts; say who moved it on if it is not
    one any more."""
    if obj.status == Publication.DRAFT:
        _require(actor, "reporting.draft", obj)
        return
    if _user(actor) is None and isinstance(actor, str) or can(actor, "reporting.record"):
        return
    raise StateChanged(_("It is now %(status)s (by %(who)s at %(when)s): only the Committee's "
                         "experts change it from now on.")
                       % {"status": obj.get_status_display(), **concurrency.changed_by(obj)})


def _attach(report: NationalReport, name: str, content: bytes) -> None:
    try:
        report.text = extract_text(name, content)
    except DocumentError as exc:
        raise ValidationError({"document": str(exc)}) from None
    report.document.save(name, ContentFile(content), save=False)


# Resolution 1540 (2004) was adopted on 28 April 2004: no report under it is older.
RESOLUTION_ADOPTED = dt.date(2004, 4, 28)


def _check_report(report: NationalReport) -> None:
    if report.status != Publication.DRAFT and report.submitted_on is None:
        raise ValidationError({"submitted_on": _("A submitted report needs the date it was submitted.")})
    if report.submitted_on and report.submitted_on > dt.date.today():
        raise ValidationError({"submitted_on": _("The date submitted cannot be in the future.")})
    if report.submitted_on and report.submitted_on < RESOLUTION_ADOPTED:
        raise ValidationError({"submitted_on": _(
            "The date submitted cannot be before 28 April 2004, when resolution 1540 was adopted.")})
    if report.kind == NationalReport.Kind.FIRST:
        others = NationalReport.objects.filter(state_id=report.state_id, kind=report.kind)
        if report.pk:
            others = others.exclude(pk=report.pk)
        if others.exists():
            raise ValidationError({"kind": _("%(state)s already has a first report; this one is "
                                             "additional information.") % {"state": report.state}})
    if report.submitted_on:
        # Two reports of additional information on one day are legitimate (a report and its
        # annex, a correction); the same title on the same day is the same report twice.
        same = NationalReport.objects.filter(
            state_id=report.state_id, kind=report.kind, submitted_on=report.submitted_on,
            title__iexact=report.title.strip())
        if report.pk:
            same = same.exclude(pk=report.pk)
        if same.exists():
            raise ValidationError({"title": _("%(state)s already has a report of this kind with this "
                                              "title on this date: give this one its own title.")
                                   % {"state": report.state}})


def _check_content(report: NationalReport) -> None:
    """What goes to the Committee holds something to read: a document or its text."""
    if not (report.document or (report.text or "").strip()):
        raise ValidationError({"document": _("Attach the report's document or write its text "
                                             "before it goes to the Committee.")})


def _save(report: NationalReport):
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError({"kind": _("This State already has a first report.")}) from None


def create_report(actor, state, *, kind, submitted_on=None, title="", language="", text="",
                  status=Publication.DRAFT, document: tuple[str, bytes] | None = None) -> NationalReport:
    """Record a report. A State's point of contact creates drafts of its own State only."""
    if status == Publication.DRAFT:
        _require(actor, "reporting.draft", state)
    else:
        _require(actor, "reporting.record")
    report = NationalReport(state=state, kind=kind, submitted_on=submitted_on, title=title,
                            language=language, text=text, status=status, created_by=_user(actor))
    concurrency.stamp(report, actor)
    _check_report(report)
    with transaction.atomic():
        if document:
            _attach(report, *document)
        if status != Publication.DRAFT:
            _check_content(report)
        _save(report)
        record(actor, "reporting.report.created", report,
               {f: getattr(report, f) for f in (*REPORT_FIELDS[:4], "status")}
               | {"document": report.document.name})
    return report


def update_report(actor, report: NationalReport, *, document: tuple[str, bytes] | None = None,
                  revision=None, **changes) -> NationalReport:
    """Change a report: its State's point of contact while a draft, an expert at any time.
    ``revision``: the one the user opened (``Conflict`` if the report changed since)."""
    if report.status == Publication.DRAFT:
        _require(actor, "reporting.draft", report)
    else:
        _require(actor, "reporting.record")
    unknown = set(changes) - set(REPORT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field(s): %(f)s") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        concurrency.lock(report, revision, actor=actor)
        _still_editable(actor, report)
        before = {f: getattr(report, f) for f in changes}
        for name, value in changes.items():
            setattr(report, name, value)
        _check_report(report)
        if document:
            _attach(report, *document)
        _save(report)
        diff = {f: [before[f], getattr(report, f)] for f in changes if before[f] != getattr(report, f)}
        if diff.get("text"):
            diff["text"] = "(changed)"
        if document:
            diff["document"] = report.document.name
        record(actor, "reporting.report.changed", report, diff)
    return report


def submit_report(actor, report: NationalReport, on: dt.date | None = None, *,
                  revision=None) -> NationalReport:
    """Draft -> submitted, dated today unless it already carries a date."""
    _require(actor, "reporting.submit", report)
    with transaction.atomic():
        concurrency.lock(report, revision, actor=actor)
        if report.status != Publication.DRAFT:
            raise StateChanged(_("This report was already submitted by %(who)s at %(when)s.")
                               % concurrency.changed_by(report))
        report.status = Publication.SUBMITTED
        report.submitted_on = report.submitted_on or on or dt.date.today()
        _check_report(report)
        _check_content(report)
        _save(report)
        record(actor, "reporting.report.submitted", report, {"submitted_on": report.submitted_on})
        notify(Kind.REPORT, report, recipients.experts())
    return report


def withdraw_report(actor, report: NationalReport, *, revision=None) -> NationalReport:
    """Submitted -> draft again, undated: its State withdraws a submission (to correct or
    replace it) until the experts act on it; after publication only the experts change it."""
    _require(actor, "reporting.withdraw", report)
    with transaction.atomic():
        concurrency.lock(report, revision, actor=actor)
        if report.status != Publication.SUBMITTED:
            raise StateChanged(_("This report is now %(status)s (by %(who)s at %(when)s): it can "
                                 "no longer be withdrawn.")
                               % {"status": report.get_status_display(), **concurrency.changed_by(report)})
        before = report.submitted_on
        report.status, report.submitted_on = Publication.DRAFT, None
        _save(report)
        record(actor, "reporting.report.withdrawn", report, {"submitted_on": [before, None],
                                                            "status": ["submitted", "draft"]})
    return report


def publish(actor, obj, *, revision=None):
    """Experts publish any record of the domain (a report, plan, visit or peer review).
    Publishing what is already published changes nothing (two experts at once: one audit row)."""
    _require(actor, "reporting.publish", obj)
    with transaction.atomic():
        concurrency.lock(obj, revision, actor=actor)
        if obj.status == Publication.PUBLISHED:
            return obj
        if isinstance(obj, NationalReport) and obj.submitted_on is None:
            raise ValidationError({"submitted_on": _("Give the date submitted before publishing.")})
        before = obj.status
        obj.status = Publication.PUBLISHED
        obj.save(update_fields=["status", "updated_at"])
        record(actor, f"reporting.{obj._meta.model_name}.published", obj, {"status": [before, obj.status]})
    return obj


def create_records(actor, label: str, objects: list, m2m: dict | None = None) -> int:
    """Experts' bulk recording (importers, demo): objects created, one audit row per batch.

    ``m2m`` maps an object's index to the States of a peer review.
    """
    _require(actor, "reporting.record")
    if not objects:
        return 0
    with transaction.atomic():
        model = type(objects[0])
        user = _user(actor)
        for obj in objects:
            if hasattr(obj, "created_by_id") and user is not None:
                obj.created_by = user
        if m2m:
            created = [obj for obj in objects]
            for obj in created:
                obj.save()
            through = model.states.through
            through.objects.bulk_create(
                [through(peerreview_id=created[i].pk, state_id=s.pk) for i, states in m2m.items()
                 for s in states]
            )
        else:
            model.objects.bulk_create(objects, batch_size=1000)
        record(actor, f"reporting.{model._meta.model_name}.loaded", None,
               {"records": len(objects)}, label=label)
    return len(objects)


# -- National Implementation Action Plans (the plan form) ----------------------------------------
PLAN_FIELDS = ("adopted_on", "title", "summary")
ITEM_FIELDS = ("area_code", "area", "action", "agency", "target_date", "progress",
               "assistance_needed")


def _check_plan(plan: ActionPlan) -> None:
    if plan.adopted_on and plan.adopted_on > dt.date.today():
        raise ValidationError({"adopted_on": _("The date of the plan cannot be in the future.")})
    same = ActionPlan.objects.filter(state_id=plan.state_id, adopted_on=plan.adopted_on)
    if plan.pk:
        same = same.exclude(pk=plan.pk)
    if same.exists():
        raise ValidationError({"adopted_on": _("%(state)s already has a plan of this date.")
                               % {"state": plan.state}})


def _check_targets(plan: ActionPlan, items: list[dict] | None) -> None:
    """No priority action is due before the plan that sets it was adopted."""
    if not plan.adopted_on:
        return
    dates = ([item.get("target_date") for item in items] if items is not None
             else list(plan.items.values_list("target_date", flat=True)) if plan.pk else [])
    early = sorted(d for d in dates if d and d < plan.adopted_on)
    if early:
        raise ValidationError({"adopted_on": _(
            "A priority action's target date (%(day)s) is before the plan's adoption (%(adopted)s).")
            % {"day": early[0].isoformat(), "adopted": plan.adopted_on.isoformat()}})


def _save_plan(plan: ActionPlan, items: list[dict] | None) -> None:
    try:
        with transaction.atomic():
            plan.save()
            if items is not None:
                plan.items.all().delete()
                ActionPlanItem.objects.bulk_create(
                    ActionPlanItem(plan=plan, position=i, **{f: item.get(f) or _blank(f)
                                                             for f in ITEM_FIELDS})
                    for i, item in enumerate(items))
    except IntegrityError:
        raise ValidationError({"adopted_on": _("A plan of this State and date already exists.")}) from None


def _blank(name):
    if name == "target_date":
        return None
    return ActionPlanItem.Progress.PLANNED if name == "progress" else ""


def create_plan(actor, state, *, adopted_on, title, summary="", items: list[dict] = (),
                status=Publication.DRAFT) -> ActionPlan:
    """A plan with its priority actions: a point of contact drafts its own State's; experts any."""
    if status == Publication.DRAFT:
        _require(actor, "reporting.draft", state)
    else:
        _require(actor, "reporting.record")
    plan = ActionPlan(state=state, adopted_on=adopted_on, title=title, summary=summary,
                      status=status, created_by=_user(actor))
    concurrency.stamp(plan, actor)
    _check_plan(plan)
    _check_targets(plan, list(items))
    with transaction.atomic():
        _save_plan(plan, list(items))
        record(actor, "reporting.plan.created", plan,
               {"title": title, "adopted_on": adopted_on, "status": status, "items": len(items)})
    return plan


def update_plan(actor, plan: ActionPlan, *, items: list[dict] | None = None, revision=None,
                **changes) -> ActionPlan:
    """Change a plan and (given ``items``) replace its priority actions: its State's point of
    contact while a draft, an expert at any time. ``revision``: the one the user opened (the
    plan's revision covers its items: ``Conflict`` if either changed since)."""
    if plan.status == Publication.DRAFT:
        _require(actor, "reporting.draft", plan)
    else:
        _require(actor, "reporting.record")
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field(s): %(f)s") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        concurrency.lock(plan, revision, actor=actor)
        _still_editable(actor, plan)
        before = {f: getattr(plan, f) for f in changes}
        before_items = [{f: getattr(i, f) for f in ITEM_FIELDS} for i in plan.items.all()]
        for name, value in changes.items():
            setattr(plan, name, value)
        _check_plan(plan)
        _check_targets(plan, items)
        _save_plan(plan, items)
        diff = {f: [before[f], getattr(plan, f)] for f in changes if before[f] != getattr(plan, f)}
        if items is not None:
            after = [{f: item.get(f) or _blank(f) for f in ITEM_FIELDS} for item in items]
            if after != before_items:
                diff["items"] = [len(before_items), len(after)]
        record(actor, "reporting.plan.changed", plan, diff)
    return plan


def submit_plan(actor, plan: ActionPlan, *, revision=None) -> ActionPlan:
    """Draft -> submitted: from then on only the experts change it."""
    _require(actor, "reporting.submit", plan)
    with transaction.atomic():
        concurrency.lock(plan, revision, actor=actor)
        if plan.status != Publication.DRAFT:
            raise StateChanged(_("This plan was already submitted by %(who)s at %(when)s.")
                               % concurrency.changed_by(plan))
        if not plan.items.exists():
            raise ValidationError(_("Add at least one priority action before submitting the "
                                    "plan."))
        plan.status = Publication.SUBMITTED
        plan.save(update_fields=["status", "updated_at"])
        record(actor, "reporting.plan.submitted", plan, {"status": [Publication.DRAFT, plan.status]})
        notify(Kind.REPORT, plan, recipients.experts())
    return plan
