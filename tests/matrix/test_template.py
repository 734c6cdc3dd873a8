"""The template shipped as a data file is loaded into the database: sections, rows, dimensions."""

import pytest

from clearinghouse.matrix import queries
from clearinghouse.matrix.models import Field, MatrixTemplate, Section
from clearinghouse.matrix.template import load_template, read_template

pytestmark = pytest.mark.django_db


def test_the_data_file_expands_into_sections_and_fields():
    spec = read_template()
    assert [s.code for s in spec.sections] == ["OP1", "OP2", "OP3AB", "OP3CD"]
    codes = {f.code for f in spec.fields()}
    for treaty in ("NPT", "CPPNM", "CPPNM2005", "ICSANT", "CTBT", "CWC", "BWC", "GP1925", "IAEA-CSA",
                   "IAEA-AP", "COC-RS", "NSG", "AG", "MTCR", "HCOC", "WA", "ZANGGER", "PSI", "OTHER"):
        assert f"OP1.{treaty}" in codes
    op2 = next(s for s in spec.sections if s.code == "OP2")
    assert len(op2.fields) == 13 * 3
    assert {f.weapon for f in op2.fields} == {"NW", "CW", "BW"}
    labels = {f.label for f in op2.fields}
    assert {"Manufacture / produce", "Finance any of the above", "Means of delivery"} <= labels
    assert "OP3AB.NW.12" in codes and "OP3AB.CW.12" not in codes  # INFCIRC/225 is nuclear only
    assert "OP3AB.BW.14" in codes  # genetic engineering: biological only


def test_the_loaded_template_matches_the_file():
    template = MatrixTemplate.objects.get(version=1)
    spec = read_template()
    assert Section.objects.filter(template=template).count() == 4
    assert Field.objects.filter(template=template).count() == len(spec.fields())
    assert Field.objects.get(template=template, code="OP1.NPT").dimensions == ["single"]
    field = Field.objects.get(template=template, code="OP3CD.BW.24")
    assert field.dimensions == ["legal", "enforcement"]
    assert field.weapon == "BW" and field.op_reference == "OP3(d)" and field.section.code == "OP3CD"


def test_loading_again_changes_nothing():
    before = list(Field.objects.values_list("pk", "code").order_by("pk"))
    load_template()
    assert list(Field.objects.values_list("pk", "code").order_by("pk")) == before
    assert MatrixTemplate.objects.count() == 1


def test_layout_groups_rows_by_weapon_and_counts_cells():
    lay = queries.layout()
    op2 = next(s for s in lay.sections if s.code == "OP2")
    assert [g.weapon for g in op2.groups] == ["NW", "CW", "BW"]
    assert op2.capacity == 13 * 3 * 2
    op1 = lay.sections[0]
    assert not op1.two_dimensions and op1.capacity == len(op1.groups[0].rows)
