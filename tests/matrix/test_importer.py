"""`clearinghouse load matrix FILE`: everything checked first, with file/line/field; then one write."""

import io
import json

import pytest
from django.core.management import call_command

from clearinghouse.core.importing import ImportFailed, run_import
from clearinghouse.matrix.models import Cell, MatrixVersion

pytestmark = pytest.mark.django_db

HEADER = "state,version,date,field,dimension,value,source,remarks\n"


def _load(text, name="cells.csv"):
    return run_import("matrix", name, text.encode(), "tests")


def test_a_good_file_creates_a_draft_and_its_cells(matrices):
    outcome = _load(HEADER + "Kyrgyzstan,,2005-03-01,OP1.NPT,,X,Ratified 1994,\n"
                    "KGZ,,2005-03-01,OP2.NW.01,legal framework,x,Criminal Code art. 1,\n"
                    "Kyrgyz Republic,,2005-03-01,OP2.NW.01,enforcement,?,,unclear\n")
    assert outcome.written and outcome.summary["versions created"] == 1 and outcome.summary["cells"] == 3
    version = MatrixVersion.objects.get(matrix__state__iso3="KGZ")
    assert (version.number, version.status, str(version.report_date)) == (1, "draft", "2005-03-01")
    assert version.measures_total == 2
    assert set(Cell.objects.filter(version=version).values_list("field__code", "dimension", "value")) == {
        ("OP1.NPT", "single", "X"), ("OP2.NW.01", "legal", "X"), ("OP2.NW.01", "enforcement", "?")}


def test_loading_into_an_existing_draft_replaces_only_the_cells_named(matrices):
    draft = matrices["kaz2"]
    before = Cell.objects.filter(version=draft).count()
    _load(HEADER + "KAZ,2,,OP2.NW.01,enforcement,NA,,no longer relevant\nKAZ,2,,OP2.CW.01,legal,X,CC,\n")
    cells = dict(((c.field.code, c.dimension), c.value) for c in Cell.objects.filter(version=draft))
    assert cells[("OP2.NW.01", "enforcement")] == "NA" and cells[("OP2.CW.01", "legal")] == "X"
    assert cells[("OP2.NW.01", "legal")] == "X"  # untouched
    assert len(cells) == before + 1


@pytest.mark.parametrize("row,line,field,message", [
    ("Atlantis,,,OP1.NPT,,X,,", 2, "state", ""),
    ("Korea,,,OP1.NPT,,X,,", 2, "state", "ambiguous"),
    ("KGZ,,,OP7.NPT,,X,,", 2, "field", "not a field code"),
    ("KGZ,,,OP1.NPT,,Yes,,", 2, "value", "not a matrix value"),
    ("KGZ,,,OP2.NW.01,sideways,X,,", 2, "dimension", "not a dimension"),
    ("KGZ,,,OP2.NW.01,,X,,", 2, "dimension", "has no dimension"),
    ("KGZ,,2005-02-30,OP1.NPT,,X,,", 2, "date", "not a date"),
    ("KGZ,first,,OP1.NPT,,X,,", 2, "version", "not a version number"),
    ("KAZ,1,,OP1.NPT,,X,,", 2, "version", "immutable"),
    ("KAZ,3,,OP1.NPT,,X,,", 2, "version", "already has a draft"),
])
def test_each_problem_names_file_line_and_field_and_nothing_is_written(matrices, row, line, field, message):
    cells, versions = Cell.objects.count(), MatrixVersion.objects.count()
    with pytest.raises(ImportFailed) as failed:
        _load(HEADER + "KGZ,,,OP1.CWC,,X,,\n" + row + "\n")
    problem = failed.value.problems[0]
    assert (problem.file, problem.line, problem.field) == ("cells.csv", line + 1, field)
    assert message.lower() in problem.message.lower()
    assert (Cell.objects.count(), MatrixVersion.objects.count()) == (cells, versions)


def test_duplicate_cells_are_reported_with_both_lines(matrices):
    with pytest.raises(ImportFailed) as failed:
        _load(HEADER + "KGZ,,,OP1.NPT,,X,,\nKyrgyzstan,,,OP1.NPT,,?,,\n")
    assert "already on line 2" in str(failed.value) and "line 3" in str(failed.value)


def test_a_missing_column_is_reported(matrices):
    with pytest.raises(ImportFailed, match="missing column"):
        _load("state,field\nKGZ,OP1.NPT\n")


def test_json_and_xlsx_files_load_the_same(matrices):
    rows = [{"state": "KGZ", "field": "OP1.NPT", "value": "X", "source": "1994"},
            {"state": "TJK", "field": "OP2.BW.08", "dimension": "legal", "value": "X"}]
    _load(json.dumps(rows), "cells.json")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["state", "field", "dimension", "value"])
    ws.append(["Turkmenistan", "OP1.NPT", "", "X"])  # TKM's version 1 is approved: a new draft 2
    buf = io.BytesIO()
    wb.save(buf)
    run_import("matrix", "cells.xlsx", buf.getvalue(), "tests")
    assert MatrixVersion.objects.get(matrix__state__iso3="TJK", number=1).measures_total == 1
    tkm = MatrixVersion.objects.get(matrix__state__iso3="TKM", number=2)
    assert tkm.status == "draft" and tkm.measures_total == 1


def test_the_load_command(matrices, tmp_path, capsys):
    path = tmp_path / "cells.csv"
    path.write_text(HEADER + "KGZ,,,OP1.NPT,,X,,\n")
    call_command("load", "matrix", str(path))
    assert "1 rows loaded" in capsys.readouterr().out
    path.write_text(HEADER + "KGZ,,,OP1.NOPE,,X,,\n")
    with pytest.raises(SystemExit):
        call_command("load", "matrix", str(path))
    assert "cells.csv line 2, field field" in capsys.readouterr().err
