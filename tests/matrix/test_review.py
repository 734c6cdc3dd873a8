"""A draft sent to its State for review: the experts send it (audited, with the deadline in UN
working days), the State's points of contact read it and answer (confirm or comment); nobody
else sees the review, not even once the version is published."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clearinghouse.audit.models import AuditEntry
from clearinghouse.core.concurrency import StateChanged
from clearinghouse.matrix import actions
from clearinghouse.matrix.models import Review

pytestmark = pytest.mark.django_db

REVIEW = "/matrix/KAZ/v2/review/"
PERSONAS = ["expert", "committee", "state_poc", "provider_poc", "public"]


@pytest.fixture
def sent(matrices, expert):
    return actions.send_for_review(expert, matrices["kaz2"], sent_on=dt.date(2026, 11, 20))


def test_the_deadline_counts_un_working_days_across_the_holidays(settings):
    settings.MATRIX_REVIEW_WORKING_DAYS = 5
    # Thursday 26 November 2026 is Thanksgiving, a UN Headquarters holiday: not counted.
    assert actions.review_deadline(dt.date(2026, 11, 23)) == dt.date(2026, 12, 1)
    settings.MATRIX_REVIEW_WORKING_DAYS = 60
    # 60 weekdays, and Thanksgiving, Christmas and New Year's Day: 17 February 2027.
    assert actions.review_deadline(dt.date(2026, 11, 20)) == dt.date(2027, 2, 17)
    settings.MATRIX_REVIEW_WORKING_DAYS = 0
    assert actions.review_deadline(dt.date(2026, 11, 20)) is None


def test_sending_is_audited_and_only_a_draft_once_at_a_time(matrices, expert, personas, sent):
    assert (sent.sent_on, sent.deadline, sent.sent_by) == (
        dt.date(2026, 11, 20), dt.date(2027, 2, 17), expert)
    entry = AuditEntry.objects.get(action="matrix.review.sent")
    assert entry.target_id == str(sent.pk) and entry.changes["state"] == "KAZ"
    with pytest.raises(StateChanged, match="already sent"):
        actions.send_for_review(expert, matrices["kaz2"])
    with pytest.raises(StateChanged, match="Only a draft"):
        actions.send_for_review(expert, matrices["kaz1"])
    for other in ("committee", "state_poc", "provider_poc"):
        with pytest.raises(PermissionDenied):
            actions.send_for_review(personas[other], matrices["uzb1"])


@pytest.mark.parametrize("persona,status", [("expert", 200), ("committee", 200),
                                            ("state_poc", 200), ("provider_poc", 404),
                                            ("public", 404)])
def test_who_reads_the_version_under_review(sent, client_for, persona, status):
    page = client_for(persona).get(REVIEW)
    assert page.status_code == status
    if status == 200:
        text = page.content.decode()
        assert "KAZ DRAFT REMARK" in text and 'data-answer="awaited"' in text
        assert ('id="review-answer"' in text) == (persona == "state_poc")


def test_a_state_poc_of_another_state_gets_404_and_cannot_answer(sent, uzb_poc, client):
    client.force_login(uzb_poc)
    assert client.get(REVIEW).status_code == 404
    assert client.post(REVIEW + "answer", {"answer": "confirmed"}).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.answer_review(uzb_poc, sent, "confirmed")
    assert Review.objects.visible_to(uzb_poc).count() == 0
    sent.refresh_from_db()
    assert sent.is_open


def test_the_state_answers_once_with_comments_and_nobody_else_may(sent, client_for, personas):
    poc = client_for("state_poc")
    refused = poc.post(REVIEW + "answer", {"answer": "comments", "comments": "  "}, follow=True)
    assert "write the State" in refused.content.decode()
    answer = poc.post(REVIEW + "answer", {"answer": "comments",
                                          "comments": "OP2.NW.01: see the 2025 amendment."})
    assert answer.status_code == 302
    sent.refresh_from_db()
    assert (sent.answer, sent.answered_by, sent.comments) == (
        "comments", personas["state_poc"], "OP2.NW.01: see the 2025 amendment.")
    assert AuditEntry.objects.get(action="matrix.review.answered").target_id == str(sent.pk)
    with pytest.raises(StateChanged, match="already answered"):
        actions.answer_review(personas["state_poc"], sent, "confirmed")
    for other in ("expert", "committee", "provider_poc", "public"):
        assert client_for(other).post(REVIEW + "answer", {"answer": "confirmed"}).status_code in (
            302, 403, 404) and Review.objects.get().answer == "comments"
    page = client_for("expert").get(REVIEW).content.decode()
    assert "2025 amendment" in page and 'id="review-answer"' not in page
    # Answered: the experts may send the (revised) draft again, a new round.
    actions.send_for_review(personas["expert"], sent.version)
    assert Review.objects.filter(version=sent.version).count() == 2
    with pytest.raises(ValidationError):
        actions.answer_review(personas["state_poc"], Review.objects.last(), "maybe")


def test_the_review_stays_hidden_from_the_public_once_published(sent, personas, committee,
                                                                client_for):
    actions.answer_review(personas["state_poc"], sent, "confirmed")
    version = sent.version
    version.refresh_from_db()
    actions.approve(committee, version, dt.date(2026, 11, 25), reference="1540/SR.200")
    actions.publish(personas["expert"], version)
    assert client_for("public").get("/matrix/KAZ/?version=2").status_code == 200
    assert client_for("public").get(REVIEW).status_code == 404
    assert client_for("provider_poc").get(REVIEW).status_code == 404
    assert not Review.objects.visible_to(None).exists()


def test_the_matrix_page_sends_and_links_the_review(matrices, client_for):
    expert = client_for("expert")
    assert 'id="send-review"' in expert.get("/matrix/KAZ/?version=2").content.decode()
    assert 'id="send-review"' not in client_for("state_poc").get(
        "/matrix/KAZ/?version=2").content.decode()
    answer = expert.post("/matrix/KAZ/v2/review/send")
    assert answer.status_code == 302 and answer["Location"] == REVIEW
    page = expert.get("/matrix/KAZ/?version=2").content.decode()
    assert 'id="review-link"' in page and 'id="send-review"' not in page
    assert 'id="review-link"' in client_for("state_poc").get(
        "/matrix/KAZ/?version=2").content.decode()
    assert client_for("state_poc").post("/matrix/KAZ/v2/review/send").status_code == 403
    assert expert.get("/matrix/KAZ/v2/review/send").status_code == 405
    assert expert.get("/matrix/KAZ/v9/review/").status_code == 404
