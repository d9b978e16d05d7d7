"""Reportlab PDFs laid out the way rulings and reports are: justified columns, hyphenation, headers.

Everything here is original text about fictional people and places, generated from a seed, so the
tests and benchmarks/documents.py know every sentence the PDF holds and can look for it.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 56.0
COLUMN_GAP = 22.0
FONT_SIZE = 10.0
LEADING = 13.0

HEADER_LEFT = "THE WESTMOOR LEDGER · Report of the north quay inquiry"
HEADER_RIGHT = "March 2026"

PEOPLE = (
    ("Orla Benedetti", "the authority's chair"),
    ("Fenwick Ostrander", "a spokesman for the dockers' union"),
    ("Ilse Varga", "the inquiry's structural engineer"),
    ("Tobias Wren", "a retired hydraulic engineer"),
    ("Maren Ostby", "who chairs the harbour committee"),
    ("Quentin Abernathy-Lowe", "the port's finance officer"),
)
SUBJECTS = (
    "the north quay",
    "the corroded piles",
    "the long-term maintenance budget",
    "the well-known survey of 2019",
    "the temporary crane restrictions",
    "the reinforcement programme",
    "the independent classification report",
    "the harbour's insurance arrangements",
    "the contractors' notification schedule",
    "the fibreglass fender replacement",
)
VERBS = (
    "had been underestimated for a decade",
    "would require considerably more investigation",
    "was never properly documented by the administration",
    "could not be postponed beyond the following winter",
    "remained the responsibility of the municipal authority",
    "demonstrated an unacceptable deterioration",
    "was financed through extraordinary contributions",
    "reflected a fundamentally inadequate specification",
)
QUOTES = (
    "We are not going to gamble with the worst case scenario",
    "Nobody loses a shift over this, and nobody should be frightened by it",
    "The figures were available to anyone who cared to read the appendix",
    "I would rather explain a delay than a collapse",
    "This is the cheapest decade we will ever have to build it",
    "The inspection regime was fit for a quieter harbour than the one we run today",
    "Our members deserve a straightforward explanation, not another consultation",
    "If a pile fails under a loaded crane, that is not a repair bill",
    "The classification was conservative, deliberately so, and I stand by it",
    "Nobody on the committee saw the reinforcement figures before the vote",
    "We flagged the deterioration in writing on three separate occasions",
    "A self-evident problem is still a problem until somebody fixes it",
)


def article_paragraphs(seed: int = 7, count: int = 18) -> list[str]:
    """Original report prose: every paragraph has plain sentences and one quotation."""
    rng = random.Random(seed)
    paragraphs = []
    for index in range(count):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            subject = rng.choice(SUBJECTS)
            sentences.append(f"{subject[0].upper()}{subject[1:]} {rng.choice(VERBS)}.")
        name, role = PEOPLE[index % len(PEOPLE)]
        quote = QUOTES[index % len(QUOTES)]
        sentences.insert(rng.randint(0, len(sentences)), f"“{quote},” said {name}, {role}.")
        paragraphs.append(" ".join(sentences))
    return paragraphs


def quoted_passages(paragraphs: list[str]) -> list[str]:
    """The verbatim quotes a checker would look for: every quotation and every plain sentence."""
    passages = []
    for paragraph in paragraphs:
        passages.extend(re.findall(r"“([^”]+?),”", paragraph))
        for sentence in re.split(r"(?<=\.) (?=[A-Z“])", paragraph):
            if not sentence.startswith("“"):
                passages.append(sentence)
    return passages


@dataclass(frozen=True)
class Layout:
    columns: int = 2
    justified: bool = True
    hyphenate: bool = True
    running_header: bool = True
    page_numbers: bool = True
    printer_slug: bool = True
    ligatures: bool = False
    # "words": each word placed on its own (many typesetters); "charspace": letter spacing
    # stretched to fill the line, which is what splits words in naive extractors.
    justify_by: str = "words"


LAYOUTS = {
    "two-column justified": Layout(),
    "one column, letter-spaced": Layout(columns=1, justify_by="charspace"),
    "ligatures": Layout(columns=1, ligatures=True),
    "plain ragged-right": Layout(
        columns=1,
        justified=False,
        hyphenate=False,
        running_header=False,
        printer_slug=False,
    ),
}


def make_report_pdf(
    paragraphs: list[str], layout: Layout = Layout(), *, title: str | None = None
) -> bytes:
    """The paragraphs typeset page by page with reportlab; headings are not drawn."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    if layout.ligatures or DEJAVU.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        font = "DejaVuSans"
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    if title:
        pdf.setTitle(title)
    pdf.setAuthor("Westmoor Ledger desk")
    column_width = (PAGE_WIDTH - 2 * MARGIN - (layout.columns - 1) * COLUMN_GAP) / layout.columns
    top = PAGE_HEIGHT - MARGIN - 24
    bottom = MARGIN + 30

    def width(text: str) -> float:
        return pdfmetrics.stringWidth(text, font, FONT_SIZE)

    lines: list[tuple[str, bool]] = []  # (line, ends its paragraph)
    for paragraph in paragraphs:
        lines.extend(_break_lines(paragraph, column_width, width, hyphenate=layout.hyphenate))
        lines.append(("", True))
    page_number = 1
    column = 0
    y = top

    def furniture() -> None:
        pdf.setFont(font, 8)
        if layout.running_header:
            pdf.drawString(MARGIN, PAGE_HEIGHT - MARGIN, HEADER_LEFT)
            pdf.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN, HEADER_RIGHT)
        if layout.page_numbers:
            pdf.drawCentredString(PAGE_WIDTH / 2, MARGIN, f"Page {page_number}")
        if layout.printer_slug:
            pdf.setFont(font, 6)
            pdf.drawString(
                MARGIN, MARGIN - 18, f"ledger_quay_report.indd   {page_number}   14/03/2026   11:02"
            )

    furniture()
    for text, ends_paragraph in lines:
        if y < bottom:
            column += 1
            y = top
            if column == layout.columns:
                pdf.showPage()
                page_number += 1
                column = 0
                furniture()
        if not text:
            y -= LEADING * 0.6
            continue
        x = MARGIN + column * (column_width + COLUMN_GAP)
        shown = _with_ligatures(text) if layout.ligatures else text
        justify = layout.justified and not ends_paragraph
        _draw_line(pdf, shown, x, y, column_width, font, width, justify, layout.justify_by)
        y -= LEADING
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _break_lines(paragraph, column_width, width, *, hyphenate):
    words = paragraph.split()
    lines = []
    current: list[str] = []
    while words:
        word = words[0]
        candidate = " ".join([*current, word])
        if width(candidate) <= column_width or not current:
            current.append(words.pop(0))
            continue
        if hyphenate:
            split = _hyphenation_point(current, word, column_width, width)
            if split:
                head, tail = split
                current.append(head)
                words[0] = tail
        lines.append((" ".join(current), False))
        current = []
    if current:
        lines.append((" ".join(current), True))
    return lines


def _hyphenation_point(current, word, column_width, width):
    """Where to break ``word`` at the line end: at its own hyphen, or between letters."""
    if "-" in word.strip("-"):
        head, _, tail = word.partition("-")
        if width(" ".join([*current, head + "-"])) <= column_width:
            return head + "-", tail
        return None
    letters = re.match(r"[A-Za-z]+", word)
    if not letters or len(letters.group()) < 8:
        return None
    for cut in range(len(letters.group()) - 3, 3, -1):
        head = word[:cut] + "-"
        if width(" ".join([*current, head])) <= column_width:
            return head, word[cut:]
    return None


def _draw_line(pdf, text, x, y, column_width, font, width, justify, justify_by):
    pdf.setFont(font, FONT_SIZE)
    if not justify:
        pdf.drawString(x, y, text)
        return
    words = text.split(" ")
    natural = width(text)
    if justify_by == "charspace" and len(text) > 1:
        spacing = (column_width - natural) / (len(text) - 1)
        line = pdf.beginText(x, y)
        line.setFont(font, FONT_SIZE)
        line.setCharSpace(spacing)
        line.textOut(text)
        pdf.drawText(line)
        return
    if len(words) == 1:
        pdf.drawString(x, y, text)
        return
    gap = (column_width - sum(width(word) for word in words)) / (len(words) - 1)
    position = x
    for word in words:
        pdf.drawString(position, y, word)
        position += width(word) + gap


def _with_ligatures(text: str) -> str:
    return text.replace("ffi", "ﬃ").replace("fi", "ﬁ").replace("fl", "ﬂ").replace("ff", "ﬀ")


def encrypt(data: bytes, *, user_password: str, owner_password: str, algorithm="AES-256") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_scan_like_pdf(pages: int = 3) -> bytes:
    """What a scanner's PDF gives a text extractor: marks on the page and a stray word or two."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    for _ in range(pages):
        pdf.rect(40, 40, PAGE_WIDTH - 80, PAGE_HEIGHT - 80, fill=1)
        pdf.setFont("Helvetica", 4)
        pdf.drawString(50, 50, "Background")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_garbled_pdf() -> bytes:
    """A text layer whose font map is broken: the glyphs come out as symbols and private codes."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    rng = random.Random(3)
    junk = "¤§¶†‡•◊∂∆≈ÞðÆ¿¡\ue000\ue001\ue002\ue003"
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    pdf.setFont("DejaVuSans", 10)
    for row in range(50):
        words = ["".join(rng.choice(junk) for _ in range(rng.randint(2, 8))) for _ in range(9)]
        pdf.drawString(MARGIN, PAGE_HEIGHT - MARGIN - row * LEADING, " ".join(words))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
