"""A new DOCX the platform's way (pure, no Django): A4 like the PDFs, 2 cm margins, and the
document's properties (author, title, subject, created) the platform's and the record's rather
than python-docx's template defaults ("python-docx", created 2013-12-23).

Used by every DOCX writer: the Information Note, the matchmaking briefing, the annual outreach
review.
"""

from __future__ import annotations

import datetime as dt

AUTHOR = "1540 Clearinghouse"
A4 = (210, 297)  # millimetres


def new_document(title: str, *, subject: str = "", keywords: str = "",
                 created: dt.datetime | None = None, landscape: bool = False):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Mm

    document = docx.Document()
    for section in document.sections:
        width, height = A4
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    when = (created or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    props = document.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = title[:255]
    props.subject = subject[:255]
    props.keywords = keywords[:255]
    props.comments = ""
    props.category = ""
    props.created = props.modified = when
    props.revision = 1
    return document
