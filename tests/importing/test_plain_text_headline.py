"""A plain-text article's first line becomes its title only when it reads as a headline."""

from __future__ import annotations

from workbench.importing import load_article


def test_first_line_headline_is_the_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Ferry fares to rise in spring\n\nThe Orrin Sound ferry will cost more.\n")
    assert load_article(str(path)).title == "Ferry fares to rise in spring"


def test_a_first_sentence_is_not_taken_for_a_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The Orrin Sound ferry will cost more from April, the operator said.\n")
    assert load_article(str(path)).title is None


def test_section_kicker_above_the_headline_is_skipped(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "Transport\nFerry fares to rise in spring\nThe Orrin Sound ferry will cost more.\n"
    )
    assert load_article(str(path)).title == "Ferry fares to rise in spring"
