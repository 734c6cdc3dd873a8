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
