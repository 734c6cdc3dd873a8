"""A world of confidential records, each carrying a unique marker, and the readers to try.

For every model with a scope rule there is a record some reader must not see (or the model is
listed in PUBLIC_MODELS: its rule shows every row to everyone). Each ``Secret`` says which
readers may see its record; ``tests/test_confidentiality.py`` renders every page, export,
document and API endpoint as each reader and looks for the markers, and
``tests/test_audit_scope.py`` checks the audit log entry by entry.

Readers: ``expert``; ``committee``; ``kaz_poc`` (the point of contact of the State the records
belong to); ``kgz_poc`` (another State's); ``osce_poc`` (a provider the circulated request was
sent to); ``eu_poc`` (a provider it was not); ``public`` (anonymous).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from clearinghouse.accounts import apikeys, invitations
from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions as assistance
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Match
from clearinghouse.audit.log import record
from clearinghouse.matrix import actions as matrix
from clearinghouse.outreach import actions as outreach
from clearinghouse.outreach.convert import LinkPlan
from clearinghouse.outreach.models import EventDocument, MentionedEvent
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting.models import (
    ActionPlan,
    ActionPlanItem,
    CountryVisit,
    NationalReport,
    PeerReview,
)
from tests.conftest import make_user

READERS = ("expert", "committee", "kaz_poc", "kgz_poc", "osce_poc", "eu_poc", "public")
EVERYONE = frozenset(READERS)
STAFF = frozenset({"expert", "committee"})
KAZ = STAFF | {"kaz_poc"}

# Models whose rule shows every row to every reader: nothing there can be confidential.
PUBLIC_MODELS = {
    "registry.state", "registry.organisation", "registry.membership",
    "matrix.matrixtemplate", "matrix.section", "matrix.field", "outreach.eventseries",
}
LICENSING = ("Training for officials of the licensing authority on the examination of licence "
             "applications for dual-use goods, end-user certificates and the national control "
             "list.")


@dataclass
class Secret:
    record: object
    marker: str | None  # None: the model has no text of its own (its visibility is checked)
    allowed: frozenset

    @property
    def label(self) -> str:
        return self.record._meta.label_lower


@dataclass
class World:
    readers: dict
    secrets: list[Secret] = field(default_factory=list)
    ids: dict = field(default_factory=dict)  # name -> record, to fill URLs

    def add(self, name: str, obj, marker: str | None, allowed) -> None:
        self.secrets.append(Secret(obj, marker, frozenset(allowed)))
        self.ids[name] = obj

    def forbidden(self, reader: str) -> list[Secret]:
        return [s for s in self.secrets if s.marker and reader not in s.allowed]


def mark(name: str) -> str:
    """A marker no other marker contains, that survives PDF text extraction."""
    return f"ZQX{name.upper()}QZ"


def build(media_root) -> World:
    """Every confidential record, made (where there is one) through the domain's actions."""
    kaz, kgz, uzb, aut = (State.objects.get(iso3=c) for c in ("KAZ", "KGZ", "UZB", "AUT"))
    osce, eu = Organisation.objects.get(code="OSCE"), Organisation.objects.get(code="EU")
    expert = make_user("cw-expert", Role.EXPERT)
    readers = {
        "expert": expert,
        "committee": make_user("cw-committee", Role.COMMITTEE),
        "kaz_poc": make_user("cw-kaz", Role.STATE_POC, state=kaz),
        "kgz_poc": make_user("cw-kgz", Role.STATE_POC, state=kgz),
        "osce_poc": make_user("cw-osce", Role.PROVIDER_POC, organisation=osce),
        "eu_poc": make_user("cw-eu", Role.PROVIDER_POC, organisation=eu),
        "public": None,
    }
    w = World(readers)
    today = timezone.localdate()

    # -- accounts: someone's account (email and names) is for them and the experts.
    member = make_user("cw-member", Role.COMMITTEE)
    member.email, member.last_name = f"{mark('useremail')}@example.org", mark("username")
    member.save()
    w.add("user", member, mark("useremail"), {"expert"})
    # An API key's name is for its owner and the experts (who revoke keys).
    api_key, _key = apikeys.create("tests", readers["kaz_poc"], mark("apikeyname"))
    w.add("api_key", api_key, mark("apikeyname"), {"expert", "kaz_poc"})
    # An invitation (the e-mail address of a person not signed up yet): experts only.
    invitation, _token = invitations.invite(expert, f"{mark('invitation')}@example.org",
                                            Role.STATE_POC, state="KAZ")
    w.add("invitation", invitation, mark("invitation"), {"expert"})

    # -- reporting: KAZ's unpublished records.
    report = NationalReport.objects.create(state=kaz, kind="first", title=mark("report"),
                                           text=f"Text {mark('reporttext')}", status="draft")
    w.add("report", report, mark("report"), KAZ)
    w.secrets.append(Secret(report, mark("reporttext"), KAZ))
    plan = ActionPlan.objects.create(state=kaz, adopted_on=dt.date(2025, 3, 1),
                                     title=mark("plan"), summary="Draft plan", status="submitted")
    w.add("plan", plan, mark("plan"), KAZ)
    item = ActionPlanItem.objects.create(plan=plan, area_code="op3d", area="Export controls",
                                         action=mark("planitem"), agency="Customs")
    w.add("planitem", item, mark("planitem"), KAZ)
    visit = CountryVisit.objects.create(state=kaz, start=dt.date(2025, 4, 1),
                                        end=dt.date(2025, 4, 3), objectives=mark("visit"),
                                        status="draft")
    w.add("visit", visit, mark("visit"), KAZ)
    review = PeerReview.objects.create(title=mark("peerreview"), start=dt.date(2025, 5, 1),
                                       end=dt.date(2025, 5, 2), report_text="Draft",
                                       status="draft")
    review.states.set([kaz, uzb])
    w.add("peerreview", review, mark("peerreview"), KAZ)

    # -- matrix: KAZ's draft version (published version 1 first, so the page exists for all).
    v1 = matrix.start_version(expert, kaz, report_date=dt.date(2004, 10, 28))
    matrix.set_cell(expert, v1, "OP1.NPT", "single", "X", "Ratified 1994-02-14")
    matrix.approve(expert, v1, dt.date(2008, 6, 1), reference="1540/SR.1")
    matrix.publish(expert, v1)
    v2 = matrix.start_version(expert, kaz)
    matrix.set_cell(expert, v2, "OP2.NW.01", "legal", "X", mark("cellsource"), mark("cellremark"))
    w.add("version", v2, None, KAZ)
    w.add("cell", v2.cells.get(field__code="OP2.NW.01", dimension="legal"), mark("cellsource"),
          KAZ)
    w.secrets.append(Secret(v2, mark("cellremark"), KAZ))
    # The draft sent to KAZ for review, and KAZ's comments: staff and KAZ's PoC only.
    review = matrix.send_for_review(expert, v2)
    matrix.answer_review(readers["kaz_poc"], review, "comments", mark("reviewcomments"))
    w.add("review", review, mark("reviewcomments"), KAZ)
    u1 = matrix.start_version(expert, uzb)  # a State whose matrix is all draft
    matrix.set_cell(expert, u1, "OP1.CWC", "single", "X", "Draft source")
    w.add("matrix", u1.matrix, None, STAFF)

    # -- assistance: KAZ's request circulated to OSCE, one circulated to nobody, their history,
    # an inactive offer, a match recorded without circulation, the experts' decisions.
    osce_offer = assistance.create_offer(expert, provider_organisation=osce,
                                         title="OSCE export control training",
                                         description=LICENSING)
    eu_offer = assistance.create_offer(expert, provider_organisation=eu,
                                       title="EU P2P export control programme",
                                       description=LICENSING)
    hidden_offer = assistance.create_offer(expert, provider_organisation=osce,
                                           title=mark("inactiveoffer"), description=LICENSING)
    assistance.set_offer_active(hidden_offer, expert, False)
    w.add("inactive_offer", hidden_offer, mark("inactiveoffer"), STAFF | {"osce_poc"})
    circulated = assistance.create_request(
        expert, state=kaz, received=today - dt.timedelta(days=10), title=mark("circulated"),
        description=LICENSING, contact=mark("circulatedcontact"))
    assistance.transition(circulated, expert, wf.AUTHENTICATED)
    assistance.transition(circulated, expert, wf.ACKNOWLEDGED, note=mark("historynote"))
    assistance.circulate(circulated, expert, [osce], today=today)
    assistance.update_request(circulated, expert, plan_items=[item])  # a submitted plan's item
    w.add("circulated", circulated, mark("circulated"), KAZ | {"osce_poc"})
    w.add("history", circulated.events.get(note=mark("historynote")), mark("historynote"), KAZ)
    match = assistance.propose_match(circulated, osce_offer, expert, note="Proposed")
    w.add("match", match, None, KAZ | {"osce_poc"})
    pin = assistance.pin(circulated, osce_offer, expert, note=mark("pinnote"))
    w.add("pin", pin, mark("pinnote"), STAFF)
    exclusion = assistance.exclude(circulated, eu_offer, expert, note=mark("exclusionnote"))
    w.add("exclusion", exclusion, mark("exclusionnote"), STAFF)
    uncirculated = assistance.create_request(
        expert, state=kaz, received=today - dt.timedelta(days=5), title=mark("uncirculated"),
        description=f"{LICENSING} {mark('requestdescription')}")
    w.add("uncirculated", uncirculated, mark("uncirculated"), KAZ)
    w.secrets.append(Secret(uncirculated, mark("requestdescription"), KAZ))
    w.add("need", uncirculated.needs.get(), None, KAZ)  # a need follows its request
    with transaction.atomic():  # as old data, or an import, might hold it
        legacy = Match.objects.create(request=uncirculated, need=uncirculated.needs.get(),
                                      offer=eu_offer, score=0.8,
                                      reasons=["Licensing"], notes=mark("legacymatch"))
    w.add("legacy_match", legacy, mark("legacymatch"), KAZ)
    # An organisation's own request (the EU's, through its point of contact), circulated to
    # OSCE, its match completed and both parties' feedback: the EU's point of contact has for
    # it a State point of contact's rights; the feedback is for staff and the two parties.
    eu_request = assistance.create_request(
        readers["eu_poc"], organisation=eu, received=today - dt.timedelta(days=8),
        title=mark("orgrequest"), description=LICENSING, channel="informal")
    assistance.transition(eu_request, expert, wf.AUTHENTICATED)
    assistance.transition(eu_request, expert, wf.ACKNOWLEDGED)
    assistance.circulate(eu_request, expert, [osce], today=today)
    w.add("org_request", eu_request, mark("orgrequest"), STAFF | {"eu_poc", "osce_poc"})
    eu_match = assistance.propose_match(eu_request, osce_offer, expert)
    assistance.respond(eu_match, readers["osce_poc"], True)
    assistance.set_match_status(eu_match, expert, "in_progress")
    assistance.set_match_status(eu_match, expert, "completed")
    parties = STAFF | {"eu_poc", "osce_poc"}
    for party, who in (("requester", "eu_poc"), ("provider", "osce_poc")):
        given = assistance.give_feedback(eu_match, readers[who], party, "partly",
                                         mark(f"feedback{party}"))
        w.add(f"feedback_{party}", given, mark(f"feedback{party}"), parties)

    # -- outreach: a published event related to a draft and a confirmed one (as an imported
    # note links them), with a mention linked to the draft; the draft's own parts.
    published = outreach.create_event(
        expert, title="Regional workshop on export controls", start=dt.date(2016, 5, 10),
        end=dt.date(2016, 5, 11), venue_city="Vienna", venue_state=aut,
        background="A workshop.", organisers=[LinkPlan("Austria", state=aut)],
        participants=[LinkPlan("Kazakhstan", state=kaz, group="States", confidence=1.0)])
    outreach.confirm(expert, published)
    outreach.publish(expert, published)
    draft = outreach.create_event(
        expert, title=mark("draftevent"), start=dt.date(2016, 11, 8), venue_city=mark("draftcity"),
        venue_state=kaz, background=mark("draftbackground"),
        organisers=[LinkPlan(mark("draftorganiser"))],
        participants=[LinkPlan(mark("draftparticipant"), group="Civil society")])
    confirmed = outreach.create_event(
        expert, title=mark("confirmedevent"), start=dt.date(2016, 9, 1), venue_city="Bishkek",
        venue_state=kgz)
    outreach.confirm(expert, confirmed)
    outreach.update_event(expert, published, related=[draft, confirmed])
    MentionedEvent.objects.create(event=published, title="Earlier consultations",
                                  start=draft.start, venue="Astana", linked=draft, position=0)
    mention = MentionedEvent.objects.create(event=draft, title=mark("draftmention"),
                                            start=dt.date(2015, 1, 1), position=0)
    document = EventDocument(event=draft, title=mark("draftdocument"))
    document.file.save("agenda.txt", ContentFile(f"Agenda {mark('documentfile')}".encode()),
                       save=True)
    w.add("published_event", published, None, EVERYONE)
    w.add("draft_event", draft, mark("draftevent"), {"expert"})
    for part in ("draftcity", "draftbackground"):
        w.secrets.append(Secret(draft, mark(part), {"expert"}))
    w.add("confirmed_event", confirmed, mark("confirmedevent"), STAFF)
    w.add("organiser", draft.organisers.get(), mark("draftorganiser"), {"expert"})
    w.add("participant", draft.participants.get(), mark("draftparticipant"), {"expert"})
    w.add("mention", mention, mark("draftmention"), {"expert"})
    w.add("document", document, mark("draftdocument"), {"expert"})
    w.secrets.append(Secret(document, mark("documentfile"), {"expert"}))

    # -- jobs: a person's job (and its result) is theirs alone; failed tasks are for experts.
    from clearinghouse.jobs.models import Job, TaskFailure

    job = Job.objects.create(owner=readers["kaz_poc"], kind=Job.Kind.OUTREACH_REVIEW,
                             params={"year": 2016, "format": "pdf"}, status=Job.Status.DONE,
                             progress=100, message=mark("jobmessage"),
                             filename=f"{mark('jobfile')}.txt", content_type="text/plain")
    job.result.save("job.txt", ContentFile(f"Result {mark('jobresult')}".encode()), save=True)
    w.add("job", job, mark("jobmessage"), {"kaz_poc"})
    w.secrets.append(Secret(job, mark("jobresult"), {"kaz_poc"}))
    failure = TaskFailure.objects.create(task="clearinghouse.jobs.tasks.daily_cleanup",
                                         attempts=3, error=mark("taskfailure"))
    w.add("task_failure", failure, mark("taskfailure"), {"expert"})

    # -- notifications: a notice and a person's choices are theirs alone.
    from clearinghouse.notifications.models import Notice, Preference

    notice = Notice.objects.create(
        recipient=readers["osce_poc"], kind="proposal", target_type="assistance.match",
        target_id="0", url="/assistance/my-matches/", subject=mark("noticesubject"),
        body=mark("noticebody"), language="en", mode="immediate")
    w.add("notice", notice, mark("noticesubject"), {"osce_poc"})
    w.secrets.append(Secret(notice, mark("noticebody"), {"osce_poc"}))
    w.add("preference", Preference.objects.create(user=readers["kaz_poc"], kind="proposal",
                                                  mode="off"), None, {"kaz_poc"})

    # -- audit: an entry about no record is for staff only.
    with transaction.atomic():
        entry = record("tests", "tests.note", None, {"about": mark("auditentry")},
                       label=mark("auditentry"))
    w.add("audit", entry, mark("auditentry"), STAFF)
    return w
