"""A saved news page: the article paragraphs and metadata come through, the boilerplate does not."""

from __future__ import annotations

import pytest
from importing_samples import SAVED_NEWS_PAGE

from workbench.errors import UserError
from workbench.importing import article_from_bytes, load_article

BOILERPLATE = [
    "We use cookies",
    "Accept all",
    "Subscribe for one euro",
    "Politics",
    "Home › News",
    "Related stories",
    "Lower town floods again",
    "Harbour festival",
    "morning newsletter",
    "Sign up",
    "Privacy policy",
    "All rights reserved",
    "Share on social media",
]


@pytest.fixture(scope="module")
def saved_page():
    return load_article(str(SAVED_NEWS_PAGE))


def test_article_paragraphs_are_kept_and_separated_by_a_blank_line(saved_page):
    paragraphs = saved_page.text.split("\n\n")
    assert paragraphs[0] == "Flood barrier vote splits Eastholm council"
    assert paragraphs[1].startswith("Eastholm’s council voted seven to six")
    assert paragraphs[2] == (
        "“We cannot keep sandbagging the high street every winter and calling it a plan,” said "
        "Councillor Maren Ostby, who chairs the infrastructure committee. “This is the cheapest "
        "decade we will ever have to build it.”"
    )
    assert paragraphs[-1].endswith("told the Ledger as the result was read out.")
    assert len(paragraphs) == 6


def test_source_line_wraps_do_not_survive_inside_paragraphs(saved_page):
    assert "\n" not in saved_page.text.replace("\n\n", "")
    assert "  " not in saved_page.text


@pytest.mark.parametrize("boilerplate", BOILERPLATE)
def test_navigation_footer_cookie_banner_and_related_links_are_dropped(saved_page, boilerplate):
    assert boilerplate not in saved_page.text


def test_quotation_marks_and_apostrophes_survive(saved_page):
    assert "‘It’s about time,’ one shop owner" in saved_page.text
    assert "“a concrete answer to a question nobody has finished asking.”" in saved_page.text
    assert "council’s own survey" in saved_page.text


def test_metadata_comes_from_the_page(saved_page):
    assert saved_page.title == "Flood barrier vote splits Eastholm council"
    assert saved_page.author == "Ilse Varga"
    assert saved_page.published == "2024-03-14"
    assert saved_page.outlet == "The Riverside Ledger"
    assert saved_page.media_type == "text/html"


def test_offsets_refer_to_the_extracted_text(saved_page):
    quote = "This is the cheapest decade we will ever have to build it."
    start = saved_page.text.index(quote)
    assert saved_page.text[start - 1] == "“"
    assert saved_page.text[start + len(quote)] == "”"


STRAIGHT_QUOTES_PAGE = """<html><head><title>Pier repairs</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Pier repairs begin</h1>
<p>"We are ready," said harbourmaster Oskar Lind, "but not yet for the storms." Workers began on
the pier's north end on Monday, a day the council's engineers called 'long overdue'.</p>
<p>The repairs are expected to take eleven weeks and will close the pier to anglers until June,
according to a notice posted at the gate by the harbour authority on Friday morning.</p>
</article><footer>Contact us</footer></body></html>"""


def test_straight_quotes_and_apostrophes_survive_extraction():
    article = article_from_bytes(STRAIGHT_QUOTES_PAGE.encode(), filename="pier.html")
    assert '"We are ready," said harbourmaster Oskar Lind, "but not yet for the storms."' in (
        article.text
    )
    assert "pier's north end" in article.text
    assert "'long overdue'" in article.text
    assert "Contact us" not in article.text


def test_windows_1252_page_declared_in_a_meta_tag_is_decoded():
    page = STRAIGHT_QUOTES_PAGE.replace("<head>", '<head><meta charset="windows-1252">')
    page = page.replace('"We are ready,"', "\x93We are ready,\x94")
    article = article_from_bytes(page.encode("latin-1"), filename="pier.htm")
    assert "“We are ready,”" in article.text


def test_html_is_recognised_by_content_whatever_the_file_name(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(SAVED_NEWS_PAGE.read_bytes())
    article = load_article(str(path))
    assert article.media_type == "text/html"
    assert "<p>" not in article.text


def test_page_without_article_text_is_refused(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with pytest.raises(UserError, match="no article text") as caught:
        load_article(str(path))
    assert str(path) in str(caught.value)


def test_blockquotes_lists_and_line_breaks_keep_their_paragraphs():
    page = """<html><body><article><h1>Ferry strike ends</h1>
<p>The ferry crews returned to work on Thursday after a nine-day strike over rosters and pay,
the union said in a statement issued late on Wednesday evening.</p>
<blockquote><p>“We got what we came for,” the union wrote.</p><p>“The rosters are fixed.”</p></blockquote>
<p>Crossings resume at six.<br>Tickets bought for cancelled crossings stay valid.</p>
<ul><li>Morning boats run as usual.</li><li>Night boats start on <b>Monday</b>.</li></ul>
</article></body></html>"""
    article = article_from_bytes(page.encode(), filename="ferry.html")
    assert article.text.split("\n\n")[2:] == [
        "“We got what we came for,” the union wrote.",
        "“The rosters are fixed.”",
        "Crossings resume at six.\nTickets bought for cancelled crossings stay valid.",
        "Morning boats run as usual.",
        "Night boats start on Monday.",
    ]
