"""Words that look the same compare the same: ligatures, decomposed accents, invisible
characters and line-end hyphenation never make a verbatim quote altered, while one changed word
still does, and every offset points into the source as written."""

from __future__ import annotations

import unicodedata

import pytest

from workbench.matching import Verdict, build_index, locate_quote

EXACT_REASON = "The same words as the source (quote marks, dashes, spacing and the ends aside)."

# A notice as a PDF or a Word draft delivers it: ligatures, decomposed accents, soft hyphens,
# zero-width characters and hyphenation at line ends, in one fictional text.
SOURCE = (
    "NOTICE OF THE KESTREL BAY FERRY TRUST\n"
    "The ﬁnal report of the Marlow review ﬂagged the trust’s ﬁnances in March. "
    + unicodedata.normalize(
        "NFD", "Zoë Ménard told the café owners on Quai Sévigné the pier would close. "
    )
    + "The com\u00admittee never re\u00adceived the es\u00adtimate from the yard. "
    + "Pro\u200bposals were tabled with\u200d\u2060out\ufeff notice by the board\u200b, twice. "
    + "Exist-\ning contracts will run until the spring, while the long-\nterm plan is "
    + "well-known to the staff.\n"
)


@pytest.fixture(scope="module")
def notice():
    return build_index(SOURCE)


def changes(match):
    return [(op.op, op.quote, op.source) for op in match.diff if op.op != "equal"]


def assert_offsets_point_into_the_source(match, quote):
    assert SOURCE[match.start : match.end] == match.passage
    for op in match.diff:
        assert SOURCE[op.source_start : op.source_end] == op.source
        assert quote[op.quote_start : op.quote_end] == op.quote


@pytest.mark.parametrize(
    "quote",
    [
        "The final report of the Marlow review flagged the trust's finances",  # ligatures
        "Zoë Ménard told the café owners on Quai Sévigné the pier would close",  # NFD source
        "The committee never received the estimate from the yard",  # soft hyphens
        "Proposals were tabled without notice by the board, twice",  # zero-width characters
        "Existing contracts will run until the spring",  # line-end hyphenation
        "while the long-term plan is well-known to the staff",  # a real hyphen at a line end
    ],
)
def test_a_verbatim_quote_is_exact_with_the_true_reason(notice, quote):
    match = locate_quote(notice, quote)
    assert match.verdict is Verdict.EXACT, match.reason
    assert match.reason == EXACT_REASON
    assert match.score == 100
    assert_offsets_point_into_the_source(match, quote)


def test_the_passage_is_the_source_as_written(notice):
    match = locate_quote(notice, "Existing contracts will run until the spring")
    assert match.passage.startswith("Exist-\ning")
    match = locate_quote(notice, "The final report")
    assert match.passage == "The ﬁnal report"


def test_a_quote_typed_with_decomposed_accents_matches_a_composed_source():
    source = "Zoë Ménard told the café owners the pier would close."
    quote = unicodedata.normalize("NFD", "Zoë Ménard told the café owners")
    match = locate_quote(source, quote)
    assert match.verdict is Verdict.EXACT
    assert match.passage == "Zoë Ménard told the café owners"


def test_a_quote_copied_with_its_ligatures_and_soft_hyphens_matches_plain_text():
    source = "The final report flagged the committee's finances."
    match = locate_quote(source, "The ﬁnal report ﬂagged the com\u00admittee’s ﬁnances")
    assert match.verdict is Verdict.EXACT


@pytest.mark.parametrize(
    ("quote", "quoted", "sourced", "shown"),
    [
        (
            "The final report of the Marlow review praised the trust's finances",
            "praised",
            "ﬂagged",
            "'flagged'",
        ),
        (
            "Zoë Ménard told the bar owners on Quai Sévigné the pier would close",
            "bar",
            unicodedata.normalize("NFD", "café"),
            "'café'",
        ),
        (
            "The committee never received the invoice from the yard",
            "invoice",
            "es\u00adtimate",
            "'estimate'",
        ),
        ("Existing contracts will run until the autumn", "autumn", "spring", "'spring'"),
    ],
)
def test_one_changed_word_is_altered_with_that_word_in_the_diff(
    notice, quote, quoted, sourced, shown
):
    match = locate_quote(notice, quote)
    assert match.verdict is Verdict.ALTERED
    assert changes(match) == [("replace", quoted, sourced)]
    # The reason shows the source word as it reads, without its invisible characters.
    assert f"where the source has {shown}" in match.reason
    assert_offsets_point_into_the_source(match, quote)


def test_a_hyphen_the_quote_leaves_out_is_a_true_punctuation_difference(notice):
    match = locate_quote(notice, "while the long-term plan is well known to the staff")
    assert match.verdict is Verdict.NEAR_EXACT
    assert (
        match.reason == "The same words, but punctuation differs ('well known' for 'well-known')."
    )


def test_inner_capitals_under_a_ligature_are_named_as_they_read():
    match = locate_quote("The ﬁnal report is out.", "The Final report is out")
    assert match.verdict is Verdict.NEAR_EXACT
    assert "capitalisation differs ('Final' for 'final')" in match.reason


def test_invisible_characters_between_words_are_not_punctuation():
    source = "We will\u200b close the pier,\u2060 not the ferry."
    assert locate_quote(source, "We will close the pier, not the ferry").verdict is Verdict.EXACT


def test_words_of_scripts_with_combining_vowel_signs_stay_whole():
    source = "मंत्री ने कहा कि हम अगले साल नया पुल बनाएंगे।"
    index = build_index(source)
    assert "बनाएंगे" in index.vocabulary
    match = locate_quote(index, "हम अगले साल नया पुल बनाएगी")
    assert match.verdict is Verdict.ALTERED
    assert changes(match) == [("replace", "बनाएगी", "बनाएंगे")]


def test_the_index_keys_fold_what_the_eye_does_not_see(notice):
    words = notice.normalized_text.split()
    for word in ("final", "flagged", "trust's", "finances", "zoë", "ménard", "café"):
        assert word in words
    for word in ("committee", "received", "estimate", "proposals", "without", "existing"):
        assert word in words
    assert "longterm" in words  # joined at the line end; the quote's "long-term" is too
    assert "well" in words and "known" in words  # a hyphen inside a line divides two words
