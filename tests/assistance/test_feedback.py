"""Feedback after a match completes (resolution 2663 (2022)): one per party per match, given
by the requester's point of contact (a State's or an organisation's) and the provider's, or by
an expert on their behalf; seen by staff and the two parties; the public sees counts only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from clearinghouse.assistance import actions, queries
from clearinghouse.assistance import briefing as doc
from clearinghouse.assistance.models import Feedback
from clearinghouse.audit.models import AuditEntry
from tests.assistance.factories import completed_world, world
from tests.readers import reader

COMMENT = "feedback-comment-kaz-7731"


def _client(user):
    return reader(user)


@pytest.fixture
def done(personas):
    """KAZ's request, its OSCE match accepted, in progress and completed."""
    return completed_world(personas)


def test_feedback_waits_for_the_match_to_complete(personas):
    w = {**personas, **world(personas)}
    with pytest.raises(actions.ActionError, match="completed"):
        actions.give_feedback(w["match"], w["state_poc"], "requester", "met")
    assert not Feedback.objects.exists()


def test_each_party_gives_its_own_feedback_once_with_its_audit_row(done):
    match, kaz_poc, osce_poc = done["match"], done["state_poc"], done["provider_poc"]
    with pytest.raises(actions.ActionError):
        actions.give_feedback(match, kaz_poc, "provider", "met")  # not its side
    with pytest.raises(PermissionDenied):
        actions.give_feedback(match, done["other_state_poc"], "requester", "met")
    with pytest.raises(PermissionDenied):
        actions.give_feedback(match, done["other_provider_poc"], "provider", "met")
    with pytest.raises(actions.ActionError, match="outcome"):
        actions.give_feedback(match, kaz_poc, "requester", "great")
    given = actions.give_feedback(match, kaz_poc, "requester", "partly", COMMENT)
    assert (given.party, given.outcome, given.by, given.on_behalf) == (
        "requester", "partly", kaz_poc, False)
    with pytest.raises(actions.ActionConflict, match="poc-kaz"):
        actions.give_feedback(match, done["expert"], "requester", "met")
    on_behalf = actions.give_feedback(match, done["expert"], "provider", "met", "By phone")
    assert on_behalf.on_behalf
    with pytest.raises(actions.ActionConflict):
        actions.give_feedback(match, osce_poc, "provider", "not_met")
    entries = AuditEntry.objects.filter(action="assistance.feedback.given")
    assert entries.count() == 2


def test_who_sees_the_feedback(done):
    match = done["match"]
    actions.give_feedback(match, done["state_poc"], "requester", "partly", COMMENT)
    actions.give_feedback(match, done["provider_poc"], "provider", "met")
    for who in ("expert", "committee", "state_poc", "provider_poc"):
        assert Feedback.objects.visible_to(done[who]).count() == 2, who
    for who in ("other_state_poc", "other_provider_poc", "public"):
        assert not Feedback.objects.visible_to(done[who]).exists(), who
    page = _client(done["state_poc"]).get(match.request.get_absolute_url()).content.decode()
    assert COMMENT in page
    page = _client(done["provider_poc"]).get(match.request.get_absolute_url()).content.decode()
    assert COMMENT in page


def test_the_forms_on_the_request_page(done, client_for):
    match, url = done["match"], done["match"].request.get_absolute_url()
    page = client_for("state_poc").get(url).content.decode()
    assert 'data-party="requester"' in page and 'class="stacked feedback-form" data-party="provider"' not in page
    page = client_for("expert").get(url).content.decode()
    assert page.count("feedback-form") == 2  # on either party's behalf
    answer = client_for("provider_poc").post(
        reverse("assistance:match-action", args=[match.pk, "feedback"]),
        {"party": "provider", "outcome": "not_met", "comment": "Postponed twice"})
    assert answer.status_code == 302 and answer["Location"] == url
    assert Feedback.objects.get().outcome == "not_met"
    again = client_for("provider_poc").post(
        reverse("assistance:match-action", args=[match.pk, "feedback"]),
        {"party": "provider", "outcome": "met"}, follow=True)
    assert "already given" in again.content.decode()
    assert Feedback.objects.get().outcome == "not_met"
    # Another provider cannot even reach the match.
    other = client_for("provider_poc")
    other.force_login(done["other_provider_poc"])
    assert other.post(reverse("assistance:match-action", args=[match.pk, "feedback"]),
                      {"party": "provider", "outcome": "met"}).status_code == 404


def test_statistics_show_counts_and_the_briefing_the_words(done, client_for):
    match = done["match"]
    actions.give_feedback(match, done["state_poc"], "requester", "partly", COMMENT)
    actions.give_feedback(match, done["provider_poc"], "provider", "met")
    # Counts over the requests the reader may see: nothing of an unpublished request.
    assert _counts(done["other_state_poc"])["total"] == 0
    assert _counts(done["state_poc"])["total"] == 2
    actions.answer_publication(match.request, done["state_poc"], "consented")
    public = client_for("public").get(reverse("assistance:statistics")).content.decode()
    assert 'id="feedback-counts"' in public and COMMENT not in public
    csv = client_for("public").get(reverse("assistance:statistics"),
                                   {"table": "feedback", "export": "csv"}).content.decode()
    rows = [line.split(",") for line in csv.lstrip("\ufeff").strip().splitlines()]
    assert rows[0] == ["Party", "met fully", "met partly", "not met", "Total"]
    assert rows[1] == ["requester", "0", "1", "0", "1"]
    assert rows[2] == ["provider", "1", "0", "0", "1"]
    from django.contrib.auth.models import AnonymousUser

    assert _counts(AnonymousUser())["total"] == 2  # published now: the public reads the counts
    today = timezone.localdate()
    data = queries.briefing(done["expert"], today - dt.timedelta(days=1), today)
    html = doc.render_html(data)
    assert "Feedback after completed matches (2)" in html and COMMENT in html
    assert doc.render_docx(data)[:2] == b"PK"


def _counts(user):
    from clearinghouse.assistance import feedback

    return feedback.counts(queries.requests_for(user))
