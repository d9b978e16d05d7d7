"""Original sample text (fictional people and outlets) and builders for DOCX and PDF fixtures."""

from __future__ import annotations

import io
from pathlib import Path

DATA = Path(__file__).parent / "data"
SAVED_NEWS_PAGE = DATA / "saved-news-page.html"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

HEADLINE = "Flood barrier vote splits Eastholm council"
QUOTE = "We cannot keep sandbagging the high street every winter and calling it a plan,"
PARAGRAPHS = [
    "Eastholm’s council voted seven to six on Wednesday night to fund the first stage of a "
    "tidal flood barrier, ending a debate that has divided the harbour town for almost two years.",
    f"“{QUOTE}” said Councillor Maren Ostby, who chairs the infrastructure committee. “This is "
    "the cheapest decade we will ever have to build it.”",
    "Tobias Wren, a retired hydraulic engineer, called the council’s survey “a well-meant guess” "
    "and said it had not modelled the river’s winter discharge.",
]
ARTICLE_TEXT = "\n\n".join(PARAGRAPHS) + "\n"


def quote_span(text: str) -> tuple[int, int]:
    start = text.index(QUOTE)
    return start, start + len(QUOTE)


def make_docx(
    paragraphs: list[str], *, title: str | None = None, author: str | None = None
) -> bytes:
    import datetime

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    properties = document.core_properties
    if title:
        properties.title = title
    if author:
        properties.author = author
    properties.created = datetime.datetime(2024, 3, 14, 9, 0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(
    pages: list[list[str]], *, title: str | None = None, author: str | None = None
) -> bytes:
    import datetime

    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(datetime.datetime(2024, 3, 14, 9, 0, tzinfo=datetime.UTC))
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    for paragraphs in pages:
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    return bytes(pdf.output())


def make_drawing_only_pdf() -> bytes:
    """What a scanner produces, as far as text goes: a page with marks but no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250)
    pdf.line(30, 40, 180, 40)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, *, user_password: str, owner_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    # RC4 needs no extra crypto library, so the test runs wherever pypdf does.
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
