"""Each notice: who gets it, who must not, in which language; preferences, e-mail, the bell."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from clearinghouse.assistance import actions
from clearinghouse.audit.models import AuditEntry
from clearinghouse.jobs import tasks
from clearinghouse.notifications.models import Kind, Mode, Notice, Preference
from clearinghouse.notifications.notify import deliver
from tests.assistance.factories import circulated_request, offer

pytestmark = pytest.mark.django_db


def _to(kind):
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_circulation_tells_the_providers_and_the_state_the_deadline_in_its_language(
        people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req = circulated_request(people["expert"], people["kaz"], [people["osce"]],
                                 day=dt.date(2026, 11, 23))
    assert _to(Kind.CIRCULATED) == ["provider-osce"]          # not provider-eu, not poc-kgz
    assert _to(Kind.OBJECTION_WINDOW) == ["poc-kaz"]           # only the requesting State
    window = Notice.objects.get(kind=Kind.OBJECTION_WINDOW)
    assert window.language == "fr" and "1 décembre 2026" in window.body
    circulated = Notice.objects.get(kind=Kind.CIRCULATED)
    assert circulated.language == "en" and req.title in circulated.body
    # With the request's receipt (experts) and acknowledgement (the State): four notices.
    assert AuditEntry.objects.filter(action="notice.sent").count() == 4
    # Immediate by default: one e-mail task per notice, on the queue.
    assert DBTaskResult.objects.filter(task_path=tasks.send_notice.module_path).count() == 4


def test_a_proposal_goes_to_the_offer_s_provider_only_and_is_emailed(
        people, django_capture_on_commit_callbacks):
    osce_offer = offer(people["expert"], people["osce"], title="OSCE export control training",
                       eligibility=["OSCE"], capacity=2)
    req = circulated_request(people["expert"], people["kaz"], [people["osce"]])
    with django_capture_on_commit_callbacks(execute=True):
        match = actions.propose_match(req, osce_offer, people["expert"])
    assert _to(Kind.PROPOSAL) == ["provider-osce"]
    notice = Notice.objects.get(kind=Kind.PROPOSAL)
    assert notice.url == reverse("assistance:my-matches") and osce_offer.title in notice.subject
    tasks.send_notice.call(notice_id=notice.pk)
    assert [m.to for m in mail.outbox] == [["provider-osce@example.org"]]
    assert mail.outbox[0].subject == notice.subject
    notice.refresh_from_db()
    assert notice.emailed_at is not None
    tasks.send_notice.call(notice_id=notice.pk)      # never twice
    assert len(mail.outbox) == 1
    # The answer goes to the experts, not to the State nor other providers.
    with django_capture_on_commit_callbacks(execute=True):
        actions.respond(match, people["provider_poc"], accept=True)
    assert _to(Kind.ANSWERED) == ["expert"]
    assert "accepted" in Notice.objects.get(kind=Kind.ANSWERED).subject


def test_nobody_is_told_of_a_record_they_may_not_see(people):
    osce_offer = offer(people["expert"], people["osce"], title="OSCE training",
                       eligibility=["OSCE"], capacity=2)
    req = circulated_request(people["expert"], people["kaz"], [people["osce"]])
    match = actions.propose_match(req, osce_offer, people["expert"])
    others = [people["eu_poc"], people["kgz_poc"]]  # points of contact who may not see it
    assert deliver(Kind.PROPOSAL, match, others) == []
    uncirculated = actions.create_request(people["expert"], state=people["kgz"],
                                          received=dt.date(2026, 11, 2), title="Biosecurity",
                                          description="Laboratory biosecurity training")
    assert deliver(Kind.CIRCULATED, uncirculated, [people["provider_poc"], people["state_poc"]]) == []
    assert not Notice.objects.exists()


def test_preferences_off_and_daily_digest(people, client_for, django_capture_on_commit_callbacks):
    client = client_for("provider_poc")
    answer = client.post(reverse("notifications:preferences"),
                         {Kind.CIRCULATED: "off", Kind.PROPOSAL: "digest"})
    assert answer.status_code == 302
    assert Preference.objects.get(user=people["provider_poc"], kind=Kind.CIRCULATED).mode == "off"
    osce_offer = offer(people["expert"], people["osce"], title="OSCE training",
                       eligibility=["OSCE"], capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        req = circulated_request(people["expert"], people["kaz"], [people["osce"]])
        actions.propose_match(req, osce_offer, people["expert"])
    assert _to(Kind.CIRCULATED) == [] and _to(Kind.PROPOSAL) == ["provider-osce"]
    assert Notice.objects.get(kind=Kind.PROPOSAL).mode == Mode.DIGEST
    # The request's receipt (experts), acknowledgement and objection window (the State) are
    # e-mailed at once; the proposal waits.
    assert DBTaskResult.objects.filter(task_path=tasks.send_notice.module_path).count() == 3
    tasks.daily_digest.call()
    assert [m.to for m in mail.outbox if m.to == ["provider-osce@example.org"]] == [
        ["provider-osce@example.org"]]
    assert client.post(reverse("notifications:preferences"),
                       {Kind.PROPOSAL: "sometimes"}).status_code == 400


def test_the_bell_the_page_and_reading(people, client_for, django_capture_on_commit_callbacks):
    osce_offer = offer(people["expert"], people["osce"], title="OSCE training",
                       eligibility=["OSCE"], capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        req = circulated_request(people["expert"], people["kaz"], [people["osce"]])
        actions.propose_match(req, osce_offer, people["expert"])
    client = client_for("provider_poc")
    home = client.get("/").content.decode()
    assert 'data-unread="2"' in home
    page = client.get(reverse("notifications:list")).content.decode()
    proposal = Notice.objects.get(kind=Kind.PROPOSAL)
    assert proposal.subject in page
    opened = client.post(reverse("notifications:open", args=[proposal.pk]))
    assert opened.status_code == 302 and opened["Location"] == reverse("assistance:my-matches")
    assert 'data-unread="1"' in client.get("/").content.decode()
    for other in ("state_poc", "expert", "committee"):
        stranger = client_for(other)
        assert stranger.post(reverse("notifications:open", args=[proposal.pk])).status_code == 404
        assert proposal.subject not in stranger.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:read-all"))
    assert 'data-unread="0"' in client.get("/").content.decode()
    assert 'id="bell"' not in client_for("public").get("/").content.decode()
