"""``notify(kind, record, recipients)``: the one way the domain tells people something.

Called by a domain action inside its transaction; the notices are written when that
transaction commits (``transaction.on_commit``), so nothing is announced that did not happen.
The recipients the action proposes are filtered by the policy engine: a person who may not
see the record (``visible(user, record)``) gets nothing, nor does a person whose role is not in
the kind's audience (``models.AUDIENCE``: an expert-only kind never reaches a point of
contact). Each notice is rendered in the
recipient's language (``User.language``, else the site's default) at send time, written with
its audit row, and e-mailed through the task queue (immediately, or in the daily digest) unless
the person turned that kind off.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from clearinghouse.accounts.permissions import role_of, visible
from clearinghouse.audit import log

from .models import AUDIENCE, Kind, Mode, Notice, Preference

ACTOR = "notifications"


def _request_texts(kind, record, extra):
    if kind == Kind.CIRCULATED:
        return (_("Assistance request circulated: %(title)s") % {"title": record.title},
                _("The 1540 Committee circulated the request “%(title)s” of %(state)s to you. "
                  "You may propose an offer or contact the experts.")
                % {"title": record.title, "state": _name(record.state)})
    deadline = date_format(record.objection_deadline, "DATE_FORMAT")
    return (_("Your request was circulated: objections until %(date)s") % {"date": deadline},
            _("The request “%(title)s” was circulated to providers. Its summary will be "
              "published unless your State objects by %(date)s (5 UN working days).")
            % {"title": record.title, "date": deadline})


def _match_texts(kind, record, extra):
    if kind == Kind.PROPOSAL:
        return (_("A match was proposed for your offer: %(offer)s") % {"offer": record.offer.title},
                _("The experts propose your offer “%(offer)s” for the request “%(request)s”. "
                  "Open the match to accept or decline it.")
                % {"offer": record.offer.title, "request": record.request.title})
    values = {"offer": record.offer.title, "request": record.request.title}
    if extra.get("accepted"):
        return (_("A provider accepted a match"),
                _("The match of the offer “%(offer)s” with the request “%(request)s” was "
                  "accepted.") % values)
    return (_("A provider declined a match"),
            _("The match of the offer “%(offer)s” with the request “%(request)s” was "
              "declined.") % values)


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT")


def _name(entity) -> str:
    """A State's or organisation's name in the recipient's language (active while rendering)."""
    return entity.name_in(translation.get_language()) if entity is not None else ""


def _requester(req) -> str:
    return _name(req.state or req.organisation)


def _lifecycle_texts(kind, record, extra):
    values = {"title": record.title, "requester": _requester(record)}
    if kind == Kind.RECEIVED:
        values["date"] = _day(record.received)
        return (_("Assistance request received: %(title)s") % values,
                _("A request of %(requester)s was received on %(date)s: “%(title)s”. It "
                  "awaits authentication and acknowledgement.") % values)
    if kind == Kind.ACKNOWLEDGED:
        return (_("Your request was acknowledged: %(title)s") % values,
                _("The 1540 Committee acknowledged the request “%(title)s”. It will be "
                  "circulated to providers of assistance.") % values)
    if kind == Kind.PUBLISHED and extra.get("consented"):
        values["date"] = _day(record.published_on)
        return (_("Your request's summary was published on %(date)s") % values,
                _("Your State or organisation consented to publication: the summary of the "
                  "request “%(title)s” is published from %(date)s.") % values)
    if kind == Kind.PUBLISHED:
        values["date"] = _day(record.published_on)
        return (_("Your request's summary was published on %(date)s") % values,
                _("No objection was received by %(deadline)s: the summary of the request "
                  "“%(title)s” is published from %(date)s.")
                % {**values, "deadline": _day(record.objection_deadline)})
    values["date"] = _day(record.follow_up_due)
    return (_("Follow-up due on %(date)s: %(title)s") % values,
            _("The follow-up of the request “%(title)s” of %(requester)s falls due on "
              "%(date)s.") % values)


def _report_texts(kind, record, extra):
    values = {"state": _name(record.state), "title": str(record)}
    if record._meta.model_name == "actionplan":
        values.update(title=record.title, date=_day(record.adopted_on))
        return (_("Action plan submitted by %(state)s") % values,
                _("%(state)s submitted its National Implementation Action Plan “%(title)s” "
                  "of %(date)s.") % values)
    values["date"] = _day(record.submitted_on)
    return (_("National report submitted by %(state)s") % values,
            _("%(state)s submitted a national report on %(date)s.") % values)


def _matrix_texts(kind, record, extra):
    values = {"state": _name(record.matrix.state), "n": record.number,
              "date": _day(record.approved_on)}
    return (_("Matrix of %(state)s, version %(n)s, approved") % values,
            _("The 1540 Committee approved version %(n)s of the matrix of %(state)s on "
              "%(date)s.") % values)


def _review_texts(kind, record, extra):
    version = record.version
    values = {"state": version.matrix.state, "n": version.number, "sent": _day(record.sent_on)}
    if kind == Kind.MATRIX_REVIEW:
        subject = _("Matrix of %(state)s, version %(n)s, sent to your State for review") % values
        if record.deadline:
            values["deadline"] = _day(record.deadline)
            return (subject,
                    _("On %(sent)s the experts of the 1540 Committee sent version %(n)s of the "
                      "matrix of %(state)s to your State for review. Please confirm it or send "
                      "your comments by %(deadline)s.") % values)
        return (subject,
                _("On %(sent)s the experts of the 1540 Committee sent version %(n)s of the "
                  "matrix of %(state)s to your State for review. Please confirm it or send your "
                  "comments.") % values)
    values["date"] = _day(record.answered_on)
    if record.answer == "confirmed":
        return (_("%(state)s confirmed version %(n)s of its matrix") % values,
                _("On %(date)s %(state)s confirmed version %(n)s of its matrix, sent for review "
                  "on %(sent)s.") % values)
    return (_("%(state)s commented on version %(n)s of its matrix") % values,
            _("On %(date)s %(state)s sent comments on version %(n)s of its matrix, sent for "
              "review on %(sent)s. Read them on the review page.") % values)


def _briefing_texts(kind, record, extra):
    values = {"start": _day(dt.date.fromisoformat(record.params["start"])),
              "end": _day(dt.date.fromisoformat(record.params["end"]))}
    return (_("Draft matchmaking briefing, %(start)s to %(end)s, ready") % values,
            _("The draft of the bi-monthly matchmaking briefing for %(start)s to %(end)s was "
              "prepared; download it from your jobs page.") % values)


def _reconfirm_texts(kind, record, extra):
    values = {"title": record.title, "provider": _name(record.provider),
              "date": _day(timezone.localtime(record.confirmed_at or record.created_at))}
    return (_("Please reconfirm your offer: %(title)s") % values,
            _("The offer “%(title)s” of %(provider)s was last confirmed on %(date)s. Please "
              "confirm that it is still available, update it, or withdraw it.") % values)


def _feedback_texts(kind, record, extra):
    match = record.match
    values = {"offer": match.offer.title, "request": match.request.title,
              "requester": _requester(match.request), "provider": _name(match.offer.provider)}
    if record.party == "requester":
        subject = _("Feedback of %(requester)s on a completed match") % values
        said = _("%(requester)s gave its feedback, as the requester, on the match of the offer "
                 "“%(offer)s” with the request “%(request)s”.") % values
    else:
        subject = _("Feedback of %(provider)s on a completed match") % values
        said = _("%(provider)s gave its feedback, as the provider, on the match of the offer "
                 "“%(offer)s” with the request “%(request)s”.") % values
    outcome = {"met": _("The assistance met the need fully."),
               "partly": _("The assistance met the need partly."),
               "not_met": _("The assistance did not meet the need.")}[record.outcome]
    parts = [said, outcome]
    if record.on_behalf:
        parts.append(_("An expert recorded it on the party's behalf: %(who)s.")
                     % {"who": record.by_label})
    return subject, " ".join(parts)


TEXTS = {Kind.CIRCULATED: _request_texts, Kind.OBJECTION_WINDOW: _request_texts,
         Kind.PROPOSAL: _match_texts, Kind.ANSWERED: _match_texts,
         Kind.RECEIVED: _lifecycle_texts, Kind.ACKNOWLEDGED: _lifecycle_texts,
         Kind.PUBLISHED: _lifecycle_texts, Kind.FOLLOW_UP: _lifecycle_texts,
         Kind.REPORT: _report_texts, Kind.MATRIX: _matrix_texts,
         Kind.RECONFIRM: _reconfirm_texts, Kind.MATRIX_REVIEW: _review_texts,
         Kind.MATRIX_ANSWER: _review_texts, Kind.BRIEFING: _briefing_texts,
         Kind.FEEDBACK: _feedback_texts}


def _url(kind, record) -> str:
    if kind == Kind.PROPOSAL:
        return reverse("assistance:my-matches")
    if kind == Kind.ANSWERED:
        return record.request.get_absolute_url()
    if kind == Kind.FEEDBACK:
        return record.match.request.get_absolute_url()
    return record.get_absolute_url()


def mode_for(user, kind: str) -> str:
    pref = Preference.objects.filter(user=user, kind=kind).values_list("mode", flat=True).first()
    return pref or Mode.IMMEDIATE


def notify(kind: str, record, recipients, **extra) -> None:
    """Tell ``recipients`` about ``record`` once the current transaction commits."""
    recipients = list({u.pk: u for u in recipients}.values())
    transaction.on_commit(lambda: deliver(kind, record, recipients, **extra))


def deliver(kind: str, record, recipients, **extra) -> list[Notice]:
    from clearinghouse.jobs import tasks

    sent = []
    with transaction.atomic():
        for user in recipients:
            if (not user.is_active or role_of(user) not in AUDIENCE[kind]
                    or not visible(user, record)):
                continue
            mode = mode_for(user, kind)
            if mode == Mode.OFF:
                continue
            language = user.language or settings.LANGUAGE_CODE
            with translation.override(language):
                subject, body = TEXTS[kind](kind, record, extra)
            notice = Notice.objects.create(
                recipient=user, kind=kind, target_type=record._meta.label_lower,
                target_id=str(record.pk), url=_url(kind, record), subject=subject[:300],
                body=body, language=language, mode=mode)
            log.record(ACTOR, "notice.sent", notice,
                       {"kind": kind, "recipient": user.get_username(), "mode": mode,
                        "record": f"{notice.target_type}:{notice.target_id}"})
            if mode == Mode.IMMEDIATE and user.email:
                transaction.on_commit(lambda pk=notice.pk: tasks.send_notice.enqueue(
                    notice_id=pk))
            sent.append(notice)
    return sent
