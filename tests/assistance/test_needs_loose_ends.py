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
