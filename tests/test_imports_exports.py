"""The shared importer and exporter machinery, on a small importer of State aliases."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from clearinghouse.audit.models import AuditEntry
from clearinghouse.core import importing
from clearinghouse.core.exports import Table, to_csv, to_json, to_xlsx
from clearinghouse.core.models import IllustrativeDataset
from clearinghouse.registry.models import StateAlias

pytestmark = pytest.mark.django_db


class AliasImporter(importing.Importer):
    """Test importer: state,alias rows become State aliases."""

    kind = "test-aliases"
    label = "State aliases (test)"
    required = ("state", "alias")

    def validate(self, rows, problems):
        plan = []
        for row in rows:
            state = importing.resolve_state(row, "state", problems)
            if not row.get("alias"):
                problems.add(row.line, "alias", "is required")
            if state:
                plan.append((state, row.get("alias")))
        return plan

    def write(self, plan, actor):
        for state, alias in plan:
            StateAlias.objects.create(state=state, alias=alias)
        return {"aliases": len(plan)}

    def preview(self, plan):
        return [{"state": s.iso3, "alias": a} for s, a in plan]


@pytest.fixture(autouse=True)
def alias_importer():
    importing.register(AliasImporter)
    yield
    importing.IMPORTERS.pop("test-aliases", None)


def test_a_good_file_is_written_with_one_audit_entry():
    content = b"state,alias\nKazakhstan,Qazaqstan\nTurk- menistan,Turkmenia\n"
    outcome = importing.run_import("test-aliases", "aliases.csv", content, "tests")
    assert outcome.summary == {"aliases": 2}
    assert StateAlias.objects.filter(alias__in=["Qazaqstan", "Turkmenia"]).count() == 2
    assert AuditEntry.objects.filter(action="import.test-aliases").count() == 1


def test_every_problem_is_named_and_nothing_is_written():
    content = b"state,alias\nKazakhstan,Qazaqstan\nKorea,Koryo\nKosovo,Kosova\nKyrgyzstan,\n"
    before = StateAlias.objects.count()
    with pytest.raises(importing.ImportFailed) as failed:
        importing.run_import("test-aliases", "/tmp/aliases.csv", content, "tests")
    messages = [str(p) for p in failed.value.problems]
    assert messages[0] == 'aliases.csv line 3, field state: "Korea" is ambiguous: KOR, PRK'
    assert messages[1].startswith("aliases.csv line 4, field state: \"Kosovo\" names Kosovo")
    assert messages[2] == "aliases.csv line 5, field alias: is required"
    assert StateAlias.objects.count() == before


def test_missing_column_and_unknown_kind():
    with pytest.raises(importing.ImportFailed, match="line 1, field alias: missing column"):
        importing.run_import("test-aliases", "a.csv", b"state,name\nKazakhstan,x\n", "tests")
    with pytest.raises(importing.ImportFailed, match='unknown kind "nope"'):
        importing.run_import("nope", "a.csv", b"state\n", "tests")
    with pytest.raises(importing.ImportFailed, match="unsupported file type .txt"):
        importing.run_import("test-aliases", "a.txt", b"state\n", "tests")
    with pytest.raises(importing.ImportFailed, match="not valid JSON"):
        importing.run_import("test-aliases", "a.json", b"{", "tests")


def test_xlsx_and_json_files():
    wb = Workbook()
    wb.active.append(["state", "alias"])
    wb.active.append(["Kazakhstan", "Qazaqstan Respublikasy"])
    buf = io.BytesIO()
    wb.save(buf)
    importing.run_import("test-aliases", "a.xlsx", buf.getvalue(), "tests")
    data = json.dumps([{"state": "KGZ", "alias": "Kyrgyz test alias"}]).encode()
    importing.run_import("test-aliases", "a.json", data, "tests")
    assert StateAlias.objects.filter(alias__in=["Qazaqstan Respublikasy", "Kyrgyz test alias"]).count() == 2


def test_load_command_reports_problems_and_exits_1(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("state,alias\nKorea,Koryo\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("load", "test-aliases", str(path))
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert 'bad.csv line 2, field state: "Korea" is ambiguous' in err
    assert "nothing was written" in err


def test_upload_page_previews_then_saves(client_for):
    client = client_for("expert")
    upload = SimpleUploadedFile("aliases.csv", b"state,alias\nKazakhstan,Qazaqstan\n", "text/csv")
    response = client.post("/imports/", {"kind": "test-aliases", "file": upload})
    assert response.status_code == 200
    assert b"Qazaqstan" in response.content and not StateAlias.objects.filter(alias="Qazaqstan").exists()
    token = response.context["token"]
    response = client.post("/imports/", {"token": token})
    assert response.status_code == 302
    assert StateAlias.objects.filter(alias="Qazaqstan").exists()
    # The same token cannot be used twice.
    client.post("/imports/", {"token": token})
    assert StateAlias.objects.filter(alias="Qazaqstan").count() == 1


def test_upload_page_shows_problems(client_for):
    upload = SimpleUploadedFile("aliases.csv", b"state,alias\nKorea,Koryo\n", "text/csv")
    response = client_for("expert").post("/imports/", {"kind": "test-aliases", "file": upload})
    assert response.status_code == 400
    assert "line 2, field state" in response.content.decode()


def test_upload_page_counts_the_problems_it_lists(client_for):
    content = b"state,alias\nKorea,Koryo\nKosovo,Kosova\nKyrgyzstan,\n"
    upload = SimpleUploadedFile("aliases.csv", content, "text/csv")
    response = client_for("expert").post("/imports/", {"kind": "test-aliases", "file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "3 problems: nothing was saved." in page
    assert "0 problems" not in page
    upload = SimpleUploadedFile("notes.txt", b"x", "text/plain")
    page = client_for("expert").post("/imports/", {"kind": "test-aliases", "file": upload}).content.decode()
    assert "1 problem: nothing was saved." in page


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(separator):
    content = f"state{separator}alias\nKazakhstan{separator}Qazaqstan, Republic\n".encode()
    outcome = importing.run_import("test-aliases", "aliases.csv", content, "tests")
    assert outcome.summary == {"aliases": 1}
    assert StateAlias.objects.filter(alias="Qazaqstan, Republic").exists()


def test_sniffing_keeps_commas_and_quoted_semicolons():
    assert importing.sniff_delimiter('state,alias\nA;B,C\n') == ","
    assert importing.sniff_delimiter('"state;x",alias\n') == ","
    assert importing.sniff_delimiter("state;alias;notes\n") == ";"
    assert importing.sniff_delimiter("state\n") == ","


def test_missing_column_hints_at_the_delimiter():
    with pytest.raises(importing.ImportFailed, match="separated by another character"):
        importing.run_import("test-aliases", "a.csv", b"state|alias\nKazakhstan|x\n", "tests")


@pytest.mark.parametrize("persona, status", [("expert", 200), ("committee", 403), ("state_poc", 403),
                                             ("provider_poc", 403), ("public", 403)])
def test_upload_page_is_for_experts(client_for, persona, status):
    assert client_for(persona).get("/imports/").status_code == status


def test_csv_export_neutralises_formulas():
    table = Table("t", ["name", "n"], [["=HYPERLINK(\"http://x\")", 3], ["+1+1", -2], ["@SUM(A1)", 0]])
    text = to_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1+1" in text and "'@SUM" in text
    ws = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert ws["A2"].value.startswith("'=")
    assert to_json(table)["rows"][1] == {"name": "+1+1", "n": -2}


def test_state_list_exports_follow_the_filters(client):
    response = client.get("/states/?subregion=Central+Asia&export=csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("ISO code,Short name")
    keys = client.get("/states/?subregion=Central+Asia&export=csv&keys=1")
    assert keys.content.decode("utf-8-sig").startswith("iso3,short_name")
    assert len(lines) == 6
    data = client.get("/states/?subregion=Central+Asia&export=json").json()
    assert {r["iso3"] for r in data["rows"]} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert client.get("/states/?export=xlsx")["Content-Type"].startswith("application/vnd.openxml")
    assert client.get("/states/?export=pdfx").status_code == 400


def test_illustrative_data_is_announced_on_pages_and_exports(client):
    assert b"Illustrative data" not in client.get("/").content
    IllustrativeDataset.objects.create(name="demo")
    assert b"Illustrative data" in client.get("/").content
    assert b"Illustrative data" in client.get("/states/?export=csv").content
    assert client.get("/states/?export=json").json()["illustrative"] is True
