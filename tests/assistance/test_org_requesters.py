"""An intergovernmental organisation as a requester (issue 11): its point of contact (role
provider_poc, bound to it) has for its organisation's requests the rights a State's point of
contact has for its State's. Every role is checked: the organisation's point of contact,
another organisation's, a State point of contact of a member State, experts, the public."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from clearinghouse.accounts.models import Role
from clearinghouse.accounts.permissions import can
from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Match, Offer, Request, RequestEvent
from clearinghouse.registry.models import Organisation, State
from tests.assistance.factories import LICENSING, offer
from tests.conftest import make_user
from tests.readers import reader

SECRET = "sica-secret-contact@example.org"


def _client(user):
    return reader(user)


@pytest.fixture
def org(personas):
    sica = Organisation.objects.get(code="SICA")
    assert sica.intergovernmental
    cri = State.objects.get(iso3="CRI")
    assert sica.memberships.filter(state=cri).exists()
    return {
        **personas, "sica": sica, "cri": cri,
        "sica_poc": make_user("poc-sica", Role.PROVIDER_POC, organisation=sica),
        "cri_poc": make_user("poc-cri", Role.STATE_POC, state=cri),
        "osce_poc": personas["provider_poc"],  # another organisation's point of contact
    }


def _submit(client, **extra):
    data = {"title": "Formación de funcionarios de licencias", "description": LICENSING,
            "contact": SECRET, "consent": "later", **extra}
    return client.post(reverse("assistance:request-new"), data)


def test_the_organisations_poc_submits_its_own_request(org):
    client = _client(org["sica_poc"])
    page = client.get(reverse("assistance:request-new"))
    assert page.status_code == 200
    assert "Central American Integration System" in page.content.decode()
    assert "requester_state" not in page.content.decode()  # the requester is fixed
    answer = _submit(client, requester_state="KAZ", requester_organisation="OSCE")
    req = Request.objects.get()
    assert answer.status_code == 302 and answer["Location"] == req.get_absolute_url()
    assert req.organisation == org["sica"] and req.state is None
    assert req.channel == "informal" and req.status == wf.RECEIVED
    assert RequestEvent.objects.filter(request=req, kind="received").exists()


def test_a_non_intergovernmental_organisation_may_not_request(org):
    ngo = Organisation.objects.filter(kind="civil_society").first()
    ngo_poc = make_user("poc-ngo", Role.PROVIDER_POC, organisation=ngo)
    assert _client(ngo_poc).get(reverse("assistance:request-new")).status_code == 403
    assert _submit(_client(ngo_poc)).status_code == 403
    with pytest.raises(actions.ActionError, match="intergovernmental"):
        actions.create_request(org["expert"], organisation=ngo, received=dt.date(2026, 1, 5),
                               title="A request", description=LICENSING)
    # The experts' form offers only intergovernmental organisations as requesters.
    form = _client(org["expert"]).get(reverse("assistance:request-new")).content.decode()
    assert 'value="SICA"' in form and f'value="{ngo.code}"' not in form


def _sica_request(org, **extra):
    return actions.create_request(org["sica_poc"], organisation=org["sica"],
                                  received=timezone.localdate(), title="SICA licensing training",
                                  description=LICENSING, contact=SECRET, channel="informal",
                                  **extra)


def test_each_role_sees_what_it_should_of_an_organisations_request(org):
    req = _sica_request(org)
    url = req.get_absolute_url()
    # Its own point of contact and the staff: in full.
    for who in ("sica_poc", "expert", "committee"):
        page = _client(org[who]).get(url)
        assert page.status_code == 200 and SECRET in page.content.decode(), who
    # Another organisation's point of contact, a member State's, the public: not at all.
    for who in ("osce_poc", "cri_poc", "state_poc"):
        assert _client(org[who]).get(url).status_code == 404, who
    assert _client(None).get(url).status_code == 404
    sica_poc = org["sica_poc"]
    assert list(Request.objects.visible_to(sica_poc)) == [req]
    assert not Request.objects.visible_to(org["cri_poc"]).filter(pk=req.pk).exists()
    # Published with its consent: a member State's point of contact reads only the summary.
    actions.answer_publication(req, sica_poc, "consented")
    page = _client(org["cri_poc"]).get(url).content.decode()
    assert "SICA licensing training" in page and SECRET not in page
    assert not can(org["cri_poc"], "assistance.request.full", req)
    assert not can(org["cri_poc"], "assistance.consent", req)


def test_it_edits_while_received_and_sees_its_history_without_the_decisions(org):
    req = _sica_request(org)
    sica_poc, expert = org["sica_poc"], org["expert"]
    assert can(sica_poc, "assistance.request.edit", req)
    assert not can(org["osce_poc"], "assistance.request.edit", req)
    assert not can(org["cri_poc"], "assistance.request.edit", req)
    actions.update_request(req, sica_poc, title="SICA: training of licensing officers")
    actions.transition(req, expert, wf.AUTHENTICATED)
    req.refresh_from_db()
    assert not can(sica_poc, "assistance.request.edit", req)
    assert _client(sica_poc).get(
        reverse("assistance:request-edit", args=[req.pk])).status_code == 403
    osce = Organisation.objects.get(code="OSCE")
    osce_offer = offer(expert, osce, title="OSCE export control training")
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    actions.exclude(req, osce_offer, expert, note="decision-note")
    kinds = set(RequestEvent.objects.visible_to(sica_poc).values_list("kind", flat=True))
    assert {"received", "edited", "transition"} <= kinds and "excluded" not in kinds
    assert not RequestEvent.objects.visible_to(org["osce_poc"]).exists()
    assert not RequestEvent.objects.visible_to(org["cri_poc"]).exists()
    page = _client(sica_poc).get(req.get_absolute_url()).content.decode()
    assert "decision-note" not in page and "Candidate offers" not in page


def test_it_consents_or_objects_and_is_told_of_the_objection_window(org):
    req = _sica_request(org)
    with pytest.raises(PermissionDenied):
        actions.answer_publication(req, org["cri_poc"], "objected")
    with pytest.raises(PermissionDenied):
        actions.answer_publication(req, org["osce_poc"], "objected")
    actions.answer_publication(req, org["sica_poc"], "objected", "Not yet")
    req.refresh_from_db()
    assert req.consent == "objected"


def test_its_matches_and_the_offers_proposed_for_them(org):
    """Eligibility through its member States: an offer for Latin America and the Caribbean."""
    from clearinghouse.assistance.forms import eligibility_rules

    expert = org["expert"]
    req = _sica_request(org)
    eu = Organisation.objects.get(code="EU")
    lac = actions.create_offer(expert, provider_organisation=eu,
                               title="EU export control training for the region",
                               description=LICENSING,
                               eligibility=eligibility_rules(["Latin America and the Caribbean"]))
    actions.transition(req, expert, wf.AUTHENTICATED)
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    actions.circulate(req, expert, [eu])
    match = actions.propose_match(req, lac, expert)
    actions.set_offer_active(lac, expert, False)  # withdrawn later: still shown to the requester
    sica_poc = org["sica_poc"]
    assert list(Match.objects.visible_to(sica_poc)) == [match]
    assert Offer.objects.visible_to(sica_poc).filter(pk=lac.pk).exists()
    assert not Match.objects.visible_to(org["cri_poc"]).exists()
    assert not Match.objects.visible_to(org["osce_poc"]).exists()
    assert not Offer.objects.visible_to(org["osce_poc"]).filter(pk=lac.pk).exists()
    page = _client(sica_poc).get(req.get_absolute_url()).content.decode()
    assert lac.title in page
    # Its start page lists its request with the match.
    start = _client(sica_poc).get(reverse("start")).content.decode()
    assert "SICA licensing training" in start
    # The organisation's page lists its requests: in full for its point of contact only.
    org_page = reverse("registry:organisation", args=["SICA"])
    assert "SICA licensing training" in _client(sica_poc).get(org_page).content.decode()
    assert "SICA licensing training" not in _client(org["cri_poc"]).get(
        org_page).content.decode()


def test_its_own_requests_matches_are_not_proposals_to_answer(org):
    """On "my matches" an organisation's point of contact answers for its offers only."""
    expert, sica_poc = org["expert"], org["sica_poc"]
    req = _sica_request(org)
    eu = Organisation.objects.get(code="EU")
    eu_offer = offer(expert, eu, title="EU export control training")
    actions.transition(req, expert, wf.AUTHENTICATED)
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    actions.circulate(req, expert, [eu])
    match = actions.propose_match(req, eu_offer, expert)
    page = _client(sica_poc).get(reverse("assistance:my-matches")).content.decode()
    assert f'data-request="{req.engine_id}"' not in page
    with pytest.raises(PermissionDenied):
        actions.respond(match, sica_poc, True)


def test_the_api_gives_its_own_request_in_full(org):
    req = _sica_request(org)
    body = _client(org["sica_poc"]).get(f"/api/assistance/requests/{req.pk}/").json()
    assert body.get("contact") == SECRET
    assert _client(org["cri_poc"]).get(f"/api/assistance/requests/{req.pk}/").status_code == 404
