"""Resolution 2663 (2022) asks for an up-to-date list of providers: which offers are due for
their provider's reconfirmation (not confirmed for a year)."""

import datetime as dt

import pytest
from django.utils import timezone

from clearinghouse.assistance.models import Offer
from clearinghouse.registry.models import Organisation
from tests.assistance.factories import offer

pytestmark = pytest.mark.django_db


def test_offers_not_confirmed_for_a_year_are_due(personas):
    expert, osce = personas["expert"], Organisation.objects.get(code="OSCE")
    today = dt.date(2026, 12, 1)
    at = lambda day: timezone.make_aware(dt.datetime.combine(day, dt.time(12)))  # noqa: E731
    fresh = offer(expert, osce, title="Confirmed last month")
    stale = offer(expert, osce, title="Confirmed two years ago")
    never_old = offer(expert, osce, title="Never confirmed, two years old")
    never_new = offer(expert, osce, title="Never confirmed, new")
    withdrawn = offer(expert, osce, title="Withdrawn long ago")
    Offer.objects.filter(pk=fresh.pk).update(confirmed_at=at(dt.date(2026, 11, 1)))
    Offer.objects.filter(pk=stale.pk).update(confirmed_at=at(dt.date(2024, 11, 30)))
    Offer.objects.filter(pk__in=[never_old.pk, withdrawn.pk]).update(
        created_at=at(dt.date(2024, 10, 1)))
    Offer.objects.filter(pk=never_new.pk).update(created_at=at(dt.date(2026, 6, 1)))
    Offer.objects.filter(pk=withdrawn.pk).update(active=False)
    due = set(Offer.objects.due_for_reconfirmation(today).values_list("title", flat=True))
    assert due == {"Confirmed two years ago", "Never confirmed, two years old"}
