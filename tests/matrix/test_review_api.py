"""Reviews of drafts by their State through the API: /api/matrix/reviews/ (list, detail) and
POST /api/matrix/reviews/{id}/answer/. Seen by staff and that State's points of contact only;
who sent and answered named to staff only; the State answers once (409 the second time)."""

import datetime as dt

import pytest

from clearinghouse.audit.models import AuditEntry
from clearinghouse.matrix import actions
from clearinghouse.matrix.models import Review
from tests.readers import reader

pytestmark = pytest.mark.django_db

LIST = "/api/matrix/reviews/"


@pytest.fixture
def reviews(matrices, expert):
    """KAZ's draft (version 2) and UZB's draft (version 1), each sent to its State."""
    return {
        "kaz": actions.send_for_review(expert, matrices["kaz2"], sent_on=dt.date(2026, 11, 20)),
        "uzb": actions.send_for_review(expert, matrices["uzb1"], sent_on=dt.date(2026, 11, 23)),
    }


@pytest.fixture
def readers(personas, uzb_poc):
    """Each role, and a point of contact of another State (UZB) than the one of ``state_poc``
    (KAZ)."""
    return {**personas, "uzb_poc": uzb_poc}


def _client(readers, who):
    return reader(readers[who])


def _answer(client, review, body, **headers):
    return client.post(f"{LIST}{review.pk}/answer/", body, content_type="application/json",
                       **headers)


# persona -> the reviews (by State) it sees
SEES = {
    "expert": {"kaz", "uzb"},
    "committee": {"kaz", "uzb"},
    "state_poc": {"kaz"},
    "uzb_poc": {"uzb"},
    "provider_poc": set(),
    "public": set(),
}


@pytest.mark.parametrize("who", sorted(SEES))
def test_each_role_sees_exactly_its_reviews_in_list_and_detail(reviews, readers, who):
    client = _client(readers, who)
    data = client.get(LIST).json()
    assert data["count"] == len(SEES[who])
    assert {r["id"] for r in data["results"]} == {reviews[s].pk for s in SEES[who]}
    for state, review in reviews.items():
        answer = client.get(f"{LIST}{review.pk}/")
        if state not in SEES[who]:
            assert answer.status_code == 404
            continue
        assert answer.status_code == 200 and answer["ETag"] == f'"{review.revision}"'
        body = answer.json()
        assert (body["state"], body["version"], body["sent_on"], body["answer"]) == (
            state.upper(), 1 if state == "uzb" else 2, str(review.sent_on), "awaited")
        assert body["deadline"] == str(review.deadline)
        assert (body["comments"], body["answered_on"]) == ("", None)
        # Who sent and who answered: named to staff only.
        if who in ("expert", "committee"):
            assert (body["sent_by"], body["answered_by"]) == ("expert", None)
        else:
            assert "sent_by" not in body and "answered_by" not in body


def test_filters_by_state_and_answer_and_refuses_bad_values(reviews, readers):
    actions.answer_review(readers["uzb_poc"], reviews["uzb"], "confirmed")
    expert = _client(readers, "expert")

    def ids(query):
        answer = expert.get(LIST + query)
        assert answer.status_code == 200, answer.content
        return [r["id"] for r in answer.json()["results"]]

    assert ids("?state=kaz") == [reviews["kaz"].pk]
    assert ids("?state=UZB&answer=confirmed") == [reviews["uzb"].pk]
    assert ids("?answer=awaited") == [reviews["kaz"].pk]
    assert ids("?answer=comments") == []
    assert ids("?state=TKM") == []
    assert ids("?limit=1") == [reviews["uzb"].pk]  # newest first, paginated as other lists
    # A State's point of contact filtering on another State gets nothing.
    assert _client(readers, "state_poc").get(LIST + "?state=UZB").json()["count"] == 0
    for query, parameter in (("?answer=maybe", "answer"), ("?state=KAZAKHSTAN", "state"),
                             ("?limit=0", "limit")):
        refused = expert.get(LIST + query)
        assert refused.status_code == 400 and refused.json()["parameter"] == parameter


def test_the_states_point_of_contact_answers_once_then_409_naming_who(reviews, readers):
    review = reviews["kaz"]
    poc = _client(readers, "state_poc")
    answer = _answer(poc, review, {"answer": "comments", "comments": "OP2.NW.01: see the 2025 "
                                                                     "amendment."})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["answer"], body["comments"]) == ("comments", "OP2.NW.01: see the 2025 amendment.")
    assert body["answered_on"] and "answered_by" not in body
    review.refresh_from_db()
    assert answer["ETag"] == f'"{review.revision}"'
    assert (review.answer, review.answered_by) == ("comments", readers["state_poc"])
    assert AuditEntry.objects.filter(action="matrix.review.answered",
                                     target_id=str(review.pk)).count() == 1
    again = _answer(poc, review, {"answer": "confirmed"})
    assert again.status_code == 409
    assert "already answered" in again.json()["detail"] and "poc-kaz" in again.json()["detail"]
    review.refresh_from_db()
    assert review.answer == "comments"
    staff = _client(readers, "expert").get(f"{LIST}{review.pk}/").json()
    assert (staff["answer"], staff["answered_by"]) == ("comments", "poc-kaz")


@pytest.mark.parametrize("who,status", [("expert", 403), ("committee", 403),
                                        ("provider_poc", 403), ("public", 403),
                                        ("uzb_poc", 404)])
def test_nobody_else_may_answer(reviews, readers, who, status):
    answer = _answer(_client(readers, who), reviews["kaz"], {"answer": "confirmed"})
    assert answer.status_code == status
    assert "detail" in answer.json()
    assert Review.objects.get(pk=reviews["kaz"].pk).is_open


@pytest.mark.parametrize("body,field", [
    ({}, "answer"),
    ({"answer": "maybe"}, "answer"),
    ({"answer": "awaited"}, "answer"),
    ({"answer": "comments"}, "comments"),
    ({"answer": "comments", "comments": "   "}, "comments"),
    ({"answer": "comments", "comments": "x" * 20001}, "comments"),
    ({"answer": ["confirmed"]}, "answer"),
    (["confirmed"], "non_field_errors"),
])
def test_bad_bodies_are_refused_with_400_naming_the_field(reviews, readers, body, field):
    answer = _answer(_client(readers, "state_poc"), reviews["kaz"], body)
    assert answer.status_code == 400
    assert field in answer.json(), answer.json()
    assert Review.objects.get(pk=reviews["kaz"].pk).is_open


def test_a_body_that_is_not_json_is_refused(reviews, readers):
    answer = _client(readers, "state_poc").post(f"{LIST}{reviews['kaz'].pk}/answer/", "{not json",
                                                content_type="application/json")
    assert answer.status_code == 400 and Review.objects.get(pk=reviews["kaz"].pk).is_open


def test_if_match_stale_is_412_current_is_accepted(reviews, readers):
    review = reviews["kaz"]
    poc = _client(readers, "state_poc")
    etag = poc.get(f"{LIST}{review.pk}/")["ETag"]
    stale = _answer(poc, review, {"answer": "confirmed"}, HTTP_IF_MATCH='"999"')
    assert stale.status_code == 412 and Review.objects.get(pk=review.pk).is_open
    assert _answer(poc, review, {"answer": "confirmed"}, HTTP_IF_MATCH=etag).status_code == 200


def _more_rounds(reviews, readers, n):
    """``n`` more answered rounds of each draft (as the experts send a draft again)."""
    for state, poc in (("kaz", "state_poc"), ("uzb", "uzb_poc")):
        version = reviews[state].version
        for i in range(n):
            Review.objects.create(version=version, sent_on=dt.date(2026, 1, 1 + i),
                                  sent_by=readers["expert"], answer="comments",
                                  comments=f"round {i}", answered_on=dt.date(2026, 2, 1 + i),
                                  answered_by=readers[poc])


@pytest.mark.parametrize("who", ["expert", "state_poc"])
def test_queries_do_not_grow_with_the_number_of_reviews(reviews, readers, who,
                                                        django_assert_max_num_queries):
    client = _client(readers, who)
    client.get(LIST)  # the session, once
    with django_assert_max_num_queries(20) as few:
        assert client.get(LIST).status_code == 200
    _more_rounds(reviews, readers, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get(LIST).json()
    assert data["count"] == (26 if who == "expert" else 13)
    assert all(("answered_by" in r) == (who == "expert") for r in data["results"])
