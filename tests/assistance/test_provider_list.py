"""An up-to-date list of providers (resolution 2663 (2022)): each provider's page says when its
offers were last confirmed and flags those not confirmed for a year; the provider's point of
contact reconfirms an offer with one button (audited); experts see the flagged offers on the
board; the reminder notice still fires and leads to the offer's page, where the button is."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from clearinghouse.assistance import actions
from clearinghouse.assistance.models import Offer
from clearinghouse.audit.models import AuditEntry
from clearinghouse.notifications import reminders
from clearinghouse.notifications.models import Kind, Notice
from clearinghouse.registry.models import Organisation
from tests.assistance.factories import offer


@pytest.fixture
def offers(personas):
    expert = personas["expert"]
    osce, eu = Organisation.objects.get(code="OSCE"), Organisation.objects.get(code="EU")
    old = offer(expert, osce, title="OSCE export control training")
    fresh = offer(expert, osce, title="OSCE border controls")
    eu_old = offer(expert, eu, title="EU P2P export control programme")
    long_ago = timezone.now() - dt.timedelta(days=400)
    Offer.objects.filter(pk__in=[old.pk, eu_old.pk]).update(created_at=long_ago)
    Offer.objects.filter(pk=fresh.pk).update(confirmed_at=timezone.now() - dt.timedelta(days=20))
    return {**personas, "old": Offer.objects.get(pk=old.pk),
            "fresh": Offer.objects.get(pk=fresh.pk), "eu_old": eu_old,
            "long_ago": long_ago}


def test_the_providers_page_says_when_its_offers_were_last_confirmed(offers, client_for):
    page = client_for("public").get(reverse("registry:organisation", args=["OSCE"]))
    text = page.content.decode()
    recent = timezone.localtime(offers["fresh"].confirmed_at).strftime("%Y-%m-%d")
    assert f"Its offers were last confirmed on {recent}." in text
    assert "1 offer not confirmed for a year." in text
    assert "Reconfirm</button>" not in text  # the public may not
    mine = client_for("provider_poc").get(reverse("registry:organisation", args=["OSCE"]))
    assert mine.content.decode().count("Reconfirm</button>") == 2
    eu = client_for("provider_poc").get(reverse("registry:organisation", args=["EU"]))
    assert "Reconfirm</button>" not in eu.content.decode()  # not its offers


def test_the_offer_page_flags_it_and_its_provider_reconfirms_it(offers, client_for):
    old = offers["old"]
    page = client_for("provider_poc").get(old.get_absolute_url()).content.decode()
    assert 'id="offer-due"' in page and 'id="reconfirm-offer"' in page
    assert 'id="reconfirm-offer"' not in client_for("public").get(
        old.get_absolute_url()).content.decode()
    url = reverse("assistance:offer-action", args=[old.pk, "reconfirm"])
    assert client_for("state_poc").post(url).status_code == 403
    answer = client_for("provider_poc").post(url)
    assert answer.status_code == 302
    old.refresh_from_db()
    assert timezone.localtime(old.confirmed_at).date() == timezone.localdate()
    assert not Offer.objects.due_for_reconfirmation().filter(pk=old.pk).exists()
    entry = AuditEntry.objects.get(action="assistance.offer.reconfirmed")
    assert entry.actor == offers["provider_poc"] and entry.target_id == str(old.pk)
    page = client_for("provider_poc").get(old.get_absolute_url()).content.decode()
    assert 'id="offer-due"' not in page


def test_only_its_provider_or_an_expert_reconfirms(offers):
    with pytest.raises(PermissionDenied):
        actions.reconfirm_offer(offers["eu_old"], offers["provider_poc"])
    actions.reconfirm_offer(offers["eu_old"], offers["expert"])
    assert offers["eu_old"].confirmed_at is not None


def test_the_board_lists_the_flagged_offers(offers, client_for):
    page = client_for("expert").get(reverse("assistance:board")).content.decode()
    section = page.split('id="reconfirm-offers"', 1)[1].split("</table>", 1)[0]
    assert offers["old"].title in section and offers["eu_old"].title in section
    assert offers["fresh"].title not in section


def test_the_reminder_still_fires_and_leads_to_the_button(offers, client_for,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders.run(timezone.localdate())["reconfirm"]
    assert sorted(sent) == sorted([offers["old"].pk, offers["eu_old"].pk])
    notice = Notice.objects.get(kind=Kind.RECONFIRM, recipient=offers["provider_poc"])
    assert notice.url == offers["old"].get_absolute_url()
    page = client_for("provider_poc").get(notice.url).content.decode()
    assert reverse("assistance:offer-action", args=[offers["old"].pk, "reconfirm"]) in page
    actions.reconfirm_offer(offers["old"], offers["provider_poc"])
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run(timezone.localdate() + dt.timedelta(days=1))["reconfirm"] == []

