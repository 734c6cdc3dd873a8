"""Pages of the assistance clearinghouse (reads). Writes are in ``views_actions``."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import can, require
from clearinghouse.core import documents, params
from clearinghouse.core.exports import FORMATS, Table, export_response
from clearinghouse.core.models import ILLUSTRATIVE_NOTICE, illustrative_loaded
from clearinghouse.registry.models import State

from . import briefing as doc
from . import feedback, queries, tagging
from . import workflow as wf
from .models import Consent, Exclusion, Match, MatchStatus, Outcome, Pin, coverage_of


def public(request):
    """Published request summaries and active offers."""
    require(request.user, "assistance.view")
    today = timezone.localdate()
    published = queries.requests_for(request.user).published(today).order_by("-received")
    offers = queries.offers_for(request.user).current(today)
    fmt = params.export_format(request.GET)
    if fmt:
        labels = {"reference": _("Reference"), "requester": _("Requester"),
                  "received": _("Received"), "summary": _("Summary"), "status": _("Status")}
        table = Table(_("Published assistance requests"), list(labels),
                      [(r.engine_id, r.requester_name, r.received, r.public_summary(),
                        r.get_status_display()) for r in published],
                      "published-assistance-requests", labels)
        return export_response(table, fmt, keys=params.export_keys(request.GET))
    return render(request, "assistance/public.html",
                  {"published": published, "offers": offers, "formats": FORMATS,
                   "can_board": can(request.user, "assistance.board")})


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def request_detail(request, pk):
    user = request.user
    req = get_object_or_404(queries.requests_for(user), pk=_pk(pk))
    full = can(user, "assistance.request.full", req)
    context = {"req": req, "full": full, "today": timezone.localdate(),
               "is_public": req.is_public(timezone.localdate())}
    if full:
        # Embedded records follow their own rules: the history (staff and the requesting
        # State), the linked action-plan items (as their plan), the matches.
        context["events"] = req.events.visible_to(user)
        context["plan_items"] = req.plan_items.visible_to(user)
        context["matches"] = feedback.attach(req.matches.visible_to(user).select_related(
            "request", "offer__provider_state", "offer__provider_organisation",
            "proposed_by", "need"), user)
        context["outcomes"] = Outcome.choices
        context["tags"] = [(kind, req.tags.get(kind, [])) for kind in tagging.KINDS]
        context["needs"] = needs = list(req.needs.visible_to(user).order_by("number"))
        context["coverage"] = coverage_of(needs, context["matches"])
        context["need_rows"] = [
            {"need": n, "matches": [m for m in context["matches"] if m.need_id == n.pk],
             "pin": None, "exclusions": [], "candidates": None} for n in needs]
        context["unconfirmed"] = tagging.unconfirmed(req)
        context["circulated_to"] = [*req.circulated_to_states.all(),
                                    *req.circulated_to_organisations.all()]
    if can(user, "assistance.candidates"):
        from .matching import run_for

        run = run_for(req)
        context["need_rows"] = need_rows(req, run, context.get("needs", []),
                                         context.get("matches", []))
        context["candidates"] = run.candidates_of_needs(req)
        context["warning"] = run.warning
        context["moves"] = [(s, dict(wf.STATUS_CHOICES)[s]) for s in wf.NEXT[req.status]
                            if s != wf.CIRCULATED]
        context["can_circulate"] = wf.can_move(req.status, wf.CIRCULATED) or bool(
            req.circulated_on and req.status not in wf.TERMINAL)
        context["circulation_choices"] = circulation_choices(
            [offer.provider for offer, _c in context["candidates"]], req)
    context["can_manage"] = can(user, "assistance.manage")
    context["can_consent"] = can(user, "assistance.consent", req) and not (
        context["is_public"] and req.consent != Consent.NO_ANSWER)
    return render(request, "assistance/request_detail.html", context)


def need_rows(req, run, needs, matches) -> list[dict]:
    """Per need (experts and Committee members): its ranked candidates (each with whether it
    is already proposed for that need), its pin, its exclusions and its matches."""
    pins = {p.need_id: p for p in Pin.objects.filter(request=req).select_related("offer")}
    excluded: dict[int, list] = {}
    for x in Exclusion.objects.filter(request=req).select_related("offer"):
        excluded.setdefault(x.need_id, []).append(x)
    rows = []
    for need in needs:
        own = [m for m in matches if m.need_id == need.pk]
        proposed = {m.offer_id for m in own}
        rows.append({
            "need": need, "matches": own, "pin": pins.get(need.pk),
            "exclusions": excluded.get(need.pk, []),
            "candidates": [(offer, cand, offer.pk in proposed)
                           for offer, cand in run.candidates(req, need)]})
    return rows


def provider_value(provider) -> str:
    """"state:KAZ" / "organisation:OSCE": a provider in the circulation form."""
    if isinstance(provider, State):
        return f"state:{provider.iso3}"
    return f"organisation:{provider.code}"


def circulation_choices(providers, req) -> list[tuple[str, str]]:
    """(value, name) of the providers the request may still be circulated to, each once."""
    sent = {*(provider_value(s) for s in req.circulated_to_states.all()),
            *(provider_value(o) for o in req.circulated_to_organisations.all())}
    seen, out = set(sent), []
    for provider in providers:
        value = provider_value(provider)
        if value not in seen:
            seen.add(value)
            out.append((value, provider.name_in()))
    return out


def offer_detail(request, pk):
    offer = get_object_or_404(queries.offers_for(request.user), pk=_pk(pk))
    return render(request, "assistance/offer_detail.html", {
        "offer": offer, "can_manage": can(request.user, "assistance.offer.manage", offer),
        "due": offer.due_for_reconfirmation(),
        "tags": [(kind, offer.tags.get(kind, [])) for kind in tagging.KINDS]})


def board(request):
    """The experts' clearinghouse board."""
    require(request.user, "assistance.board")
    from .matching import run_open

    today = timezone.localdate()
    reqs = queries.requests_for(request.user).prefetch_related("needs", "matches")
    due, overdue = queries.follow_ups(reqs, today)
    run = run_open()
    # a request with a need that has no candidate (once, whichever of its needs)
    no_candidate = list({id(r): r for r in (run.request_of(key) for key in
                                            run.result.without_candidates())}.values())
    fmt = params.export_format(request.GET)
    if fmt:
        labels = {"reference": _("Reference"), "requester": _("Requester"),
                  "received": _("Received"), "title": _("Title"), "status": _("Status"),
                  "follow_up_due": _("Follow-up due")}
        table = Table(_("Requests by status"), list(labels),
                      [(r.engine_id, r.requester_name, r.received, r.title,
                        r.get_status_display(), r.follow_up_due) for r in reqs],
                      "assistance-requests-by-status", labels)
        return export_response(table, fmt, keys=params.export_keys(request.GET))
    return render(request, "assistance/board.html", {
        "groups": queries.by_status(reqs), "due": due, "overdue": overdue,
        "to_reconfirm": queries.offers_for(request.user).due_for_reconfirmation(today)
        .order_by("confirmed_at", "created_at", "pk"),
        "no_candidate": no_candidate,
        "load": queries.provider_load(queries.offers_for(request.user)),
        "today": today, "formats": FORMATS})


def my_matches(request):
    """A provider's point of contact: the matches proposed to its offers (not those of its
    organisation's own requests, which it reads on the request's page)."""
    require(request.user, "assistance.my_matches")
    matches = Match.objects.visible_to(request.user).select_related(
        "request__state", "request__organisation", "offer__provider_state",
        "offer__provider_organisation")
    offers = queries.offers_for(request.user)
    if request.user.organisation_id:
        offers = offers.filter(provider_organisation_id=request.user.organisation_id)
    elif request.user.state_id:
        offers = offers.filter(provider_state_id=request.user.state_id)
    if not can(request.user, "assistance.manage"):
        matches = matches.filter(offer__in=offers)
    return render(request, "assistance/my_matches.html", {
        "proposed": [m for m in matches if m.status == MatchStatus.PROPOSED],
        "others": [m for m in matches if m.status != MatchStatus.PROPOSED],
        "offers": offers})


def statistics(request):
    require(request.user, "assistance.view")
    requests = queries.requests_for(request.user)
    data = queries.statistics(requests)
    data["feedback"] = feedback.counts(requests)
    requests_label = {"requests": _("Requests")}
    outcomes = dict(zip(Outcome.values, data["feedback"]["columns"][1:-1], strict=True))
    tables = {
        "year": Table(_("Requests by year"), ["year", "requests"], data["by_year"],
                      "assistance-requests-by-year", {"year": _("Year"), **requests_label}),
        "area": Table(_("Requests by area"), ["area", "requests"], data["by_area"],
                      "assistance-requests-by-area", {"area": _("Area"), **requests_label}),
        "region": Table(_("Requests by region"), ["region", "requests"], data["by_region"],
                        "assistance-requests-by-region", {"region": _("Region"), **requests_label}),
        "feedback": Table(_("Feedback after completed matches"),
                          ["party", *outcomes, "total"], data["feedback"]["rows"],
                          "assistance-feedback",
                          {"party": _("Party"), **outcomes, "total": _("Total")}),
    }
    if fmt := params.export_format(request.GET):
        which = params.choice(request.GET, "table", tables)
        if which is None:
            raise params.BadParameter("table",
                                      _("Choose table=year, area, region or feedback."))
        return export_response(tables[which], fmt, keys=params.export_keys(request.GET))
    return render(request, "assistance/statistics.html", {
        "data": data, "formats": FORMATS,
        "charts": [("year", tables["year"].title, queries.bars(data["by_year"])),
                   ("area", tables["area"].title, queries.bars(data["by_area"])),
                   ("region", tables["region"].title, queries.bars(data["by_region"]))],
        "can_brief": can(request.user, "assistance.briefing"),
        "briefing_start": (timezone.localdate().replace(day=1)).strftime("%Y-%m")})


def briefing(request):
    """?start=YYYY-MM&format=pdf|docx|html: the two months starting with that month."""
    require(request.user, "assistance.briefing")
    raw = params.text(request.GET, "start", max_length=7) or timezone.localdate().strftime("%Y-%m")
    try:
        first = params.parse_date("start", f"{raw}-01")
    except params.BadParameter:
        raise params.BadParameter("start", _('"start" must be a month written YYYY-MM.')) from None
    fmt = params.choice(request.GET, "format", ("pdf", "docx", "html"), default="pdf")
    start, end = doc.period(first)

    def build():
        data = queries.briefing(request.user, start, end)
        notice = str(ILLUSTRATIVE_NOTICE) if illustrative_loaded() else ""
        name = f"matchmaking-briefing-{start:%Y-%m}"
        if fmt == "html":
            return HttpResponse(doc.render_html(data, notice))
        if fmt == "pdf":
            response = HttpResponse(doc.render_pdf(data, notice), content_type="application/pdf")
        else:
            response = HttpResponse(
                doc.render_docx(data, notice),
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response

    return documents.cached(request, "briefing", (start.isoformat(), fmt), build)
