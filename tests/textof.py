"""The text a person (or a program) reads in a response: HTML, JSON, CSV, Markdown as they are;
PDF through pypdf, DOCX through python-docx, XLSX through openpyxl."""

from __future__ import annotations

import io
import logging

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(
        values_only=True) for value in row if value is not None)


def content_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def text_of(response) -> str:
    """The readable text of a test client's response, whatever its format."""
    content = content_of(response)
    kind = response.get("Content-Type", "").split(";")[0].strip()
    if kind == PDF or content.startswith(b"%PDF"):
        return pdf_text(content)
    if kind == DOCX:
        return docx_text(content)
    if kind == XLSX:
        return xlsx_text(content)
    if content.startswith(b"PK"):  # another zipped Office file: try both readers
        try:
            return docx_text(content)
        except Exception:  # noqa: BLE001 - not a DOCX: then a workbook
            return xlsx_text(content)
    return content.decode("utf-8", errors="replace")


def squeeze(text: str) -> str:
    """Lower case without white space: a marker wrapped or spaced out in a PDF is still found."""
    return "".join(text.split()).lower()
