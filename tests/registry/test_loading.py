"""Loading the reference files: idempotent, validated first, one transaction, audited."""

import shutil

import pytest

from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.loading import load_reference_data
from clearinghouse.registry.models import Membership, State, StateAlias
from clearinghouse.registry.reference import DATA_DIR, ReferenceDataError

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_changed_files_are_applied(data_copy):
    aliases = data_copy / "state_aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "KAZ,Qazaqstan,common\n", encoding="utf-8")
    summary = load_reference_data("tests", data_dir=data_copy)
    assert summary["state_aliases"]["created"] == 1
    assert StateAlias.objects.filter(state__iso3="KAZ", alias="Qazaqstan").exists()
    assert AuditEntry.objects.filter(action="registry.reference_loaded").exists()


def test_a_bad_date_names_file_line_and_field_and_writes_nothing(data_copy):
    states = data_copy / "states.csv"
    lines = states.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[4], "1992-13-45")
    states.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (State.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ReferenceDataError, match=r"states.csv line 4, field admitted"):
        load_reference_data("tests", data_dir=data_copy)
    assert (State.objects.count(), AuditEntry.objects.count()) == before


def test_an_unknown_state_in_memberships_is_refused(data_copy):
    memberships = data_copy / "memberships.csv"
    memberships.write_text(memberships.read_text(encoding="utf-8") + "OSCE,XKX,,,\n", encoding="utf-8")
    before = Membership.objects.count()
    with pytest.raises(ReferenceDataError, match="unknown State XKX"):
        load_reference_data("tests", data_dir=data_copy)
    assert Membership.objects.count() == before


def test_the_resolver_follows_registry_edits(client_for):
    from django.db import transaction

    from clearinghouse.audit.actions import save_record
    from clearinghouse.registry.services import registry_changed, resolve

    assert resolve("Qazaqstan").match is None or resolve("Qazaqstan").match.code == "KAZ"
    with transaction.atomic():
        save_record("tests", StateAlias(state=State.objects.get(iso3="KAZ"), alias="Qazaqstan Respublikasy"))
    registry_changed()
    assert resolve("Qazaqstan Respublikasy").match.code == "KAZ"
