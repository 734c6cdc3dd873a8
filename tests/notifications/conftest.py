"""The people of the notice tests: the personas with e-mail addresses (the KAZ point of contact
reads French), and points of contact of another State and another organisation."""

import pytest

from clearinghouse.accounts.models import Role
from clearinghouse.registry.models import Organisation, State
from tests.conftest import make_user


@pytest.fixture
def people(reference_data, personas):
    kaz, kgz = State.objects.get(iso3="KAZ"), State.objects.get(iso3="KGZ")
    osce, eu = Organisation.objects.get(code="OSCE"), Organisation.objects.get(code="EU")
    for name in ("state_poc", "provider_poc", "expert"):
        personas[name].email = f"{personas[name].username}@example.org"
        personas[name].save()
    personas["state_poc"].language = "fr"
    personas["state_poc"].save()
    return {**personas, "kaz": kaz, "kgz": kgz, "osce": osce, "eu": eu,
            "kgz_poc": make_user("poc-kgz", Role.STATE_POC, state=kgz),
            "eu_poc": make_user("provider-eu", Role.PROVIDER_POC, organisation=eu)}
