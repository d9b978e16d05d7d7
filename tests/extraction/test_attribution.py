"""Speaker attribution, one test per hard case: cues, word order, names, pronouns, descriptions.

Every snippet is original (fictional people, places and outlets). The speaker span must be the
mention at the cue (``text[speaker.start:speaker.end]``); the name is who that mention is.
"""

from __future__ import annotations

import pytest

from workbench.domain import Analysis, DetectedQuote, QuoteKind
from workbench.extraction import analyze_text


def quoted(text: str, analysis: Analysis) -> list[str]:
    return [text[q.start : q.end] for q in analysis.quotes]


def mention(text: str, quote: DetectedQuote) -> str:
    assert quote.speaker is not None, f"no speaker for {text[quote.start : quote.end]!r}"
    return text[quote.speaker.start : quote.speaker.end]


def single_quote(text: str, words: str) -> DetectedQuote:
    analysis = analyze_text(text)
    assert quoted(text, analysis) == [words]
    return analysis.quotes[0]


def assert_speaker(
    text: str,
    quote: DetectedQuote,
    *,
    name: str,
    at: str,
    cue: str | None,
    anonymous: bool = False,
    role: str | None = None,
) -> None:
    assert quote.speaker is not None, f"no speaker for {text[quote.start : quote.end]!r}"
    assert quote.speaker.name == name
    assert mention(text, quote) == at
    assert quote.speaker.anonymous is anonymous
    assert quote.speaker.role == role
    if cue is None:
        assert quote.cue is None
    else:
        assert quote.cue is not None and quote.cue.text == cue
        assert text[quote.cue.start : quote.cue.end] == cue
    assert 0.0 < quote.confidence <= 1.0


# --- Cue verbs and phrases --------------------------------------------------------------------


def test_name_then_said() -> None:
    text = "“The port will stay open,” Siobhan O’Neill said."
    quote = single_quote(text, "The port will stay open,")
    assert quote.kind is QuoteKind.DIRECT
    assert_speaker(text, quote, name="Siobhan O’Neill", at="Siobhan O’Neill", cue="said")


def test_said_then_name() -> None:
    text = "“The port will stay open,” said Siobhan O’Neill."
    quote = single_quote(text, "The port will stay open,")
    assert_speaker(text, quote, name="Siobhan O’Neill", at="Siobhan O’Neill", cue="said")


def test_told_an_outlet() -> None:
    text = "“We will appeal,” Tomas Brindle told the Harbour Ledger."
    quote = single_quote(text, "We will appeal,")
    assert_speaker(text, quote, name="Tomas Brindle", at="Tomas Brindle", cue="told")


def test_according_to_before_a_quoted_fragment() -> None:
    text = "According to Tomas Brindle, “the budget is balanced.”"
    quote = single_quote(text, "the budget is balanced.")
    assert_speaker(text, quote, name="Tomas Brindle", at="Tomas Brindle", cue="According to")


def test_added_with_a_pronoun() -> None:
    text = "“We will not close the mill,” said Edna Fairweather. “Nor the school,” she added."
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["We will not close the mill,", "Nor the school,"]
    assert_speaker(text, analysis.quotes[1], name="Edna Fairweather", at="she", cue="added")


def test_wrote_after_the_quote() -> None:
    text = "“Nobody will lose a job,” Tomas Brindle wrote in a letter to members."
    quote = single_quote(text, "Nobody will lose a job,")
    assert_speaker(text, quote, name="Tomas Brindle", at="Tomas Brindle", cue="wrote")


def test_wrote_before_the_name_with_a_trailing_phrase() -> None:
    text = "“Nobody will lose a job,” wrote Tomas Brindle in a letter to members."
    quote = single_quote(text, "Nobody will lose a job,")
    assert_speaker(text, quote, name="Tomas Brindle", at="Tomas Brindle", cue="wrote")


def test_insisted() -> None:
    text = "“The budget is balanced,” Brindle insisted."
    quote = single_quote(text, "The budget is balanced,")
    assert_speaker(text, quote, name="Brindle", at="Brindle", cue="insisted")


def test_said_in_a_statement() -> None:
    text = "“The pier will close on Friday,” the Harbour Authority said in a statement."
    quote = single_quote(text, "The pier will close on Friday,")
    assert_speaker(
        text, quote, name="the Harbour Authority", at="the Harbour Authority", cue="said"
    )


def test_said_in_a_statement_before_an_introducing_colon_is_a_quote_not_a_claim() -> None:
    text = "The Harbour Authority said in a statement: “The pier will close on Friday.”"
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["The pier will close on Friday."]
    assert_speaker(
        text,
        analysis.quotes[0],
        name="The Harbour Authority",
        at="The Harbour Authority",
        cue="said",
    )
    # The quoted statement is already a quote: it must not come back as an indirect claim.
    assert analysis.claims == ()


def test_introducing_colon_without_a_cue_verb() -> None:
    text = "Tomas Brindle was blunt: “The budget is balanced.”"
    quote = single_quote(text, "The budget is balanced.")
    assert_speaker(text, quote, name="Tomas Brindle", at="Tomas Brindle", cue=None)


def test_colon_at_the_end_of_the_previous_paragraph() -> None:
    text = (
        "Tomas Brindle was blunt at the hearing:\n\n"
        "“The budget is balanced, and it will stay balanced.”\n"
    )
    quote = single_quote(text, "The budget is balanced, and it will stay balanced.")
    assert quote.kind is QuoteKind.DIRECT
    assert_speaker(text, quote, name="Tomas Brindle", at="Tomas Brindle", cue=None)


# --- Names ------------------------------------------------------------------------------------


def test_appositive_after_the_name_gives_the_role() -> None:
    text = (
        "“We saw the accounts every month,” said Daniel Okoro, a former employee of Harlow Mining."
    )
    quote = single_quote(text, "We saw the accounts every month,")
    assert_speaker(
        text,
        quote,
        name="Daniel Okoro",
        at="Daniel Okoro",
        cue="said",
        role="a former employee of Harlow Mining",
    )


def test_relative_clause_between_name_and_cue_gives_the_role() -> None:
    text = "“The river is clean,” Ada Morrow, who runs the water board, told reporters."
    quote = single_quote(text, "The river is clean,")
    assert_speaker(
        text, quote, name="Ada Morrow", at="Ada Morrow", cue="told", role="who runs the water board"
    )


@pytest.mark.parametrize(
    ("title", "name"),
    [("Sen.", "Alma Reyes"), ("Gen.", "Piet Vos"), ("Dr.", "Ines Caro"), ("Prof.", "Otto Lind")],
)
def test_abbreviated_title_is_not_a_sentence_end(title: str, name: str) -> None:
    text = f"“The vote stands,” said {title} {name}. The chamber emptied soon after."
    quote = single_quote(text, "The vote stands,")
    assert_speaker(text, quote, name=name, at=f"{title} {name}", cue="said")


@pytest.mark.parametrize(
    "name", ["Willem van der Berg", "Karim al-Masri", "Lucia de la Cruz", "Siobhan O’Neill"]
)
def test_name_particles_stay_in_the_name(name: str) -> None:
    text = f"“The port will stay open,” said {name}."
    quote = single_quote(text, "The port will stay open,")
    assert_speaker(text, quote, name=name, at=name, cue="said")


# --- Pronouns and descriptions ----------------------------------------------------------------


def test_pronoun_resolves_to_the_most_recent_compatible_source() -> None:
    text = (
        "Helen Quell, the mayor, said the bridge was safe. Thomas Brindle said it was not. "
        "“Sit down,” she said."
    )
    quote = single_quote(text, "Sit down,")
    assert_speaker(text, quote, name="Helen Quell", at="she", cue="said")


def test_the_minister_resolves_to_the_minister_quoted_earlier() -> None:
    text = (
        "“We will publish everything,” said Hana Sato, the finance minister. "
        "The opposition disagreed. “Nothing will be published,” said Tomas Brindle. "
        "“I keep my promises,” the minister said."
    )
    analysis = analyze_text(text)
    assert len(analysis.quotes) == 3
    assert_speaker(text, analysis.quotes[2], name="Hana Sato", at="the minister", cue="said")


def test_the_minister_resolves_to_the_minister_named_in_an_appositive() -> None:
    text = (
        "Hana Sato, the finance minister, said the figures were final. "
        "“We will publish everything,” the minister said."
    )
    quote = single_quote(text, "We will publish everything,")
    assert_speaker(text, quote, name="Hana Sato", at="the minister", cue="said")


def test_the_official_resolves_to_the_unnamed_official_and_stays_anonymous() -> None:
    text = (
        "According to an unnamed former city official, the pier was never inspected. "
        "“Nobody looked at it for years,” the official said."
    )
    quote = single_quote(text, "Nobody looked at it for years,")
    assert_speaker(
        text,
        quote,
        name="an unnamed former city official",
        at="the official",
        cue="said",
        anonymous=True,
    )


def test_the_report_resolves_to_the_document_named_earlier() -> None:
    text = (
        "The state auditor’s report found that the fund had no controls. "
        "“The fund has been run without oversight for a decade,” the report said."
    )
    quote = single_quote(text, "The fund has been run without oversight for a decade,")
    assert_speaker(text, quote, name="The state auditor’s report", at="the report", cue="said")


def test_social_media_post_as_speaker() -> None:
    text = (
        "The post was deleted within an hour. “Nobody at the mill will lose a job,” the post read."
    )
    quote = single_quote(text, "Nobody at the mill will lose a job,")
    assert_speaker(text, quote, name="the post", at="the post", cue="read")


def test_post_on_x_names_its_author_as_speaker() -> None:
    text = "In a post on X, Tomas Brindle wrote: “Nobody at the mill will lose a job.”"
    quote = single_quote(text, "Nobody at the mill will lose a job.")
    assert_speaker(text, quote, name="Tomas Brindle", at="Tomas Brindle", cue="wrote")


def test_quote_without_a_cue_carries_the_previous_paragraphs_speaker() -> None:
    text = (
        "“The river is clean,” said Ada Morrow, who runs the water board.\n\n"
        "“We test it every week and publish every result.”\n\n"
        "The board meets again in June.\n"
    )
    analysis = analyze_text(text)
    assert quoted(text, analysis) == [
        "The river is clean,",
        "We test it every week and publish every result.",
    ]
    carried = analysis.quotes[1]
    assert carried.kind is QuoteKind.DIRECT
    assert carried.speaker is not None and carried.speaker.name == "Ada Morrow"
    # The mention is the previous attribution, since the paragraph itself names nobody.
    assert mention(text, carried) == "Ada Morrow"
    assert carried.cue is None
    assert carried.confidence < analysis.quotes[0].confidence


def test_another_is_a_second_anonymous_speaker() -> None:
    text = "“We were never told,” said one official. “Nobody was,” said another."
    analysis = analyze_text(text)
    assert quoted(text, analysis) == ["We were never told,", "Nobody was,"]
    assert_speaker(
        text,
        analysis.quotes[0],
        name="one official",
        at="one official",
        cue="said",
        anonymous=True,
    )
    second = analysis.quotes[1]
    assert second.speaker is not None
    assert mention(text, second) == "another"
    assert second.speaker.anonymous is True
    assert second.speaker.name != "one official"
    assert second.cue is not None and second.cue.text == "said"
