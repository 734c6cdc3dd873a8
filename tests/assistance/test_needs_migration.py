"""The needs' migration on a database that already holds requests, matches and decisions: every
request gets one need made of its own text and codes, and its matches, pin and exclusions
become that need's (issue 11: old data keeps working)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("assistance", "0005_match_reasons_as_codes")]


def test_existing_requests_get_one_need_with_their_matches_and_decisions(reference_data):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("assistance")
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        State, Org = old.get_model("registry", "State"), old.get_model("registry", "Organisation")
        Request, Offer = old.get_model("assistance", "Request"), old.get_model("assistance", "Offer")
        kaz = State.objects.get(iso3="KAZ")
        req = Request.objects.create(
            state=kaz, received=dt.date(2024, 5, 2), title="Licensing training",
            description="Training of licensing officers on dual-use goods.",
            areas=["export_control"], weapons=None, types=["training"], tags={"areas": []})
        other = Request.objects.create(state=kaz, received=dt.date(2024, 6, 1),
                                       title="Laboratory biosecurity", description="Biorisk.")
        osce = Org.objects.get(code="OSCE")
        offers = [Offer.objects.create(provider_organisation=osce, title=f"Offer {i}",
                                       description="Export control programme.")
                  for i in range(3)]
        old.get_model("assistance", "Match").objects.create(
            request=req, offer=offers[0], score=0.5, components={}, reasons=[])
        old.get_model("assistance", "Pin").objects.create(request=req, offer=offers[1])
        old.get_model("assistance", "Exclusion").objects.create(request=req, offer=offers[2])

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        new = executor.loader.project_state(latest).apps
        Need = new.get_model("assistance", "Need")
        need = Need.objects.get(request_id=req.pk)
        assert (need.number, need.title, need.description, need.areas, need.weapons,
                need.types, need.status) == (
            1, "Licensing training", "Training of licensing officers on dual-use goods.",
            ["export_control"], None, ["training"], "open")
        assert Need.objects.filter(request_id=other.pk).count() == 1
        for name in ("Match", "Pin", "Exclusion"):
            rows = new.get_model("assistance", name).objects.filter(request_id=req.pk)
            assert [r.need_id for r in rows] == [need.pk], name
    finally:
        MigrationExecutor(connection).migrate(latest)
