"""The scorer counts exactly what CONTRACT.md says: span overlap >= 0.8, one-to-one, scare quotes
apart, and a speaker right by its mention span or by the person's surname."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation import (
    Counts,
    head_noun,
    load_gold,
    match_spans,
    parse_gold,
    score_article,
    span_jaccard,
    speaker_name_matches,
    surname,
    total,
)
from workbench.domain import (
    Analysis,
    Claim,
    Cue,
    DetectedQuote,
    DetectedSource,
    QuoteKind,
    SourceType,
    SpeakerRef,
)

SHARED_SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples"

#             0         1         2         3         4         5         6         7
#             0123456789012345678901234567890123456789012345678901234567890123456789012345
TEXT = (
    "“We are ready,” she said, “but not yet.” Mayor Ana Ruiz called it a “stunt”. "
    "“It will pass,” said a senior official who spoke on condition of anonymity. "
    "According to the Ledger, the vote is set for May."
)


def span(fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def gold_data() -> dict:
    ready, not_yet = span("We are ready,"), span("but not yet.")
    stunt, passes = span("stunt"), span("It will pass,")
    she, official = span("she"), span("a senior official")
    claim = span("the vote is set for May")
    return {
        "file": "example.txt",
        "style": "hand-made",
        "quotes": [
            {
                "text": "We are ready,",
                "start": ready[0],
                "end": ready[1],
                "kind": "direct",
                "speaker": "Mayor Ana Ruiz",
                "speaker_anonymous": False,
                "speaker_mention": "she",
                "mention_start": she[0],
                "mention_end": she[1],
                "cue": "said",
                "part_of": None,
            },
            {
                "text": "but not yet.",
                "start": not_yet[0],
                "end": not_yet[1],
                "kind": "direct",
                "speaker": "Mayor Ana Ruiz",
                "speaker_anonymous": False,
                "speaker_mention": "she",
                "mention_start": she[0],
                "mention_end": she[1],
                "cue": "said",
                "part_of": 1,
            },
            {"text": "stunt", "start": stunt[0], "end": stunt[1], "kind": "scare", "speaker": None},
            {
                "text": "It will pass,",
                "start": passes[0],
                "end": passes[1],
                "kind": "direct",
                "speaker": "a senior official who spoke on condition of anonymity",
                "speaker_anonymous": True,
                "speaker_mention": "a senior official",
                "mention_start": official[0],
                "mention_end": official[1],
                "cue": "said",
                "part_of": None,
            },
        ],
        "claims": [
            {
                "start": claim[0],
                "end": claim[1],
                "text": "the vote is set for May",
                "source": "the Ledger",
                "source_anonymous": False,
                "cue": "according to",
            }
        ],
        "sources": [
            {"name": "Mayor Ana Ruiz", "type": "person", "anonymous": False},
            {
                "name": "a senior official who spoke on condition of anonymity",
                "type": "anonymous",
                "anonymous": True,
            },
            {"name": "the Ledger", "type": "publication", "anonymous": False},
        ],
    }


def gold():
    return parse_gold(gold_data(), Path("example.gold.json"))


def speaker(name: str, mention: str, *, anonymous: bool = False, occurrence: int = 0):
    start, end = span(mention, occurrence)
    return SpeakerRef(name=name, start=start, end=end, anonymous=anonymous)


def perfect_analysis() -> Analysis:
    ruiz = speaker("Ana Ruiz", "she")
    official = speaker("a senior official", "a senior official", anonymous=True)
    quotes = (
        DetectedQuote(1, *span("We are ready,"), "We are ready,", QuoteKind.DIRECT, speaker=ruiz),
        DetectedQuote(
            2, *span("but not yet."), "but not yet.", QuoteKind.DIRECT, part_of=1, speaker=ruiz
        ),
        DetectedQuote(3, *span("stunt"), "stunt", QuoteKind.SCARE),
        DetectedQuote(
            4, *span("It will pass,"), "It will pass,", QuoteKind.DIRECT, speaker=official
        ),
    )
    ledger = speaker("the Ledger", "the Ledger")
    claims = (
        Claim(
            *span("the vote is set for May"),
            "the vote is set for May",
            ledger,
            Cue("According to", *span("According to")),
        ),
    )
    sources = (
        DetectedSource("Ana Ruiz", SourceType.PERSON, False, quote_ids=(1, 2)),
        DetectedSource("a senior official", SourceType.ANONYMOUS, True, quote_ids=(4,)),
        DetectedSource("the Ledger", SourceType.PUBLICATION, False, claim_count=1),
    )
    return Analysis(len(TEXT), quotes, claims, sources)


def as_dict(analysis: Analysis) -> dict:
    return json.loads(json.dumps(analysis.to_dict()))


def test_a_perfect_prediction_scores_one_everywhere():
    score = score_article(gold(), perfect_analysis(), TEXT)
    counts = score.counts
    assert score.mistakes == ()
    assert (counts.gold_quotes, counts.predicted_quotes, counts.matched_quotes) == (3, 3, 3)
    for metric in Counts.METRICS:
        assert getattr(counts, metric) == 1.0, metric


def test_the_analysis_dict_scores_like_the_analysis():
    assert score_article(gold(), as_dict(perfect_analysis()), TEXT) == score_article(
        gold(), perfect_analysis(), TEXT
    )


def test_a_span_off_by_a_lot_is_a_miss_and_a_spurious_quote():
    data = as_dict(perfect_analysis())
    quote = data["quotes"][3]  # “It will pass,” is 13 characters: 4 more halves the overlap
    quote["end"] += 6
    counts = score_article(gold(), data, TEXT).counts
    assert counts.matched_quotes == 2
    assert counts.quote_precision == pytest.approx(2 / 3)
    assert counts.quote_recall == pytest.approx(2 / 3)
    kinds = [m.kind for m in score_article(gold(), data, TEXT).mistakes]
    assert kinds.count("missed_quote") == 1 and kinds.count("spurious_quote") == 1


def test_a_small_span_slip_still_matches_but_is_not_exact():
    data = as_dict(perfect_analysis())
    data["quotes"][3]["end"] -= 1  # the trailing comma left out: overlap 12/13
    counts = score_article(gold(), data, TEXT).counts
    assert counts.quote_f1 == 1.0
    assert counts.exact_quotes == 2
    assert counts.exact_f1 == pytest.approx(2 / 3)


def test_scare_quotes_are_not_counted_as_quotes():
    data = as_dict(perfect_analysis())
    counts = score_article(gold(), data, TEXT).counts
    assert (counts.gold_scare, counts.scare_found, counts.gold_quotes) == (1, 1, 3)

    # The scare quote predicted as a direct quote costs precision, and the scare count.
    data["quotes"][2]["kind"] = "direct"
    counts = score_article(gold(), data, TEXT).counts
    assert counts.predicted_quotes == 4
    assert counts.quote_precision == pytest.approx(3 / 4)
    assert counts.quote_recall == 1.0
    assert counts.scare_found == 0

    # A real quote predicted as scare is a missed quote.
    data = as_dict(perfect_analysis())
    data["quotes"][3]["kind"] = "scare"
    counts = score_article(gold(), data, TEXT).counts
    assert (counts.predicted_quotes, counts.matched_quotes) == (2, 2)
    assert counts.quote_recall == pytest.approx(2 / 3)
    assert counts.quote_precision == 1.0


def test_speaker_right_by_mention_span_even_with_another_name():
    data = as_dict(perfect_analysis())
    data["quotes"][0]["speaker"]["name"] = "she"  # unresolved, but the mention is the gold one
    assert score_article(gold(), data, TEXT).counts.speaker_accuracy == 1.0


def test_speaker_right_by_surname_even_at_another_mention():
    data = as_dict(perfect_analysis())
    elsewhere = span("Mayor Ana Ruiz")
    data["quotes"][0]["speaker"].update(name="Ruiz", start=elsewhere[0], end=elsewhere[1])
    assert score_article(gold(), data, TEXT).counts.speaker_accuracy == 1.0

    data["quotes"][0]["speaker"]["name"] = "Ana Ortega"
    score = score_article(gold(), data, TEXT)
    assert score.counts.speaker_correct == score.counts.speaker_total - 1
    (wrong,) = [m for m in score.mistakes if m.kind == "wrong_speaker"]
    assert "Ana Ortega" in wrong.predicted and "Mayor Ana Ruiz" in wrong.gold


def test_a_missing_speaker_is_wrong():
    data = as_dict(perfect_analysis())
    data["quotes"][3]["speaker"] = None
    counts = score_article(gold(), data, TEXT).counts
    assert (counts.speaker_correct, counts.speaker_total) == (2, 3)


@pytest.mark.parametrize(
    ("gold_name", "predicted", "right"),
    [
        ("Julie Smith", "Smith", True),
        ("Julie Smith", "Julie Smith, who served as US ambassador to NATO", True),
        ("Julie Smith", "smith", True),
        ("Julie Smith", "Daniel Stanton", False),
        ("Sen. Marguerite van der Linde", "van der Linde", True),
        ("Connor O’Neill", "O'Neill", True),
        ("Martin Luther King Jr.", "Dr. King", True),
        ("Dr. Aisha Rahman", "Rahman’s", True),
        ("Rafael de la Cruz-Whitmore", "Cruz", False),
        ("Bashar al-Assad", "Assad", True),
        # Another member of the family: the same surname, a different given name.
        ("Tilda Voss", "Arno Voss", False),
        ("his sister Tilda Voss", "Arno Voss", False),
        ("Tilda Marie Voss", "Tilda Voss", True),
        ("Gov. Voss", "Tilda Voss", True),
        ("Deputy Minister Tilda K. Voss", "Tilda Voss", True),
    ],
)
def test_surname_rule(gold_name, predicted, right):
    assert speaker_name_matches(gold_name, False, predicted) is right


def test_organisations_answer_to_their_head_noun():
    gold_name = "the Department of Water Resources"
    assert speaker_name_matches(gold_name, False, "the department", gold_type="organization")
    assert not speaker_name_matches(gold_name, False, "the department")  # a person's surname
    assert not speaker_name_matches(gold_name, False, "the ministry", gold_type="organization")
    assert speaker_name_matches("Tsubame Rail Systems", False, "Tsubame", gold_type="organization")
    assert not speaker_name_matches(
        "Tsubame Rail Systems", False, "Tsubame Air", gold_type="organization"
    )


@pytest.mark.parametrize(
    ("gold_name", "predicted", "right"),
    [
        ("an unnamed former NATO official", "the official", True),
        ("an unnamed former NATO official", "a former NATO official", True),
        ("a senior official who spoke on condition of anonymity", "the official", True),
        ("two people familiar with the talks", "the people", True),
        ("an unnamed former NATO official", "NATO", False),
        ("an unnamed former NATO official", "a spokesman", False),
        ("a spokeswoman for the ministry", "the ministry", False),
        ("one of the aides", "the aide", True),
        ("two of those officials", "the officials", True),
        ("one of three opposition members", "one of them", False),
        ("two people who attended the meeting", "a person who was there", True),
    ],
)
def test_anonymous_speakers_compare_head_nouns(gold_name, predicted, right):
    assert speaker_name_matches(gold_name, True, predicted) is right


def test_surname_and_head_noun_helpers():
    assert surname("Gen. Mark Olsen III") == "olsen"
    assert surname("Smith’s") == "smith"
    assert head_noun("five sources who spoke to Politico") == "sources"
    assert head_noun("an unnamed former NATO official") == "official"
    assert head_noun("one of the aides who asked not to be named") == "aides"
    assert head_noun("officials inside the ministry") == "officials"


def test_matching_is_one_to_one_best_overlap_first():
    gold_spans = [(0, 100)]
    predicted = [(0, 85), (0, 99)]  # both overlap enough; the better one takes the gold quote
    assert match_spans(gold_spans, predicted) == {0: 1}

    # One prediction can't be two gold quotes.
    assert match_spans([(0, 10), (0, 10)], [(0, 10)]) == {0: 0}

    # Best overlap first, not gold order: in gold order, gold 0 would take prediction 0
    # (overlap 0.95) and leave gold 1 the worse fit; prediction 0 is gold 1's exact span.
    gold_spans = [(0, 100), (5, 100)]
    predicted = [(5, 100), (0, 90)]
    assert match_spans(gold_spans, predicted) == {1: 0, 0: 1}


def test_jaccard_of_spans():
    assert span_jaccard(0, 10, 0, 10) == 1.0
    assert span_jaccard(0, 10, 10, 20) == 0.0
    assert span_jaccard(0, 10, 0, 8) == 0.8
    assert span_jaccard(0, 10, 2, 12) == pytest.approx(8 / 12)


def test_split_quote_links_are_checked():
    data = as_dict(perfect_analysis())
    data["quotes"][1]["part_of"] = None
    counts = score_article(gold(), data, TEXT).counts
    assert (counts.link_correct, counts.link_total) == (0, 1)

    data = as_dict(perfect_analysis())
    data["quotes"][3]["part_of"] = 1
    counts = score_article(gold(), data, TEXT).counts
    assert (counts.link_correct, counts.link_total, counts.link_spurious) == (1, 1, 1)


def test_kind_accuracy_on_matched_quotes():
    data = as_dict(perfect_analysis())
    data["quotes"][0]["kind"] = "partial"
    counts = score_article(gold(), data, TEXT).counts
    assert (counts.kind_correct, counts.kind_total) == (2, 3)


def test_sources_and_claims():
    data = as_dict(perfect_analysis())
    data["sources"] = [s for s in data["sources"] if not s["anonymous"]]
    data["sources"].append(
        {"name": "Ledger-Post", "type": "publication", "anonymous": False, "mentions": []}
    )
    data["claims"] = []
    score = score_article(gold(), data, TEXT)
    counts = score.counts
    assert counts.anonymous_source_recall == 0.0
    assert counts.named_source_recall == 1.0
    assert counts.named_source_precision == pytest.approx(2 / 3)
    assert counts.claim_recall == 0.0
    kinds = {m.kind for m in score.mistakes}
    assert {"missed_anonymous_source", "spurious_named_source", "missed_claim"} <= kinds


def test_totals_are_micro_averaged():
    a = Counts(articles=1, gold_quotes=10, predicted_quotes=10, matched_quotes=10)
    b = Counts(articles=1, gold_quotes=90, predicted_quotes=90, matched_quotes=45)
    combined = total([a, b])
    assert combined.articles == 2
    assert combined.quote_recall == pytest.approx(55 / 100)  # not the mean of 1.0 and 0.5
    assert Counts().quote_f1 is None


def test_the_shared_sample_shape_loads_and_scores_by_name(tmp_path):
    data = gold_data()
    for quote in data["quotes"]:
        quote.pop("mention_start", None)
        quote.pop("mention_end", None)
        quote.pop("part_of", None)
    data["indirect_attributions"] = [
        {"claim_start": data["claims"][0]["start"], "source": "the Ledger", "cue": "according to"}
    ]
    del data["claims"]
    path = tmp_path / "example.gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "example.txt").write_text(TEXT, encoding="utf-8")
    sample = load_gold(path)
    assert sample.read_text() == TEXT
    assert not any(q.has_mention_span for q in sample.quotes)

    prediction = as_dict(perfect_analysis())
    prediction["quotes"][0]["speaker"]["name"] = "she"  # right mention, unresolved name
    score = score_article(sample, prediction, TEXT)
    assert score.counts.claim_recall == 1.0
    # "she" shares no surname with "Mayor Ana Ruiz": without gold offsets, only names count.
    assert (score.counts.speaker_correct, score.counts.speaker_total) == (2, 3)


@pytest.mark.skipif(not SHARED_SAMPLE.is_dir(), reason="../shared/samples is not here")
def test_the_shared_sample_gold_loads():
    sample = load_gold(SHARED_SAMPLE / "nato-intelligence-sharing.gold.json")
    text = sample.read_text()
    assert [q.kind for q in sample.quotes] == ["scare", "direct", "direct", "direct"]
    assert all(text[q.start : q.end] == q.text for q in sample.quotes)
    assert len([s for s in sample.sources if s.anonymous]) == 4
    assert sample.claims[0].start == 320
    assert sample.claims[0].other_sources == ("NATO member states and security officials",)


@pytest.mark.skipif(not SHARED_SAMPLE.is_dir(), reason="../shared/samples is not here")
def test_the_shared_sample_scores_a_right_answer_in_contract_shape():
    """The Must-show for the real article, in the scorer's terms: what a right answer earns."""
    sample = load_gold(SHARED_SAMPLE / "nato-intelligence-sharing.gold.json")
    text = sample.read_text()

    def quote(id_, fragment, kind, speaker=None):
        start = text.index(fragment)
        quote = {"id": id_, "kind": kind, "part_of": None, "speaker": None}
        end = next(q.end for q in sample.quotes if q.start == start)
        quote.update(start=start, end=end, text=text[start:end])
        if speaker:
            name, mention, anonymous = speaker
            at = text.index(mention, end)
            quote["speaker"] = {
                "name": name,
                "start": at,
                "end": at + len(mention),
                "anonymous": anonymous,
            }
        return quote

    prediction = {
        "quotes": [
            quote(1, "trust issues", "scare"),
            quote(2, "We don’t agree", "direct", ("Daniel Stanton", "Daniel Stanton", False)),
            quote(3, "There’s a lot", "direct", ("Julie Smith", "Julie Smith", False)),
            quote(
                4,
                "Of course",
                "direct",
                ("an unnamed former NATO official", "the official", True),
            ),
        ],
        "claims": [
            {"start": 320, "end": 442, "source": {"name": "Politico"}},
            {"start": 600, "end": 700, "source": {"name": "five sources who spoke to Politico"}},
            {"start": 1330, "end": 1400, "source": {"name": "Smith"}},
            {"start": 1900, "end": 2000, "source": {"name": "Some officials"}},
            {"start": 2050, "end": 2190, "source": {"name": "an unnamed former NATO official"}},
        ],
        "sources": [
            {"name": "Politico", "type": "publication", "anonymous": False},
            {"name": "Daniel Stanton", "type": "person", "anonymous": False},
            {"name": "Julie Smith", "type": "person", "anonymous": False},
            {"name": "five sources who spoke to Politico", "type": "anonymous", "anonymous": True},
            {
                "name": "NATO member states and security officials",
                "type": "anonymous",
                "anonymous": True,
            },
            {"name": "some officials", "type": "anonymous", "anonymous": True},
            {"name": "an unnamed former NATO official", "type": "anonymous", "anonymous": True},
        ],
    }
    score = score_article(sample, prediction, text)
    assert score.mistakes == ()
    counts = score.counts
    assert (counts.gold_quotes, counts.exact_quotes, counts.scare_found) == (3, 3, 1)
    assert (counts.speaker_correct, counts.speaker_flag_correct) == (3, 3)
    assert counts.anonymous_source_recall == counts.named_source_precision == 1.0
    assert counts.claim_recall == counts.claim_source_accuracy == 1.0


def test_the_scorer_is_not_part_of_the_shipped_package():
    """The wheel and the bundle carry `workbench*` only; the scorer lives beside them."""
    import importlib.util
    import tomllib

    import evaluation

    repo = Path(__file__).resolve().parents[2]
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["include"] == ["workbench*"]
    assert Path(evaluation.__file__).resolve().parent == repo / "evaluation"
    assert importlib.util.find_spec("workbench.extraction.evaluation") is None
