"""Versions: drafting, copying, immutability once approved, approval by the Committee only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clearinghouse.audit.models import AuditEntry
from clearinghouse.matrix import actions, queries
from clearinghouse.matrix.models import Cell, MatrixVersion
from clearinghouse.registry.models import State

pytestmark = pytest.mark.django_db


def _cells(version):
    lay = queries.layout_for(version)
    return {(lay.by_id[f].code, d): c for (f, d), c in queries.version_cells(version).items()}


def test_a_new_version_copies_the_latest_and_is_edited_separately(matrices):
    v1, v2 = matrices["kaz1"], matrices["kaz2"]
    assert v2.number == 2 and v2.based_on_id == v1.pk and v2.report_date == dt.date(2004, 10, 28)
    old, new = _cells(v1), _cells(v2)
    assert old[("OP2.NW.01", "enforcement")] == ("?", "", "penalties unclear")
    assert new[("OP2.NW.01", "enforcement")] == ("X", "Criminal Code, art. 283-1", "")
    assert ("OP3CD.CW.05", "legal") in old and ("OP3CD.CW.05", "legal") not in new
    assert old[("OP2.NW.01", "legal")] == new[("OP2.NW.01", "legal")]


def test_an_approved_version_cannot_change(matrices, expert):
    v1 = matrices["kaz1"]
    before = _cells(v1)
    with pytest.raises(ValidationError, match="immutable"):
        actions.set_cell(expert, v1, "OP1.NPT", "single", "NA")
    with pytest.raises(ValidationError, match="immutable"):
        actions.update_header(expert, v1, report_date=dt.date(2020, 1, 1))
    assert _cells(v1) == before
    v1.refresh_from_db()
    assert v1.report_date == dt.date(2004, 10, 28)


def test_only_the_chairs_office_or_an_expert_records_the_committees_approval(matrices, personas,
                                                                            committee):
    draft = matrices["kaz2"]
    for persona in ("committee", "state_poc", "provider_poc", "public"):
        with pytest.raises(PermissionDenied):
            actions.approve(personas[persona], draft, dt.date(2024, 5, 2), reference="1540/SR.130")
    draft.refresh_from_db()
    assert draft.status == "draft"
    actions.approve(committee, draft, dt.date(2024, 5, 2), reference="1540/SR.130")
    draft.refresh_from_db()
    assert (draft.status, draft.approved_by, draft.approved_on) == ("approved", committee,
                                                                   dt.date(2024, 5, 2))
    assert AuditEntry.objects.filter(action="matrix.version.approved", target_id=str(draft.pk)).exists()
    with pytest.raises(ValidationError):
        actions.approve(committee, draft, dt.date(2024, 5, 2), reference="1540/SR.130")


def test_publishing_needs_approval_and_an_expert(matrices, personas):
    with pytest.raises(ValidationError, match="approved"):
        actions.publish(personas["expert"], matrices["kaz2"])
    with pytest.raises(PermissionDenied):
        actions.publish(personas["committee"], matrices["tkm1"])
    actions.publish(personas["expert"], matrices["tkm1"])
    assert MatrixVersion.objects.get(pk=matrices["tkm1"].pk).status == "published"


def test_only_experts_draft_and_one_draft_at_a_time(matrices, personas):
    kaz = State.objects.get(iso3="KAZ")
    for persona in ("committee", "state_poc", "provider_poc", "public"):
        with pytest.raises(PermissionDenied):
            actions.start_version(personas[persona], kaz)
        with pytest.raises(PermissionDenied):
            actions.set_cell(personas[persona], matrices["kaz2"], "OP1.NPT", "single", "X")
    with pytest.raises(ValidationError, match="already has a draft"):
        actions.start_version(personas["expert"], kaz)


@pytest.mark.parametrize("code,dimension,value,message", [
    ("OP9.XX", "single", "X", "Unknown field"),
    ("OP1.NPT", "legal", "X", "no dimension"),
    ("OP2.NW.01", "single", "X", "no dimension"),
    ("OP2.NW.01", "legal", "Y", "not a matrix value"),
])
def test_bad_cells_are_refused(matrices, expert, code, dimension, value, message):
    count = Cell.objects.count()
    with pytest.raises(ValidationError, match=message):
        actions.set_cell(expert, matrices["kaz2"], code, dimension, value)
    assert Cell.objects.count() == count


def test_measures_are_counted_per_section(matrices):
    v1, v2 = (MatrixVersion.objects.get(pk=matrices[k].pk) for k in ("kaz1", "kaz2"))
    assert v1.measures == {"OP1": 1, "OP2": 1, "OP3CD": 1} and v1.measures_total == 3
    assert v2.measures == {"OP1": 1, "OP2": 3} and v2.measures_total == 4
