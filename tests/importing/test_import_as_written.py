"""Plain text, web pages and Markdown as they really come: wire copy hard-wrapped at 72 columns,
a stray byte from another code page, NUL bytes, loose quoted text, single-file pages, templates."""

from __future__ import annotations

import pytest

from workbench.errors import UserError
from workbench.importing import article_from_bytes, article_from_text

WIRE_COPY = (
    "HARBOUR CITY (Coastline Wire) - The port authority will close the north\n"
    "quay for six weeks, its chair said on Tuesday, calling the repairs the\n"
    "only responsible course left after a survey found corroded piles.\n"
    '"We are not going to gamble with the worst case scenario," said Orla\n'
    'Benedetti, who chairs the authority. "If a pile fails under a loaded\n'
    'crane, that is not a repair bill, that is a funeral."\n'
    "Shipping firms were told on Monday.\n"
    "Fenwick Ostrander, a spokesman for the dockers' union, said members\n"
    'would be redeployed. "Nobody loses a shift over this," he said.\n'
)


def test_hard_wrapped_wire_copy_is_read_as_paragraphs_for_extraction():
    from workbench.extraction import analyze_text

    article = article_from_bytes(WIRE_COPY.encode(), filename="wire.txt")
    assert article.text == WIRE_COPY  # stored exactly as the file has it
    view = article.extraction_text
    assert len(view) == len(article.text)
    # The newlines after a paragraph's short last line stay; the wraps become spaces.
    assert [line[:24] for line in view.split("\n")] == [
        "HARBOUR CITY (Coastline ",
        '"We are not going to gam',
        "Shipping firms were told",
        "Fenwick Ostrander, a spo",
        "",
    ]
    quotes = analyze_text(view).quotes
    texts = [" ".join(article.text[q.start : q.end].split()) for q in quotes]
    assert "We are not going to gamble with the worst case scenario," in texts
    assert (
        "If a pile fails under a loaded crane, that is not a repair bill, that is a funeral."
        in texts
    )
    speakers = {q.speaker.name for q in quotes if q.speaker}
    assert "Orla Benedetti" in speakers


def test_text_with_a_paragraph_a_line_is_not_unwrapped():
    text = (
        "The port authority will close the north quay for six weeks, its chair said on Tuesday "
        "after a survey found corroded piles under the crane rails.\n" * 5
    )
    assert article_from_text(text).extraction_text == text


def test_crlf_wraps_become_two_spaces_so_offsets_stay():
    article = article_from_bytes(WIRE_COPY.replace("\n", "\r\n").encode(), filename="wire.txt")
    assert len(article.extraction_text) == len(article.text)
    assert "north  quay" in article.extraction_text


def test_a_stray_cp1252_byte_in_a_utf8_file_replaces_only_that_byte():
    data = (
        "“The quay closes,” said Benedetti — in café terms, it’s over.".encode()
        + b" It\x92s final."
    )
    article = article_from_bytes(data, filename="mixed.txt")
    assert (
        article.text == "“The quay closes,” said Benedetti — in café terms, it’s over. It’s final."
    )


def test_valid_utf8_beats_a_wrong_declared_charset():
    data = "“Déjà vu,” said the harbourmaster.".encode()
    article = article_from_bytes(data, filename="page", media_type="text/plain; charset=iso-8859-1")
    assert article.text == "“Déjà vu,” said the harbourmaster."


def test_a_declared_charset_that_fails_yields_to_detection():
    data = "Министр заявил, что переговоры продолжатся на следующей неделе.".encode("cp1251")
    article = article_from_bytes(data, filename="page", media_type="text/plain; charset=utf-8")
    assert article.text.startswith("Министр заявил")


PAGE = """<html><head><meta charset="utf-8"><title>Quay closes</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Quay closes for six weeks</h1>
<p>The port authority will close the north quay for six weeks, its chair said on Tuesday.</p>
<p>“We are not going to gamble with the worst case scenario,” said Orla Benedetti.</p>
</article></body></html>"""


def test_one_invalid_byte_in_a_utf8_page_does_not_turn_it_to_mojibake():
    data = PAGE.replace("Tuesday", "Tuesday\xff").encode().replace("\xff".encode(), b"\xff")
    article = article_from_bytes(data, filename="page.html")
    assert (
        "“We are not going to gamble with the worst case scenario,” said Orla Benedetti."
        in article.text
    )
    assert "Ã" not in article.text and "â€" not in article.text


def test_nul_bytes_in_a_page_are_dropped_not_a_refusal():
    data = PAGE.encode().replace(b"north quay", b"north\x00 quay")
    article = article_from_bytes(data, filename="page.html")
    assert "close the north quay for six weeks" in article.text


def test_quoted_text_loose_in_the_body_is_recovered_in_place():
    page = """<html><body><div class="story">
<p>The port authority will close the north quay for six weeks, its chair said on Tuesday.</p>
“Nobody loses a shift over this,” said Fenwick Ostrander, a spokesman for the dockers.
<p>Shipping firms were told on Monday, and the first ferries will move to the south berth.</p>
</div></body></html>"""
    article = article_from_bytes(page.encode(), filename="loose.html")
    paragraphs = article.text.split("\n\n")
    loose = "“Nobody loses a shift over this,” said Fenwick Ostrander, a spokesman for the dockers."
    assert loose in paragraphs
    assert paragraphs.index(loose) == 1 + next(
        i for i, p in enumerate(paragraphs) if p.startswith("The port authority")
    )


def test_a_page_of_menus_and_banners_is_refused():
    page = "<html><body><div><a href='/'>Home</a> | <a href='/n'>News</a></div><div><button>Subscribe now</button> Subscribe now</div></body></html>"
    with pytest.raises(UserError) as refused:
        article_from_bytes(page.encode(), filename="menu.html")
    message = str(refused.value)
    assert message.startswith("menu.html ")
    assert "no article text" in message


def test_a_quote_inside_100000_nested_divs_is_found():
    page = (
        "<html><body>"
        + "<div>" * 100_000
        + "<p>“The quay stays shut until the piles are replaced,” said Orla Benedetti on Tuesday.</p>"
        + "</div>" * 100_000
        + "</body></html>"
    )
    article = article_from_bytes(page.encode(), filename="deep.html")
    assert "“The quay stays shut until the piles are replaced,” said Orla Benedetti" in article.text


def mhtml(html: str) -> bytes:
    boundary = "----MultipartBoundary--quay"
    encoded = html.replace("=", "=3D")
    return (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://ledger.example/quay\r\n"
        "Subject: Quay closes\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
        f'\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n--{boundary}\r\n'
        "Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: https://ledger.example/quay\r\n\r\n{encoded}\r\n\r\n--{boundary}--\r\n"
    ).encode()


def test_a_single_file_mhtml_page_is_read_through_its_html_part():
    article = article_from_bytes(mhtml(PAGE), filename="quay.mhtml")
    assert (
        "“We are not going to gamble with the worst case scenario,” said Orla Benedetti."
        in article.text
    )
    assert "Content-Type" not in article.text


def test_an_mhtml_without_a_page_is_refused_in_a_sentence():
    data = mhtml(PAGE).replace(b"Content-Type: text/html\r\n", b"Content-Type: image/png\r\n")
    with pytest.raises(UserError, match=r"quay\.mhtml is a saved web archive \(\.mhtml\) without"):
        article_from_bytes(data, filename="quay.mhtml")


def test_markdown_template_tags_and_shortcodes_are_removed():
    source = (
        "---\ntitle: Quay closes\nauthor: Ilse Varga\n---\n"
        'The quay closes. {% image "quay.jpg" "“The crane stood idle,” the caption says" %}\n\n'
        '{{< figure src="crane.jpg" caption="“Not a quote”" >}}\n\n'
        "{{% aside %}}“We will reopen in May,” said Benedetti.{{% /aside %}}\n"
    )
    article = article_from_bytes(source.encode(), filename="quay.md")
    assert article.text == "The quay closes.\n\n“We will reopen in May,” said Benedetti."
    assert (article.title, article.author) == ("Quay closes", "Ilse Varga")


def test_markdown_private_use_characters_stay_as_they_are():
    source = "Icons \ue03c and \ue03e and \ue000 stay; \\*escaped\\* too."
    article = article_from_bytes(source.encode(), filename="icons.md")
    assert article.text == "Icons \ue03c and \ue03e and \ue000 stay; *escaped* too."


def test_a_declared_code_page_with_one_bad_byte_keeps_the_rest():
    text = "日本の首相は会見で、交渉は来週も続くと述べた。" * 20
    data = text.encode("shift_jis") + b"\x81\x20"
    article = article_from_bytes(data, filename="page", media_type="text/plain; charset=shift_jis")
    assert article.text == text + "\ufffd "
