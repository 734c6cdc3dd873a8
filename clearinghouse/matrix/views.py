"""Pages of a State's matrix: the Committee's layout, version switching, differences, PDF,
and the workflow buttons (new version, cell, approve, publish). Thin: queries and actions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import can, require
from clearinghouse.core import documents, params
from clearinghouse.core.concurrency import Conflict
from clearinghouse.core.concurrency.forms import conflict_page
from clearinghouse.core.exports import export_response
from clearinghouse.core.models import ILLUSTRATIVE_NOTICE, illustrative_loaded
from clearinghouse.registry.models import State

from . import actions, diff, queries, tables
from .forms import CellForm
from .models import Dimension, Procedure, Review, Value


def _state(iso3: str) -> State:
    try:
        return State.objects.visible_to(None).get(iso3=iso3.upper())
    except State.DoesNotExist:
        raise Http404(_("No UN Member or observer State has the code %(code)s.") % {"code": iso3}) from None


def _number(request, name: str) -> int | None:
    """A version number from the query string (``?version=``, ``?from=``, ``?to=``)."""
    return params.integer(request.GET, name, minimum=1)


def _version_or_404(versions, number):
    version = queries.pick_version(versions, number)
    if version is None:
        raise Http404(_("No such version of this matrix is available to you."))
    return version


def state_matrix(request, iso3):
    require(request.user, "matrix.view")
    number, fmt = _number(request, "version"), params.export_format(request.GET)
    state = _state(iso3)
    versions = queries.state_versions(request.user, state)
    context = {"state": state, "versions": versions, "caveat": tables.CAVEAT,
               "can_draft": can(request.user, "matrix.draft"),
               "can_approve": can(request.user, "matrix.approve"),
               "procedures": Procedure.choices, "today": dt.date.today(),
               "can_publish": can(request.user, "matrix.publish")}
    if not versions:
        if number or fmt:
            raise Http404(_("No such version of this matrix is available to you."))
        return render(request, "matrix/state.html", context)
    version = _version_or_404(versions, number)
    lay = queries.layout_for(version)
    cells = queries.version_cells(version)
    if fmt:
        return export_response(tables.version_table(state, version, lay, cells), fmt)
    previous = next((v for v in reversed(versions) if v.number < version.number), None)
    context.update({
        "version": version, "previous": previous, "layout": lay,
        "sections": queries.matrix_tables(lay, cells),
        "counts": queries.section_counts(lay, version.measures),
        "has_draft": any(v.is_draft for v in versions),
        "review": Review.objects.visible_to(request.user).filter(version=version)
        .order_by("-sent_on", "-pk").first(),
        "can_send_review": can(request.user, "matrix.review.send"),
        "values": [v for v in Value if v.value], "dimensions": Dimension,
    })
    return render(request, "matrix/state.html", context)


def state_diff(request, iso3):
    require(request.user, "matrix.view")
    to_number, from_number = _number(request, "to"), _number(request, "from")
    fmt = params.export_format(request.GET)
    state = _state(iso3)
    versions = queries.state_versions(request.user, state)
    if len(versions) < 1:
        raise Http404(_("No version of this matrix is available to you."))
    new = _version_or_404(versions, to_number)
    default_old = next((v.number for v in reversed(versions) if v.number < new.number), new.number)
    old = _version_or_404(versions, from_number or default_old)
    lay = queries.layout_for(new)
    old_lay = queries.layout_for(old)

    def by_code(version, layout):
        return {(layout.by_id[f].code, d): cell for (f, d), cell in queries.version_cells(version).items()}

    order = {code: i for i, code in enumerate(lay.by_code)}
    changes = diff.diff(by_code(old, old_lay), by_code(new, lay), order)
    if fmt:
        return export_response(tables.diff_table(state, old, new, changes, lay), fmt,
                               keys=params.export_keys(request.GET))
    rows = [(c, lay.by_code.get(c.code) or old_lay.by_code.get(c.code)) for c in changes]
    return render(request, "matrix/diff.html", {
        "state": state, "versions": versions, "old": old, "new": new, "rows": rows,
        "summary": diff.summary(changes),
        "measures_before": old.measures_total, "measures_after": new.measures_total,
    })


def state_pdf(request, iso3):
    require(request.user, "matrix.view")
    number = _number(request, "version")
    state = _state(iso3)
    versions = queries.state_versions(request.user, state)
    version = _version_or_404(versions, number)

    def build():
        lay = queries.layout_for(version)
        cells = queries.version_cells(version)
        from .pdf import render_pdf

        pdf = render_pdf({
            "state": state, "version": version, "sections": queries.matrix_tables(lay, cells),
            "counts": queries.section_counts(lay, version.measures), "caveat": tables.CAVEAT,
            "notice": ILLUSTRATIVE_NOTICE if illustrative_loaded() else "",
        })
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="matrix-{state.iso3}-v{version.number}.pdf"')
        return response

    return documents.cached(request, "matrix", (state.iso3, version.pk), build)


# -- workflow (POST only) -----------------------------------------------------------------------


def _post_version(request, iso3, number):
    if request.method != "POST":
        return None, None, HttpResponseNotAllowed(["POST"])
    state = _state(iso3)
    versions = queries.state_versions(request.user, state)
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404(_("No such version of this matrix is available to you."))
    return state, version, None


def _back(state, number=None):
    url = f"/matrix/{state.iso3}/"
    return redirect(f"{url}?version={number}" if number else url)


def _parse_date(text: str, label: str):
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_('%(label)s: "%(value)s" is not a date (YYYY-MM-DD).')
                              % {"label": label, "value": text}) from None


def start_version(request, iso3):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request.user, "matrix.draft")
    state = _state(iso3)
    try:
        report_date = _parse_date(request.POST.get("report_date"), _("Date of report"))
        version = actions.start_version(request.user, state, report_date=report_date)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(state)
    messages.success(request, _("Draft version %(n)s started from the latest version.") % {"n": version.number})
    return _back(state, version.number)


def set_cell(request, iso3, number):
    require(request.user, "matrix.draft")
    state, version, refused = _post_version(request, iso3, number)
    if refused:
        return refused
    post = request.POST
    if not post.get("revision", "").strip():
        messages.error(request, _("This form does not say which revision of the draft it showed "
                                  "(an old page?): open the matrix again."))
        return _back(state, version.number)
    try:
        actions.set_cell(request.user, version, post.get("field", "").strip(), post.get("dimension", ""),
                         post.get("value", ""), post.get("source", "").strip(), post.get("remarks", "").strip(),
                         opened=post.get("revision"))
    except Conflict as exc:  # the cell changed after the page was opened: both versions, input kept
        form = CellForm(post)
        form.is_valid()
        return conflict_page(request, "matrix/cell_conflict.html",
                             {"state": state, "version": version, "cell": exc.stored},
                             form=form, conflict=exc,
                             stored_initial=CellForm.initial_for(exc.stored),
                             discard_url=f"/matrix/{state.iso3}/?version={version.number}")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Cell %(code)s recorded.") % {"code": post.get("field", "")})
    return _back(state, version.number)


def approve(request, iso3, number):
    require(request.user, "matrix.approve")
    state, version, refused = _post_version(request, iso3, number)
    if refused:
        return refused
    try:
        approved_on = _parse_date(request.POST.get("approved_on"), _("Date of the Committee's decision"))
        actions.approve(request.user, version, approved_on,
                        procedure=request.POST.get("decision_procedure", ""),
                        reference=request.POST.get("decision_reference", ""),
                        opened=request.POST.get("revision"))
    except Conflict as exc:
        messages.error(request, _("The draft changed after you opened it (by %(who)s): nothing was "
                                  "approved. Review it again before approving.") % {"who": exc.who})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The Committee's approval of version %(n)s is recorded: the "
                                    "version can no longer change.") % {"n": number})
    return _back(state, number)


def publish(request, iso3, number):
    require(request.user, "matrix.publish")
    state, version, refused = _post_version(request, iso3, number)
    if refused:
        return refused
    try:
        actions.publish(request.user, version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Version %(n)s published.") % {"n": number})
    return _back(state, number)
