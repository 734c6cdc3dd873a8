"""Archives (DOCX, XLSX, any ZIP) checked before a reader opens them. Pure Python, no Django.

A zip bomb is a small file that expands to gigabytes when read (a 1.4 MB DOCX expanding to
600 MB once took 32 s and 1.9 GB before it was refused). :func:`check_archive` reads only the
archive's directory, in milliseconds, and refuses:

- more than ``max_entries`` entries (a DOCX has about 20, an XLSX a few dozen);
- an XML part (what the readers parse: the text, the sheets) declaring more than ``max_xml``
  bytes once expanded, any other part (an image) more than ``max_entry``, or all parts together
  more than ``max_total``;
- an entry of more than 1 MB that expands more than ``max_ratio`` times (text and XML compress
  10 to 30 times; a bomb thousands of times).

The declared sizes are what bounds a reader: Python's ``zipfile``, which python-docx and openpyxl
use, never expands an entry past its declared size (and then fails on its checksum).
Every reader of DOCX or XLSX in the platform calls :func:`check_archive` first: report documents
(``reporting/documents.py``), the Information Note parser (``outreach/notes/parser.py``) and the
importers (``core/importing.py``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO

MAX_ENTRIES = 1_000
MAX_XML = 25 * 1024 * 1024
MAX_ENTRY = 40 * 1024 * 1024
MAX_TOTAL = 100 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # entries smaller than this expand as much as they like


class UnsafeArchive(ValueError):
    """An archive refused before reading; the message says why, in a sentence."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _say(name: str | None, text: str) -> str:
    return f"{name} {text}" if name else text


def check_archive(source: bytes | str | Path | BinaryIO, *, name: str | None = None,
                  max_entries: int = MAX_ENTRIES, max_xml: int = MAX_XML,
                  max_entry: int = MAX_ENTRY, max_total: int = MAX_TOTAL,
                  max_ratio: int = MAX_RATIO) -> None:
    """Refuse (UnsafeArchive) an archive that would expand too far; None when it is safe.

    ``source`` is the archive's bytes, a path or an open binary file. A file that is not a ZIP
    archive at all raises ``zipfile.BadZipFile``, as the reader itself would (callers report it
    as a broken file). Messages start with ``name`` when given ("report.docx expands ..."),
    else with the verb ("expands ...").
    """
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    with zipfile.ZipFile(handle) as archive:
        entries = archive.infolist()
    if len(entries) > max_entries:
        raise UnsafeArchive(_say(name, f"holds {len(entries):,} parts (at most {max_entries:,}): "
                                       "it is not an ordinary document"))
    total = 0
    for entry in entries:
        size = entry.file_size
        if size > RATIO_FLOOR and size > max_ratio * max(entry.compress_size, 1):
            ratio = size // max(entry.compress_size, 1)
            raise UnsafeArchive(_say(name, f"has a part ({entry.filename[:80]}) that expands "
                                           f"{ratio:,} times (at most {max_ratio}): it looks "
                                           "like a zip bomb"))
        limit = max_xml if entry.filename.lower().endswith((".xml", ".rels")) else max_entry
        if size > limit:
            raise UnsafeArchive(_say(name, f"has a part ({entry.filename[:80]}) that expands to "
                                           f"{_megabytes(size)} (at most {_megabytes(limit)})"))
        total += size
        if total > max_total:
            raise UnsafeArchive(_say(name, f"expands to more than {_megabytes(max_total)}"))
