"""A provider reads a request only once it was circulated to it (or published).

The finding: an expert proposed an offer for a request that was received but not circulated;
the provider's point of contact then saw its title, requester and phrases of its description on
"my matches" and in the API, while the request page itself was 404. Now:

- proposing requires that the request was circulated to the offer's provider (a clear message
  otherwise, from the page, the API and the action; circulating then proposing works, also to a
  further provider of a request already circulated);
- the provider's scopes (my matches, the API's matches, anything embedding the request) show
  only matches whose request was circulated to it, even a match recorded some other way.

Also the other records a request page embeds follow their own rules: its history (staff and the
requesting State), its linked action-plan items (as their plan), the offers of its matches.
"""

import datetime as dt

import pytest
from django.test import Client

from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.assistance.models import Match
from clearinghouse.reporting.models import ActionPlan, ActionPlanItem

from .factories import LICENSING, world

pytestmark = pytest.mark.django_db

TITLE = "Licensing officers QQUNCIRCULATED training"
REASON = "both mention QQREASONPHRASE"


@pytest.fixture
def w(personas):
    data = world(personas)
    expert = personas["expert"]
    # KGZ's request, received and acknowledged but circulated to nobody; the EU's offer fits it.
    req = actions.create_request(expert, state=data["kgz"], received=dt.date(2025, 5, 2),
                                 title=TITLE, description=LICENSING + " Reference QQDESCRIPTION.",
                                 contact="kgz-contact-QQCONTACT@example.org")
    actions.transition(req, expert, wf.AUTHENTICATED)
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    data["uncirculated"] = req
    return data


def client(user):
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


SECRETS = ("QQUNCIRCULATED", "QQDESCRIPTION", "QQCONTACT", "QQREASONPHRASE", "QQMATCHNOTE")


def _everything_the_provider_reads(c, match_pk=None) -> str:
    pages = ["/assistance/my-matches/", "/api/assistance/matches/", "/api/assistance/requests/",
             "/assistance/", "/states/KGZ/", "/organisations/EU/", "/api/assistance/statistics/"]
    if match_pk:
        pages.append(f"/api/assistance/matches/{match_pk}/")
    return "\n".join(c.get(p, HTTP_ACCEPT="application/json" if "/api/" in p else "*/*")
                     .content.decode() for p in pages)


def test_proposing_an_offer_for_a_request_not_circulated_to_its_provider_is_refused(w, personas):
    req, offer, expert = w["uncirculated"], w["eu_offer"], personas["expert"]
    with pytest.raises(actions.ActionError, match="not been circulated to European Union"):
        actions.propose_match(req, offer, expert)
    api = client(expert).post("/api/assistance/matches/", {"request": req.pk, "offer": offer.pk})
    assert api.status_code == 400
    assert "circulate it to them before proposing" in api.json()["detail"]
    page = client(expert).post(f"/assistance/requests/{req.pk}/propose/", {"offer": offer.pk},
                               follow=True)
    assert "has not been circulated to European Union" in page.content.decode()
    assert not Match.objects.filter(request=req).exists()
    provider = client(w["other_provider_poc"])
    assert all(s not in _everything_the_provider_reads(provider) for s in SECRETS)


def test_circulating_then_proposing_works(w, personas):
    req, offer, expert = w["uncirculated"], w["eu_offer"], personas["expert"]
    actions.circulate(req, expert, [w["eu"]])
    match = actions.propose_match(req, offer, expert)
    assert match.request == req
    provider = client(w["other_provider_poc"])
    mine = provider.get("/assistance/my-matches/").content.decode()
    assert TITLE in mine
    assert [m["id"] for m in provider.get("/api/assistance/matches/").json()["results"]] == [
        match.pk]
    assert provider.get(f"/assistance/requests/{req.pk}/").status_code == 200


def test_a_circulated_request_can_reach_a_further_provider(w, personas):
    """KAZ's request went to OSCE only; circulating it to the EU as well keeps its dates."""
    req, expert = w["kaz_req"], personas["expert"]
    deadline, status = req.objection_deadline, req.status
    with pytest.raises(actions.ActionError, match="not been circulated to European Union"):
        actions.propose_match(req, w["eu_offer"], expert)
    actions.circulate(req, expert, [w["eu"]])
    req.refresh_from_db()
    assert (req.objection_deadline, req.status) == (deadline, status)
    assert set(req.circulated_to_organisations.values_list("code", flat=True)) == {"OSCE", "EU"}
    assert req.events.filter(kind="circulated").last().note == "Also circulated to EU"
    assert actions.propose_match(req, w["eu_offer"], expert).offer == w["eu_offer"]
    with pytest.raises(actions.ActionError, match="already circulated to every provider"):
        actions.circulate(req, expert, [w["eu"]])


def test_a_match_on_a_request_the_provider_never_received_stays_invisible_to_it(w, personas):
    """Defence in depth: a match recorded without the action (an import, old data)."""
    req = w["uncirculated"]
    legacy = Match.objects.create(request=req, need=req.needs.get(), offer=w["eu_offer"], score=0.9,
                                  reasons=[REASON], notes="QQMATCHNOTE")
    provider = client(w["other_provider_poc"])
    text = _everything_the_provider_reads(provider, legacy.pk)
    assert [s for s in SECRETS if s in text] == []
    assert provider.get(f"/api/assistance/matches/{legacy.pk}/").status_code == 404
    assert provider.post(f"/assistance/matches/{legacy.pk}/accept/").status_code == 404
    assert Match.objects.visible_to(w["other_provider_poc"]).count() == 0
    # Those who may read the request still see the match.
    for reader in (personas["expert"], personas["committee"], w["other_state_poc"]):
        assert Match.objects.visible_to(reader).filter(pk=legacy.pk).exists()
    staff = client(personas["committee"]).get(f"/assistance/requests/{req.pk}/").content.decode()
    assert "QQREASONPHRASE" in staff


def test_a_request_page_embeds_only_what_its_reader_may_see(w, personas):
    """The provider it was circulated to reads the request in full, but not its history (the
    experts' notes) nor the items of an unpublished action plan it is linked to."""
    expert, req = personas["expert"], w["kaz_req"]
    plan = ActionPlan.objects.create(state=w["kaz"], adopted_on=dt.date(2025, 1, 1),
                                     title="Draft plan", status="draft")
    item = ActionPlanItem.objects.create(plan=plan, area="OP3(d)", action="QQDRAFTPLANITEM")
    actions.update_request(req, expert, plan_items=[item])
    actions.transition(req, expert, wf.MATCHED_PARTLY, note="QQEXPERTNOTE for the file")
    provider = client(personas["provider_poc"])
    page = provider.get(f"/assistance/requests/{req.pk}/").content.decode()
    assert req.title in page  # circulated to OSCE: read in full
    assert "QQEXPERTNOTE" not in page and "QQDRAFTPLANITEM" not in page
    api = provider.get(f"/api/assistance/requests/{req.pk}/").json()
    assert api["description"] and api["plan_items"] == []
    own_state = client(personas["state_poc"]).get(f"/assistance/requests/{req.pk}/")
    assert "QQEXPERTNOTE" in own_state.content.decode()
    assert "QQDRAFTPLANITEM" in own_state.content.decode()


def test_the_requesting_state_sees_the_offer_proposed_for_its_request(w, personas):
    """Even once the provider withdrew it (an inactive offer is otherwise not public)."""
    actions.set_offer_active(w["osce_offer"], personas["expert"], False)
    kaz = client(personas["state_poc"])
    assert w["osce_offer"].title in kaz.get(f"/assistance/requests/{w['kaz_req'].pk}/").content.decode()
    assert kaz.get(f"/assistance/offers/{w['osce_offer'].pk}/").status_code == 200
    assert client(w["other_state_poc"]).get(
        f"/assistance/offers/{w['osce_offer'].pk}/").status_code == 404
    assert client(None).get(f"/assistance/offers/{w['osce_offer'].pk}/").status_code == 404


def test_the_requesting_state_does_not_read_the_experts_pins_and_exclusions(w, personas):
    """Pins and exclusions are for staff; their steps in the request's history are too."""
    expert, req = personas["expert"], w["kaz_req"]
    actions.pin(req, w["osce_offer"], expert, note="QQPINNOTE")
    actions.exclude(req, w["eu_offer"], expert, note="QQEXCLUDENOTE")
    own_state = client(personas["state_poc"]).get(f"/assistance/requests/{req.pk}/")
    text = own_state.content.decode()
    assert "QQPINNOTE" not in text and "QQEXCLUDENOTE" not in text
    assert "circulated" in text  # the rest of its history is there
    staff = client(personas["committee"]).get(f"/assistance/requests/{req.pk}/").content.decode()
    assert "QQPINNOTE" in staff and "QQEXCLUDENOTE" in staff
