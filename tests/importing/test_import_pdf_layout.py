"""PDFs typeset like rulings and reports read as the page reads: whole words, paragraphs, pages."""

from __future__ import annotations

import io
import re

import pytest
from pdf_samples import (
    DEJAVU,
    HEADER_LEFT,
    LAYOUTS,
    Layout,
    article_paragraphs,
    encrypt,
    make_garbled_pdf,
    make_report_pdf,
    make_scan_like_pdf,
)

from workbench.errors import UserError
from workbench.importing import article_from_bytes

needs_dejavu = pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu Sans font")
PARAGRAPHS = article_paragraphs(count=24)


@pytest.fixture(scope="module")
def two_column_report():
    data = make_report_pdf(PARAGRAPHS, LAYOUTS["two-column justified"], title="Quay inquiry")
    return data, article_from_bytes(data, filename="inquiry.pdf")


def test_justified_two_column_text_comes_out_as_the_paragraphs_written(two_column_report):
    _, article = two_column_report
    missing = [paragraph for paragraph in PARAGRAPHS if paragraph not in article.text]
    assert missing == []
    assert article.title == "Quay inquiry"


def test_running_heads_page_numbers_and_printer_slugs_are_dropped(two_column_report):
    _, article = two_column_report
    assert HEADER_LEFT not in article.text
    assert "March 2026" not in article.text
    assert not re.search(r"Page \d", article.text)
    assert ".indd" not in article.text


def test_line_end_hyphenation_is_undone_and_real_hyphens_are_kept(two_column_report):
    _, article = two_column_report
    for compound in ("long-term", "well-known", "Abernathy-Lowe", "self-evident"):
        assert compound in article.text
    written = set(re.findall(r"[\w'-]+", " ".join(PARAGRAPHS)))
    read = set(re.findall(r"[\w'-]+", article.text))
    assert read - written == set()


def test_each_page_start_is_kept_so_a_passage_can_cite_its_page(two_column_report):
    data, article = two_column_report
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    assert len(article.page_starts) == len(pages) >= 3
    assert article.page_starts[0] == 0
    for number, page in enumerate(pages, start=1):
        # A phrase from the page's own text (read by another library) that occurs once in the
        # stored text must lie on that page.
        words = re.findall(r"\S+", page.extract_text(extraction_mode="layout"))
        phrases = (" ".join(words[i : i + 7]) for i in range(len(words) - 7))
        probe = next(phrase for phrase in phrases if article.text.count(phrase) == 1)
        assert article.page_of(article.text.index(probe)) == number


def test_a_verbatim_quote_across_a_page_break_is_found_exact(two_column_report):
    from workbench.matching import index_source, locate_quote

    _, article = two_column_report
    boundary = article.page_starts[1]
    sentence_start = article.text.rfind(". ", 0, boundary) + 2
    sentence_end = article.text.find(".", boundary) + 1
    quote = article.text[sentence_start:sentence_end]
    assert article.page_of(sentence_start) == 1 and article.page_of(sentence_end) == 2
    match = locate_quote(index_source(article.text), quote)
    assert match.verdict == "exact"


def test_letter_spaced_justification_keeps_words_whole():
    data = make_report_pdf(PARAGRAPHS[:8], LAYOUTS["one column, letter-spaced"])
    article = article_from_bytes(data, filename="spaced.pdf")
    assert [paragraph for paragraph in PARAGRAPHS[:8] if paragraph not in article.text] == []


@needs_dejavu
def test_ligatures_are_read_as_their_letters():
    data = make_report_pdf(PARAGRAPHS[:6], Layout(columns=1, ligatures=True))
    article = article_from_bytes(data, filename="ligatures.pdf")
    assert not re.search("[\ufb00-\ufb06]", article.text)
    assert "the fibreglass fender replacement" in article.text.lower()
    assert [paragraph for paragraph in PARAGRAPHS[:6] if paragraph not in article.text] == []


def test_an_aes_pdf_with_only_an_owner_password_opens_without_asking():
    data = encrypt(make_report_pdf(PARAGRAPHS[:3]), user_password="", owner_password="desk")
    article = article_from_bytes(data, filename="locked.pdf")
    assert PARAGRAPHS[0] in article.text


def test_a_pdf_that_needs_a_password_says_so():
    data = encrypt(make_report_pdf(PARAGRAPHS[:3]), user_password="reader", owner_password="desk")
    with pytest.raises(UserError, match=r"secret\.pdf is a password-protected PDF that needs a"):
        article_from_bytes(data, filename="secret.pdf")


def test_an_image_only_pdf_with_a_stray_label_is_refused_as_a_scan():
    with pytest.raises(UserError) as refused:
        article_from_bytes(make_scan_like_pdf(), filename="scan.pdf")
    assert "scan.pdf has no text layer" in str(refused.value)
    assert "OCR" in str(refused.value)


@needs_dejavu
def test_a_garbled_text_layer_is_refused_with_what_to_do():
    with pytest.raises(UserError) as refused:
        article_from_bytes(make_garbled_pdf(), filename="garbled.pdf")
    assert "garbled.pdf has a broken text layer" in str(refused.value)
    assert "OCR" in str(refused.value)
