"""Plain text in every common encoding: stored text, BOM removal, newlines and offsets."""

from __future__ import annotations

import codecs

import pytest
from importing_samples import ARTICLE_TEXT, QUOTE, quote_span

from workbench.errors import UserError
from workbench.importing import article_from_bytes, article_from_text, load_article

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16 LE with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16 BE with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16 LE without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16 BE without BOM": lambda text: text.encode("utf-16-be"),
    "utf-32 with BOM": lambda text: text.encode("utf-32"),
    "cp1252": lambda text: text.encode("cp1252"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_each_encoding_gives_the_same_text_and_offsets(tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(ENCODINGS[encoding](ARTICLE_TEXT))

    article = load_article(str(path))

    assert article.text == ARTICLE_TEXT
    start, end = quote_span(ARTICLE_TEXT)
    assert article.text[start:end] == QUOTE
    assert not article.text.startswith("\ufeff")
    assert article.media_type == "text/plain"
    assert article.origin == str(path)
    assert article.raw == path.read_bytes()


def test_cp1252_curly_quotes_come_out_as_curly_quotes():
    article = article_from_bytes(b"\x93Not yet,\x94 she said. It\x92s \x96 late.", filename="a.txt")
    assert article.text == "“Not yet,” she said. It’s – late."


def test_latin1_without_cp1252_bytes_is_read_as_latin1():
    text = "Der Bürgermeister sagte: «Die Straße bleibt gesperrt.» À bientôt, façade."
    assert article_from_bytes(text.encode("latin-1"), filename="b.txt").text == text


def test_cyrillic_code_page_is_detected():
    text = "Министр заявил, что переговоры продолжатся на следующей неделе в столице."
    assert article_from_bytes(text.encode("cp1251"), filename="c.txt").text == text


def test_declared_latin1_charset_is_read_as_cp1252_like_a_browser():
    article = article_from_bytes(
        b"\x93Yes,\x94 he said.", filename="d", media_type="text/plain; charset=ISO-8859-1"
    )
    assert article.text == "“Yes,” he said."


def test_bom_is_removed_and_offsets_count_from_the_first_character(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "“Hi,” said Ada.".encode())
    article = load_article(str(path))
    assert article.text == "“Hi,” said Ada."
    assert article.text[1:4] == "Hi,"


def test_crlf_newlines_are_kept_exactly(tmp_path):
    text = ARTICLE_TEXT.replace("\n", "\r\n")
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("utf-8"))

    article = load_article(str(path))

    assert article.text == text
    assert article.text.count("\r\n") == ARTICLE_TEXT.count("\n")
    start, end = quote_span(text)
    assert article.text[start:end] == QUOTE


def test_text_is_stored_without_trimming(tmp_path):
    path = tmp_path / "spaces.txt"
    path.write_bytes(b"\n  Indented first line.\n\n")
    assert load_article(str(path)).text == "\n  Indented first line.\n\n"


def test_pasted_text_is_kept_as_pasted():
    article = article_from_text(ARTICLE_TEXT, title="Barrier vote")
    assert article.text == ARTICLE_TEXT
    assert article.title == "Barrier vote"
    assert article.media_type == "text/plain"
    assert article.origin is None


def test_pasted_text_loses_only_a_stray_bom():
    assert article_from_text("\ufeff“Hi,” said Ada.\r\n").text == "“Hi,” said Ada.\r\n"


@pytest.mark.parametrize("pasted", ["", "   \n\t  "])
def test_empty_pasted_text_is_refused(pasted):
    with pytest.raises(UserError, match="pasted text is empty"):
        article_from_text(pasted)


def test_a_path_object_is_accepted(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Plain words.", encoding="utf-8")
    assert load_article(path).text == "Plain words."
