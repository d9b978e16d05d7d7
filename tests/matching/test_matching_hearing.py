"""Locating quotes in a labelled hearing transcript: each hard case an article can present."""

from __future__ import annotations

import dataclasses

import pytest

from workbench.errors import UserError
from workbench.matching import DEFAULT_THRESHOLD, Match, Verdict, locate_quote


def changes(match: Match) -> list[tuple[str, str, str]]:
    return [(op.op, op.quote, op.source) for op in match.diff if op.op != "equal"]


def test_verbatim_quote_with_curly_marks_and_a_trailing_comma_is_exact(hearing):
    match = locate_quote(hearing, "“We were never told that the roof estimate existed,”")
    assert match.found and match.verdict is Verdict.EXACT
    assert match.score == 100
    assert match.passage == "We were never told that the roof estimate existed"
    assert hearing.text[match.start : match.end] == match.passage
    assert match.speaker == "MS ADEYEMI"
    assert changes(match) == []
    assert match.diff[0].quote == "We were never told that the roof estimate existed"


def test_lower_case_first_letter_and_other_end_punctuation_are_exact(hearing):
    match = locate_quote(hearing, "the committee did not take this decision lightly!")
    assert match.verdict is Verdict.EXACT
    assert match.passage == "The committee did not take this decision lightly"


def test_straight_apostrophe_against_the_source_is_exact(hearing):
    match = locate_quote(hearing, "I chair the residents' health forum")
    assert match.verdict is Verdict.EXACT


def test_inner_punctuation_difference_is_near_exact(hearing):
    match = locate_quote(hearing, "We are not asking for charity, we are asking for the truth.")
    assert match.verdict is Verdict.NEAR_EXACT
    assert match.score == 100
    assert "punctuation" in match.reason


def test_inner_capitalisation_difference_is_near_exact(hearing):
    match = locate_quote(hearing, "Nobody from the Council has spoken to them in two years")
    assert match.verdict is Verdict.NEAR_EXACT
    assert "capitalisation" in match.reason


def test_changed_word_is_altered_with_a_replace(hearing):
    match = locate_quote(
        hearing, "Then your understanding is wrong, Councillor, and the committee was deceived."
    )
    assert match.found and match.verdict is Verdict.ALTERED
    assert changes(match) == [("replace", "deceived", "misled")]
    assert match.passage.endswith("the committee was misled")
    assert DEFAULT_THRESHOLD <= match.score < 100


def test_changed_first_word_is_a_replace_not_a_shorter_passage(hearing):
    match = locate_quote(hearing, "They looked at every branch")
    assert match.passage == "We looked at every branch"
    assert changes(match) == [("replace", "They", "We")]


def test_dropped_not_is_altered_and_the_diff_shows_the_delete(hearing):
    match = locate_quote(hearing, "We are asking for charity; we are asking for the truth.")
    assert match.verdict is Verdict.ALTERED
    assert changes(match) == [("delete", "", "not")]
    assert match.passage == "We are not asking for charity; we are asking for the truth"
    assert "not" in match.reason


def test_added_word_is_an_insert(hearing):
    match = locate_quote(hearing, "The department will never intervene in a local decision")
    assert match.verdict is Verdict.ALTERED
    assert ("replace", "never", "not") in changes(match)

    match = locate_quote(hearing, "The library is the only really warm public room")
    assert changes(match) == [("insert", "really", "")]


def test_reordered_clauses_are_found_and_altered(hearing):
    quote = (
        "we will expect it to be published before the closure takes effect, and we will "
        "expect the council to publish the survey in full"
    )
    match = locate_quote(hearing, quote)
    assert match.found and match.verdict is Verdict.ALTERED
    assert match.speaker == "THE MINISTER"
    assert "publish the survey in full" in match.passage
    assert "before the closure takes effect" in match.passage
    assert "different order" in match.reason


@pytest.mark.parametrize("ellipsis", ["...", "…", ". . .", "[...]", "[…]", " … "])
def test_ellipsis_for_omitted_words_is_near_exact_with_the_gap_reported(hearing, ellipsis):
    quote = (
        f"The department will not intervene in a local decision{ellipsis}we will expect it "
        "to be published before the closure takes effect"
    )
    match = locate_quote(hearing, quote)
    assert match.verdict is Verdict.NEAR_EXACT
    assert changes(match) == []
    assert len(match.elided) == 1
    gap = match.elided[0]
    assert hearing.text[gap.start : gap.end] == gap.text
    assert gap.text.strip() == (
        ", but we will expect the council to publish the survey in full, and"
    )
    assert match.start < gap.start < gap.end < match.end
    assert "ellipsis" in match.reason


def test_two_ellipses_locate_three_pieces_in_order(hearing):
    match = locate_quote(
        hearing,
        "People are angry … The library is the only warm public room … of the borough",
    )
    assert match.verdict is Verdict.NEAR_EXACT
    assert [gap.text.strip() for gap in match.elided] == [
        ", and they are entitled to be angry.",
        "on the east side",
    ]


def test_ellipsis_where_the_source_omits_nothing_is_only_punctuation(hearing):
    match = locate_quote(hearing, "We will publish it... I will not pretend otherwise")
    assert match.verdict is Verdict.NEAR_EXACT
    assert match.elided == ()
    assert "punctuation" in match.reason


def test_ellipsis_with_an_altered_piece_is_altered(hearing):
    match = locate_quote(hearing, "People are angry … The library is the only cold public room")
    assert match.verdict is Verdict.ALTERED
    assert ("replace", "cold", "warm") in changes(match)


def test_quote_said_twice_gives_the_best_first_and_the_other_as_candidate(hearing):
    match = locate_quote(hearing, "I will not pretend otherwise.")
    assert match.verdict is Verdict.EXACT
    assert len(match.candidates) >= 1
    other = match.candidates[0]
    assert other.score == 100
    assert hearing.text[other.start : other.end] == "I will not pretend otherwise"
    assert other.start != match.start


def test_quote_said_by_two_people_prefers_the_article_speaker(hearing):
    by_brannigan = locate_quote(hearing, "Thank you, Chair.", speaker="Sean Brannigan")
    assert by_brannigan.speaker == "CLLR BRANNIGAN"
    assert not by_brannigan.speaker_mismatch
    by_adeyemi = locate_quote(hearing, "Thank you, Chair.", speaker="Amara Adeyemi")
    assert by_adeyemi.speaker == "MS ADEYEMI"
    assert by_adeyemi.start in [c.start for c in by_brannigan.candidates]


def test_misattributed_quote_is_caught(hearing):
    quote = "The health centre was never approached about sharing the building."
    wrong = locate_quote(hearing, quote, speaker="Sean Brannigan")
    assert wrong.verdict is Verdict.EXACT
    assert wrong.speaker == "Dr. Okafor"
    assert wrong.speaker_mismatch
    right = locate_quote(hearing, quote, speaker="Dr Chidi Okafor")
    assert not right.speaker_mismatch


def test_role_label_is_compared_only_when_it_names_a_person(hearing):
    minister = locate_quote(hearing, "I have listened carefully to all of this", speaker="Jo Hale")
    assert minister.speaker == "THE MINISTER"
    assert not minister.speaker_mismatch  # "THE MINISTER" does not say who holds the post
    chair = locate_quote(hearing, "Let us keep this civil.", speaker="Amara Adeyemi")
    assert chair.speaker == "THE CHAIR (Cllr Ruth Obi)"
    assert chair.speaker_mismatch  # the brackets name the chair
    assert not locate_quote(hearing, "Let us keep this civil.", speaker="Ruth Obi").speaker_mismatch


def test_a_passage_does_not_run_across_two_speakers(hearing):
    match = locate_quote(
        hearing, "That is not my understanding. Then your understanding is wrong, Councillor"
    )
    assert match.verdict is not Verdict.EXACT
    assert "Dr. Okafor" not in (match.passage or "")


def test_fabricated_quote_is_not_found(hearing):
    match = locate_quote(
        hearing, "The mayor promised residents a new swimming pool on the east side by summer."
    )
    assert not match.found
    assert match.verdict is Verdict.NOT_FOUND
    assert (match.start, match.end, match.passage, match.diff) == (None, None, None, ())
    assert match.score < DEFAULT_THRESHOLD
    assert match.speaker is None and not match.speaker_mismatch


def test_quote_whose_words_are_absent_is_not_found(hearing):
    match = locate_quote(hearing, "Zebras quarrel quietly")
    assert match.verdict is Verdict.NOT_FOUND
    assert match.score == 0
    assert "None of the quote's words" in match.reason


def test_threshold_is_an_argument_and_below_it_runners_up_are_offered(hearing):
    quote = "Then your understanding is wrong, Councillor, and the committee was deceived."
    strict = locate_quote(hearing, quote, threshold=99)
    assert strict.verdict is Verdict.NOT_FOUND
    assert strict.candidates and strict.candidates[0].score > 90
    with pytest.raises(UserError):
        locate_quote(hearing, quote, threshold=101)


@pytest.mark.parametrize("quote", ["", "   ", "\n\t", "…", "“ ”"])
def test_empty_or_wordless_quote_is_a_user_error(hearing, quote):
    with pytest.raises(UserError):
        locate_quote(hearing, quote)


def test_labels_are_not_words_of_the_speech(hearing):
    match = locate_quote(hearing, "MS ADEYEMI: Who gave you that estimate?")
    assert match.passage == "Who gave you that estimate"
    assert changes(match) == [("insert", "MS ADEYEMI", "")]


def test_match_is_a_frozen_record_with_timing(hearing):
    match = locate_quote(hearing, "I do, and I will send it to the clerk tonight.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.score = 0  # type: ignore[misc]
    assert match.elapsed_ms > 0
    assert match.timestamp is None
    data = match.to_dict()
    assert data["verdict"] == "exact" and data["speaker"] == "Dr. Okafor"


def test_plain_text_can_be_passed_instead_of_an_index(hearing):
    match = locate_quote(hearing.text, "the only warm public room on the east side")
    assert match.verdict is Verdict.EXACT
