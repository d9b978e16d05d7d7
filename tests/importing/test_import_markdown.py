"""Markdown: front matter read as metadata, markup rendered away, paragraphs kept."""

from __future__ import annotations

from workbench.importing import article_from_bytes, load_article

MARKDOWN = """---
title: "Ferry fares to rise in May"
author: Joris Almqvist
date: 2024-04-02
outlet: The Northbay Courier
tags: [transport, harbour]
---

# Ferry fares rise *again*

The **Northbay** ferry company will raise fares by 12 per cent, its
director told the [Courier](https://courier.example/ferries "Courier") on Tuesday.

![The ferry at the quay](images/ferry.jpg)

> “We held prices for three winters,” said _Dagny Roos_, the company’s director.
> “That could not last.”

## What changes

- Day returns go up to __nine euros__.
- Season tickets stay at ~~300~~ 320 euros.

Use the `fare_calc` tool or see <https://courier.example/fares>. Snake_case_names stay.

---

Reporting by J. Almqvist\\*.
"""

RENDERED = (
    "Ferry fares rise again\n\n"
    "The Northbay ferry company will raise fares by 12 per cent, its director told the Courier "
    "on Tuesday.\n\n"
    "“We held prices for three winters,” said Dagny Roos, the company’s director. “That could "
    "not last.”\n\n"
    "What changes\n\n"
    "Day returns go up to nine euros.\n\n"
    "Season tickets stay at 300 320 euros.\n\n"
    "Use the fare_calc tool or see https://courier.example/fares. Snake_case_names stay.\n\n"
    "Reporting by J. Almqvist*."
)


def test_markdown_is_rendered_to_plain_paragraphs(tmp_path):
    path = tmp_path / "ferry.md"
    path.write_text(MARKDOWN, encoding="utf-8")

    article = load_article(str(path))

    assert article.text == RENDERED
    assert article.media_type == "text/markdown"


def test_front_matter_gives_the_metadata():
    article = article_from_bytes(MARKDOWN.encode(), filename="ferry.markdown")
    assert article.title == "Ferry fares to rise in May"
    assert article.author == "Joris Almqvist"
    assert article.published == "2024-04-02"
    assert article.outlet == "The Northbay Courier"
    assert "title:" not in article.text


def test_title_falls_back_to_the_first_level_one_heading():
    source = "Some intro line.\n\n## Not this one\n\n# Harbour *lights* return\n\nBody text.\n"
    article = article_from_bytes(source.encode(), filename="lights.md")
    assert article.title == "Harbour lights return"
    assert article.author is None


def test_markdown_offsets_refer_to_the_rendered_text():
    article = article_from_bytes(MARKDOWN.encode(), filename="ferry.md")
    quote = "We held prices for three winters,"
    start = article.text.index(quote)
    assert article.text[start - 1] == "“"
    assert article.text[start : start + len(quote)] == quote


def test_front_matter_lists_and_crlf_newlines():
    source = (
        "---\r\ntitle: Night trains\r\nauthors:\r\n  - Ana Ruiz\r\n  - Li Wen\r\n---\r\nText.\r\n"
    )
    article = article_from_bytes(source.encode(), filename="trains.md")
    assert article.author == "Ana Ruiz, Li Wen"
    assert article.text == "Text."


def test_fenced_code_is_kept_literally():
    source = "Before.\n\n```\nrate = *base* * 2\n```\n\nAfter.\n"
    article = article_from_bytes(source.encode(), filename="code.md")
    assert article.text == "Before.\n\nrate = *base* * 2\n\nAfter."


def test_wrapped_line_starting_with_a_year_is_not_a_list():
    source = "The plan was first drawn up in\n2019. It was shelved.\n"
    article = article_from_bytes(source.encode(), filename="year.md")
    assert article.text == "The plan was first drawn up in 2019. It was shelved."


def test_nested_emphasis_and_links_with_parentheses():
    source = (
        "**Bold with *italic* inside** and [a wiki page](https://wiki.example/Harbour_(town)).\n"
    )
    article = article_from_bytes(source.encode(), filename="nested.md")
    assert article.text == "Bold with italic inside and a wiki page."


def test_unmatched_markup_costs_linear_time():
    import time

    source = ("*a _b [c ![d ](e " * 50_000).encode()
    started = time.monotonic()
    article = article_from_bytes(source, filename="stars.md")
    assert time.monotonic() - started < 2
    assert article.text.startswith("*a _b [c ![d ](e *a _b")
