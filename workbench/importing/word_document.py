"""Read the paragraphs and core properties of a Word (.docx) document with python-docx."""

from __future__ import annotations

import io
import logging
from datetime import datetime

from workbench.errors import UserError
from workbench.importing.extracted import ExtractedText, clean_field, join_paragraphs

# docx logs its complaints about damaged input; with no logging configured Python would print
# them on stderr beside our one-sentence error. The app's own logging set-up still receives them.
logging.getLogger("docx").addHandler(logging.NullHandler())

# python-docx's blank template stamps these on every document it creates; they say nothing.
TEMPLATE_AUTHOR = "python-docx"
TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)


def extract_docx(data: bytes, *, label: str) -> ExtractedText:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                paragraphs.extend(_table_rows(block))
            else:
                paragraphs.append(block.text.strip())
        properties = document.core_properties
        title, author, created = properties.title, properties.author, properties.created
    except Exception as error:
        # python-docx surfaces damage as KeyError, lxml or zip errors; all mean the same to a user.
        raise UserError(
            f"{label} is a damaged Word document; "
            "open it in your word processor, save it again and retry."
        ) from error
    text = join_paragraphs(paragraphs)
    if not text:
        raise UserError(
            f"{label} is a Word document without any text; check that it is the right file."
        )
    return ExtractedText(
        text=text,
        title=clean_field(title),
        author=None if author == TEMPLATE_AUTHOR else clean_field(author),
        published=_date(created),
    )


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell is reported once per grid column it spans.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        rows.append(" | ".join(cells))
    return rows


def _date(created: datetime | None) -> str | None:
    if created is None or created.replace(tzinfo=None) == TEMPLATE_CREATED:
        return None
    return created.date().isoformat()
