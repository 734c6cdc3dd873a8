"""Writes of the outreach domain. Each opens a transaction and records its audit entry.

No silent lost update (``core.concurrency``): an edit reloads the event under a lock and takes
the revision the user opened (``revision``: ``Conflict`` if it moved); confirming and
publishing check the status on the locked row (``StateChanged`` when someone acted first).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import require
from clearinghouse.audit.log import record
from clearinghouse.core import concurrency
from clearinghouse.core.concurrency import StateChanged
from clearinghouse.outreach import topics as taxonomy
from clearinghouse.outreach.convert import EventPlan, LinkPlan
from clearinghouse.outreach.models import (
    Event,
    EventDocument,
    EventSeries,
    MentionedEvent,
    Organiser,
    Participant,
)
from clearinghouse.outreach.notes.parser import infer_kind

EVENT_FIELDS = (
    "title", "kind", "series", "start", "end", "venue_place", "venue_city", "venue_state",
    "committee_members", "committee_experts", "committee_remark", "topics", "background",
    "highlights", "chair_summary_heading", "chair_summary", "chair_summary_url",
    "additional_comments", "illustrative", "status", "source_filename", "source_text",
    "import_warnings", "country_visit", "peer_review",
)


def _check(actor, action):
    if actor is not None and not isinstance(actor, str):
        require(actor, action)


def _validate(event: Event) -> None:
    if bad := taxonomy.unknown(event.topics or []):
        raise ValidationError({"topics": f"unknown assistance area(s): {', '.join(bad)}"})
    if not event.kind:
        event.kind = infer_kind(event.title)
    event.full_clean(exclude=["related"])


def _links(event: Event, organisers, participants) -> None:
    if organisers is not None:
        event.organisers.all().delete()
        Organiser.objects.bulk_create(
            Organiser(event=event, position=i, name=o.name, state=o.state,
                      organisation=o.organisation)
            for i, o in enumerate(organisers)
        )
    if participants is not None:
        event.participants.all().delete()
        Participant.objects.bulk_create(
            Participant(event=event, position=i, name=p.name, group=p.group, state=p.state,
                        organisation=p.organisation, confidence=p.confidence,
                        remark=p.remark, flagged=p.flagged or (p.state is None
                                                              and p.organisation is None))
            for i, p in enumerate(participants)
        )


def create_event(actor, *, organisers: list[LinkPlan] | None = None,
                 participants: list[LinkPlan] | None = None, related=(), **fields) -> Event:
    """A new event (a draft unless ``status`` says otherwise)."""
    _check(actor, "outreach.change")
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event field(s): {', '.join(sorted(unknown))}")
    fields.setdefault("kind", infer_kind(fields.get("title", "")))
    if fields.get("start") and not fields.get("end"):
        fields["end"] = fields["start"]
    with transaction.atomic():
        event = Event(**fields)
        _validate(event)
        concurrency.stamp(event, actor)
        event.save()
        _links(event, organisers or [], participants or [])
        if related:
            event.related.add(*related)
        record(actor, "outreach.event.created", event,
               {"title": event.title, "status": event.status, "start": event.start})
    return event


def update_event(actor, event: Event, *, organisers=None, participants=None, related=None,
                 revision=None, **fields) -> Event:
    """Change an event. ``revision``: the one the user opened (``Conflict`` if it moved)."""
    _check(actor, "outreach.change")
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event field(s): {', '.join(sorted(unknown))}")
    with transaction.atomic():
        concurrency.lock(event, revision, actor=actor)
        before = {k: getattr(event, k) for k in fields}
        for key, value in fields.items():
            setattr(event, key, value)
        _validate(event)
        event.save()
        _links(event, organisers, participants)
        if event.status == Event.Status.PUBLISHED and (organisers is not None or participants is not None):
            unresolved = unresolved_names(event)
            if unresolved:  # the transaction is rolled back: nothing changes
                raise ValidationError(_(
                    "%(n)s name(s) are not resolved (%(names)s): a published event never shows "
                    "a name that was not checked; resolve or correct them first.")
                    % {"n": len(unresolved), "names": "; ".join(unresolved[:10])})
        if related is not None:
            event.related.set(related)
        changes = {k: [before[k], v] for k, v in fields.items() if before[k] != v}
        if organisers is not None:
            changes["organisers"] = [o.name for o in organisers]
        if participants is not None:
            changes["participants"] = len(participants)
        record(actor, "outreach.event.updated", event, changes)
    return event


def _write_plan(actor, plan: EventPlan, *, status: str, illustrative: bool) -> Event:
    event = Event(status=status, illustrative=illustrative, source_filename=plan.filename,
                  source_text=plan.text, import_warnings=plan.warnings, **plan.fields)
    _validate(event)
    event.save()
    _links(event, plan.organisers, plan.participants)
    related = []
    for i, m in enumerate(plan.mentions):
        target = m.existing
        if target is None and m.start is not None:
            target = Event(title=m.title, kind=infer_kind(m.title), start=m.start, end=m.end,
                           venue_city=m.city, venue_state=m.state, status=Event.Status.DRAFT,
                           illustrative=illustrative,
                           import_warnings=[f"mentioned in {plan.filename}; check and complete"])
            _validate(target)
            target.save()
            record(actor, "outreach.event.created", target,
                   {"title": target.title, "status": target.status, "from": plan.filename})
            m.existing = target
        MentionedEvent.objects.create(event=event, title=m.title, start=m.start, end=m.end,
                                      venue=m.venue, linked=target, position=i)
        if target is not None:
            related.append(target)
    if related:
        event.related.add(*related)
    record(actor, "outreach.event.imported", event,
           {"file": plan.filename, "status": status, "participants": len(plan.participants),
            "flagged": len(plan.flagged), "related": [e.pk for e in related]})
    return event


def import_notes(actor, plans: list[EventPlan], *, status: str = Event.Status.DRAFT,
                 illustrative: bool = False, update: frozenset[int] | set[int] = frozenset(),
                 revisions: dict | None = None) -> list[Event]:
    """Write every planned event in one transaction (drafts for an expert to confirm).

    ``update``: positions of plans that update the event they duplicate (same title and
    dates, ``plan.duplicate_of``) instead of creating a second one; ``revisions``: position ->
    the revision of that event the expert reviewed (``Conflict`` if it moved since)."""
    _check(actor, "outreach.import")
    revisions = revisions or {}
    with transaction.atomic():
        return [_update_from_plan(actor, p, revisions.get(i))
                if i in update and p.duplicate_of is not None
                else _write_plan(actor, p, status=status, illustrative=illustrative)
                for i, p in enumerate(plans)]


def _update_from_plan(actor, plan: EventPlan, revision=None) -> Event:
    """A note imported again: its event takes what the note says now (status unchanged)."""
    event = concurrency.lock(plan.duplicate_of, revision, actor=actor)
    before = {k: getattr(event, k) for k in plan.fields}
    for key, value in plan.fields.items():
        setattr(event, key, value)
    event.source_filename, event.source_text = plan.filename, plan.text
    event.import_warnings = [w for w in plan.warnings if not w.startswith("matches event ")]
    _validate(event)
    event.save()
    _links(event, plan.organisers, plan.participants)
    event.mentions.all().delete()
    for i, m in enumerate(plan.mentions):
        MentionedEvent.objects.create(event=event, title=m.title, start=m.start, end=m.end,
                                      venue=m.venue, linked=m.existing, position=i)
    related = [m.existing for m in plan.mentions if m.existing is not None
               and m.existing.pk != event.pk]
    if related:
        event.related.add(*related)
    changes = {k: [before[k], v] for k, v in plan.fields.items() if before[k] != v}
    record(actor, "outreach.event.reimported", event,
           {"file": plan.filename, "participants": len(plan.participants),
            "flagged": len(plan.flagged), **changes})
    return event


def confirm(actor, event: Event, *, revision=None) -> Event:
    """An expert checked the draft: it becomes visible to Committee members too (only a draft,
    on its locked row: a second confirmation is refused)."""
    _check(actor, "outreach.confirm")
    with transaction.atomic():
        concurrency.lock(event, revision, actor=actor)
        if event.status != Event.Status.DRAFT:
            raise StateChanged(_("This event is already %(status)s (by %(who)s at %(when)s).")
                               % {"status": event.get_status_display(),
                                  **concurrency.changed_by(event)})
        return _set_status(actor, event, Event.Status.CONFIRMED, "outreach.event.confirmed")


def publish(actor, event: Event, *, revision=None) -> Event:
    """Publish a confirmed event: everyone sees it (drafts are confirmed first). Publishing what
    is already published changes nothing."""
    _check(actor, "outreach.publish")
    with transaction.atomic():
        concurrency.lock(event, revision, actor=actor)
        if event.status == Event.Status.DRAFT:
            raise ValidationError(f"event {event.pk} is a draft: confirm it before publishing")
        if event.status == Event.Status.PUBLISHED:
            return event
        unresolved = unresolved_names(event)
        if unresolved:
            raise ValidationError(_(
                "%(n)s name(s) are not resolved (%(names)s): resolve or correct them before "
                "publishing; a published event never shows a name that was not checked.")
                % {"n": len(unresolved), "names": "; ".join(unresolved[:10])})
        return _set_status(actor, event, Event.Status.PUBLISHED, "outreach.event.published")


def unresolved_names(event: Event) -> list[str]:
    """The flagged participants' and unlinked organisers' names of an event."""
    return ([p.name for p in event.participants.filter(flagged=True)]
            + [o.name for o in event.organisers.filter(state__isnull=True, organisation__isnull=True)])


def _set_status(actor, event: Event, status: str, action: str) -> Event:
    """``event`` is locked (``concurrency.lock``) by the caller's transaction."""
    before = event.status
    event.status = status
    event.save(update_fields=["status", "updated"])
    record(actor, action, event, {"status": [before, status]})
    return event


# -- the experts' event form ---------------------------------------------------------------
NAME_WARNINGS = ("organizer '", 'organizer "', "participant '", 'participant "')


def resolve_links(organiser_names, participant_rows):
    """Organisers (names) and participants ((group, name, remark)) as the importer links them.

    The same path as a note's import: the registry's resolver through the note parser's
    ``Names`` (confidence >= 0.85, never ambiguous), then ``convert.plan_from_note``; a name
    not resolved confidently is kept verbatim and flagged. Returns (organisers, participants,
    warnings).
    """
    from clearinghouse.outreach.convert import plan_from_note
    from clearinghouse.outreach.importing import note_resolver
    from clearinghouse.outreach.notes.model import Note, Party
    from clearinghouse.outreach.notes.model import Participant as NoteParticipant
    from clearinghouse.outreach.notes.names import Names
    from clearinghouse.outreach.notes.parser import MIN_CONFIDENCE
    from clearinghouse.registry.models import Organisation, State

    names = Names(note_resolver(), MIN_CONFIDENCE)
    organizers = tuple(Party(n, names.lookup(n, role="organizer")[0]) for n in organiser_names)
    participants = []
    for group, name, remark in participant_rows:
        entity, confidence = names.lookup(name, role="participant", group=group)
        participants.append(NoteParticipant(group, name, entity, confidence, remark or None))
    note = Note(title="", organizers=organizers, participants=tuple(participants))
    codes = {e.code for p in (*organizers, *participants) if (e := p.entity)}
    plan = plan_from_note(note, "", "", State.objects.in_bulk(codes, field_name="iso3"),
                          Organisation.objects.in_bulk(codes, field_name="code"),
                          lambda start, cities: None)
    return plan.organisers, plan.participants, names.warnings + plan.warnings


def save_event(actor, event: Event | None, fields: dict, *, organiser_names=None,
               participant_rows=None, new_series: str = "",
               document: tuple[str, bytes, str] | None = None, revision=None) -> Event:
    """Create (``event`` None: a draft) or change an event from the form, in one transaction.

    ``organiser_names`` / ``participant_rows`` None keep the links as they are; given, they are
    resolved now and replace them. ``new_series`` names a series, created if new.
    ``document``: (file name, content, title) of a document to attach. ``revision``: the one
    the user opened (``Conflict`` if the event changed since; nothing is written).
    """
    _check(actor, "outreach.change")
    with transaction.atomic():
        if event is not None:
            concurrency.lock(event, revision, actor=actor)
        if new_series.strip():
            series, created = EventSeries.objects.get_or_create(name=new_series.strip()[:200])
            if created:
                record(actor, "outreach.series.created", series, {"name": series.name})
            fields = {**fields, "series": series}
        links = {}
        if organiser_names is not None or participant_rows is not None:
            organisers, participants, warnings = resolve_links(organiser_names or [],
                                                               participant_rows or [])
            if organiser_names is not None:
                links["organisers"] = organisers
            if participant_rows is not None:
                links["participants"] = participants
            kept = [w for w in (event.import_warnings if event else [])
                    if not w.startswith(NAME_WARNINGS)]
            fields = {**fields, "import_warnings": warnings + kept}
        if event is None:
            event = create_event(actor, status=Event.Status.DRAFT, **links, **fields)
        else:
            event = update_event(actor, event, revision=revision, **links, **fields)
        if document:
            name, content, title = document
            attached = EventDocument(event=event, title=(title or name)[:300])
            attached.file.save(name, ContentFile(content), save=True)
            record(actor, "outreach.document.added", event,
                   {"document": attached.file.name, "title": attached.title})
    return event


__all__ = ["create_event", "update_event", "import_notes", "confirm", "publish",
           "save_event", "resolve_links", "PermissionDenied"]


# -- names an expert resolves while reviewing an event -------------------------------------
def link_name(actor, link, entity, *, remember: bool = False):
    """A flagged participant or organiser (``link``) is the State or organisation ``entity``:
    linked, no longer flagged, audited. ``remember``: its name as written becomes an alias of
    the entity in the registry, so the next import knows it."""
    from clearinghouse.registry import actions as registry_actions
    from clearinghouse.registry.models import State

    _check(actor, "outreach.change")
    with transaction.atomic():
        event = concurrency.lock(link.event, None, actor=actor)  # a new revision of the event
        if isinstance(entity, State):
            link.state, link.organisation = entity, None
        else:
            link.state, link.organisation = None, entity
        fields = ["state", "organisation"]
        if isinstance(link, Participant):
            link.flagged, link.confidence = False, 1.0
            fields += ["flagged", "confidence"]
        link.save(update_fields=fields)
        event.save(update_fields=["updated"])
        code = entity.iso3 if isinstance(entity, State) else entity.code
        record(actor, "outreach.name.linked", event,
               {"name": link.name, "code": code, "remember": remember,
                "as": "participant" if isinstance(link, Participant) else "organiser"})
        if remember:
            registry_actions.add_alias(actor, entity, link.name)
    return link


def create_and_link(actor, link, *, code: str, name: str, kind: str, website: str = ""):
    """A new organisation for a flagged name (civil society and industry included), with the
    name as written as its alias when it differs, and the participant linked to it."""
    from clearinghouse.registry import actions as registry_actions
    from clearinghouse.registry import names as registry_names

    _check(actor, "outreach.change")
    with transaction.atomic():
        aliases = [link.name] if registry_names.compact(link.name) != registry_names.compact(name) else []
        organisation = registry_actions.create_organisation(
            actor, code=code, name=name, kind=kind, aliases=aliases, website=website)
        link_name(actor, link, organisation)
    return organisation
