"""The experts are told when a party gives feedback on a completed match; nobody else is."""

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.assistance import actions
from clearinghouse.assistance.models import MatchStatus
from clearinghouse.notifications.models import AUDIENCE, Kind, Notice, kinds_for
from clearinghouse.notifications.notify import deliver
from tests.assistance.factories import circulated_request, offer
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(people):
    expert = people["expert"]
    made = offer(expert, people["osce"], title="OSCE training", eligibility=["OSCE"], capacity=2)
    req = circulated_request(expert, people["kaz"], [people["osce"]], title="Export licensing")
    match = actions.propose_match(req, made, expert)
    actions.respond(match, people["provider_poc"], True)
    actions.set_match_status(match, expert, MatchStatus.IN_PROGRESS)
    actions.set_match_status(match, expert, MatchStatus.COMPLETED)
    return match


def _to():
    return sorted(Notice.objects.filter(kind=Kind.FEEDBACK)
                  .values_list("recipient__username", flat=True))


def test_a_party_s_feedback_goes_to_the_experts_only(people, completed,
                                                     django_capture_on_commit_callbacks):
    second = make_user("expert-2", Role.EXPERT)
    second.language = "fr"
    second.save()
    with django_capture_on_commit_callbacks(execute=True):
        given = actions.give_feedback(completed, people["state_poc"], "requester", "partly")
    assert _to() == ["expert", "expert-2"]  # not the parties, the Committee, others
    english = Notice.objects.get(kind=Kind.FEEDBACK, recipient=people["expert"])
    assert english.subject == "Feedback of Kazakhstan on a completed match"
    assert "as the requester" in english.body and "met the need partly" in english.body
    assert english.url == completed.request.get_absolute_url()
    french = Notice.objects.get(kind=Kind.FEEDBACK, recipient=second)
    assert french.language == "fr" and "Kazakhstan" in french.subject
    assert french.subject != english.subject
    # whoever else is proposed gets nothing: points of contact, the Committee
    others = [people[w] for w in ("state_poc", "provider_poc", "committee", "kgz_poc",
                                  "eu_poc")]
    assert deliver(Kind.FEEDBACK, given, others) == []
    assert AUDIENCE[Kind.FEEDBACK] == {Role.EXPERT}
    assert Kind.FEEDBACK not in dict(kinds_for(people["state_poc"]))
    assert Kind.FEEDBACK in dict(kinds_for(people["expert"]))


def test_an_expert_recording_it_on_a_party_s_behalf_is_not_told_of_it(
        people, completed, django_capture_on_commit_callbacks):
    second = make_user("expert-2", Role.EXPERT)
    with django_capture_on_commit_callbacks(execute=True):
        actions.give_feedback(completed, second, "provider", "not_met")
    assert _to() == ["expert"]
    body = Notice.objects.get(kind=Kind.FEEDBACK).body
    assert "as the provider" in body and "did not meet the need" in body
    assert "on the party's behalf: expert-2" in body
