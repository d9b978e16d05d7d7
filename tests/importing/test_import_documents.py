"""Word and PDF documents: text as paragraphs, metadata, and offsets into the extracted text."""

from __future__ import annotations

import pytest
from importing_samples import (
    DEJAVU,
    HEADLINE,
    PARAGRAPHS,
    QUOTE,
    make_docx,
    make_pdf,
    quote_span,
)

from workbench.importing import article_from_bytes, load_article

needs_dejavu = pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu font not installed")


def test_docx_paragraphs_are_joined_by_a_blank_line(tmp_path):
    path = tmp_path / "barrier.docx"
    path.write_bytes(make_docx([HEADLINE, "", *PARAGRAPHS], title=HEADLINE, author="Ilse Varga"))

    article = load_article(str(path))

    assert article.text == "\n\n".join([HEADLINE, *PARAGRAPHS])
    start, end = quote_span(article.text)
    assert article.text[start:end] == QUOTE
    assert article.title == HEADLINE
    assert article.author == "Ilse Varga"
    assert article.published == "2024-03-14"
    assert article.media_type.endswith("wordprocessingml.document")


def test_docx_tables_become_one_paragraph_a_row():
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Fares from May:")
    table = document.add_table(rows=2, cols=2)
    for row, (kind, price) in enumerate([("Day return", "9 euros"), ("Season", "320 euros")]):
        table.cell(row, 0).text = kind
        table.cell(row, 1).text = price
    document.add_paragraph("Prices include the harbour levy.")
    buffer = io.BytesIO()
    document.save(buffer)

    article = article_from_bytes(buffer.getvalue(), filename="fares.docx")

    assert article.text == (
        "Fares from May:\n\nDay return | 9 euros\n\nSeason | 320 euros\n\n"
        "Prices include the harbour levy."
    )
    assert article.author is None  # python-docx's template author is not a real one


def test_docx_is_recognised_by_content_whatever_the_file_name():
    article = article_from_bytes(make_docx(PARAGRAPHS), filename="download")
    assert article.text.startswith("Eastholm’s council")


@needs_dejavu
def test_pdf_text_layer_is_read_as_paragraphs(tmp_path):
    path = tmp_path / "barrier.pdf"
    path.write_bytes(
        make_pdf([[HEADLINE, *PARAGRAPHS[:2]], PARAGRAPHS[2:]], title=HEADLINE, author="Ilse Varga")
    )

    article = load_article(str(path))

    assert article.text.split("\n\n") == [HEADLINE, *PARAGRAPHS]
    start, end = quote_span(article.text)
    assert article.text[start:end] == QUOTE
    assert article.title == HEADLINE
    assert article.author == "Ilse Varga"
    assert article.published == "2024-03-14"
    assert article.media_type == "application/pdf"


def test_pdf_lines_are_rejoined_and_line_end_hyphens_kept():
    from workbench.importing.pdf_document import page_paragraphs

    page = (
        "Harbour report\n"
        "The long-awaited report was published on Monday by engineers from the coastal-\n"
        "defence institute in  Westmoor, who recommended that the council build the barrier\n"
        "in two stages.\n"
        "“It is affordable,” they wrote, adding that the first stage could start in the\n"
        "autumn.\n"
    )
    assert page_paragraphs(page) == [
        "Harbour report",
        "The long-awaited report was published on Monday by engineers from the coastal-defence "
        "institute in Westmoor, who recommended that the council build the barrier in two stages.",
        "“It is affordable,” they wrote, adding that the first stage could start in the autumn.",
    ]


@needs_dejavu
def test_pdf_with_only_an_owner_password_opens():
    from importing_samples import encrypt_pdf

    protected = encrypt_pdf(make_pdf([PARAGRAPHS]), user_password="", owner_password="editor")
    assert article_from_bytes(protected, filename="locked.pdf").text.startswith("Eastholm’s")
