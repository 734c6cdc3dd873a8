"""Shared fixtures: the real reference data in the test database, and one user per role.

Personas (after healthchecks' hc/test.py): every page and endpoint is checked for each.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.test import Client

from clearinghouse.accounts.models import Role, User
from clearinghouse.registry.loading import load_reference_data
from clearinghouse.registry.models import Organisation, State
from clearinghouse.registry.services import registry_changed

PASSWORD = "a long test password 1540"


def pytest_configure(config):
    from django.conf import settings

    # Fast password hashing: personas are created for many tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests read static files from the source folders (no collectstatic manifest needed).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # No throttle in the way of tests that read many pages, documents or endpoints (the
    # crawl of tests/test_confidentiality.py); the throttle tests set their own rates.
    settings.DOCUMENT_RATE = settings.LOGIN_RATE = "100000/minute"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "address": "100000/minute", "user": "100000/minute"}}
    from rest_framework.settings import api_settings

    api_settings.reload()  # DRF may have read its settings already
    # Caches in this process's memory (not var/cache, shared with a running server).
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "pages")
    }


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with no cached page or document and no throttle counted."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request in another language leaves it active in this thread: English for the next
    test, whatever this one asked for (reverse() would otherwise add that language's prefix)."""
    yield
    from django.utils import translation

    translation.activate("en")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """SQLite tests use a database file (WAL, as in production), not an in-memory one: in
    memory, SQLite shares one cache between connections and a second writer fails at once
    ("table is locked") where a file database makes it wait. The race tests need two real
    connections that wait for each other (tests/test_concurrency_races.py)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        folder = Path(tempfile.gettempdir())
        db.setdefault("TEST", {})["NAME"] = str(folder / f"clearinghouse-test-{os.getpid()}.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the registry's reference data once for the whole session."""
    with django_db_blocker.unblock():
        load_reference_data("tests")
    registry_changed()


@pytest.fixture
def reference_data(db):
    """For transactional tests (which empty the tables afterwards): load it again if needed."""
    if not State.objects.exists():
        load_reference_data("tests", force=True)
        registry_changed()


def make_user(username, role, **bound):
    user = User(username=username, role=role, **bound)
    user.set_password(PASSWORD)
    user.full_clean()
    user.save()
    return user


@pytest.fixture
def personas(db):
    """One user per role, plus the anonymous public (None)."""
    kaz = State.objects.get(iso3="KAZ")
    osce = Organisation.objects.get(code="OSCE")
    return {
        "expert": make_user("expert", Role.EXPERT),
        "committee": make_user("committee", Role.COMMITTEE),
        "state_poc": make_user("poc-kaz", Role.STATE_POC, state=kaz),
        "provider_poc": make_user("provider-osce", Role.PROVIDER_POC, organisation=osce),
        "public": None,
    }


@pytest.fixture
def client_for(personas):
    def build(persona):
        client = Client()
        user = personas[persona]
        if user is not None:
            client.force_login(user)
        return client

    return build


def revision_of(record) -> str:
    """The stored revision of a record, as an edit form carries it (core.concurrency)."""
    return str(type(record).objects.values_list("revision", flat=True).get(pk=record.pk))
