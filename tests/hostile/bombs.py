"""Hostile files built in code: zip bombs (DOCX, XLSX, ZIP), long PDFs, deep JSON, long CSV fields.

Each bomb really expands as much as it says (the entries are streamed through zlib), so a reader
that trusted it would spend seconds and gigabytes, as the findings measured.
"""

from __future__ import annotations

import io
import random
import zipfile

CHUNK = 1024 * 1024


def _plain_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Event: Regional workshop")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace_part(source: bytes, part: str, chunks) -> bytes:
    """A copy of the archive ``source`` with ``part`` streamed from ``chunks`` (bytes)."""
    original = zipfile.ZipFile(io.BytesIO(source))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in original.infolist():
            if item.filename != part:
                archive.writestr(item, original.read(item.filename))
                continue
            info = zipfile.ZipInfo(part, date_time=item.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as handle:
                for chunk in chunks:
                    handle.write(chunk)
    return out.getvalue()


def docx_bomb(megabytes: int = 200) -> bytes:
    """A valid-looking DOCX whose text part expands to ``megabytes`` MB of spaces (ratio ~1000)."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>Event: x</w:t></w:r></w:p><w:p><w:r><w:t>")
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    return _replace_part(_plain_docx(), "word/document.xml",
                         [head, *(b" " * CHUNK for _ in range(megabytes)), tail])


def docx_of_words(megabytes: float, seed: int = 1540) -> bytes:
    """A DOCX of ordinary paragraphs of varied words: compresses like text (no bomb), but its
    text part is ``megabytes`` MB, far more than any Information Note."""
    rnd = random.Random(seed)
    words = ("border", "export", "control", "licence", "workshop", "States", "Committee",
             "nuclear", "chemical", "biological", "delivery", "security", "enforcement",
             "legislation", "assistance", "experts", "regional", "national", "report")
    paragraphs, size = [], 0
    while size < megabytes * CHUNK:
        text = " ".join(rnd.choice(words) + str(rnd.randrange(1000)) for _ in range(40))
        paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
        paragraphs.append(paragraph)
        size += len(paragraph)
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>Event: x</w:t></w:r></w:p>")
    return _replace_part(_plain_docx(), "word/document.xml",
                         [head, b"".join(paragraphs), b"</w:body></w:document>"])


def _plain_xlsx(rows=(("state", "kind", "date"),)) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bomb(rows: int = 3_000_000) -> bytes:
    """An XLSX whose first sheet holds ``rows`` identical rows (a few hundred KB holding 3
    million rows, 84 MB of XML)."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<sheetData><row><c t="inlineStr"><is><t>state</t></is></c></row>')
    row = b"<row><c><v>1</v></c></row>"
    per_chunk = 10_000
    chunks = [head]
    chunks += [row * per_chunk for _ in range(rows // per_chunk)]
    chunks.append(b"</sheetData></worksheet>")
    return _replace_part(_plain_xlsx(), "xl/worksheets/sheet1.xml", chunks)


def xlsx_rows(count: int) -> bytes:
    """An ordinary XLSX of reports with ``count`` rows."""
    return _plain_xlsx([("state", "kind", "date"),
                        *(("Kazakhstan", "first", "2004-10-01") for _ in range(count))])


def zip_of_many_parts(parts: int = 5_000) -> bytes:
    """A DOCX-named archive with thousands of tiny parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(parts):
            archive.writestr(f"word/media/part{i}.xml", b"<x/>")
    return out.getvalue()


def pdf_of_pages(pages: int) -> bytes:
    """A PDF of ``pages`` blank pages."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def deep_json(depth: int = 100_000, line: int = 3) -> bytes:
    """A JSON list of one object whose value nests ``depth`` arrays, starting on ``line``."""
    return ("[\n" * (line - 1) + '{"state": ' + "[" * depth + "]" * depth + "}" + "]" * (line - 1)
            ).encode()


def csv_with_long_field(characters: int = 131_073) -> bytes:
    return ("state,kind,date,title,text\nKazakhstan,first,2004-10-01,Title,"
            + "x" * characters + "\n").encode()
