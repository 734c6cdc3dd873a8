"""The National Implementation Action Plan form: a State's point of contact drafts, edits and
submits its own State's plan (the State comes from the account, never from the form); experts
record and edit any State's plan. Thin: every write goes through ``actions``. The edit form
carries the plan's revision (its items included): if the plan changed after it was opened,
the conflict page shows both versions and keeps the input.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.permissions import can, require, role_of
from clearinghouse.core import params
from clearinghouse.core.concurrency import Conflict
from clearinghouse.core.concurrency.forms import Row, add_revision, conflict_page, opened

from . import actions
from .forms import PlanForm, PlanItemForm, PlanItemFormSet
from .models import ActionPlan, Publication
from .views_records import _add_errors, _get

PREFIX = "items"


def _formset(request, initial=None):
    """The items formset; "Add a priority action" (add_item) returns it with one more row."""
    if request.method != "POST":
        return PlanItemFormSet(prefix=PREFIX, initial=initial)
    data = request.POST
    if "add_item" in data:
        data = data.copy()
        try:
            total = int(data.get(f"{PREFIX}-TOTAL_FORMS", 0))
        except ValueError:
            total = 0
        data[f"{PREFIX}-TOTAL_FORMS"] = str(min(total + 1, 200))
    return PlanItemFormSet(data, prefix=PREFIX, initial=initial)


def _render(request, form, formset, plan=None, state=None, status=200):
    return render(request, "reporting/plan_form.html", {
        "form": form, "formset": formset, "plan": plan, "state": state,
    }, status=status)


def plan_new(request):
    state = None if role_of(request.user) == "expert" else getattr(request.user, "state", None)
    require(request.user, "reporting.draft", state)
    expert = can(request.user, "reporting.record")
    form = PlanForm(request.POST or None, expert=expert, choose_state=expert,
                    initial={"state": params.text(request.GET, "state")[:3].upper()})
    formset = _formset(request)
    if request.method == "POST" and "add_item" not in request.POST:
        if form.is_valid() & formset.is_valid() and formset.check_targets(form.cleaned_data["adopted_on"]):
            data = form.cleaned_data
            status = data["status"]
            try:
                plan = actions.create_plan(
                    request.user, data.get("state") or state, adopted_on=data["adopted_on"],
                    title=data["title"], summary=data["summary"], items=formset.items(),
                    status=Publication.SUBMITTED if status == Publication.PUBLISHED else status)
                if status == Publication.PUBLISHED:
                    actions.publish(request.user, plan)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Action plan saved."))
                return redirect(plan)
        return _render(request, form, formset, state=state, status=400)
    return _render(request, form, formset, state=state)


def _editable(request, pk) -> ActionPlan:
    plan = _get(ActionPlan, request.user, pk)
    if not (can(request.user, "reporting.draft", plan) or can(request.user, "reporting.record")):
        raise PermissionDenied("reporting.draft")
    return plan


def _plan_initial(plan) -> dict:
    return {"title": plan.title, "adopted_on": plan.adopted_on, "summary": plan.summary}


def _item_lines(items) -> str:
    """Priority actions, one line each, for the conflict page."""
    return "\n".join(" · ".join(str(v) for v in (i["area"], i["action"], i["agency"],
                                                  i["target_date"] or "", i["progress"]) if v)
                     for i in items)


def plan_edit(request, pk):
    plan = _editable(request, pk)
    form = PlanForm(request.POST or None, expert=False, choose_state=False,
                    initial=_plan_initial(plan))
    add_revision(form, plan)  # the plan's revision covers its items
    formset = _formset(request, [PlanItemForm.initial_for(i) for i in plan.items.all()])
    if request.method == "POST" and "add_item" not in request.POST:
        if form.is_valid() & formset.is_valid() and formset.check_targets(form.cleaned_data["adopted_on"]):
            data = form.cleaned_data
            try:
                actions.update_plan(request.user, plan, items=formset.items(),
                                    revision=opened(form),
                                    **{f: data[f] for f in actions.PLAN_FIELDS})
            except Conflict as exc:
                stored_items = [{f: getattr(i, f) for f in actions.ITEM_FIELDS}
                                for i in exc.stored.items.all()]
                return conflict_page(
                    request, "reporting/plan_form.html",
                    {"formset": formset, "plan": plan, "state": plan.state}, form=form,
                    conflict=exc, stored_initial=_plan_initial(exc.stored),
                    extra_rows=[Row(_("Priority actions"), _item_lines(formset.items()),
                                    _item_lines(stored_items))],
                    discard_url=reverse("reporting:plan-edit", args=[plan.pk]))
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Action plan saved."))
                return redirect(plan)
        return _render(request, form, formset, plan, plan.state, status=400)
    return _render(request, form, formset, plan, plan.state)


@require_POST
def plan_submit(request, pk):
    plan = _get(ActionPlan, request.user, pk)
    try:
        actions.submit_plan(request.user, plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Action plan submitted to the Committee."))
    return redirect(plan)
