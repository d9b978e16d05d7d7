"""Rules of news writing that decide who said a quotation and whether it is one, each on
sentences of our own (fictional people, places and outlets)."""

from __future__ import annotations

import pytest

from workbench.domain import QuoteKind
from workbench.extraction import analyze_text


def quotes(text: str):
    return analyze_text(text).quotes


def only(text: str):
    (quote,) = quotes(text)
    return quote


def mention(text: str, quote) -> str | None:
    return text[quote.speaker.start : quote.speaker.end] if quote.speaker else None


def speaker_names(text: str) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in quotes(text)]


# Fragments of one sentence -------------------------------------------------------------------


def test_fragments_in_one_sentence_share_the_speaker_named_before_them():
    text = (
        "Councillor Ivo Harlow said on Tuesday that Marsh was “a lightweight” while her deputy "
        "is “a basket case” and “a liar.”"
    )
    assert speaker_names(text) == ["Ivo Harlow"] * 3
    assert {q.kind for q in quotes(text)} == {QuoteKind.PARTIAL}


def test_fragments_share_a_speaker_named_after_them():
    text = "Ferries are “the town’s lifeline” and “older than the harbour,” Edda Marsh said."
    assert speaker_names(text) == ["Edda Marsh", "Edda Marsh"]


def test_a_title_in_a_sentence_with_a_speaker_stays_a_title():
    text = "Marsh said on Valley Radio’s “Morning Desk” that she would “take a look” at the bill."
    kinds = [q.kind for q in quotes(text)]
    assert kinds == [QuoteKind.SCARE, QuoteKind.PARTIAL]


# Who speaks ----------------------------------------------------------------------------------


def test_a_headline_that_opens_with_a_name_and_a_colon_is_that_persons():
    text = "Ortega: Marsh’s Ferry Plan ‘A Gift to Developers’\n\nThe council met on Monday."
    quote = quotes(text)[0]
    assert quote.kind is QuoteKind.PARTIAL and quote.speaker.name == "Ortega"


def test_a_surname_that_is_a_title_speaks_alone():
    text = "Dora King says the ferry “never once ran late.” King says the pier “will hold.”"
    assert speaker_names(text) == ["Dora King", "Dora King"]


def test_the_colon_belongs_to_its_own_clause():
    text = (
        "When the moderators pressed the panel on fares — Harlow called them on it:\n\n"
        "“Nobody here has ridden the ferry in a decade.”"
    )
    assert only(text).speaker.name == "Harlow"


def test_a_subordinate_clause_still_has_its_subject():
    text = (
        "Ivo Harlow spoke first. Although he told the board he cared about “the pier and the "
        "people,” he voted no."
    )
    assert mention(text, only(text)) == "he"


def test_a_fronted_adverb_and_participle_is_not_the_speaker():
    text = "Hastily blaming the weather, Marsh wants a “fresh start” for the ferry."
    assert only(text).speaker.name == "Marsh"


def test_a_time_phrase_may_stand_between_the_speaker_and_the_verb():
    text = "Much of the anger fell on Ortega, whom Marsh on Wednesday called “a menace to sailing.”"
    assert only(text).speaker.name == "Marsh"


def test_who_before_the_verb_is_the_name_before_who():
    text = "Compare that with Ortega, who has called the ferry levy “theft by timetable.”"
    assert only(text).speaker.name == "Ortega"


def test_a_name_ending_an_appositive_is_not_the_speaker():
    text = (
        "Lene Aspaas, who grew up in Vikholm, told the Harbour Gazette that the pier was "
        "“a disgrace.”"
    )
    assert only(text).speaker.name == "Lene Aspaas"


def test_a_reporter_of_what_someone_shows_or_hopes_is_the_speaker():
    shows = "Aspaas also said that Marsh shows “real grit” in the job."
    assert only(shows).speaker.name == "Aspaas"
    hopes = "Aspaas wrote that she hoped with her “whole heart” that the ferry would stay."
    assert only(hopes).speaker.name == "Aspaas"


def test_the_speaker_of_a_sentence_that_goes_on_after_the_quote():
    text = "“People were dancing” before the storm hit, she said. “It was so calm.”"
    assert [mention(text, q) for q in quotes(text)] == ["she", "she"]
    later = (
        "“Marsh can still win the vote” if turnout holds, said Tomas Brindle, a pollster "
        "in Vikholm."
    )
    assert only(later).speaker.name == "Tomas Brindle"


def test_according_to_after_the_quote():
    text = "“The pier will close in May,” according to the Harbour Gazette."
    assert only(text).speaker.name == "the Harbour Gazette"


def test_the_writer_speaks_as_i():
    text = "“I am not ashamed,” I said. “I would do it again.”"
    assert [mention(text, q) for q in quotes(text)] == ["I", "I"]


@pytest.mark.parametrize("verb", ["reacted", "retaliated", "bemoaned", "chided"])
def test_cue_verbs_news_uses(verb):
    text = f"“That is simply not true,” {verb} Ivo Harlow."
    assert only(text).speaker.name == "Ivo Harlow"


def test_a_signature_line_under_a_quotation():
    text = "“I will look into it. I do not know the state of play.”\n\n- Edda Marsh.\n\nMore."
    assert only(text).speaker.name == "Edda Marsh"


def test_said_first_then_the_speaker():
    text = "Said Harlow, “The tide tables are wrong.”"
    assert only(text).speaker.name == "Harlow"


def test_a_cue_with_a_long_complement_still_introduces_the_quote():
    text = (
        "Sen. Ruth Ortega said in an op-ed piece before last spring's hearing on ferry safety, "
        "“The department ignored every warning.”"
    )
    assert only(text).speaker.name == "Ruth Ortega"


def test_a_place_between_former_and_the_title():
    text = "“The port has never been busier,” said former Vikholm Mayor Dora Lind."
    assert only(text).speaker.name == "Dora Lind"


def test_a_participle_of_any_cue_verb_points_to_the_main_subject():
    text = "Edda Marsh clashed with Harlow at the hearing, chiding him, “Who pays for the pier?”"
    assert only(text).speaker.name == "Edda Marsh"


def test_a_statement_then_a_comma_introduces_the_quote():
    text = "Later, Mayor Dora Lind issued a statement, “We will rebuild the pier.”"
    assert only(text).speaker.name == "Dora Lind"


def test_verbs_of_thinking_and_proposing_take_fragments():
    text = "Aspaas believes in a ferry service that “pays its own way.”"
    quote = only(text)
    assert quote.kind is QuoteKind.PARTIAL and quote.speaker.name == "Aspaas"


def test_a_party_letter_is_not_a_person():
    text = (
        "Gov. Ola Brandt (R) arrived late. Ivo Harlow left early. Brandt (R) said he expects "
        "an “aggressive appeal.”"
    )
    assert only(text).speaker.name == "Ola Brandt"


# Titles and terms ------------------------------------------------------------------------------


def test_a_title_known_by_what_follows_it():
    assert only("“Night Desk” host Vera Lund laughed.").kind is QuoteKind.SCARE
    text = "FAREWELL — “The Anchor Bar to close in May,” by the Gazette's Ola Brandt."
    assert only(text).kind is QuoteKind.SCARE


def test_a_term_glossed_in_brackets_is_a_term():
    text = "“Sjøvett” (sea sense) is taught in every school in Vikholm."
    assert only(text).kind is QuoteKind.SCARE


def test_the_term_with_adjectives_before_it():
    text = "She steered around the charged term, “ferry tax,” which critics use."
    assert only(text).kind is QuoteKind.SCARE


def test_a_list_that_starts_with_a_title_goes_on_with_titles():
    text = "Lund has had roles in “The Long Tide,” “Harbour Lights” and “Night Ferry.”"
    assert {q.kind for q in quotes(text)} == {QuoteKind.SCARE}
    said = "She starred in “Night Ferry.” “You will have to ask the captain,” Lund said."
    assert [q.kind for q in quotes(said)] == [QuoteKind.SCARE, QuoteKind.DIRECT]


def test_a_book_title_stays_a_title_when_its_author_is_named():
    text = "Marsh said in her 2019 book, “A Harbour Town,” that the ferry saved Vikholm."
    assert quotes(text)[0].kind is QuoteKind.SCARE


def test_markup_left_in_web_text_is_not_a_quotation():
    text = '<tweet author="@harbourgazette" id="1234">The pier is closed.</tweet>'
    assert quotes(text) == ()


# Interviews and glosses --------------------------------------------------------------------------


def test_an_interview_label_in_marks_is_not_a_quote():
    text = (
        "Die Bürgermeisterin Lene Aspaas sprach mit uns.\n\n"
        "„Gazette“: Wie geht es weiter mit der Fähre?\n\n"
        "„Aspaas“: Die Fähre bleibt, sagte sie. Wir halten den Fahrplan.\n"
    )
    assert {q.kind for q in quotes(text)} == {QuoteKind.SCARE}


def test_frage_and_antwort_are_not_speakers():
    text = (
        "Frage: Bleibt die Fähre?\n\n"
        "Antwort: „Die Fähre bleibt, solange ich hier Bürgermeisterin bin.“\n"
    )
    quote = only(text)
    assert quote.kind is QuoteKind.DIRECT
    assert quote.speaker is None or quote.speaker.name not in ("Frage", "Antwort")


def test_a_gloss_in_brackets_is_not_a_quote():
    text = "Die Behörde für Verkehr (kurz: „BfV“) stoppte den Fährbetrieb am Montag."
    assert only(text).kind is QuoteKind.SCARE
    english = "The Harbour Safety Board (short for “HSB”) closed the pier."
    assert only(english).kind is QuoteKind.SCARE


# German ---------------------------------------------------------------------------------------------


def test_german_names_of_things_are_not_quotes():
    assert only("Laut „Hafenblatt“ ist die Fähre ausgefallen.").kind is QuoteKind.SCARE
    text = "Die Ministerin sagte der „Vikholmer Zeitung“, die Fähre sei sicher."
    assert only(text).kind is QuoteKind.SCARE
    ship = "Die Fähre „Nordlicht II“ lief am Montag aus."
    assert only(ship).kind is QuoteKind.SCARE


def test_german_reported_speech_belongs_to_the_speaker_named_before_it():
    text = (
        "Bürgermeisterin Lene Aspaas kritisierte den Plan am Montag scharf. Die Fähre sei "
        "„kein Luxus, sondern ein Lebensnerv“ für die Insel."
    )
    assert only(text).speaker.name == "Lene Aspaas"


def test_german_source_phrases():
    text = "Nach Ansicht des Hafenmeisters Ole Brandt ist die Mole „nicht mehr zu retten“."
    assert only(text).speaker.name == "Ole Brandt"
    fuer = "Für den Kapitän Ivo Lund sei der Sturm „ein Jahrhundertereignis“ gewesen."
    assert only(fuer).speaker.name == "Ivo Lund"


def test_german_verb_then_sich_then_the_subject():
    text = (
        "„Wir fahren wieder ab Mai“, äußerte sich die Reederin Dora Lind zufrieden. Die "
        "Insel ist damit nicht mehr von der Welt abgeschnitten."
    )
    assert only(text).speaker.name == "Dora Lind"
    passive = "„Der Fahrplan steht“, wird Hafenmeister Ole Brandt zitiert. Das ist neu."
    assert only(passive).speaker.name == "Ole Brandt"


def test_german_fronted_adverbs_are_not_speakers():
    text = "Erstmals seit Jahren sagte der Kapitän: „Die See ist ruhig.“"
    assert only(text).speaker.name != "Erstmals"
    assert mention(text, only(text)) == "der Kapitän"


def test_german_name_before_its_apposition_speaks():
    text = "Ole Brandt, der Hafenmeister von Vikholm, sagte: „Die Mole hält.“"
    assert only(text).speaker.name == "Ole Brandt"


def test_german_speaker_of_an_earlier_cue_in_the_same_sentence():
    text = (
        "Der Staatssekretär sagte der „Hafenzeitung“, dass an einer „grünen Zapfsäule“ "
        "künftig Strom geladen werden solle. Die Pläne sind umstritten."
    )
    (_, fragment) = quotes(text)
    assert fragment.kind is QuoteKind.PARTIAL and mention(text, fragment) == "Der Staatssekretär"


def test_german_demonstrative_points_back_to_the_person_named():
    text = (
        "Im Gespräch mit dem Anwalt der Familie, Ivo Lund, sagte dieser, dass der Kapitän "
        "bereits in „seiner eigenen Welt“ lebe. Die Familie schweigt."
    )
    assert mention(text, only(text)) == "dieser"


def test_paragraphs_that_each_close_are_separate_quotes_of_one_speaker():
    text = (
        "Ortega read from the minutes:\n\n“We met at nine.”\n\n“The ferry was late.”\n\n"
        "“Nobody apologised.”\n\nThen she sat down."
    )
    found = quotes(text)
    assert [q.text for q in found] == [
        "We met at nine.",
        "The ferry was late.",
        "Nobody apologised.",
    ]
    assert {q.speaker.name for q in found} == {"Ortega"}


def test_with_a_name_and_a_participle():
    text = "Councillors balked at the plan, with Sen. Ruth Ortega calling it a “Chinese menu.”"
    assert only(text).speaker.name == "Ruth Ortega"


def test_age_and_hometown_are_not_the_speaker():
    text = "Cory Lund, 22, of Flint, Mich., said he hoped for a “surprise” at the convention."
    assert only(text).speaker.name == "Cory Lund"


def test_a_full_stop_ends_a_name():
    text = "Take the Harbour Board. Marsh says the board did a “serviceable job” last year."
    assert only(text).speaker.name == "Marsh"


def test_while_opens_the_second_speakers_clause():
    text = (
        "Gov. Ola Brandt signed the order on Monday, while Dora Lind, the former mayor, "
        "proposed the town “wake up and smell the salt.”"
    )
    assert only(text).speaker.name == "Dora Lind"


def test_an_interview_answer_is_the_interviewees():
    text = (
        "Die Reederin Dora Lind kritisierte die Pläne scharf. Später äußerte sich Lind "
        "ausführlicher:\n\nFrage: Wie lange reicht das Geld noch?\n\n"
        "Antwort: „Bis zum Herbst. Danach müssten wir die Besatzung entlassen.“\n"
    )
    assert mention(text, only(text)) == "Lind"  # where the interview was opened


def test_german_addressee_after_the_speaker_and_a_relative_clause():
    text = (
        "„Die Brücke kostet das Zwanzigfache“, sagte der Hafenmeister Ole Brandt der "
        "„Vikholmer Zeitung“. Ministerin Vera Sund, die für den Verkehr zuständig ist, "
        "verteidigte den Plan: „Wir lassen niemanden allein.“"
    )
    first, addressee, second = quotes(text)
    assert addressee.kind is QuoteKind.SCARE
    assert (first.speaker.name, second.speaker.name) == ("Ole Brandt", "Vera Sund")
