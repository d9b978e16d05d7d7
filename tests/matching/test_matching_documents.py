"""Locating quotes in text extracted from a PDF report and in subtitle transcripts."""

from __future__ import annotations

from workbench.matching import Verdict, index_source, locate_quote


def changes(match):
    return [(op.op, op.quote, op.source) for op in match.diff if op.op != "equal"]


# --- A report extracted from a PDF: hard line breaks and hyphenation ---------------------------


def test_pdf_line_break_hyphenation_is_joined(report):
    match = locate_quote(
        report,
        "Information from the new reporting app was available to duty officers within minutes",
    )
    assert match.verdict is Verdict.EXACT
    assert match.passage.startswith("In-\nformation")
    assert match.passage.endswith("min-\nutes")
    # The diff shows the source as written, hyphenation and all.
    assert match.diff[0].source == match.passage


def test_quote_split_across_a_source_line_break_is_exact(report):
    match = locate_quote(report, "two of the four collisions in the outer harbour involved vessels")
    assert match.verdict is Verdict.EXACT
    assert "outer\nharbour" in match.passage


def test_compound_hyphenated_at_a_line_end_matches_the_hyphenated_quote(report):
    match = locate_quote(report, "about a well-known figure in the industry")
    assert match.verdict is Verdict.EXACT
    assert match.passage == "about a well-\nknown figure in the industry"


def test_nested_quotation_marks_and_dash_styles_are_style_not_substance(report):
    quote = (
        "The authority accepts that its notices were 'too slow, too technical and too easy to miss'"
    )
    assert locate_quote(report, quote).verdict is Verdict.EXACT
    dashes = "3.5 million pounds over five years -- about a well-known figure"
    assert locate_quote(report, dashes).verdict is Verdict.EXACT


def test_a_changed_number_is_altered(report):
    match = locate_quote(report, "the cost of the new system was 35 million pounds")
    assert match.verdict is Verdict.ALTERED
    assert changes(match) == [("replace", "35", "3.5")]


def test_dropped_words_inside_a_quote_without_an_ellipsis_are_altered(report):
    match = locate_quote(
        report, "two of the four collisions involved vessels whose masters had not received"
    )
    assert match.verdict is Verdict.ALTERED
    assert changes(match) == [("delete", "", "in the outer\nharbour")]


def test_soft_hyphens_and_non_breaking_spaces_are_invisible():
    source = "The pro\u00adgramme will be re\u00ad\nviewed\u00a0in June."
    match = locate_quote(source, "The programme will be reviewed in June")
    assert match.verdict is Verdict.EXACT
    assert match.passage == "The pro\u00adgramme will be re\u00ad\nviewed\u00a0in June"


# --- Subtitle transcripts -------------------------------------------------------------------------


def test_vtt_quote_across_two_cues_keeps_their_timestamps(briefing):
    match = locate_quote(
        briefing, "The evening ferry will run again from Monday, but only on weekdays"
    )
    assert match.verdict is Verdict.EXACT
    assert match.speaker == "Harbourmaster Lena Sorensen"
    assert match.timestamp is not None
    assert (match.timestamp.start, match.timestamp.end) == ("00:00:01.000", "00:00:12.000")
    assert match.to_dict()["timestamp"] == {"start": "00:00:01.000", "end": "00:00:12.000"}


def test_vtt_voice_tags_give_the_speaker_and_catch_a_misattribution(briefing):
    quote = "Every cancelled crossing will be refunded in full"
    match = locate_quote(briefing, quote, speaker="Tomas Reyes")
    assert match.speaker == "Harbourmaster Lena Sorensen"
    assert match.speaker_mismatch
    assert match.timestamp.start == "00:00:18.250"
    assert not locate_quote(briefing, quote, speaker="Lena Sorensen").speaker_mismatch


def test_vtt_cue_numbers_timings_and_notes_are_not_words(briefing):
    assert "webvtt" not in briefing.vocabulary
    assert "note" not in briefing.vocabulary
    assert "00" not in briefing.vocabulary
    assert "sorensen" not in briefing.vocabulary  # the voice tag is a label, not speech


SRT = """1
00:00:01,000 --> 00:00:04,000
MS ADEYEMI: We are not asking for charity.

2
00:00:04,000 --> 00:00:08,500
MS ADEYEMI: We are asking for the truth.

3
00:00:08,500 --> 00:00:11,000
CLLR BRANNIGAN: You will have it.
"""


def test_srt_labels_inside_cues_and_a_dropped_not():
    index = index_source(SRT)
    match = locate_quote(index, "We are asking for charity. We are asking for the truth.")
    assert match.verdict is Verdict.ALTERED
    assert changes(match) == [("delete", "", "not")]
    assert match.speaker == "MS ADEYEMI"
    assert (match.timestamp.start, match.timestamp.end) == ("00:00:01,000", "00:00:08,500")
    said = locate_quote(index, "You will have it", speaker="Amara Adeyemi")
    assert said.speaker == "CLLR BRANNIGAN" and said.speaker_mismatch


def test_plain_prose_with_one_colon_line_is_not_a_transcript():
    text = "Note: the figures below are provisional.\n\nThe council said: we will decide soon."
    index = index_source(text)
    assert not index.layout.labelled
    match = locate_quote(index, "the figures below are provisional")
    assert match.verdict is Verdict.EXACT and match.speaker is None


def test_two_headings_with_colons_do_not_make_a_report_a_transcript():
    text = (
        "Executive Summary: the harbour needs a new breakwater.\n\n"
        "Next Steps: the board will consult fishermen in May.\n"
    )
    index = index_source(text)
    assert not index.layout.labelled
    match = locate_quote(index, "the board will consult fishermen in May")
    assert match.speaker is None
    assert locate_quote(index, "Next Steps: the board will consult").verdict == "exact"


def test_a_short_exchange_in_capitals_is_a_transcript():
    index = index_source("Q: Will the ferry run?\nA: Only on weekdays.\n")
    assert index.layout.labels == ("Q", "A")
    assert locate_quote(index, "only on weekdays").speaker == "A"


AUTO_TRANSCRIPT = """[00:00:03] SPEAKER 1: Thanks for joining us. Is the pier safe?
[00:00:09] SPEAKER 2: The pier is safe for pedestrians,
[00:00:14] but not for vehicles heavier than three tonnes.
[00:00:20] SPEAKER 1: Since when?
"""


def test_line_timestamps_and_numbered_speakers_of_an_automatic_transcript():
    index = index_source(AUTO_TRANSCRIPT)
    match = locate_quote(
        index, "The pier is safe for pedestrians, but not for vehicles heavier than three tonnes"
    )
    assert match.verdict is Verdict.EXACT
    assert match.speaker == "SPEAKER 2"
    assert (match.timestamp.start, match.timestamp.end) == ("00:00:09", "00:00:20")
    assert "00" not in index.vocabulary and "speaker" not in index.vocabulary
