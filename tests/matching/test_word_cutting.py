"""The word cutter's promises, checked on generated text: same length, cut anywhere at a space,
and the same words for a quote as for the source it comes from."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbench.matching.words import key_text, word_edges, word_keys

# Letters and every character the cutter treats with care: apostrophes of each style, number
# separators and digits, hyphens and line breaks, an accent, invisible characters, dashes.
PIECES = st.sampled_from(
    [
        "ab", "Zoe", "é", "e\u0301", "ﬁ", "3", "12", "İ", "ß", "मं", "'", "’", "`", "ʼ", ".",
        ",", ":", "-", "\u2010", "\u00ad", "\u200b", "\ufeff", " ", "  ", "\n", "\r\n", "\t",
        "—", "“", "(", "_",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_the_key_text_keeps_the_length_and_any_space_is_a_clean_cut(text):
    keys = key_text(text)
    assert len(keys) == len(text)
    for cut in (i for i, ch in enumerate(keys) if ch == " "):
        assert key_text(text[:cut]) + key_text(text[cut:]) == keys, cut


@settings(max_examples=200, deadline=None)
@given(TEXTS, TEXTS, TEXTS)
def test_a_quote_has_the_words_it_has_inside_its_source(before, middle, after):
    source = f"{before} {middle} {after}"
    keys = key_text(source)
    # Not a quote cut inside a word (a hyphenation across the space joins them).
    assume(keys[len(before)] == " " and keys[len(before) + 1 + len(middle)] == " ")
    starts, ends = word_edges(keys)
    inside = [(start, end) for start, end in zip(starts, ends, strict=True) if len(before) < start]
    inside = [(s, e) for s, e in inside if e <= len(before) + 1 + len(middle)]
    expected = [word_keys(keys[s:e])[0] for s, e in inside]
    assert word_keys(key_text(middle)) == expected
