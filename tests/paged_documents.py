"""Documents with pages and reading notes for the tests: a reportlab PDF whose pages each hold
known sentences, and a Word draft with tracked changes (built as tests/importing does).

All text is original, about fictional people and places.
"""

from __future__ import annotations

import io

# What each page of the inquiry's minutes says: one paragraph a page, so a sentence's page is
# known. Page 3 holds the sentence the article quotes.
MINUTES_PAGES = (
    "Minutes of the Saltmere harbour inquiry, first sitting. The chair, Orla Benedetti, opened "
    "the sitting at ten and read the terms of reference into the record before any witness "
    "was called.",
    "The port's finance officer, Quentin Abernathy-Lowe, said the repair fund had been drawn "
    "down twice since the winter storms and that the reserve would not cover a second quay.",
    "Fenwick Ostrander, for the dockers' union, told the inquiry that nobody loses a shift over "
    "this and nobody should be frightened by it, before asking for the survey to be published.",
    "The inquiry rose at four. The chair said the engineers would give evidence at the next "
    "sitting and that the written submissions would be published with these minutes.",
)
QUOTED_SENTENCE = "nobody loses a shift over this and nobody should be frightened by it"
QUOTED_PAGE = 3

ARTICLE_PAGES = (
    "Union calms Saltmere quay fears. The harbour inquiry heard on Tuesday that the north quay "
    "repairs will not cost jobs.",
    f"“{QUOTED_SENTENCE[0].upper()}{QUOTED_SENTENCE[1:]},” said Fenwick Ostrander, who speaks "
    "for the dockers' union.",
)


def make_paged_pdf(pages: tuple[str, ...] = MINUTES_PAGES, *, title: str | None = None) -> bytes:
    """Each entry typeset on a page of its own, with a page number at its foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    if title:
        pdf.setTitle(title)
    width, height = A4
    for number, text in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 11)
        y = height - 72
        for line in _lines(text, limit=80):
            pdf.drawString(72, y, line)
            y -= 15
        pdf.setFont("Helvetica", 8)
        pdf.drawCentredString(width / 2, 40, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _lines(text: str, *, limit: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


TRACKED_NOTE = "This draft has 2 tracked changes; the text shown accepts them."


def make_tracked_draft() -> bytes:
    """A Word draft with one insertion and one deletion tracked (two revisions)."""
    from tests.importing.docx_samples import deleted, inserted, make_word_package, paragraph, run

    body = paragraph(run("Saltmere quay repairs approved")) + paragraph(
        run("“We will "),
        inserted("finally ", 1),
        run("fix the north quay this year,” said Orla Benedetti, "),
        deleted("the former ", 2),
        run("chair of the harbour inquiry."),
    )
    return make_word_package(body)
