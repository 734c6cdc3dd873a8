"""The text of a PDF, within bounds. Pure Python (pypdf), no Django.

pypdf already bounds each stream it expands (75 MB by default); on top of that a PDF is refused
when it has more than ``max_pages`` pages (a national report has a few hundred), and extraction
stops once ``max_chars`` characters are read. Report documents (``reporting/documents.py``) and
the Information Note parser (``outreach/notes/parser.py``) read PDFs only through
:func:`pdf_text`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

MAX_PAGES = 1_000
MAX_CHARS = 2_000_000


def _say(name: str | None, text: str) -> str:
    return f"{name} {text}" if name else text


class UnsafePdf(ValueError):
    """A PDF refused before or while reading; the message says why, in a sentence."""


def _declared_pages(reader) -> int:
    try:
        return int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except (KeyError, TypeError, ValueError):
        return 0  # no usable count: the pages are counted as they are read


def pdf_text(source: bytes | str | Path, *, name: str | None = None, max_pages: int = MAX_PAGES,
             max_chars: int = MAX_CHARS, separator: str = "\n\n", strip: bool = True,
             page_text: Callable | None = None) -> str:
    """The text of the PDF's pages (each stripped when ``strip``) joined by ``separator``;
    UnsafePdf when out of bounds. ``page_text(page)`` reads one pypdf page (default: its
    ``extract_text()``).

    Other exceptions (a broken file) are pypdf's own; callers turn them into a sentence.
    """
    from pypdf import PdfReader

    content = source if isinstance(source, bytes | bytearray) else Path(source).read_bytes()
    if not content.lstrip()[:5].startswith(b"%PDF"):
        raise UnsafePdf(_say(name, "is not a PDF (it does not start with %PDF)"))
    reader = PdfReader(io.BytesIO(content))
    declared = _declared_pages(reader)
    if declared > max_pages:  # refused from the page tree's own count, before walking it
        raise UnsafePdf(_say(name, f"has {declared:,} pages (at most {max_pages:,})"))
    pages = len(reader.pages)
    if pages > max_pages:
        raise UnsafePdf(_say(name, f"has {pages:,} pages (at most {max_pages:,})"))
    parts, total = [], 0
    for page in reader.pages:
        text = (page_text(page) if page_text else page.extract_text()) or ""
        text = text.strip() if strip else text
        parts.append(text)
        total += len(text) + len(separator)
        if total >= max_chars:
            break
    return separator.join(parts)[:max_chars]


def pdf_attachment(source: bytes | str | Path, filename: str, *, max_bytes: int) -> bytes | None:
    """The file named ``filename`` embedded in the PDF (its /EmbeddedFiles), or None when there
    is none or it is larger than ``max_bytes``. The platform's own PDFs carry their source this
    way (an Information Note its HTML), the way an e-invoice carries its XML: the text layer of a
    right-to-left page comes out in visual order, the source does not. pypdf bounds the stream it
    expands; anything out of shape reads as no attachment.
    """
    from pypdf import PdfReader

    content = source if isinstance(source, bytes | bytearray) else Path(source).read_bytes()
    if not content.lstrip()[:5].startswith(b"%PDF"):
        return None
    try:
        found = PdfReader(io.BytesIO(content)).attachments.get(filename)
    except Exception:  # a broken name tree: read the text layer instead
        return None
    if not found:
        return None
    data = found[0]
    return data if isinstance(data, bytes) and len(data) <= max_bytes else None

