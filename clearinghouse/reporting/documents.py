"""Report documents: which files are accepted, and their text (kept for search). Pure Python.

PDF through ``core.safepdf`` (pypdf, at most 1,000 pages), DOCX through python-docx after
``core.safezip`` checked the archive (no zip bomb), plain text decoded (UTF-8, else Latin-1).
The text is cleaned of control characters (``core.text``) before it is stored.
"""

from __future__ import annotations

import io
from pathlib import Path

from clearinghouse.core.safepdf import UnsafePdf, pdf_text
from clearinghouse.core.safezip import UnsafeArchive, check_archive
from clearinghouse.core.text import clean_text

MAX_BYTES = 20 * 1024 * 1024
ACCEPTED = {".pdf": "PDF", ".docx": "DOCX", ".txt": "text", ".md": "text"}
MAX_TEXT = 2_000_000


class DocumentError(ValueError):
    """A file that cannot be stored as a report document (the message says why)."""


def check(name: str, size: int) -> str:
    suffix = Path(name or "").suffix.lower()
    if suffix not in ACCEPTED:
        raise DocumentError(
            f"{name}: use a PDF, DOCX or text file (.pdf, .docx, .txt), not {suffix or 'a file without extension'}"
        )
    if size > MAX_BYTES:
        raise DocumentError(f"{name} is larger than 20 MB")
    return suffix


def extract_text(name: str, content: bytes) -> str:
    """The text of a PDF, DOCX or text file; DocumentError when it cannot be read."""
    suffix = check(name, len(content))
    try:
        if suffix == ".pdf":
            text = _pdf(content, name)
        elif suffix == ".docx":
            text = _docx(content, name)
        else:
            text = _plain(content)
    except DocumentError:
        raise
    except (UnsafeArchive, UnsafePdf) as exc:
        raise DocumentError(str(exc)) from None
    except Exception as exc:  # the readers raise many kinds for a broken file
        raise DocumentError(f"{name} could not be read as {ACCEPTED[suffix]} ({type(exc).__name__})") from None
    return clean_text(text).strip()[:MAX_TEXT]


def _pdf(content: bytes, name: str) -> str:
    if not content.startswith(b"%PDF"):
        raise DocumentError("the file is not a PDF (it does not start with %PDF)")
    return pdf_text(content, name=name, max_chars=MAX_TEXT)


def _docx(content: bytes, name: str) -> str:
    from docx import Document

    check_archive(content, name=name)
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _plain(content: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if content[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")
