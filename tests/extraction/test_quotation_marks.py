"""Quotation marks, one test per hard case: every convention, apostrophes, paragraphs, kinds.

Every snippet is original (fictional people, places and outlets). Assertions read the quote
back through ``text[start:end]``, as a reviewer sees it highlighted in the article.
"""

from __future__ import annotations

from workbench.domain import Analysis, DetectedQuote, QuoteKind
from workbench.extraction import analyze_text


def quoted(text: str, analysis: Analysis) -> list[str]:
    return [text[q.start : q.end] for q in analysis.quotes]


def mention(text: str, quote: DetectedQuote) -> str:
    assert quote.speaker is not None, f"no speaker for {text[quote.start : quote.end]!r}"
    return text[quote.speaker.start : quote.speaker.end]


def assert_offsets_exact(text: str, analysis: Analysis) -> None:
    for quote in analysis.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.text == text[quote.start : quote.end]
        if quote.speaker is not None:
            assert 0 <= quote.speaker.start < quote.speaker.end <= len(text)
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
    for claim in analysis.claims:
        assert claim.text == text[claim.start : claim.end]
        assert 0 <= claim.source.start < claim.source.end <= len(text)
        assert text[claim.cue.start : claim.cue.end] == claim.cue.text
    for source in analysis.sources:
        for start, end in source.mentions:
            assert 0 <= start < end <= len(text)


def assert_one_direct_quote(text: str, words: str, speaker: str, cue: str = "said") -> None:
    analysis = analyze_text(text)
    assert quoted(text, analysis) == [words]
    (quote,) = analysis.quotes
    assert quote.kind is QuoteKind.DIRECT
    assert quote.part_of is None
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert mention(text, quote) == speaker
    assert quote.cue is not None and quote.cue.text == cue
    assert_offsets_exact(text, analysis)


# --- Every quotation-mark convention -------------------------------------------------------


def test_curly_double_quotes() -> None:
    assert_one_direct_quote(
        "“We will rebuild the bridge,” said Mara Quell.",
        "We will rebuild the bridge,",
        "Mara Quell",
    )


def test_straight_double_quotes() -> None:
    assert_one_direct_quote(
        '"We will rebuild the bridge," said Mara Quell.',
        "We will rebuild the bridge,",
        "Mara Quell",
    )


def test_curly_single_quotes_nested_inside_double_quotes_stay_in_one_quote() -> None:
    assert_one_direct_quote(
        "“The sign read ‘closed for repairs’ all winter,” said Tomas Brindle.",
        "The sign read ‘closed for repairs’ all winter,",
        "Tomas Brindle",
    )


def test_straight_single_quotes_nested_inside_straight_double_quotes() -> None:
    assert_one_direct_quote(
        "\"The sign read 'closed for repairs' all winter,\" said Tomas Brindle.",
        "The sign read 'closed for repairs' all winter,",
        "Tomas Brindle",
    )


def test_guillemets_with_single_guillemets_nested() -> None:
    assert_one_direct_quote(
        "«The inspector told us the mill was ‹beyond saving›,» said Edna Fairweather.",
        "The inspector told us the mill was ‹beyond saving›,",
        "Edna Fairweather",
    )


def test_single_guillemets_on_their_own() -> None:
    text = "«We will not close the mill,» said Edna Fairweather. ‹Nor the school,› she added."
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["We will not close the mill,", "Nor the school,"]
    second = analysis.quotes[1]
    assert second.speaker is not None and second.speaker.name == "Edna Fairweather"
    assert mention(text, second) == "she"
    assert second.cue is not None and second.cue.text == "added"


def test_german_low_high_quotes_with_low_single_quotes_nested() -> None:
    assert_one_direct_quote(
        "„The inspector called it ‚beyond saving‘“, said Edna Fairweather.",
        "The inspector called it ‚beyond saving‘",
        "Edna Fairweather",
    )


def test_corner_brackets() -> None:
    assert_one_direct_quote(
        "「We will not close the mill」, said Edna Fairweather.",
        "We will not close the mill",
        "Edna Fairweather",
    )


def test_doubled_backticks_open_and_doubled_apostrophes_close() -> None:
    assert_one_direct_quote(
        "``We will not close the mill,'' said Edna Fairweather.",
        "We will not close the mill,",
        "Edna Fairweather",
    )


def test_doubled_apostrophes_on_both_sides() -> None:
    assert_one_direct_quote(
        "''We will not close the mill,'' said Edna Fairweather.",
        "We will not close the mill,",
        "Edna Fairweather",
    )


# --- Apostrophes ------------------------------------------------------------------------------


def test_apostrophes_never_open_a_quote() -> None:
    assert_one_direct_quote(
        "“I don’t think Smith’s plan or O’Neill’s budget survives the ’90s rules,” said Rosa Pell.",
        "I don’t think Smith’s plan or O’Neill’s budget survives the ’90s rules,",
        "Rosa Pell",
    )


def test_straight_apostrophes_never_open_a_quote() -> None:
    assert_one_direct_quote(
        "\"I don't think Smith's plan or O'Neill's budget survives the '90s rules,\" said Rosa Pell.",
        "I don't think Smith's plan or O'Neill's budget survives the '90s rules,",
        "Rosa Pell",
    )


def test_plural_possessive_inside_a_quote_does_not_close_it() -> None:
    assert_one_direct_quote(
        "“The players’ union wants the owners’ books opened,” said Rosa Pell.",
        "The players’ union wants the owners’ books opened,",
        "Rosa Pell",
    )


def test_plural_possessives_outside_quotes_open_nothing() -> None:
    text = "Rosa Pell said the players' union and the owners' group had met twice."
    analysis = analyze_text(text)
    assert analysis.quotes == ()
    (claim,) = analysis.claims
    assert claim.text == "the players' union and the owners' group had met twice"


# --- Paragraphs -------------------------------------------------------------------------------


def test_multi_paragraph_quotation_with_repeated_opening_marks_is_one_quote() -> None:
    text = (
        "“The first thing we did was count the boats.\n\n"
        "“Then we counted the nets, and there were not enough of them.\n\n"
        "“By spring there was nothing left to count,” said Ivo Barrow, a deckhand.\n"
    )
    analysis = analyze_text(text)
    assert len(analysis.quotes) == 1
    (quote,) = analysis.quotes
    assert text[quote.start : quote.end].startswith("The first thing we did")
    assert text[quote.start : quote.end].endswith("nothing left to count,")
    assert quote.start == text.index("The first")
    assert quote.end == text.index("count,”") + len("count,")
    assert quote.kind is QuoteKind.DIRECT
    assert quote.speaker is not None and quote.speaker.name == "Ivo Barrow"
    assert quote.speaker.role == "a deckhand"
    assert_offsets_exact(text, analysis)


def test_split_quotation_gives_two_linked_quotes_of_one_speaker() -> None:
    text = "“We are ready,” said Mara Quell, “but not yet.”"
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["We are ready,", "but not yet."]
    first, second = analysis.quotes
    assert (first.id, second.id) == (1, 2)
    assert first.part_of is None
    assert second.part_of == 1
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.name == second.speaker.name == "Mara Quell"
    assert mention(text, first) == mention(text, second) == "Mara Quell"
    (source,) = analysis.sources
    assert source.quote_ids == (1, 2)


def test_split_quotation_with_pronoun_resolves_to_the_person_introduced() -> None:
    text = "Mayor Mara Quell spoke after the vote. “We are ready,” she said, “but not yet.”"
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["We are ready,", "but not yet."]
    first, second = analysis.quotes
    assert second.part_of == first.id
    for quote in (first, second):
        assert quote.speaker is not None and quote.speaker.name == "Mara Quell"
        assert mention(text, quote) == "she"


def test_unclosed_mark_ends_at_its_paragraph_and_does_not_swallow_the_next() -> None:
    text = (
        "“We will reopen the bridge by May, the mayor told the council.\n\n"
        "The council met again on Tuesday. “Nothing is settled,” said Tomas Brindle.\n"
    )
    analysis = analyze_text(text)
    assert quoted(text, analysis) == [
        "We will reopen the bridge by May, the mayor told the council.",
        "Nothing is settled,",
    ]
    second = analysis.quotes[1]
    assert second.speaker is not None and second.speaker.name == "Tomas Brindle"
    assert second.cue is not None and second.cue.text == "said"
    assert_offsets_exact(text, analysis)


def test_straight_quote_archive_text_with_a_forgotten_closing_mark() -> None:
    text = (
        '"We will reopen the bridge by May, Mayor Mara Quell told the council on Tuesday.\n\n'
        'Councilman Thomas Brindle disagreed. "Nothing is settled," he said.\n'
    )
    analysis = analyze_text(text)
    assert quoted(text, analysis) == [
        "We will reopen the bridge by May, Mayor Mara Quell told the council on Tuesday.",
        "Nothing is settled,",
    ]
    second = analysis.quotes[1]
    assert second.kind is QuoteKind.DIRECT
    assert second.speaker is not None and second.speaker.name == "Thomas Brindle"
    assert mention(text, second) == "he"
    assert second.cue is not None and second.cue.text == "said"


def test_headline_with_single_quotes_is_a_quote_and_not_an_apostrophe() -> None:
    text = (
        "Mayor Vows 'No Retreat' on Bridge Plan\n\n"
        '"We will reopen the bridge by May," said Mara Quell.\n'
    )
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["No Retreat", "We will reopen the bridge by May,"]
    headline, body = analysis.quotes
    assert headline.speaker is None
    assert body.speaker is not None and body.speaker.name == "Mara Quell"


def test_hard_wrapped_lines_keep_a_quotation_whole() -> None:
    text = (
        '"We will reopen the bridge by May, and the toll will stay where it\n'
        'is," said Mara Quell, the mayor of Fenwick.\n'
        "\n"
        'Councilman Thomas Brindle disagreed. "Nothing is settled about the\n'
        'bridge or the toll," he said after the meeting had ended on\n'
        "Tuesday night in the old school hall.\n"
    )
    analysis = analyze_text(text)
    assert quoted(text, analysis) == [
        "We will reopen the bridge by May, and the toll will stay where it\nis,",
        "Nothing is settled about the\nbridge or the toll,",
    ]
    first, second = analysis.quotes
    assert first.speaker is not None and first.speaker.name == "Mara Quell"
    assert first.speaker.role == "the mayor of Fenwick"
    assert second.speaker is not None and second.speaker.name == "Thomas Brindle"
    assert mention(text, second) == "he"
    assert_offsets_exact(text, analysis)


def test_crlf_newlines_keep_offsets_exact() -> None:
    text = (
        "“We will reopen the bridge by May,” said Mara Quell.\r\n\r\n"
        "“Nothing is settled,” said Tomas Brindle.\r\n"
    )
    analysis = analyze_text(text)
    assert analysis.text_length == len(text)
    assert quoted(text, analysis) == ["We will reopen the bridge by May,", "Nothing is settled,"]
    assert [mention(text, q) for q in analysis.quotes] == ["Mara Quell", "Tomas Brindle"]
    assert_offsets_exact(text, analysis)


def test_empty_text() -> None:
    analysis = analyze_text("")
    assert analysis.text_length == 0
    assert (analysis.quotes, analysis.claims, analysis.sources) == ((), (), ())


def test_text_with_no_quotes() -> None:
    text = "The council met on Tuesday and approved the budget without debate.\n"
    analysis = analyze_text(text)
    assert analysis.text_length == len(text)
    assert analysis.quotes == ()


def test_one_megabyte_article_completes_with_every_quote() -> None:
    paragraph = (
        "“The harbour dues will rise by {n} pence,” said Mara Quell, the harbour master. "
        "Councillor Thomas Brindle called the rise “a raid on fishermen” and said he would "
        "vote against it. The council meets again on Thursday to settle the matter.\n\n"
    )
    parts, size, count = [], 0, 0
    while size < 1_000_000:
        chunk = paragraph.format(n=count)
        parts.append(chunk)
        size += len(chunk)
        count += 1
    text = "".join(parts)
    analysis = analyze_text(text)
    assert len(text) >= 1_000_000
    assert len(analysis.quotes) == 2 * count
    assert [q.id for q in analysis.quotes] == list(range(1, 2 * count + 1))
    direct = [q for q in analysis.quotes if q.kind is QuoteKind.DIRECT]
    partial = [q for q in analysis.quotes if q.kind is QuoteKind.PARTIAL]
    assert len(direct) == len(partial) == count
    last = analysis.quotes[-1]
    assert text[last.start : last.end] == "a raid on fishermen"


# --- Ids and offsets --------------------------------------------------------------------------


def test_ids_count_from_one_in_text_order() -> None:
    text = (
        "The board called the vote “a formality”. “We test it weekly,” said Ada Morrow. "
        "“Every result is public,” she added, “and always will be.”"
    )
    analysis = analyze_text(text)
    assert [q.id for q in analysis.quotes] == [1, 2, 3, 4]
    assert [q.start for q in analysis.quotes] == sorted(q.start for q in analysis.quotes)
    assert quoted(text, analysis) == [
        "a formality",
        "We test it weekly,",
        "Every result is public,",
        "and always will be.",
    ]
    assert analysis.quotes[3].part_of == 3


def test_every_offset_indexes_the_text_exactly() -> None:
    text = (
        "Fenwick Council\r\n\r\n"
        "The so-called “bridge levy” returns. “We don’t want it,” said Siobhan O’Neill, "
        "who runs the ferry. According to Northwind Radio, the levy will pass. "
        "«It is settled», said Karim al-Masri.\r\n\r\n"
        "“Nobody asked us,” a senior official who spoke on condition of anonymity said.\r\n"
    )
    analysis = analyze_text(text)
    assert len(analysis.quotes) == 4
    assert_offsets_exact(text, analysis)


# --- Kinds ------------------------------------------------------------------------------------


def test_partial_quote_is_a_fragment_inside_a_paraphrase() -> None:
    text = "Councillor Thomas Brindle called the plan “reckless” and voted against it."
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["reckless"]
    (quote,) = analysis.quotes
    assert quote.kind is QuoteKind.PARTIAL
    assert quote.speaker is not None and quote.speaker.name == "Thomas Brindle"
    assert mention(text, quote) == "Councillor Thomas Brindle"
    assert quote.cue is not None and quote.cue.text == "called"


def test_scare_quoted_term_has_no_speaker() -> None:
    text = "The council approved a “fast lane” for buses on Tuesday."
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["fast lane"]
    (quote,) = analysis.quotes
    assert quote.kind is QuoteKind.SCARE
    assert quote.speaker is None
    assert quote.cue is None
    assert analysis.sources == ()


def test_book_and_film_titles_are_scare_quotes() -> None:
    text = (
        "Her memoir “Salt and Iron” sold well in Fenwick. "
        "The film “Harbour Lights” opened on Friday."
    )
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["Salt and Iron", "Harbour Lights"]
    assert [q.kind for q in analysis.quotes] == [QuoteKind.SCARE, QuoteKind.SCARE]
    assert [q.speaker for q in analysis.quotes] == [None, None]


def test_so_called_term_is_a_scare_quote() -> None:
    text = "The so-called “efficiency review” cut forty jobs at the port."
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["efficiency review"]
    (quote,) = analysis.quotes
    assert quote.kind is QuoteKind.SCARE
    assert quote.speaker is None
