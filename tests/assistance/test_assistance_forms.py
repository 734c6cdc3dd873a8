"""The request and offer forms: who may submit and edit what, what is stored, what is refused."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Offer, Request, RequestEvent
from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import Organisation, State
from clearinghouse.reporting.models import ActionPlan, ActionPlanItem
from tests.conftest import revision_of

from .factories import BIO, EXPORT_OFFER, LICENSING, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(personas):
    return world(personas)


@pytest.fixture
def as_role(personas, w):
    def build(role):
        user = w[role] if role.startswith("other_") else personas[role]
        client = Client()
        if user is not None:
            client.force_login(user)
        return client
    return build


def _plan_item(iso3, status="published"):
    plan = ActionPlan.objects.create(state=State.objects.get(iso3=iso3), status=status,
                                     adopted_on=dt.date(2020, 1, 1), title=f"{iso3} plan")
    return ActionPlanItem.objects.create(plan=plan, area="Export control",
                                         action="Update the national control list")


def _request_post(**extra):
    return {"title": "Training of licensing officers", "description": LICENSING,
            "languages": "ru, en", "beneficiaries": "Licensing authority",
            "timeframe": "12 months", "consent": "later", **extra}


# -- requests ---------------------------------------------------------------------------------

def test_state_poc_submits_for_its_own_state_only(w, as_role, personas):
    kaz_item = _plan_item("KAZ")
    response = as_role("state_poc").post("/assistance/requests/new/", _request_post(
        requester_state="KGZ", state="KGZ", status="completed", plan_items=[kaz_item.pk]))
    assert response.status_code == 302
    req = Request.objects.get(title="Training of licensing officers")
    assert response["Location"] == f"/assistance/requests/{req.pk}/"
    assert req.state.iso3 == "KAZ" and req.organisation is None
    assert req.status == wf.RECEIVED and req.consent == "no_answer" and not req.published_on
    assert req.channel == "informal" and req.received == timezone.localdate()
    assert req.languages == ["ru", "en"] and list(req.plan_items.all()) == [kaz_item]
    # nothing given: inferred from the text, with the words found
    assert req.areas is None and req.types is None
    areas = {t["code"]: t for t in req.tags["areas"]}
    assert "op3d.licensing" in areas
    assert areas["op3d.licensing"]["source"] == "inferred"
    assert areas["op3d.licensing"]["evidence"]
    event = RequestEvent.objects.get(request=req)
    assert (event.kind, event.to_status, event.actor) == ("received", "received",
                                                           personas["state_poc"])
    assert AuditEntry.objects.filter(action="assistance.received", target_id=str(req.pk),
                                     actor=personas["state_poc"]).exists()


def test_who_sees_the_submitted_request(w, as_role):
    as_role("state_poc").post("/assistance/requests/new/", _request_post())
    req = Request.objects.get(title="Training of licensing officers")
    for role in ("expert", "committee", "state_poc", "other_state_poc", "provider_poc",
                 "other_provider_poc", "public"):
        refs = {r["reference"] for r in
                as_role(role).get("/api/assistance/requests/").json()["results"]}
        sees = role in ("expert", "committee", "state_poc")
        assert (req.engine_id in refs) == sees, role
        assert as_role(role).get(req.get_absolute_url()).status_code == (200 if sees else 404)
    assert "Training of licensing officers" in as_role("state_poc").get(
        "/states/KAZ/").content.decode()


def test_consent_at_submission_publishes_the_summary(w, as_role):
    as_role("state_poc").post("/assistance/requests/new/", _request_post(consent="consented"))
    req = Request.objects.get(title="Training of licensing officers")
    assert req.consent == "consented" and req.published_on == timezone.localdate()
    assert list(req.events.values_list("kind", flat=True)) == ["received", "consented"]
    assert req.engine_id in as_role("public").get("/assistance/").content.decode()


def test_given_tags_are_stored_as_given(w, as_role):
    as_role("state_poc").post("/assistance/requests/new/", _request_post(
        areas=["op3d.licensing"], weapons=["nuclear"], types=["training"]))
    req = Request.objects.get(title="Training of licensing officers")
    assert req.areas == ["op3d.licensing"] and req.weapons == ["nuclear"]
    assert [t["source"] for t in req.tags["areas"]] == ["given"]


@pytest.mark.parametrize("extra, field, message", [
    ({"languages": "ru, xx"}, "languages", "“xx” is not an ISO 639-1 language code"),
    ({"languages": "russian"}, "languages", "is not an ISO 639-1"),
    ({"title": ""}, "title", "This field is required"),
    ({"areas": ["op99"]}, "areas", "Select a valid choice"),
    ({"consent": "objected"}, "consent", "Select a valid choice"),
])
def test_bad_request_input_is_shown_by_the_field(w, as_role, extra, field, message):
    response = as_role("state_poc").post("/assistance/requests/new/", _request_post(**extra))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert message in response.content.decode()
    assert not Request.objects.filter(title="Training of licensing officers").exists()


def test_plan_items_only_of_the_requesting_state(w, as_role, personas):
    kgz_item = _plan_item("KGZ")
    poc = as_role("state_poc")
    assert "id_plan_items" not in poc.get("/assistance/requests/new/").content.decode()
    _plan_item("KAZ", status="draft")  # its own draft plan: the State sees it
    page = poc.get("/assistance/requests/new/").content.decode()
    assert "id_plan_items" in page and "KAZ · 2020" in page and "KGZ · 2020" not in page
    response = poc.post("/assistance/requests/new/", _request_post(plan_items=[kgz_item.pk]))
    assert response.status_code == 200 and "plan_items" in response.context["form"].errors
    assert not Request.objects.filter(title="Training of licensing officers").exists()
    with pytest.raises(actions.ActionError):
        actions.create_request(personas["expert"], state=w["kaz"], received=dt.date(2025, 1, 1), title="x",
                               description=LICENSING, plan_items=[kgz_item])


def test_expert_records_a_request_for_any_state_or_organisation(w, as_role, personas):
    expert = as_role("expert")
    kgz_item = _plan_item("KGZ")
    body = _request_post(requester_state="KGZ", channel="note_verbale", received="2025-03-04",
                         title="Biosecurity", description=BIO, plan_items=[kgz_item.pk])
    assert expert.post("/assistance/requests/new/", body).status_code == 302
    req = Request.objects.get(title="Biosecurity")
    assert (req.state.iso3, req.channel, req.received) == ("KGZ", "note_verbale",
                                                           dt.date(2025, 3, 4))
    assert list(req.plan_items.all()) == [kgz_item] and req.consent == "no_answer"
    body = _request_post(requester_organisation="CARICOM", received="2025-03-05",
                         title="Regional legislation", channel="informal")
    assert expert.post("/assistance/requests/new/", body).status_code == 302
    assert Request.objects.get(title="Regional legislation").organisation.code == "CARICOM"
    # both, neither, a future date, another State's plan item: refused, nothing written
    count = Request.objects.count()
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    for bad, field in [({"requester_state": "KAZ", "requester_organisation": "OSCE"},
                        "requester_state"),
                       ({}, "requester_state"),
                       ({"requester_state": "KAZ", "received": future}, "received"),
                       ({"requester_state": "KAZ", "plan_items": [kgz_item.pk]}, "plan_items"),
                       ({"requester_state": "NOPE"}, "requester_state")]:
        response = expert.post("/assistance/requests/new/", {
            **_request_post(received="2025-03-05", channel="note_verbale"), **bad})
        assert response.status_code == 200 and field in response.context["form"].errors, bad
    assert Request.objects.count() == count


def test_state_poc_edits_while_received_only(w, as_role, personas):
    kgz_req = w["kgz_req"]  # received, KGZ
    poc = as_role("other_state_poc")
    page = poc.get(f"/assistance/requests/{kgz_req.pk}/edit/")
    assert page.status_code == 200 and "Laboratory biosecurity" in page.content.decode()
    assert 'id="edit-request"' in poc.get(kgz_req.get_absolute_url()).content.decode()
    response = poc.post(f"/assistance/requests/{kgz_req.pk}/edit/", {
        "title": "Laboratory biosecurity and biosafety", "description": BIO,
        "languages": "ky", "status": "completed", "channel": "informal",
        "received": "2020-01-01", "revision": revision_of(kgz_req)})
    assert response.status_code == 302
    kgz_req.refresh_from_db()
    assert kgz_req.title == "Laboratory biosecurity and biosafety"
    assert kgz_req.status == wf.RECEIVED and kgz_req.channel == "note_verbale"
    assert kgz_req.received == dt.date(2025, 4, 1) and kgz_req.languages == ["ky"]
    event = kgz_req.events.get(kind="edited")
    assert "title" in event.note and event.actor == w["other_state_poc"]
    entry = AuditEntry.objects.get(action="assistance.request.edited", target_id=str(kgz_req.pk))
    assert entry.changes["title"] == {"from": "Laboratory biosecurity",
                                      "to": "Laboratory biosecurity and biosafety"}
    actions.transition(kgz_req, personas["expert"], wf.AUTHENTICATED)
    assert poc.get(f"/assistance/requests/{kgz_req.pk}/edit/").status_code == 403
    assert poc.post(f"/assistance/requests/{kgz_req.pk}/edit/", {
        "title": "Changed after authentication", "description": BIO}).status_code == 403
    assert 'id="edit-request"' not in poc.get(kgz_req.get_absolute_url()).content.decode()
    kgz_req.refresh_from_db()
    assert kgz_req.title == "Laboratory biosecurity and biosafety"


@pytest.mark.parametrize("role, code", [
    ("expert", 200), ("committee", 403), ("state_poc", 403), ("other_state_poc", 404),
    ("provider_poc", 403), ("other_provider_poc", 404), ("public", 404)])
def test_who_may_open_the_edit_form_of_a_circulated_request(w, as_role, role, code):
    response = as_role(role).post(f"/assistance/requests/{w['kaz_req'].pk}/edit/", {
        "title": "Hijacked", "description": LICENSING, "channel": "note_verbale",
        "received": "2025-01-01", "revision": revision_of(w["kaz_req"])})
    assert response.status_code == (302 if code == 200 else code)
    assert Request.objects.get(pk=w["kaz_req"].pk).title == (
        "Hijacked" if role == "expert" else "Training of export licensing officers")


def test_another_states_poc_gets_403_on_a_published_request(w, as_role, personas):
    actions.answer_publication(w["kaz_req"], personas["state_poc"], "consented")
    for role in ("other_state_poc", "other_provider_poc", "public"):
        assert as_role(role).get(f"/assistance/requests/{w['kaz_req'].pk}/edit/").status_code \
            == 403, role


def test_expert_edits_descriptive_fields_never_the_status(w, as_role):
    kaz_req = w["kaz_req"]
    before_tags = kaz_req.tags
    response = as_role("expert").post(f"/assistance/requests/{kaz_req.pk}/edit/", {
        "title": kaz_req.title, "description": BIO, "channel": "informal",
        "received": "2025-01-02", "summary": "Kazakhstan: biosecurity", "status": "completed",
        "consent": "objected", "revision": revision_of(kaz_req)})
    assert response.status_code == 302
    kaz_req.refresh_from_db()
    assert kaz_req.status == wf.CIRCULATED and kaz_req.consent == "no_answer"
    assert (kaz_req.channel, kaz_req.received) == ("informal", dt.date(2025, 1, 2))
    assert kaz_req.summary == "Kazakhstan: biosecurity"
    assert kaz_req.tags != before_tags  # the text changed: tags inferred again
    assert "biosec" in {t["code"] for t in kaz_req.tags["areas"]}
    assert "biosec" not in {t["code"] for t in before_tags["areas"]}
    events = list(kaz_req.events.filter(kind="edited"))
    assert len(events) == 1 and events[0].from_status == events[0].to_status == wf.CIRCULATED


def test_no_change_writes_nothing(w, personas):
    count = AuditEntry.objects.count()
    actions.update_request(w["kgz_req"], personas["expert"], title=w["kgz_req"].title)
    assert AuditEntry.objects.count() == count
    with pytest.raises(actions.ActionError):
        actions.update_request(w["kgz_req"], personas["expert"], status="completed")


def test_odd_addresses(w, as_role):
    expert = as_role("expert")
    assert expert.get("/assistance/requests/abc/edit/").status_code == 404
    assert expert.get("/assistance/offers/abc/edit/").status_code == 404
    assert expert.post(f"/assistance/offers/{w['eu_offer'].pk}/explode/").status_code == 403
    assert expert.get(f"/assistance/offers/{w['eu_offer'].pk}/withdraw/").status_code == 405


# -- offers -----------------------------------------------------------------------------------

def _offer_post(**extra):
    return {"title": "Customs training", "description": EXPORT_OFFER,
            "eligibility": "Central Asia\nOSCE", "languages": "ru", "capacity": "3",
            "valid_from": "2025-01-01", "valid_to": "2026-12-31",
            "contact": "training@example.org", **extra}


def test_provider_poc_creates_an_offer_of_its_own_organisation(w, as_role, personas):
    response = as_role("provider_poc").post("/assistance/offers/new/", _offer_post(
        provider_organisation="EU", provider_state="USA", active="false"))
    assert response.status_code == 302
    offer = Offer.objects.get(title="Customs training")
    assert offer.provider_organisation.code == "OSCE" and offer.provider_state is None
    assert offer.active and offer.capacity == 3 and offer.languages == ["ru"]
    assert [rule["name"] for rule in offer.eligibility] == ["Central Asia", "OSCE"]
    assert "KAZ" in offer.eligibility[0]["members"]
    assert offer.areas is None and offer.tags["areas"]
    assert all(t["source"] == "inferred" and t["evidence"] for t in offer.tags["areas"])
    assert AuditEntry.objects.filter(action="assistance.offer.created", target_id=str(offer.pk),
                                     actor=personas["provider_poc"]).exists()
    assert "Customs training" in as_role("public").get("/assistance/").content.decode()


def test_expert_chooses_the_provider(w, as_role):
    expert = as_role("expert")
    assert expert.post("/assistance/offers/new/", _offer_post(provider_state="KAZ")
                       ).status_code == 302
    assert Offer.objects.get(title="Customs training").provider_state.iso3 == "KAZ"
    response = expert.post("/assistance/offers/new/", _offer_post(title="Neither"))
    assert "provider_state" in response.context["form"].errors
    assert not Offer.objects.filter(title="Neither").exists()


@pytest.mark.parametrize("extra, field, message", [
    ({"eligibility": "Central Asia\nKorea"}, "eligibility",
     'Line 2: "Korea" is ambiguous: KOR, PRK'),
    ({"eligibility": "Atlantis"}, "eligibility",
     '"Atlantis" is not a known State or organisation'),
    ({"valid_to": "2024-12-31"}, "valid_to", "cannot be before"),
    ({"valid_from": "2025-02-30"}, "valid_from", "Enter a valid date"),
    ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
    ({"capacity": "many"}, "capacity", "Enter a whole number"),
    ({"languages": "fr, 12"}, "languages", "is not an ISO 639-1"),
])
def test_bad_offer_input_is_shown_by_the_field(w, as_role, extra, field, message):
    response = as_role("provider_poc").post("/assistance/offers/new/", _offer_post(**extra))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    assert 'role="alert"' in response.content.decode()
    assert not Offer.objects.filter(title="Customs training").exists()


def test_provider_poc_edits_and_withdraws_its_offer(w, as_role):
    offer, client = w["osce_offer"], as_role("provider_poc")
    page = client.get(f"/assistance/offers/{offer.pk}/")
    assert 'id="offer-actions"' in page.content.decode()
    form = client.get(f"/assistance/offers/{offer.pk}/edit/")
    assert form.status_code == 200 and "OSCE" in form.context["form"]["eligibility"].value()
    response = client.post(f"/assistance/offers/{offer.pk}/edit/", _offer_post(
        title="OSCE export control training", capacity="4", provider_organisation="EU",
        revision=revision_of(offer)))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.capacity == 4 and offer.provider_organisation.code == "OSCE"
    entry = AuditEntry.objects.get(action="assistance.offer.edited", target_id=str(offer.pk))
    assert entry.changes["capacity"] == {"from": 2, "to": 4}
    assert client.post(f"/assistance/offers/{offer.pk}/withdraw/").status_code == 302
    offer.refresh_from_db()
    assert not offer.active
    assert "OSCE export control training" not in as_role("public").get(
        "/assistance/").content.decode()
    assert as_role("public").get(f"/assistance/offers/{offer.pk}/").status_code == 404
    assert "Reactivate offer" in client.get(f"/assistance/offers/{offer.pk}/").content.decode()
    assert client.post(f"/assistance/offers/{offer.pk}/reactivate/").status_code == 302
    offer.refresh_from_db()
    assert offer.active
    assert AuditEntry.objects.filter(action="assistance.offer.active",
                                     target_id=str(offer.pk)).count() == 2


@pytest.mark.parametrize("role", ["committee", "state_poc", "other_state_poc",
                                  "other_provider_poc", "public"])
def test_others_cannot_manage_the_offer(w, as_role, role):
    offer, client = w["osce_offer"], as_role(role)
    assert client.get(f"/assistance/offers/{offer.pk}/edit/").status_code == 403
    assert client.post(f"/assistance/offers/{offer.pk}/edit/",
                       _offer_post(title="Hijacked")).status_code == 403
    assert client.post(f"/assistance/offers/{offer.pk}/withdraw/").status_code == 403
    response = client.post("/assistance/offers/new/", _offer_post())
    assert response.status_code == (302 if role == "other_provider_poc" else 403)
    made = Offer.objects.filter(title="Customs training")
    assert [o.provider_organisation.code for o in made] == (
        ["EU"] if role == "other_provider_poc" else [])
    offer.refresh_from_db()
    assert offer.active and offer.title == "OSCE export control training"
    assert 'id="offer-actions"' not in client.get(offer.get_absolute_url()).content.decode()


def test_links_follow_the_role(w, as_role):
    def links(role):
        return as_role(role).get("/assistance/").content.decode()
    assert 'href="/assistance/requests/new/"' in links("state_poc")
    assert 'href="/assistance/requests/new/"' in links("expert")
    assert 'href="/assistance/requests/new/"' not in links("committee")
    assert 'href="/assistance/offers/new/"' in links("provider_poc")
    assert 'href="/assistance/offers/new/"' not in links("state_poc")
    assert 'href="/assistance/offers/new/"' not in links("public")


def test_a_provider_poc_bound_to_a_state_offers_for_that_state(w):
    from clearinghouse.accounts.models import Role
    from tests.conftest import make_user

    usa_poc = make_user("provider-usa", Role.PROVIDER_POC, state=State.objects.get(iso3="USA"))
    client = Client()
    client.force_login(usa_poc)
    assert client.post("/assistance/offers/new/", _offer_post(
        provider_organisation="OSCE")).status_code == 302
    offer = Offer.objects.get(title="Customs training")
    assert offer.provider_state.iso3 == "USA" and offer.provider_organisation is None
    assert Organisation.objects.filter(code="OSCE").exists()


# -- one language field everywhere (issue 12) ---------------------------------------------------

def test_requests_offers_and_reports_share_one_language_choice(w, as_role):
    """The request form offers the same choice as the report form: the six UN languages first,
    stored as ISO 639-1 codes; several are picked from the list (a browser sends a list)."""
    page = as_role("state_poc").get("/assistance/requests/new/").content.decode()
    select = page[page.index('name="languages"'):]
    select = select[:select.index("</select>")]
    tag = page[page.rindex("<select", 0, page.index('name="languages"')):]
    assert "multiple" in tag[:tag.index(">")]
    un_group = select[:select.index("</optgroup>")]
    assert [code for code in ("ar", "zh", "en", "fr", "ru", "es") if f'value="{code}"' in un_group] == \
        ["ar", "zh", "en", "fr", "ru", "es"]
    report_form = as_role("state_poc").get("/reports/new/").content.decode()
    assert 'value="zh"' in report_form and 'value="ky"' in report_form and 'value="ky"' in select
    post = {**_request_post(), "languages": ["fr", "ar"]}
    response = as_role("state_poc").post("/assistance/requests/new/", post)
    assert response.status_code == 302
    assert Request.objects.get(title="Training of licensing officers").languages == ["fr", "ar"]
