"""The illustrative matrices: every Member State, 1-3 approved versions, the published trend."""

import random

import pytest

from clearinghouse.core.models import IllustrativeDataset
from clearinghouse.matrix import demo, queries
from clearinghouse.matrix.models import Matrix, MatrixVersion
from clearinghouse.registry.models import State

pytestmark = pytest.mark.django_db


def test_demo_matrices_follow_the_published_trend(personas):
    counts = demo.load(random.Random("1540-matrix"), "demo")
    assert counts["matrices"] == State.objects.members().count() == 193
    per_state = {}
    for matrix_id, status, year in MatrixVersion.objects.values_list("matrix_id", "status", "approved_on__year"):
        per_state.setdefault(matrix_id, []).append((status, year))
    approved = [[y for s, y in v if y] for v in per_state.values()]
    assert all(1 <= len(a) <= 3 for a in approved)
    assert {y for a in approved for y in a} == {2008, 2011, 2016, 2020, 2024}
    trend = {t["year"]: t["average"] for t in queries.trend_by_year(personas["expert"], {})}
    assert abs(trend[2008] - 93) < 8 and abs(trend[2011] - 128) < 8
    assert trend[2008] < trend[2011] < trend[2016] < trend[2024]
    kaz = MatrixVersion.objects.filter(matrix__state__iso3="KAZ").order_by("number")
    assert kaz.last().status == "draft"
    assert not MatrixVersion.objects.visible_to(None).filter(status="draft").exists()
    # clear() removes the matrices only while the illustrative dataset is marked loaded.
    demo.clear()
    assert Matrix.objects.count() == 193
    IllustrativeDataset.objects.create(name="demo")
    demo.clear()
    assert Matrix.objects.count() == 0
