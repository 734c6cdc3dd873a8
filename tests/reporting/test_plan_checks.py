"""Action plans: no target before the plan's adoption; areas shown by name, never as codes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from clearinghouse.registry.models import State
from clearinghouse.reporting import actions, areas
from clearinghouse.reporting.models import ActionPlan

from .test_plan_forms import _post

pytestmark = pytest.mark.django_db


def test_a_target_before_the_adoption_is_refused_on_the_form(client_for, personas):
    client = client_for("state_poc")
    response = client.post("/plans/new/", _post(day="2021-03-01", items=[
        {"area": "op3c", "target_date": "2022-01-01"},
        {"area": "op2", "action": "Review the law", "target_date": "2020-12-31"}]))
    assert response.status_code == 400
    assert "The target date cannot be before the plan&#x27;s adoption (2021-03-01)." in \
        response.content.decode()
    assert not ActionPlan.objects.exists()
    # The adoption day itself is fine.
    response = client.post("/plans/new/", _post(day="2021-03-01", items=[
        {"area": "op2", "target_date": "2021-03-01"}]))
    assert response.status_code == 302


def test_a_target_before_the_adoption_is_refused_by_the_action(personas):
    kaz = State.objects.get(iso3="KAZ")
    item = {"area_code": "op2", "area": "Legislation", "action": "Review the law",
            "target_date": dt.date(2019, 6, 1), "progress": "planned"}
    with pytest.raises(ValidationError, match="before the plan's adoption"):
        actions.create_plan("cli", kaz, adopted_on=dt.date(2020, 1, 1), title="Plan", items=[item])
    plan = actions.create_plan("cli", kaz, adopted_on=dt.date(2019, 1, 1), title="Plan", items=[item])
    # Moving the adoption after an existing target is refused too.
    with pytest.raises(ValidationError, match="before the plan's adoption"):
        actions.update_plan("cli", plan, adopted_on=dt.date(2020, 1, 1))


def test_plans_show_areas_by_name(client_for, personas):
    kaz = State.objects.get(iso3="KAZ")
    plan = actions.create_plan("cli", kaz, adopted_on=dt.date(2019, 1, 1), title="Plan", status="published",
                               items=[{"area_code": "op3d.lists", "area": "op3d.lists",
                                       "action": "Update the control list", "progress": "planned"}])
    page = client_for("public").get(f"/plans/{plan.pk}/").content.decode()
    assert "OP3(d) Export control — control lists" in page
    assert "op3d.lists" not in page
    state_page = client_for("public").get("/states/KAZ/").content.decode()
    assert "OP3(d) Export control — control lists" in state_page and "op3d.lists" not in state_page
    form = client_for("state_poc").get("/plans/new/").content.decode()
    assert ">OP3(d) Export control — control lists</option>" in form
    assert areas.display("unknown.code", "Border security") == "Border security"
