"""Loose ends of needs and feedback: whole-sentence errors per kind of code, the request API's
queries, the briefing's need numbers, feedback through the API and the experts' notice."""

import pytest

from clearinghouse.assistance import need_actions


@pytest.mark.parametrize(("kind", "bad", "unknown"), [
    ("areas", "the areas must be a list of codes", "unknown areas: op9"),
    ("weapons", "the weapon types must be a list of codes", "unknown weapon types: op9"),
    ("types", "the types of assistance must be a list of codes",
     "unknown types of assistance: op9"),
])
def test_each_kind_of_code_has_its_own_sentence(kind, bad, unknown):
    with pytest.raises(need_actions.NeedsError, match=f"^Need 2: {bad}.$"):
        need_actions.clean([{"description": "x"}, {"description": "y", kind: "op9"}])
    with pytest.raises(need_actions.NeedsError, match=f"^Need 1: {unknown}$"):
        need_actions.clean([{"description": "x", kind: ["op9"]}])


def _requests_with_matches(expert, n):
    from clearinghouse.assistance import actions
    from clearinghouse.registry.models import Organisation, State
    from tests.assistance.factories import circulated_request, offer

    osce = Organisation.objects.get(code="OSCE")
    made = offer(expert, osce, title="OSCE export control training", capacity=50)
    for _k in range(n):
        req = circulated_request(expert, State.objects.get(iso3="KAZ"), [osce])
        actions.propose_match(req, made, expert)


@pytest.mark.django_db
def test_the_request_api_reads_all_matches_in_one_query(personas, django_assert_max_num_queries):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    expert = personas["expert"]
    client = Client()
    client.force_login(expert)
    _requests_with_matches(expert, 1)
    with CaptureQueriesContext(connection) as one:
        data = client.get("/api/assistance/requests/").json()
    assert sum(len(n["matches"]) for r in data["results"] for n in r["needs"]) == 1
    _requests_with_matches(expert, 5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        data = client.get("/api/assistance/requests/").json()
    assert sum(len(n["matches"]) for r in data["results"] for n in r["needs"]) == 6


@pytest.mark.django_db
def test_the_briefing_names_the_need_of_a_match_when_the_request_has_several(personas):
    import datetime as dt

    from clearinghouse.assistance import actions, briefing, queries
    from clearinghouse.registry.models import Organisation, State
    from tests.assistance.factories import circulated_request, offer

    expert = personas["expert"]
    osce = Organisation.objects.get(code="OSCE")
    made = offer(expert, osce, title="OSCE export control training", capacity=5)
    two = circulated_request(expert, State.objects.get(iso3="KAZ"), [osce], title="Two needs",
                             needs=[{"description": "Export licensing training."},
                                    {"description": "Training of licensing officials."}])
    one = circulated_request(expert, State.objects.get(iso3="KGZ"), [osce], title="One need")
    actions.propose_match(two, made, expert, need=two.needs.get(number=2))
    actions.propose_match(one, made, expert)
    today = dt.date.today()
    data = queries.briefing(expert, today - dt.timedelta(days=5), today)
    heading, _columns, rows = next(s for s in briefing.sections(data)
                                   if s[0] == "Matches proposed or answered")
    assert sorted(r[0] for r in rows) == sorted([f"{two.engine_id}: Two needs (need 2)",
                                                 f"{one.engine_id}: One need"])
    assert "(need 2)" in briefing.render_html(data)


@pytest.fixture
def done(personas):
    """KAZ's request, its OSCE match accepted, in progress and completed."""
    from tests.assistance.factories import completed_world

    return completed_world(personas)


def _api(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


SECRET = "api-feedback-words-5521"


@pytest.mark.django_db
def test_feedback_is_given_through_the_api_by_a_party_or_an_expert(done):
    from clearinghouse.assistance.models import Feedback

    url = f"/api/assistance/matches/{done['match'].pk}/feedback/"
    body = {"party": "requester", "outcome": "partly", "comment": SECRET}
    for who in ("other_state_poc", "other_provider_poc"):  # not a party: not even seen
        assert _api(done[who]).post(url, body, content_type="application/json"
                                    ).status_code == 404, who
    assert _api(done["committee"]).post(url, body, content_type="application/json"
                                        ).status_code == 403
    assert _api(None).post(url, body, content_type="application/json").status_code in (401, 403)
    wrong = _api(done["state_poc"]).post(url, {**body, "party": "provider"},
                                         content_type="application/json")
    assert wrong.status_code == 400 and "your own side" in wrong.json()["detail"]
    bad = _api(done["state_poc"]).post(url, {**body, "outcome": "great"},
                                       content_type="application/json")
    assert bad.status_code == 400 and "outcome" in bad.json()
    assert not Feedback.objects.exists()
    made = _api(done["state_poc"]).post(url, body, content_type="application/json")
    assert made.status_code == 201
    assert (made.json()["party"], made.json()["outcome"], made.json()["on_behalf"]) == (
        "requester", "partly", False)
    again = _api(done["expert"]).post(url, body, content_type="application/json")
    assert again.status_code == 409 and "poc-kaz" in again.json()["detail"]
    behalf = _api(done["expert"]).post(url, {"party": "provider", "outcome": "met"},
                                       content_type="application/json")
    assert behalf.status_code == 201 and behalf.json()["on_behalf"] is True
    assert Feedback.objects.count() == 2


@pytest.mark.django_db
def test_feedback_is_read_on_the_match_by_staff_and_the_two_parties_only(done):
    from clearinghouse.assistance import actions

    match = done["match"]
    actions.give_feedback(match, done["state_poc"], "requester", "partly", SECRET)
    actions.give_feedback(match, done["provider_poc"], "provider", "met")
    for who in ("expert", "committee", "state_poc", "provider_poc"):
        one = _api(done[who]).get(f"/api/assistance/matches/{match.pk}/").json()
        assert [(f["party"], f["outcome"]) for f in one["feedback"]] == [
            ("requester", "partly"), ("provider", "met")], who
        listed = _api(done[who]).get("/api/assistance/matches/").json()["results"]
        assert SECRET in str([m for m in listed if m["id"] == match.pk]), who
    for who in ("other_state_poc", "other_provider_poc", "public"):
        answer = _api(done[who]).get(f"/api/assistance/matches/{match.pk}/")
        assert answer.status_code == 404 or answer.json()["feedback"] == [], who
        assert SECRET not in _api(done[who]).get("/api/assistance/matches/").content.decode()
        assert SECRET not in _api(done[who]).get(
            f"/api/assistance/requests/{match.request_id}/").content.decode(), who


@pytest.mark.django_db
def test_the_database_exported_in_the_exchange_format_reads_back_with_its_needs(personas,
                                                                                tmp_path):
    import json

    from django.core.management import call_command

    from clearinghouse.assistance import actions, engine
    from clearinghouse.assistance.registry_adapter import RegistryResolver
    from clearinghouse.registry.models import Organisation, State
    from tests.assistance.factories import circulated_request, offer

    expert = personas["expert"]
    osce = Organisation.objects.get(code="OSCE")
    made = offer(expert, osce, title="OSCE export control training", eligibility=["OSCE"],
                 capacity=3)
    two = circulated_request(expert, State.objects.get(iso3="KAZ"), [osce], title="Two needs",
                             needs=[{"description": "Export licensing training.",
                                     "areas": ["op2"]},
                                    {"description": "Border detection equipment."},
                                    {"description": "Dropped later."}])
    actions.set_need_status(two.needs.get(number=3), expert, "withdrawn")
    actions.respond(actions.propose_match(two, made, expert, need=two.needs.get(number=1)),
                    personas["provider_poc"], True)
    circulated_request(expert, State.objects.get(iso3="KGZ"), [osce], title="One need")
    out = tmp_path / "exchange.json"
    call_command("export-exchange", "--output", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    requests, offers = engine.parse_exchange(data, RegistryResolver(), strict_fields=True)
    by_id = {r.id: r for r in requests}
    assert [n.description for n in by_id[two.engine_id].needs] == [
        "Export licensing training.", "Border detection equipment."]
    assert by_id[two.engine_id].needs[0].areas == ("op2",)
    assert by_id[two.engine_id].state == "KAZ" and len(requests) == 2
    assert [(o.id, o.capacity, o.active) for o in offers] == [(made.engine_id, 3, 1)]
    assert engine.run(requests, offers).ranking  # the engine runs on it
