"""A State's matrix as PDF in the Committee's layout, and the table exports."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from clearinghouse.matrix import queries

pytestmark = pytest.mark.django_db


def test_pdf_has_the_state_the_sections_and_the_cells(matrices, client_for):
    response = client_for("public").get("/matrix/KAZ/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) > 0
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Kazakhstan" in text
    for section in queries.layout().sections:
        assert section.title.split(":")[0] in text
    assert "Criminal Code, art. 283" in text
    assert "not a compliance assessment" in " ".join(text.split())
    assert "KAZ DRAFT REMARK" not in text  # the public gets the published version


def test_pdf_of_a_hidden_draft_is_404(matrices, client_for):
    assert client_for("public").get("/matrix/KAZ/pdf/?version=2").status_code == 404
    assert client_for("state_poc").get("/matrix/KAZ/pdf/?version=2").status_code == 200


def test_matrix_exports_hold_every_field_and_dimension(matrices, client_for):
    client = client_for("expert")
    lay = queries.layout()
    cells = sum(s.capacity for s in lay.sections)
    csv = client.get("/matrix/KAZ/?version=1&export=csv").content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("state,version,status,section,field")
    assert len(csv) == cells + 1
    assert any(line.startswith("KAZ,1,published,OP2,OP2.NW.01") and ",legal,X,Criminal Code, art. 283"
               in line.replace('"', "") for line in csv)
    data = client.get("/matrix/KAZ/?version=2&export=json").json()
    row = next(r for r in data["rows"] if r["field"] == "OP1.NPT")
    assert row["remarks"] == "KAZ DRAFT REMARK"
    wb = load_workbook(io.BytesIO(client.get("/matrix/KAZ/?export=xlsx").content))
    assert wb.active.max_row == cells + 1
    assert client.get("/matrix/KAZ/?export=pdfx").status_code == 400


def test_exports_say_when_data_is_illustrative(matrices, client_for):
    from clearinghouse.core.models import IllustrativeDataset

    IllustrativeDataset.objects.create(name="demo")
    data = client_for("public").get("/matrix/?export=json&table=trend").json()
    assert data["illustrative"] is True
    csv = client_for("public").get("/matrix/KAZ/?export=csv").content.decode("utf-8-sig")
    assert csv.lstrip('"').startswith("# Illustrative data")
