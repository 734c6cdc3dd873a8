"""The action plan form: a State's point of contact drafts and submits its own State's plan."""

import datetime as dt

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import State
from clearinghouse.reporting.models import ActionPlan, ActionPlanItem
from tests.conftest import make_user, revision_of

pytestmark = pytest.mark.django_db

PERSONAS = ["expert", "committee", "state_poc", "other_poc", "provider_poc", "public"]


@pytest.fixture
def client_of(client_for, personas):
    """client_for, plus a point of contact of France (another State than Kazakhstan)."""
    from django.test import Client

    other = make_user("poc-fra", Role.STATE_POC, state=State.objects.get(iso3="FRA"))

    def build(persona):
        if persona != "other_poc":
            return client_for(persona)
        client = Client()
        client.force_login(other)
        return client

    return build


@pytest.fixture
def plans(db):
    kaz, fra = State.objects.get(iso3="KAZ"), State.objects.get(iso3="FRA")
    draft = ActionPlan.objects.create(state=kaz, adopted_on=dt.date(2020, 1, 1), title="KAZ draft")
    ActionPlanItem.objects.create(plan=draft, area_code="op2", area="Operative paragraph 2",
                                  action="Review the criminal code", position=0)
    return {
        "kaz_draft": draft,
        "kaz_submitted": ActionPlan.objects.create(state=kaz, adopted_on=dt.date(2018, 1, 1),
                                                   title="KAZ submitted", status="submitted"),
        "kaz_published": ActionPlan.objects.create(state=kaz, adopted_on=dt.date(2016, 1, 1),
                                                   title="KAZ published", status="published"),
        "fra_draft": ActionPlan.objects.create(state=fra, adopted_on=dt.date(2020, 1, 1),
                                               title="FRA draft"),
    }


def _item(i, area="op3c", action="Train customs officers", **extra):
    return {f"items-{i}-area": area, f"items-{i}-action": action,
            f"items-{i}-progress": "planned", **{f"items-{i}-{k}": v for k, v in extra.items()}}


def _post(title="National action plan", day="2021-03-01", items=(), initial=0, **extra):
    data = {"title": title, "adopted_on": day, "items-TOTAL_FORMS": str(len(items)),
            "items-INITIAL_FORMS": str(initial), "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000", **extra}
    for i, item in enumerate(items):
        data.update(_item(i, **item))
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_to_the_plan_pages(client_of, plans, persona):
    client = client_of(persona)
    expected = {
        "/plans/new/": {"expert": 200, "committee": 403, "state_poc": 200, "other_poc": 200,
                        "provider_poc": 403, "public": 403},
        f"/plans/{plans['kaz_draft'].pk}/edit/": {"expert": 200, "committee": 403,
                                                  "state_poc": 200, "other_poc": 404,
                                                  "provider_poc": 404, "public": 404},
        f"/plans/{plans['kaz_submitted'].pk}/edit/": {"expert": 200, "committee": 403,
                                                      "state_poc": 403, "other_poc": 404,
                                                      "provider_poc": 404, "public": 404},
        f"/plans/{plans['kaz_published'].pk}/edit/": {"expert": 200, "committee": 403,
                                                      "state_poc": 403, "other_poc": 403,
                                                      "provider_poc": 403, "public": 403},
        f"/plans/{plans['fra_draft'].pk}/edit/": {"expert": 200, "committee": 403,
                                                  "state_poc": 404, "other_poc": 200,
                                                  "provider_poc": 404, "public": 404},
    }
    for path, codes in expected.items():
        assert client.get(path).status_code == codes[persona], (path, persona)
    # Writes are refused the same way, and change nothing.
    pk = plans["kaz_draft"].pk
    edit = client.post(f"/plans/{pk}/edit/", _post(title="changed", items=[{}]))
    submit = client.post(f"/plans/{pk}/submit/")
    create = client.post("/plans/new/", _post(items=[{}], state="KAZ"))
    if persona in ("committee", "provider_poc", "public"):
        assert {edit.status_code, submit.status_code} <= {403, 404}
        assert create.status_code == 403
        assert ActionPlan.objects.count() == 4
        assert ActionPlan.objects.get(pk=pk).title == "KAZ draft"
    if persona == "other_poc":
        assert (edit.status_code, submit.status_code) == (404, 404)
        assert ActionPlan.objects.get(pk=pk).status == "draft"


def test_poc_state_is_its_own_whatever_the_form_says(client_of, personas, plans):
    response = client_of("state_poc").post("/plans/new/", _post(
        items=[{}, {"area": "other", "area_other": "Border security", "action": "Scanners",
                    "agency": "Border Service", "target_date": "2026-12-31"}],
        state="FRA", status="published"))
    assert response.status_code == 302
    plan = ActionPlan.objects.get(title="National action plan")
    assert (plan.state.iso3, plan.status) == ("KAZ", "draft")
    items = list(plan.items.values_list("area_code", "area", "action", "agency", "target_date"))
    assert items[0][0] == "op3c" and items[0][2] == "Train customs officers"
    assert items[1] == ("", "Border security", "Scanners", "Border Service", dt.date(2026, 12, 31))
    # "Other" with a taxonomy label is recognised as that area.
    response = client_of("state_poc").post("/plans/new/", _post(
        day="2019-01-01", items=[{"area": "other", "area_other": "legislation"}]))
    assert response.status_code == 302
    assert ActionPlan.objects.get(adopted_on=dt.date(2019, 1, 1)).items.get().area_code == "op2"
    assert AuditEntry.objects.filter(action="reporting.plan.created",
                                     target_id=str(plan.pk)).exists()


def test_items_are_added_and_removed(client_of, plans):
    client = client_of("state_poc")
    pk = plans["kaz_draft"].pk
    page = client.get(f"/plans/{pk}/edit/").content.decode()
    assert 'name="items-TOTAL_FORMS" value="2"' in page  # the one item + a blank row
    # "Add a priority action" gives one more row and saves nothing.
    data = _post(title="KAZ draft", day="2020-01-01", initial=1,
                 items=[{"area": "op2", "action": "Review the criminal code"}, {"area": ""}])
    data["add_item"] = "1"
    page = client.post(f"/plans/{pk}/edit/", data).content.decode()
    assert 'name="items-TOTAL_FORMS" value="3"' in page and "items-2-action" in page
    assert ActionPlan.objects.get(pk=pk).items.count() == 1
    # Remove the first, add two.
    data = _post(title="KAZ draft", day="2020-01-01", initial=1, items=[
        {"area": "op2", "action": "Review the criminal code", "DELETE": "on"},
        {"area": "op3a", "action": "Account for materials"},
        {"area": "op3b", "action": "Protect facilities", "progress": "in_progress"}])
    data["items-2-progress"] = "in_progress"
    data["revision"] = revision_of(ActionPlan.objects.get(pk=pk))
    assert client.post(f"/plans/{pk}/edit/", data).status_code == 302
    items = list(ActionPlan.objects.get(pk=pk).items.values_list("area_code", "action", "progress"))
    assert items == [("op3a", "Account for materials", "planned"),
                     ("op3b", "Protect facilities", "in_progress")]
    entry = AuditEntry.objects.filter(action="reporting.plan.changed").latest("id")
    assert entry.changes["items"] == [1, 2]


def test_bad_items_and_dates_are_shown_on_their_fields(client_of, plans):
    client = client_of("state_poc")
    response = client.post("/plans/new/", _post(day="2999-01-01", items=[
        {"area": "other", "action": "Something"}, {"area": "nonsense", "action": ""}]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be in the future" in page
    assert "Write the area, or choose one from the list." in page
    assert "Select a valid choice" in page
    response = client.post("/plans/new/", _post(day="2020-01-01", items=[{}]))
    assert response.status_code == 400 and "already has a plan of this date" in response.content.decode()
    assert ActionPlan.objects.count() == 4


def test_submit_locks_the_plan_for_its_state(client_of, plans):
    client = client_of("state_poc")
    plan = plans["kaz_draft"]
    assert "Submit to the Committee" in client.get(f"/plans/{plan.pk}/").content.decode()
    assert client.post(f"/plans/{plan.pk}/submit/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == "submitted"
    assert client.get(f"/plans/{plan.pk}/edit/").status_code == 403
    assert client.post(f"/plans/{plan.pk}/edit/", _post(items=[{}])).status_code == 403
    assert client.post(f"/plans/{plan.pk}/submit/").status_code == 403
    assert client_of("public").get(f"/plans/{plan.pk}/").status_code == 404
    # The experts still edit it, and publish it with the existing action.
    expert = client_of("expert")
    data = _post(title="KAZ plan (checked)", day="2020-01-01", initial=1,
                 items=[{"area": "op2", "action": "Review the criminal code"}])
    data["revision"] = revision_of(plan)
    assert expert.post(f"/plans/{plan.pk}/edit/", data).status_code == 302
    assert expert.post(f"/reporting/plans/{plan.pk}/publish/").status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.status) == ("KAZ plan (checked)", "published")
    assert client_of("public").get(f"/plans/{plan.pk}/").status_code == 200
    actions = set(AuditEntry.objects.filter(target_id=str(plan.pk), target_type="reporting.actionplan").values_list("action", flat=True))
    assert actions == {"reporting.plan.submitted", "reporting.plan.changed",
                       "reporting.actionplan.published"}


def test_an_empty_plan_cannot_be_submitted(client_of, plans):
    plan = plans["fra_draft"]
    response = client_of("other_poc").post(f"/plans/{plan.pk}/submit/", follow=True)
    assert "at least one priority action" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_expert_records_any_states_plan(client_of, personas, plans):
    response = client_of("expert").post("/plans/new/", _post(
        state="FRA", day="2019-05-05", status="published", items=[{"area": "op3d"}]))
    assert response.status_code == 302
    plan = ActionPlan.objects.get(state__iso3="FRA", adopted_on=dt.date(2019, 5, 5))
    assert plan.status == "published" and plan.created_by == personas["expert"]
    assert client_of("expert").post("/plans/new/", _post(items=[{}])).status_code == 400  # no State
