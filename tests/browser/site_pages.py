"""Every page of the README's page table, in one place, for the tests that walk the whole site.

An entry is a path, or a function (user -> path, or None when the user can see no such record)
that picks a record through `visible_to(user)`, so each role opens the records it may see. A
role "can open" a page when it answers 200 without sending it to the sign-in page; the walker
skips the others. Add a new page here and every walk (phone width, Arabic, ...) covers it.
"""

from clearinghouse.assistance.models import Match, Offer, Request
from clearinghouse.matrix.models import MatrixVersion, Review
from clearinghouse.outreach.models import Event
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting.models import ActionPlan, CountryVisit, NationalReport, PeerReview


def _first(qs, url):
    record = qs.first()
    return url(record) if record is not None else None


def state(user):
    bound = getattr(user, "state", None)
    return f"/states/{(bound or State.objects.get(iso3='KAZ')).iso3}/"


def organisation(user):
    bound = getattr(user, "organisation", None)
    return f"/organisations/{(bound or Organisation.objects.get(code='OSCE')).code}/"


def report(user):
    return _first(NationalReport.objects.visible_to(user).order_by("-pk"), _url)


def plan(user):
    return _first(ActionPlan.objects.visible_to(user).order_by("-pk"), _url)


def visit(user):
    return _first(CountryVisit.objects.visible_to(user).order_by("-pk"), _url)


def peer_review(user):
    return _first(PeerReview.objects.visible_to(user).order_by("-pk"), _url)


def matrix(user):
    return _first(MatrixVersion.objects.visible_to(user).order_by("-pk"),
                  lambda v: f"/matrix/{v.matrix.state.iso3}/")


def matrix_diff(user):
    return _first(MatrixVersion.objects.visible_to(user).filter(number__gt=1).order_by("-pk"),
                  lambda v: f"/matrix/{v.matrix.state.iso3}/diff/")


def matrix_review(user):
    return _first(Review.objects.visible_to(user).order_by("-pk"), lambda r: r.get_absolute_url())


def assistance_request(user):
    """A request with its candidates and matches when the user may see one."""
    visible = Request.objects.visible_to(user)
    with_matches = visible.filter(pk__in=Match.objects.visible_to(user).values("request"))
    return _first(with_matches.order_by("pk"), _url) or _first(visible.order_by("pk"), _url)


def offer(user):
    return _first(Offer.objects.visible_to(user).order_by("pk"), _url)


def event(user):
    return _first(Event.objects.visible_to(user).order_by("-start", "-pk"), _url)


def event_note(user):
    return _first(Event.objects.visible_to(user).order_by("-start", "-pk"),
                  lambda e: f"/events/{e.pk}/note.html")


def event_edit(user):
    return _first(Event.objects.visible_to(user).order_by("-start", "-pk"),
                  lambda e: f"/events/{e.pk}/edit/")


def _url(record):
    return record.get_absolute_url()


PAGES = [
    "/",
    "/my/",
    "/states/",
    state,
    "/organisations/",
    organisation,
    "/resolve/",
    "/reporting/status/?as_of=2014-03-31",
    "/reports/",
    report,
    "/reports/new/",
    "/plans/",
    plan,
    "/plans/new/",
    "/visits/",
    visit,
    "/peer-reviews/",
    peer_review,
    "/matrix/",
    "/matrix/template/",
    matrix,
    matrix_diff,
    matrix_review,
    "/assistance/",
    "/assistance/board/",
    assistance_request,
    "/assistance/requests/new/",
    offer,
    "/assistance/offers/new/",
    "/assistance/my-matches/",
    "/assistance/statistics/",
    "/events/",
    "/events/calendar/",
    "/events/statistics/",
    event,
    event_note,
    event_edit,
    "/events/new/",
    "/events/import/",
    "/imports/",
    "/audit/",
    "/accounts/login/",
    "/accounts/password/",
    "/accounts/api-keys/",
    "/accounts/invitations/",
    "/notices/",
    "/notices/preferences/",
    "/jobs/",
    "/jobs/failures/",
    "/api/docs/",
    "/admin/",
]


def paths_for(user):
    """The pages' addresses for this user (None: the public), records picked for it."""
    out = []
    for entry in PAGES:
        path = entry(user) if callable(entry) else entry
        if path is not None and path not in out:
            out.append(path)
    return out
