"""The notices of a matrix's review by its State, of publication on the State's consent, and
the preferences page per role: who gets each, who must not, in which language."""

import datetime as dt

import pytest
from django.urls import reverse

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.matrix import actions as matrix
from clearinghouse.notifications.models import AUDIENCE, Kind, Notice, Preference
from clearinghouse.notifications.notify import deliver
from tests.assistance.factories import circulated_request
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

EXPERT_ONLY = {Kind.RECEIVED, Kind.ANSWERED, Kind.FOLLOW_UP, Kind.REPORT, Kind.MATRIX_ANSWER,
               Kind.BRIEFING}


def _to(kind):
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_matrix_sent_for_review_tells_the_state_with_the_deadline_in_its_language(
        people, django_capture_on_commit_callbacks):
    version = matrix.start_version(people["expert"], people["kaz"])
    with django_capture_on_commit_callbacks(execute=True):
        review = matrix.send_for_review(people["expert"], version, sent_on=dt.date(2026, 11, 20))
    assert _to(Kind.MATRIX_REVIEW) == ["poc-kaz"]    # not poc-kgz, providers nor experts
    notice = Notice.objects.get(kind=Kind.MATRIX_REVIEW)
    assert notice.language == "fr" and notice.url == review.get_absolute_url()
    assert "20 novembre 2026" in notice.body and "17 février 2027" in notice.body
    assert "examen" in notice.subject
    # Nobody else, whatever the caller proposes.
    assert deliver(Kind.MATRIX_REVIEW, review, [people["kgz_poc"], people["provider_poc"],
                                                people["expert"]]) == []


def test_no_deadline_is_stated_when_the_setting_is_zero(people, settings,
                                                         django_capture_on_commit_callbacks):
    settings.MATRIX_REVIEW_WORKING_DAYS = 0
    people["state_poc"].language = "en"
    people["state_poc"].save()
    version = matrix.start_version(people["expert"], people["kaz"])
    with django_capture_on_commit_callbacks(execute=True):
        matrix.send_for_review(people["expert"], version, sent_on=dt.date(2026, 11, 20))
    body = Notice.objects.get(kind=Kind.MATRIX_REVIEW).body
    assert body.endswith("Please confirm it or send your comments.") and " by " not in body


def test_the_state_s_answer_tells_the_experts_only(people, django_capture_on_commit_callbacks):
    french_expert = make_user("expert-fr", Role.EXPERT)
    french_expert.language = "fr"
    french_expert.save()
    version = matrix.start_version(people["expert"], people["kaz"])
    review = matrix.send_for_review(people["expert"], version, sent_on=dt.date(2026, 11, 20))
    with django_capture_on_commit_callbacks(execute=True):
        matrix.answer_review(people["state_poc"], review, "comments", "OP1: see the new law",
                             today=dt.date(2026, 12, 3))
    assert _to(Kind.MATRIX_ANSWER) == ["expert", "expert-fr"]
    english = Notice.objects.get(kind=Kind.MATRIX_ANSWER, recipient=people["expert"])
    assert english.subject == "Kazakhstan commented on version 1 of its matrix"
    assert "3 December 2026" in english.body
    french = Notice.objects.get(kind=Kind.MATRIX_ANSWER, recipient=french_expert)
    assert french.language == "fr" and "3 décembre 2026" in french.body
    assert deliver(Kind.MATRIX_ANSWER, review, [people["state_poc"], people["committee"]]) == []


def test_approval_still_tells_the_state_and_the_experts(people,
                                                        django_capture_on_commit_callbacks):
    version = matrix.start_version(people["expert"], people["kaz"])
    review = matrix.send_for_review(people["expert"], version)
    matrix.answer_review(people["state_poc"], review, "confirmed")
    version.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        matrix.approve(people["expert"], version, dt.date(2026, 11, 5), reference="1540/SR.9")
    assert _to(Kind.MATRIX) == ["expert", "poc-kaz"]


def test_consent_publishes_and_tells_the_state_once(people, django_capture_on_commit_callbacks):
    req = circulated_request(people["expert"], people["kaz"], [people["osce"]],
                             day=dt.date(2026, 11, 23))
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer_publication(req, people["state_poc"], "consented",
                                   today=dt.date(2026, 11, 25))
    assert _to(Kind.PUBLISHED) == ["poc-kaz"]        # not the providers, not the experts
    notice = Notice.objects.get(kind=Kind.PUBLISHED)
    assert notice.language == "fr" and "25 novembre 2026" in notice.subject
    # The window's close finds it published: no second notice.
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.publish_due(dt.date(2026, 12, 2)) == []
    assert Notice.objects.filter(kind=Kind.PUBLISHED).count() == 1


def test_consent_at_submission_tells_the_requester(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req = actions.create_request(people["state_poc"], state=people["kaz"],
                                     received=dt.date(2026, 11, 2), title="Biosecurity",
                                     description="Laboratory biosecurity training",
                                     consent="consented")
    assert req.published_on is not None
    assert _to(Kind.PUBLISHED) == ["poc-kaz"]
    assert _to(Kind.RECEIVED) == ["expert"]


def test_an_objection_publishes_nothing_and_tells_nobody(people,
                                                         django_capture_on_commit_callbacks):
    req = circulated_request(people["expert"], people["kaz"], [people["osce"]],
                             day=dt.date(2026, 11, 23))
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer_publication(req, people["state_poc"], "objected",
                                   today=dt.date(2026, 11, 24))
        actions.publish_due(dt.date(2026, 12, 2))
    assert _to(Kind.PUBLISHED) == []


@pytest.mark.parametrize("persona", ["expert", "committee", "state_poc", "provider_poc"])
def test_the_preferences_page_lists_only_the_kinds_of_the_role(people, client_for, persona):
    role = Role.EXPERT if persona == "expert" else people[persona].role
    page = client_for(persona).get(reverse("notifications:preferences")).content.decode()
    for kind in Kind:
        assert (f'name="{kind.value}"' in page) == (role in AUDIENCE[kind]), (persona, kind)
    if persona in ("state_poc", "provider_poc"):
        assert not any(f'name="{k.value}"' in page for k in EXPERT_ONLY)
    if persona == "committee":
        assert 'id="no-kinds"' in page


def test_a_poc_cannot_choose_an_expert_only_kind(people, client_for):
    client = client_for("state_poc")
    answer = client.post(reverse("notifications:preferences"),
                         {Kind.RECEIVED: "digest", Kind.MATRIX_REVIEW: "digest"})
    assert answer.status_code == 302
    chosen = dict(Preference.objects.filter(user=people["state_poc"]).values_list("kind", "mode"))
    assert chosen[Kind.MATRIX_REVIEW] == "digest" and Kind.RECEIVED not in chosen
    assert Kind.OBJECTION_WINDOW in chosen and Kind.BRIEFING not in chosen


def test_every_kind_declares_its_audience_and_expert_only_kinds_reach_no_poc(people):
    assert set(AUDIENCE) == set(Kind)
    for kind in EXPERT_ONLY:
        assert AUDIENCE[kind] == {Role.EXPERT}
    req = actions.create_request(people["expert"], state=people["kaz"],
                                 received=dt.date(2026, 11, 2), title="Biosecurity",
                                 description="Laboratory biosecurity training")
    # The requesting State may see its request, but "received" is for the experts.
    assert deliver(Kind.RECEIVED, req, [people["state_poc"]]) == []
    assert [n.recipient for n in deliver(Kind.RECEIVED, req, [people["expert"]])] == [
        people["expert"]]
