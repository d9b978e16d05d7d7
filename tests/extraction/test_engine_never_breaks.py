"""Whatever text arrives, the engine answers with offsets that index it — it never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.extraction import analyze_text

# Text built from the characters that make extraction hard: every quotation mark, apostrophes,
# dashes, colons, capitals that look like names, newlines and blank lines.
HARD_PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "‘",
        "’",
        "'",
        "«",
        "»",
        "‹",
        "›",
        "„",
        "‚",
        "「",
        "」",
        "``",
        "''",
        " said ",
        " told ",
        "according to ",
        " she ",
        " the official ",
        " Sen. ",
        " Dr. ",
        "Smith",
        "O’Neill",
        " van der ",
        "al-",
        ", ",
        ". ",
        ": ",
        "—",
        "\n",
        "\n\n",
        "\r\n",
        "We are ready",
        "a senior official who spoke on condition of anonymity",
        "(D-Calif.)",
        " the report ",
        " two people familiar with the matter ",
        "?",
        "!",
        "…",
        " ",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HARD_PIECES, max_size=60).map("".join))
def test_any_mix_of_marks_and_cues_gives_consistent_offsets(text):
    analysis = analyze_text(text)
    assert analysis.text_length == len(text)
    previous_start = -1
    for number, quote in enumerate(analysis.quotes, start=1):
        assert quote.id == number
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.start >= previous_start
        previous_start = quote.start
        assert text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        if quote.speaker is not None:
            assert 0 <= quote.speaker.start < quote.speaker.end <= len(text)
        if quote.part_of is not None:
            assert 1 <= quote.part_of < quote.id
    for claim in analysis.claims:
        assert text[claim.start : claim.end] == claim.text
    for source in analysis.sources:
        assert all(0 <= start < end <= len(text) for start, end in source.mentions)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text):
    analysis = analyze_text(text)
    assert all(text[q.start : q.end] == q.text for q in analysis.quotes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(HARD_PIECES, min_size=400, max_size=900),
    st.integers(min_value=0, max_value=4000),
    st.integers(min_value=0, max_value=700),
)
def test_words_of_a_stretch_are_those_a_fresh_scan_finds(pieces, start, length):
    """The engine scans a long article once and slices; a slice must equal a fresh scan."""
    from workbench.extraction.mentions import WORD, tokens

    text = "".join(pieces) + " 5th. 1,500, U.S. don’t „Wort“ x.y"
    start = min(start, len(text))
    end = min(len(text), start + length)
    fresh = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text, start, end)]
    assert tokens(text, start, end) == fresh
