"""Registry pages. Thin: parse the request, call queries, render."""

import datetime as dt
import json

from django.http import Http404
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clearinghouse.core import params
from clearinghouse.core.exports import Table, export_response
from clearinghouse.core.extensions import ORGANISATION_PANELS, STATE_PANELS, render_panels

from . import queries
from .models import Organisation, State
from .services import resolve

MAX_NAMES = 200
# The exports' machine keys (JSON, ?keys=1) and the headers people read.
STATE_LABELS = {
    "iso3": gettext_lazy("ISO code"), "short_name": gettext_lazy("Short name"),
    "official_name": gettext_lazy("Official name"), "status": gettext_lazy("Status"),
    "admitted": gettext_lazy("Admitted to the United Nations"), "region": gettext_lazy("Region"),
    "subregion": gettext_lazy("Sub-region"),
}
MEMBER_LABELS = {
    "state": gettext_lazy("ISO code"), "name": gettext_lazy("State"),
    "joined": gettext_lazy("Joined"), "left": gettext_lazy("Left"), "source": gettext_lazy("Source"),
}


def state_list(request):
    filters = queries.state_filters(request.GET)
    states = queries.by_name(queries.states(request.user, filters))
    if fmt := params.export_format(request.GET):
        columns = list(STATE_LABELS)
        rows = [[getattr(s, c) for c in columns] for s in states]
        return export_response(Table(_("States"), columns, rows, "states", STATE_LABELS), fmt,
                               keys=params.export_keys(request.GET))
    organisation_choices = Organisation.objects.visible_to(request.user).filter(
        memberships__isnull=False
    ).distinct().order_by("code")
    return render(
        request,
        "registry/state_list.html",
        {
            "states": states,
            "filters": filters,
            "regions": queries.regions(),
            "organisations": organisation_choices,
            "statuses": State.Status.choices,
        },
    )


def state_detail(request, iso3):
    try:
        state = queries.state_detail(request.user, iso3)
    except State.DoesNotExist:
        raise Http404(_("No UN Member or observer State has the code %(code)s.") % {"code": iso3}) from None
    panels = render_panels(STATE_PANELS, request, state)
    return render(request, "registry/state_detail.html", {"state": state, "panels": panels})


def organisation_list(request):
    kind = params.choice(request.GET, "kind", Organisation.Kind.values) or ""
    return render(
        request,
        "registry/organisation_list.html",
        {
            "organisations": queries.organisations(request.user, kind),
            "kinds": Organisation.Kind.choices,
            "kind": kind,
        },
    )


def organisation_detail(request, code):
    try:
        organisation = queries.organisation_detail(request.user, code)
    except Organisation.DoesNotExist:
        raise Http404(_("No organisation has the code %(code)s.") % {"code": code}) from None
    memberships = list(organisation.memberships.all())
    if fmt := params.export_format(request.GET):
        rows = [[m.state.iso3, m.state.short_name, m.joined, m.left, m.source] for m in memberships]
        title = _("Members of %(code)s") % {"code": organisation.code}
        return export_response(Table(title, list(MEMBER_LABELS), rows,
                                     slugify(f"{organisation.code} members"), MEMBER_LABELS), fmt,
                               keys=params.export_keys(request.GET))
    return render(
        request,
        "registry/organisation_detail.html",
        {
            "organisation": organisation,
            "current": _by_state_name([m for m in memberships if m.left is None]),
            "former": _by_state_name([m for m in memberships if m.left is not None]),
            "panels": render_panels(ORGANISATION_PANELS, request, organisation),
        },
    )


def _by_state_name(memberships):
    order = {s.pk: i for i, s in enumerate(queries.by_name({m.state for m in memberships}))}
    return sorted(memberships, key=lambda m: (order[m.state.pk], m.joined or dt.date.min))


def resolve_page(request):
    text = params.text(request.GET, "names", max_length=MAX_NAMES * 200, multiline=True)
    names = [n.strip() for n in text.splitlines() if n.strip()][:MAX_NAMES]
    results = [resolve(n) for n in names]
    return render(
        request,
        "registry/resolve.html",
        {"text": text, "results": results, "as_json": json.dumps([r.to_json() for r in results],
                                                                  ensure_ascii=False, indent=1)},
    )
