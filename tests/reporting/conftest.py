import datetime as dt
import random

import pytest
from django.db import transaction

from clearinghouse.registry.models import State
from clearinghouse.reporting import demo
from clearinghouse.reporting.models import NationalReport


@pytest.fixture
def demo_data(db):
    """The reporting part of `clearinghouse demo` (the loader the command calls)."""
    with transaction.atomic():
        counts = demo.load(random.Random("1540-reporting"), "demo")
    return counts


@pytest.fixture
def report(db):
    """Make a report directly (fixtures only; the code under test goes through actions)."""

    def build(iso3, kind="first", day=dt.date(2010, 1, 1), status="published", **extra):
        return NationalReport.objects.create(state=State.objects.get(iso3=iso3), kind=kind,
                                             submitted_on=day, status=status, **extra)

    return build


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded documents go to a temporary folder, never the deployment's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
