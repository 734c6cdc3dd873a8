"""Registry pages and actions added for issue 10: an organisation's names in the six languages;
aliases and organisations added by experts are checked, audited and kept by reloads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry import actions, services
from clearinghouse.registry.loading import load_reference_data
from clearinghouse.registry.models import Organisation, OrganisationAlias, State, StateAlias

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_resolver():
    services.registry_changed()
    yield
    services.registry_changed()


def test_the_organisation_page_shows_its_names_in_six_languages(client):
    page = client.get("/organisations/IAEA/").content.decode()
    for name in ("Agence internationale de l'énergie atomique", "Organismo Internacional de Energía Atómica",
                 "Международное агентство по атомной энергии", "国际原子能机构",
                 "الوكالة الدولية للطاقة الذرية"):
        assert name in page.replace("&#x27;", "'")


def test_an_alias_is_checked_audited_and_kept(personas, django_capture_on_commit_callbacks):
    expert = personas["expert"]
    kaz = State.objects.get(iso3="KAZ")
    with pytest.raises(ValidationError, match="already names"):
        actions.add_alias(expert, kaz, "OPCW")
    with pytest.raises(ValidationError, match="Give a name"):
        actions.add_alias(expert, kaz, "  ")
    with pytest.raises(PermissionDenied):
        actions.add_alias(personas["committee"], kaz, "Qazaqstan Respublikasy")
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_alias(expert, kaz, "Qazaqstan Respublikasy")
    assert StateAlias.objects.get(alias="Qazaqstan Respublikasy").source == "expert"
    assert AuditEntry.objects.filter(action="registry.alias.added").count() == 1
    assert services.resolve("Qazaqstan Respublikasy").match.code == "KAZ"
    load_reference_data("tests", force=True)
    assert StateAlias.objects.filter(alias="Qazaqstan Respublikasy").exists()


def test_a_new_organisation_is_checked(personas):
    expert = personas["expert"]
    with pytest.raises(ValidationError) as bad:
        actions.create_organisation(expert, code="bad code!", name="X", kind="industry")
    assert "code" in bad.value.message_dict
    with pytest.raises(ValidationError) as bad:
        actions.create_organisation(expert, code="KAZ", name="Kazakh Institute", kind="academia")
    assert "is taken" in str(bad.value)
    organisation = actions.create_organisation(
        expert, code="NUCSEC-CO", name="Nuclear Security Compliance Company", kind="industry",
        aliases=["NSCC Ltd"])
    assert organisation.source == "expert" and not organisation.intergovernmental
    assert list(OrganisationAlias.objects.filter(organisation=organisation)
                .values_list("alias", flat=True)) == ["NSCC Ltd"]
    assert Organisation.objects.get(code="IAEA").intergovernmental
