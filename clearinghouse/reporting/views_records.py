"""Pages of the records: reports (list, page, document, form, submit, publish), plans, visits,
peer reviews. Thin: every query goes through ``queries`` (visible_to), every write through ``actions``.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.permissions import can, require, role_of
from clearinghouse.core import params
from clearinghouse.core.concurrency import Conflict, StateChanged
from clearinghouse.core.concurrency.forms import add_revision, conflict_page, opened
from clearinghouse.core.exports import Table, export_response
from clearinghouse.registry.models import State
from clearinghouse.registry.queries import by_name

from . import actions, queries
from .forms import ReportForm
from .models import ActionPlan, CountryVisit, NationalReport, PeerReview, Publication

PAGE_SIZE = 100
MODELS = {"reports": NationalReport, "plans": ActionPlan, "visits": CountryVisit,
          "peer-reviews": PeerReview}


def _get(model, user, pk):
    try:
        return model.objects.visible_to(user).get(pk=pk)
    except model.DoesNotExist:
        raise Http404(_("No such record, or not one you may see.")) from None


def report_list(request):
    require(request.user, "reporting.view")
    filters, problems = queries.report_filters(request.GET)
    rows = queries.reports(request.user, filters)
    fmt = params.export_format(request.GET)
    if fmt and not problems:
        return export_response(queries.report_table(rows), fmt)
    page = Paginator(rows, PAGE_SIZE).get_page(params.page(request.GET))
    return render(request, "reporting/report_list.html", {
        "page": page, "filters": filters, "problems": problems,
        "states": by_name(State.objects.only("iso3", "short_name").prefetch_related("names")),
        "kinds": NationalReport.Kind.choices, "statuses": Publication.choices,
        "can_record": can(request.user, "reporting.record"),
        "own_state": request.user.state if can(request.user, "reporting.draft", None)
        and getattr(request.user, "state_id", None) else None,
    }, status=400 if problems else 200)


def report_detail(request, pk):
    require(request.user, "reporting.view")
    report = _get(NationalReport, request.user, pk)
    return render(request, "reporting/report_detail.html", {
        "report": report,
        "can_edit": can(request.user, "reporting.draft", report) or can(request.user, "reporting.record"),
        "can_submit": can(request.user, "reporting.submit", report),
        "can_withdraw": can(request.user, "reporting.withdraw", report),
        "can_publish": can(request.user, "reporting.publish") and report.status != Publication.PUBLISHED,
    })


def report_document(request, pk):
    require(request.user, "reporting.view")
    return _download(_get(NationalReport, request.user, pk).document)


def peer_review_document(request, pk):
    require(request.user, "reporting.view")
    return _download(_get(PeerReview, request.user, pk).report)


def _download(stored):
    """A stored document of a record the user may see (the media folder itself is not served)."""
    if not stored:
        raise Http404(_("This record has no document."))
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404(_("The document file is missing.")) from None
    name = Path(stored.name).name
    return FileResponse(handle, as_attachment=True, filename=name,
                        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")


def report_new(request):
    state = None
    if role_of(request.user) != "expert":
        state = getattr(request.user, "state", None)
    require(request.user, "reporting.draft", state)
    expert = can(request.user, "reporting.record")
    chosen = params.text(request.GET, "state")[:3].upper()
    has_first = NationalReport.objects.filter(
        kind=NationalReport.Kind.FIRST, state__iso3=(state.iso3 if state else chosen)).exists()
    form = ReportForm(request.POST or None, request.FILES or None, expert=expert,
                      state=None if expert else state,
                      initial={"state": chosen, "kind": NationalReport.Kind.ADDITIONAL if has_first
                               else NationalReport.Kind.FIRST})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = actions.create_report(
                request.user, data.get("state") or state, kind=data["kind"],
                submitted_on=data["submitted_on"], title=data["title"], language=data["language"],
                text=data["text"], status=data["status"], document=_upload(data.get("document")))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Report saved."))
            return redirect(report)
    return render(request, "reporting/report_form.html", {"form": form, "state": state},
                  status=400 if request.method == "POST" else 200)


def report_edit(request, pk):
    report = _get(NationalReport, request.user, pk)
    if not (can(request.user, "reporting.draft", report) or can(request.user, "reporting.record")):
        raise PermissionDenied("reporting.draft")
    expert = can(request.user, "reporting.record")
    form = ReportForm(request.POST or None, request.FILES or None, expert=expert, state=report.state,
                      initial=_report_initial(report), stored_document=bool(report.document))
    add_revision(form, report)  # the revision opened: no silent lost update
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {f: data[f] for f in ("kind", "submitted_on", "title", "language")}
        # An empty text box keeps the text extracted from the stored document.
        if data["text"] or not (data.get("document") or report.document):
            changes["text"] = data["text"]
        try:
            actions.update_report(request.user, report, document=_upload(data.get("document")),
                                  revision=opened(form), **changes)
            if expert and data["status"] == Publication.PUBLISHED:
                actions.publish(request.user, report)
        except Conflict as exc:
            return conflict_page(request, "reporting/report_form.html",
                                 {"report": report, "state": report.state}, form=form,
                                 conflict=exc, stored_initial=_report_initial(exc.stored),
                                 discard_url=reverse("reporting:report-edit", args=[report.pk]))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Report saved."))
            return redirect(report)
    return render(request, "reporting/report_form.html", {"form": form, "report": report,
                                                           "state": report.state},
                  status=400 if request.method == "POST" else 200)


def _report_initial(report) -> dict:
    return {f: getattr(report, f) for f in ("kind", "submitted_on", "title", "language", "text",
                                            "status")}


@require_POST
def report_submit(request, pk):
    report = _get(NationalReport, request.user, pk)
    try:
        actions.submit_report(request.user, report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Report submitted to the Committee."))
    return redirect(report)


@require_POST
def report_withdraw(request, pk):
    report = _get(NationalReport, request.user, pk)
    require(request.user, "reporting.withdraw", report)
    try:
        actions.withdraw_report(request.user, report)
    except StateChanged as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Submission withdrawn: the report is a draft again, to correct "
                                    "or replace, and submit again."))
    return redirect(report)


@require_POST
def publish(request, kind, pk):
    model = MODELS.get(kind)
    if model is None:
        raise Http404(kind)
    obj = _get(model, request.user, pk)
    try:
        actions.publish(request.user, obj)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Published."))
    return redirect(obj)


def _upload(upload):
    return (upload.name, upload.read()) if upload else None


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# -- plans, visits, peer reviews ----------------------------------------------------------------
def plan_list(request):
    require(request.user, "reporting.view")
    plans = queries.plans(request.user)
    if fmt := params.export_format(request.GET):
        return export_response(Table(_("National implementation action plans"),
                                     ["state", "name", "date", "title", "items", "status"],
                                     [[p.state.iso3, p.state.short_name, p.adopted_on, p.title,
                                       p.item_count, p.status] for p in plans], "action-plans"), fmt)
    own = None if can(request.user, "reporting.record") else getattr(request.user, "state", None)
    return render(request, "reporting/plan_list.html", {
        "plans": plans, "can_record": can(request.user, "reporting.record"),
        "can_draft": can(request.user, "reporting.draft", own)})


def plan_detail(request, pk):
    require(request.user, "reporting.view")
    try:
        plan = queries.plan_detail(request.user, pk)
    except ActionPlan.DoesNotExist:
        raise Http404(_("No such record, or not one you may see.")) from None
    if fmt := params.export_format(request.GET):
        return export_response(Table(
            f"{plan.state.iso3} {plan.adopted_on}", ["area_code", "area", "action", "agency",
                                                    "target_date", "status", "assistance_needed"],
            [[i.area_code, i.area, i.action, i.agency, i.target_date, i.progress, i.assistance_needed]
             for i in plan.items.all()], f"action-plan-{plan.state.iso3}-{plan.adopted_on}"), fmt)
    return render(request, "reporting/plan_detail.html", {
        "plan": plan, "can_publish": can(request.user, "reporting.publish"),
        "can_edit": can(request.user, "reporting.draft", plan) or can(request.user, "reporting.record"),
        "can_submit": can(request.user, "reporting.submit", plan)})


def visit_list(request):
    require(request.user, "reporting.view")
    visits = queries.visits(request.user)
    if fmt := params.export_format(request.GET):
        return export_response(Table(_("Country visits"), ["state", "name", "start", "end", "delegation",
                                                           "objectives", "outcome", "status"],
                                     [[v.state.iso3, v.state.short_name, v.start, v.end, v.delegation,
                                       v.objectives, v.outcome, v.status] for v in visits],
                                     "country-visits"), fmt)
    return render(request, "reporting/visit_list.html", {"visits": visits})


def visit_detail(request, pk):
    require(request.user, "reporting.view")
    visit = _get(CountryVisit, request.user, pk)
    return render(request, "reporting/visit_detail.html", {
        "visit": visit, "can_publish": can(request.user, "reporting.publish")})


def peer_review_list(request):
    require(request.user, "reporting.view")
    reviews = queries.peer_reviews(request.user)
    if fmt := params.export_format(request.GET):
        return export_response(Table(_("Peer reviews"), ["states", "title", "start", "end", "status"],
                                     [[" ".join(s.iso3 for s in r.states.all()), r.title, r.start,
                                       r.end, r.status] for r in reviews], "peer-reviews"), fmt)
    return render(request, "reporting/peer_review_list.html", {"reviews": reviews})


def peer_review_detail(request, pk):
    require(request.user, "reporting.view")
    review = _get(PeerReview, request.user, pk)
    return render(request, "reporting/peer_review_detail.html", {
        "review": review, "can_publish": can(request.user, "reporting.publish")})
