"""The review of a draft by its State: the experts send it (a button on the matrix page); the
State's points of contact read the version under review here and answer (confirm or comment).
Seen by staff and that State's points of contact only (``Review.objects.visible_to``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import can, require

from . import actions, queries, tables
from .models import Review
from .views import _state


def _version_with_reviews(request, iso3, number):
    state = _state(iso3)
    reviews = list(Review.objects.visible_to(request.user)
                   .filter(version__matrix__state=state, version__number=number)
                   .select_related("version__matrix__state", "version__template", "sent_by",
                                   "answered_by").order_by("-sent_on", "-pk"))
    if not reviews:
        raise Http404(_("No version of this matrix was sent to you for review under this "
                        "number."))
    return state, reviews


def review(request, iso3, number):
    """GET: the version under review, the rounds and, for the State, the answer form."""
    require(request.user, "matrix.view")
    state, reviews = _version_with_reviews(request, iso3, number)
    latest = reviews[0]
    version = latest.version
    lay = queries.layout_for(version)
    cells = queries.version_cells(version)
    return render(request, "matrix/review.html", {
        "state": state, "version": version, "reviews": reviews, "latest": latest,
        "layout": lay, "sections": queries.matrix_tables(lay, cells),
        "counts": queries.section_counts(lay, version.measures), "caveat": tables.CAVEAT,
        "changed_since": version.revision != latest.revision_sent,
        "can_answer": latest.is_open and can(request.user, "matrix.review.answer", latest),
        "answers": [(a.value, a.label) for a in Review.Answer if a.value],
    })


def answer(request, iso3, number):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    state, reviews = _version_with_reviews(request, iso3, number)
    require(request.user, "matrix.review.answer", reviews[0])
    try:
        actions.answer_review(request.user, reviews[0], request.POST.get("answer", ""),
                              request.POST.get("comments", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your State's answer is recorded; the experts were told."))
    return redirect("matrix:review", iso3=state.iso3, number=number)


def send(request, iso3, number):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request.user, "matrix.review.send")
    state = _state(iso3)
    version = next((v for v in queries.state_versions(request.user, state)
                    if v.number == number), None)
    if version is None:
        raise Http404(_("No such version of this matrix is available to you."))
    try:
        sent = actions.send_for_review(request.user, version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"/matrix/{state.iso3}/?version={number}")
    if sent.deadline:
        messages.success(request, _("Version %(n)s was sent to the State for review; an answer "
                                    "is requested by %(date)s.")
                         % {"n": number, "date": sent.deadline.isoformat()})
    else:
        messages.success(request, _("Version %(n)s was sent to the State for review.")
                         % {"n": number})
    return redirect("matrix:review", iso3=state.iso3, number=number)
