"""Event pages. Thin: parse the request, call queries or actions, render."""

from __future__ import annotations

import calendar
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.permissions import can, require
from clearinghouse.core import documents, params
from clearinghouse.core.exports import Table, export_response
from clearinghouse.outreach import actions, notes_service, queries
from clearinghouse.outreach import topics as taxonomy
from clearinghouse.outreach.convert import event_to_note, visible_related
from clearinghouse.outreach.models import Event, EventDocument
from clearinghouse.outreach.notes import labels as note_labels
from clearinghouse.outreach.notes import render as note_render
from clearinghouse.outreach.views_names import review_items
from clearinghouse.registry.models import Organisation, State
from clearinghouse.registry.names import sort_key
from clearinghouse.registry.queries import by_name
from clearinghouse.registry.regions import region_name

PAGE_SIZE = 100
# The events export's machine keys (JSON, ?keys=1) and the headers people read.
EXPORT_LABELS = {
    "id": gettext_lazy("Number"), "title": gettext_lazy("Title"), "kind": gettext_lazy("Kind"),
    "status": gettext_lazy("Status"), "start": gettext_lazy("Start"), "end": gettext_lazy("End"),
    "city": gettext_lazy("City"), "venue_state": gettext_lazy("State of the venue"),
    "series": gettext_lazy("Series"), "committee_members": gettext_lazy("Committee members"),
    "committee_experts": gettext_lazy("Committee experts"), "topics": gettext_lazy("Topics"),
}
EXPORT_COLUMNS = list(EXPORT_LABELS)


def _visible_event(request, pk: int) -> Event:
    require(request.user, "outreach.view")
    try:
        return notes_service.event_for_note(pk, Event.objects.visible_to(request.user))
    except LookupError:
        raise Http404(_("No event number %(pk)s.") % {"pk": pk}) from None


def event_list(request):
    require(request.user, "outreach.view")
    filters = queries.event_filters(request.GET)
    qs = queries.events(request.user, filters)
    if fmt := params.export_format(request.GET):
        rows = [
            [e.pk, e.title, e.kind, e.status, e.start, e.end, e.venue_city,
             e.venue_state.iso3 if e.venue_state_id else "", e.series.name if e.series_id else "",
             e.committee_members, e.committee_experts, " ".join(e.topics or [])]
            for e in qs
        ]
        return export_response(Table(_("Events"), EXPORT_COLUMNS, rows, "events", EXPORT_LABELS),
                               fmt, keys=params.export_keys(request.GET))
    page = Paginator(qs, PAGE_SIZE).get_page(params.page(request.GET))
    regions = sorted(State.objects.visible_to(request.user).order_by().values_list(
        "region", flat=True).distinct(), key=lambda r: sort_key(region_name(r, get_language())))
    return render(request, "outreach/event_list.html", {
        "page": page,
        "filters": filters,
        "years": queries.years(request.user),
        "kinds": Event.Kind.choices,
        "statuses": Event.Status.choices if can(request.user, "outreach.confirm") else [],
        "regions": regions,
        "states": by_name(State.objects.visible_to(request.user).only("iso3", "short_name")
                          .prefetch_related("names")),
        "organisations": Organisation.objects.visible_to(request.user).only("code", "name"),
        "topics": taxonomy.areas().items(),
        "can_import": can(request.user, "outreach.import"),
        "can_render_notes": can(request.user, "jobs.start"),
    })


def event_detail(request, pk: int):
    event = _visible_event(request, pk)
    note = event_to_note(event, request.user, get_language())
    language = note_labels.language_of(get_language())
    related, visible_ids = visible_related(event, request.user)
    return render(request, "outreach/event_detail.html", {
        "event": event,
        "records": _linked_records(request.user, event),
        "note": note,
        "header_fields": note_render.header_fields(note, language),
        "sections": note_render.sections(note, language),
        "note_language": language,
        "note_labels": note_labels.labels(language),
        "note_colon": note_labels.colon(language),
        "related": related,
        "mentions": [(m, m.linked_id in visible_ids) for m in event.mentions.all()],
        "topics": taxonomy.labels(event.topics or []),
        "formats": ["pdf", "docx", "md", "html"],
        "can_confirm": can(request.user, "outreach.confirm") and event.status == "draft",
        "can_publish": can(request.user, "outreach.publish") and event.status == "confirmed",
        "can_change": can(request.user, "outreach.change"),
        "flagged": (flagged := [p for p in event.participants.all() if p.flagged]
                    + [o for o in event.organisers.all() if o.entity is None]),
        "review": review_items(flagged) if can(request.user, "outreach.change") else [],
        "kinds": Organisation.Kind.choices,
    })


def _linked_records(user, event) -> list:
    """The reporting records of a country visit or peer review, when the user may see them."""
    out = []
    for field in ("country_visit", "peer_review"):
        record_id = getattr(event, f"{field}_id")
        if record_id:
            model = Event._meta.get_field(field).related_model
            out += list(model.objects.visible_to(user).filter(pk=record_id))
    return out


def note_download(request, pk: int, fmt: str):
    event = _visible_event(request, pk)
    if fmt not in notes_service.FORMATS:
        raise Http404(_("Unknown format."))

    def build():
        content = notes_service.render(event, fmt, request.user)
        response = HttpResponse(content, content_type=notes_service.content_type(fmt))
        disposition = "inline" if fmt == "html" else "attachment"
        response["Content-Disposition"] = (
            f'{disposition}; filename="{notes_service.filename(event, fmt)}"')
        return response

    return documents.cached(request, "note", (event.pk, fmt), build)


def document_download(request, pk: int, doc: int):
    require(request.user, "outreach.view")
    try:
        document = EventDocument.objects.visible_to(request.user).get(pk=doc, event_id=pk)
        handle = document.file.open("rb")
    except (EventDocument.DoesNotExist, FileNotFoundError, ValueError):
        raise Http404(_("No such document.")) from None
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/")[-1])


@require_POST
def confirm(request, pk: int):
    require(request.user, "outreach.confirm")
    event = _visible_event(request, pk)
    try:
        actions.confirm(request.user, event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The event is confirmed: Committee members now see it. "
                                    "Publish it to show it to everyone."))
    return redirect(event)


@require_POST
def publish(request, pk: int):
    require(request.user, "outreach.publish")
    event = _visible_event(request, pk)
    try:
        actions.publish(request.user, event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The event is published."))
    return redirect(event)


def event_calendar(request):
    """A month of events; by month, by year, or a chosen month. Without a month chosen, the
    current month, or the most recent month with events when the current one has none."""
    require(request.user, "outreach.view")
    today = dt.date.today()
    year = params.year(request.GET, "year")
    month = params.month(request.GET, "month")
    by_day = None
    if year is None and month is None:
        year, month = today.year, today.month
        by_day = queries.month_events(request.user, year, month)
        if not by_day and (latest := queries.latest_month_with_events(request.user, today)):
            year, month = latest.year, latest.month
            by_day = None
    if month is None:  # a year alone opens on its January
        month = 1 if year else today.month
    year = year or today.year
    first = dt.date(year, month, 1)
    if by_day is None:
        by_day = queries.month_events(request.user, year, month)
    weeks = [
        [(day, by_day.get(day, []) if day.month == month else None) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(request, "outreach/calendar.html", {
        "first": first,
        "weeks": weeks,
        "previous": previous,
        "following": following,
        "previous_year": first.replace(year=year - 1) if year > params.YEAR_MIN else None,
        "following_year": first.replace(year=year + 1) if year < params.YEAR_MAX else None,
        "months": [(m, dt.date(2000, m, 1)) for m in range(1, 13)],
        "count": len({e.pk for events in by_day.values() for e in events}),
    })
