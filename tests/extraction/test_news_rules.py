"""Each rule of issue 12 on sentences of our own (fictional people and places)."""

from __future__ import annotations

import json

from workbench.domain import QuoteKind
from workbench.extraction import analyze_text
from workbench.extraction.confidence import REVIEW_THRESHOLD, needs_review
from workbench.extraction.language import detect_language


def only(text: str):
    (quote,) = analyze_text(text).quotes
    return quote


def speaker_mention(text: str, quote) -> str | None:
    return text[quote.speaker.start : quote.speaker.end] if quote.speaker else None


# 1. Partial quotes versus scare quotes -----------------------------------------------------


def test_evaluative_verb_governs_a_partial_quote():
    quote = only("Councillor Edda Marsh dismissed the town as a “suburb of the capital” on Monday.")
    assert quote.kind is QuoteKind.PARTIAL and quote.speaker.name == "Edda Marsh"


def test_second_fragment_after_the_reporting_verb_is_partial_too():
    text = "Ivo Harlow called the plan “reckless” and “a gift to developers”."
    quotes = analyze_text(text).quotes
    assert [q.kind for q in quotes] == [QuoteKind.PARTIAL, QuoteKind.PARTIAL]
    assert {q.speaker.name for q in quotes} == {"Ivo Harlow"}


def test_title_cased_fragment_after_hailed_is_partial():
    quote = only("Senator Ruth Ortega hailed Marsh as “The Comeback Mayor” on Friday.")
    assert quote.kind is QuoteKind.PARTIAL and quote.speaker.name == "Ruth Ortega"


def test_source_named_after_the_fragment():
    text = "Harlow spoke first. A driver who “cuts a corner once” is fined, Harlow said."
    assert only(text).kind is QuoteKind.PARTIAL


def test_headline_fragment_is_partial():
    text = "Councillors Rip Mayor As A ‘Disgraceful Fraud’\n\nThe vote came late on Tuesday."
    assert analyze_text(text).quotes[0].kind is QuoteKind.PARTIAL


def test_noun_cue_governs_a_fragment():
    text = "Nobody could confirm Marsh’s claim that there were “hundreds of complaints”."
    assert only(text).kind is QuoteKind.PARTIAL


def test_titles_of_shows_and_books_stay_scare():
    assert only("Ortega appeared on “Morning Briefing” on Sunday.").kind is QuoteKind.SCARE
    assert only("Her memoir, “Plain Speaking”, sold well.").kind is QuoteKind.SCARE


def test_so_called_dubbed_and_titled_stay_scare():
    for text in (
        "The so-called “harbour levy” returns.",
        "The plan, dubbed “Operation Tidewater” by staff, returns.",
        "A report titled “Salt and Steel” came out.",
    ):
        assert only(text).kind is QuoteKind.SCARE, text


# 2. The speaker after the quote ---------------------------------------------------------


def test_dash_byline_signs_the_quote():
    quote = only("“A steady hand is all the harbour needs.” ― Dana Whitcombe")
    assert quote.speaker.name == "Dana Whitcombe"


def test_lower_case_role_before_the_name():
    quote = only("“The bridge stays shut,” says economist Lena Farrow.")
    assert quote.speaker.name == "Lena Farrow"


def test_surname_that_is_also_a_title():
    text = "Ms. Bishop arrived late. “I missed the ferry,” Ms. Bishop said."
    assert only(text).speaker.name == "Bishop"


def test_cue_verbs_missing_before():
    for verb in ("fumed", "implored", "gushed", "scoffed", "chanted"):
        quote = only(f"“Never again,” Nell Farrow {verb}.")
        assert quote.speaker is not None and quote.speaker.name == "Nell Farrow", verb


def test_attribution_sentence_without_a_colon_introduces_the_next_quote():
    text = "The ferry ran late again, Farrow chimed in. “I never saw anything like it.”"
    assert speaker_mention(text, only(text)) == "Farrow"


# 3. The wrong clause --------------------------------------------------------------------


def test_saying_takes_the_subject_of_the_main_clause():
    text = "Marsh attacked Ortega over spending in Dover and Kent, saying, “We cannot pay.”"
    assert only(text).speaker.name == "Marsh"


def test_fronted_participle_is_not_the_speaker():
    quote = only("Pressed on the cost, Marsh said, “It is worth every penny.”")
    assert quote.speaker.name == "Marsh"


def test_dateline_is_not_the_speaker():
    text = "BRIGHTPORT — “We will rebuild,” the harbour master said."
    assert speaker_mention(text, only(text)) == "the harbour master"


# 4. German and French -------------------------------------------------------------------


def test_german_cue_after_the_quote_and_so_x():
    text = "„Wir sind bereit“, sagte der Bischof. „Das Gesetz ist falsch“, so Schnappauf."
    first, second = analyze_text(text).quotes
    assert speaker_mention(text, first) == "der Bischof"
    assert speaker_mention(text, second) == "Schnappauf"


def test_german_subject_after_the_finite_verb():
    text = "Zum Rücktritt sagte der Bischof Anton Weller: „Es ist vorbei.“"
    assert only(text).speaker.name == "Anton Weller"


def test_german_laut_and_konjunktiv_fragment():
    text = "Laut Projektleiter Jan Grasse sei das Dach „nicht mehr zu retten“ gewesen."
    quote = only(text)
    assert quote.kind is QuoteKind.PARTIAL and quote.speaker.name == "Jan Grasse"


def test_german_capitalised_name_in_marks_is_scare():
    text = "Die Bürgerinitiative „Gegenwind Hollerberg“ trifft sich am Abend im Rathaus."
    assert only(text).kind is QuoteKind.SCARE


def test_french_inner_curly_quote_does_not_close_the_guillemet():
    text = "« On parle de “transition”, mais rien ne change », a déclaré la maire Léa Roussel."
    quote = only(text)
    assert quote.text == "On parle de “transition”, mais rien ne change"
    assert quote.speaker.name == "Léa Roussel"


def test_french_a_t_il_dit_and_selon():
    text = (
        "Paul Ortega est arrivé tard. « Nous ne céderons pas », a-t-il dit. "
        "Selon la préfète Anne Marchal, « les travaux dureront un an »."
    )
    first, second = analyze_text(text).quotes
    assert speaker_mention(text, first) == "il" and first.speaker.name == "Paul Ortega"
    assert second.speaker.name == "Anne Marchal"


def test_language_is_detected_and_reported(workbench_cli, tmp_path):
    assert detect_language("„Wir sind bereit“, sagte sie, und die Stadt ist nicht bereit.") == "de"
    assert detect_language("« Nous sommes prêts », a déclaré la ministre pour les élus.") == "fr"
    article = tmp_path / "note.txt"
    article.write_text("“We are ready,” said the mayor, and the town was not.", encoding="utf-8")
    completed = workbench_cli("analyze", "--json", str(article))
    assert json.loads(completed.stdout)["language"] == "en"


# 5. Span boundaries ---------------------------------------------------------------------


def test_straight_quote_holding_curly_quotes_is_one_quote():
    text = '"He told me “no way” twice," said Ana Ruiz.'
    quote = only(text)
    assert quote.text == "He told me “no way” twice," and quote.speaker.name == "Ana Ruiz"


def test_transcript_excerpt_over_paragraphs_is_one_quote():
    text = (
        "Ruiz read from the minutes:\n"
        "“The board met at noon.\n"
        "“It voted to close the pier.\n"
        "“Nobody objected.”\n"
    )
    quote = only(text)
    assert quote.text.startswith("The board met") and quote.text.endswith("Nobody objected.")


# Confidence -----------------------------------------------------------------------------


def test_uncertain_speakers_are_flagged_for_review():
    sure = only("“We are ready,” said Mayor Ana Ruiz.")
    unsure = only("The budget passed. It offered “a fresh start” to the harbour.")
    assert not needs_review(sure.confidence)
    assert needs_review(unsure.confidence) and unsure.confidence < REVIEW_THRESHOLD
