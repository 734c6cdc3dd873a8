"""The statistics page builds its tables once: from the names in the reader's language for the
page, from the figures as queried (the registry's English names) for an export."""

from unittest import mock

import pytest

from clearinghouse.outreach import queries
from tests.readers import reader

pytestmark = pytest.mark.django_db

PAGE = "/events/statistics/"


def _built():
    return mock.patch.object(queries, "statistics_tables", wraps=queries.statistics_tables)


def _state_names(tables_call) -> dict:
    stats = tables_call.args[0]
    return {iso3: name for iso3, name, _n in stats["states"]}


def test_the_page_builds_its_tables_once_with_the_readers_names(events, personas):
    with _built() as built, mock.patch.object(queries, "statistics",
                                              wraps=queries.statistics) as queried:
        page = reader(personas["expert"], "fr").get(PAGE)
    assert page.status_code == 200
    assert built.call_count == 1 and queried.call_count == 1
    assert _state_names(built.call_args)["AUT"] == "Autriche"
    assert "Autriche" in page.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_builds_its_tables_once_keeping_the_registrys_names(events, personas, fmt):
    with _built() as built:
        answer = reader(personas["expert"], "fr").get(f"{PAGE}?table=states&export={fmt}")
    assert answer.status_code == 200
    assert built.call_count == 1
    assert _state_names(built.call_args)["AUT"] == "Austria"
    assert "Austria" in answer.content.decode()


def test_a_bad_table_is_refused_after_one_build(events, personas):
    with _built() as built:
        answer = reader(personas["expert"]).get(f"{PAGE}?table=nonsense&export=csv")
    assert answer.status_code == 400 and built.call_count == 1

