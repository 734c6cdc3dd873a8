"""Importers name the file, line and field of what they cannot read: a CSV field longer than
131,072 characters and deeply nested JSON were 500s (csv.Error, RecursionError)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from clearinghouse.core import importing
from clearinghouse.reporting.models import NationalReport

from . import bombs

pytestmark = pytest.mark.django_db


def test_a_csv_field_past_the_limit_is_named_with_its_line_and_column(personas):
    content = bombs.csv_with_long_field(131_073)
    with pytest.raises(importing.ImportFailed) as failed:
        importing.run_import("reports", "reports.csv", content, personas["expert"])
    assert [str(p) for p in failed.value.problems] == [
        "reports.csv line 2, field text: holds 131,073 characters (at most 131,072)"]
    assert not NationalReport.objects.exists()


def test_a_csv_field_at_the_limit_is_read(personas):
    importing.run_import("reports", "reports.csv", bombs.csv_with_long_field(131_072),
                         personas["expert"])
    assert len(NationalReport.objects.get().text) == 131_072


def test_line_numbers_count_lines_inside_quoted_fields():
    content = b'state,kind,date,text\nKAZ,first,2004-10-01,"two\nlines"\nKGZ,first,2004-10-02,x\n'
    _columns, rows = importing.read_rows("r.csv", content)
    assert [r.line for r in rows] == [2, 4]


def test_a_csv_that_is_not_utf8_is_named_with_its_line():
    with pytest.raises(importing.ImportFailed, match=r"r.csv line 2: is not UTF-8 text"):
        importing.read_rows("r.csv", b"state,kind\nKAZ,\xff\xfe\n")


def test_the_upload_page_names_the_long_field(client_for):
    response = client_for("expert").post("/imports/", {
        "kind": "reports", "file": SimpleUploadedFile("reports.csv", bombs.csv_with_long_field())})
    assert response.status_code == 400
    assert "reports.csv line 2, field text: holds 131,073 characters" in response.content.decode()


def test_deep_json_is_named_with_its_line(personas):
    with pytest.raises(importing.ImportFailed) as failed:
        importing.run_import("reports", "reports.json", bombs.deep_json(100_000, line=3),
                             personas["expert"])
    [problem] = failed.value.problems
    assert (problem.file, problem.line) == ("reports.json", 3)
    assert "nests arrays or objects too deeply" in problem.message


def test_the_upload_page_and_the_assistance_importer_name_deep_json(client_for, personas):
    response = client_for("expert").post("/imports/", {
        "kind": "assistance", "file": SimpleUploadedFile("x.json", bombs.deep_json(50_000))})
    assert response.status_code == 400
    assert "x.json line 3: nests arrays or objects too deeply" in response.content.decode()


def test_the_match_command_names_deep_json(tmp_path):
    path = tmp_path / "exchange.json"
    path.write_bytes(bombs.deep_json(50_000, line=2))
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("match", "--input", str(path), stderr=err)
    assert "exchange.json line 2: nests arrays or objects too deeply" in err.getvalue()


def test_deep_json_in_an_api_body_is_400(client_for, personas):
    body = "[" * 100_000 + "]" * 100_000
    response = client_for("expert").post("/api/assistance/matches/", body,
                                         content_type="application/json")
    assert response.status_code == 400
    assert "too deeply" in response.json()["detail"]
