"""An event with unresolved names: a warning before confirming, and never published with a
flagged name (publishing is refused until the names are resolved)."""

import pytest
from django.core.exceptions import ValidationError

from clearinghouse.outreach import actions
from clearinghouse.registry.models import Organisation

from .conftest import make_event

pytestmark = pytest.mark.django_db


def test_the_draft_page_warns_before_confirming(client_for):
    draft = make_event("draft")
    page = client_for("expert").get(f"/events/{draft.pk}/").content.decode()
    assert 'id="unresolved-warning"' in page and "Warning: 1 name is not resolved." in page
    assert 'data-confirm="1 name is not resolved' in page


def test_an_event_with_a_flagged_name_is_not_published(client_for):
    confirmed = make_event("confirmed")
    client = client_for("expert")
    page = client.get(f"/events/{confirmed.pk}/").content.decode()
    assert 'id="publish-event"' not in page and 'id="publish-blocked"' in page
    response = client.post(f"/events/{confirmed.pk}/publish/", follow=True)
    assert "Centre for Nowhere Studies" in response.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.status == "confirmed"
    with pytest.raises(ValidationError, match="1 name\\(s\\) are not resolved"):
        actions.publish("tests", confirmed)
    assert client_for("public").get(f"/events/{confirmed.pk}/").status_code == 404


def test_once_resolved_it_is_published_and_the_public_sees_no_unresolved_name(client_for):
    confirmed = make_event("confirmed")
    link = confirmed.participants.get(flagged=True)
    actions.link_name("tests", link, Organisation.objects.get(code="OSCE"))
    actions.publish("tests", confirmed)
    confirmed.refresh_from_db()
    assert confirmed.status == "published"
    page = client_for("public").get(f"/events/{confirmed.pk}/").content.decode()
    assert "not resolved" not in page and 'class="flagged"' not in page


def test_editing_a_published_event_never_adds_a_flagged_name(client_for):
    """An edit that would put an unresolved name on a published event is refused; nothing changes
    and the public page and note keep only checked names."""
    published = make_event("published")
    before = sorted(published.participants.values_list("name", flat=True))
    with pytest.raises(ValidationError, match="not resolved"):
        actions.save_event("tests", published, {}, participant_rows=[("Other", "Centre for Nowhere Studies", "")])
    published.refresh_from_db()
    assert sorted(published.participants.values_list("name", flat=True)) == before
    public = client_for("public")
    assert "Centre for Nowhere Studies" not in public.get(f"/events/{published.pk}/").content.decode()
    assert "Centre for Nowhere Studies" not in public.get(f"/events/{published.pk}/note.md").content.decode()
    # A name that resolves is accepted on the published event.
    saved = actions.save_event("tests", published, {}, participant_rows=[("States", "Kazakhstan", ""), ("Organizations", "OSCE", "")])
    assert sorted(saved.participants.values_list("name", flat=True)) == ["Kazakhstan", "OSCE"]
