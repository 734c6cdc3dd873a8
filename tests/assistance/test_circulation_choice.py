"""The expert picks the providers a request is circulated to (the candidates' providers
preselected), confirms the list, and is offered "Record follow-up" only when it falls due."""

import datetime as dt

import pytest
from django.utils import timezone

from clearinghouse.assistance import actions
from clearinghouse.assistance import workflow as wf
from clearinghouse.registry.models import Organisation, State

from .factories import LICENSING, offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def acknowledged(personas):
    expert = personas["expert"]
    offer(expert, Organisation.objects.get(code="OSCE"), title="OSCE export control training")
    offer(expert, Organisation.objects.get(code="EU"), title="EU P2P export control programme")
    req = actions.create_request(expert, state=State.objects.get(iso3="KAZ"),
                                 received=timezone.localdate() - dt.timedelta(days=10),
                                 title="Training of export licensing officers", description=LICENSING)
    actions.transition(req, expert, wf.AUTHENTICATED)
    actions.transition(req, expert, wf.ACKNOWLEDGED)
    return req


def test_the_candidates_providers_are_preselected(client_for, acknowledged):
    page = client_for("expert").get(f"/assistance/requests/{acknowledged.pk}/").content.decode()
    assert 'name="provider" value="organisation:OSCE" checked' in page
    assert 'name="provider" value="organisation:EU" checked' in page
    assert "Record follow-up" not in page


def test_nothing_is_sent_before_the_expert_confirms(client_for, acknowledged):
    client = client_for("expert")
    url = f"/assistance/requests/{acknowledged.pk}/circulate/"
    response = client.post(url, {"provider": ["organisation:EU"], "from_status": "acknowledged"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Confirm the circulation" in page and "European Union" in page
    assert "Organization for Security" not in page
    acknowledged.refresh_from_db()
    assert acknowledged.status == "acknowledged" and acknowledged.circulated_on is None
    response = client.post(url, {"provider": ["organisation:EU"], "from_status": "acknowledged",
                                 "confirmed": "yes"})
    assert response.status_code == 302
    acknowledged.refresh_from_db()
    assert acknowledged.status == "circulated"
    assert list(acknowledged.circulated_to_organisations.values_list("code", flat=True)) == ["EU"]
    # OSCE remains offered, as a further provider.
    page = client.get(f"/assistance/requests/{acknowledged.pk}/").content.decode()
    assert 'value="organisation:OSCE" checked' in page and 'value="organisation:EU"' not in page


def test_circulating_to_nobody_is_refused(client_for, acknowledged):
    response = client_for("expert").post(f"/assistance/requests/{acknowledged.pk}/circulate/",
                                         {"from_status": "acknowledged", "confirmed": "yes"},
                                         follow=True)
    assert "Choose at least one provider" in response.content.decode()
    acknowledged.refresh_from_db()
    assert acknowledged.circulated_on is None


def test_record_follow_up_is_offered_when_it_falls_due(client_for, personas, acknowledged):
    expert = personas["expert"]
    actions.circulate(acknowledged, expert, [Organisation.objects.get(code="EU")])
    client = client_for("expert")
    assert "Record follow-up" not in client.get(f"/assistance/requests/{acknowledged.pk}/").content.decode()
    acknowledged.refresh_from_db()
    acknowledged.follow_up_due = timezone.localdate()
    acknowledged.save(update_fields=["follow_up_due"])
    assert "Record follow-up" in client.get(f"/assistance/requests/{acknowledged.pk}/").content.decode()
