"""The engine's parts: tokenizer, ellipsis pieces, speaker labels and names, the index cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.matching import build_index, index_source, locate_quote
from workbench.matching.normalize import normalize_separator, tokenize_quote
from workbench.matching.transcript import person_surname, scan_transcript, speaker_mismatch

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_quote_words_keep_their_offsets_and_fold_typography():
    tokens = tokenize_quote("“We don’t agree,” she—said")
    assert tokens.words == ("we", "don't", "agree", "she", "said")
    assert [tokens.text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == [
        "We",
        "don’t",
        "agree",
        "she",
        "said",
    ]


@pytest.mark.parametrize(
    ("quote", "pieces"),
    [
        ("one two three", ((0, 3),)),
        ("one ... two three", ((0, 1), (1, 3))),
        ("one…two [...] three", ((0, 1), (1, 2), (2, 3))),
        ("... one two . . .", ((0, 2),)),  # leading and trailing ellipses cut nothing off
        ("one [ … ] two", ((0, 1), (1, 2))),
        ("3.5 million", ((0, 2),)),  # a decimal point is not an ellipsis
    ],
)
def test_quote_is_cut_into_pieces_at_ellipses(quote, pieces):
    assert tokenize_quote(quote).pieces == pieces


def test_separators_ignore_spacing_quote_style_and_dash_style():
    assert normalize_separator(" — ") == normalize_separator("-")
    assert normalize_separator(", “") == normalize_separator(",'")
    assert normalize_separator("…") == normalize_separator(". . .")
    assert normalize_separator(", ") != normalize_separator("; ")


@pytest.mark.parametrize(
    ("name", "surname"),
    [
        ("MS ADEYEMI", "adeyemi"),
        ("Dr. Okafor", "okafor"),
        ("Dr Chidi Okafor", "okafor"),
        ("CLLR BRANNIGAN", "brannigan"),
        ("THE MINISTER", None),
        ("Q", None),
        ("the chair", None),
        ("THE CHAIR (Cllr Ruth Obi)", "obi"),
        ("Harbourmaster Lena Sorensen", "sorensen"),
        ("Zoë Ménard", "menard"),
    ],
)
def test_person_surname_strips_titles_and_refuses_roles(name, surname):
    assert person_surname(name) == surname


@pytest.mark.parametrize(
    ("article", "label", "mismatch"),
    [
        ("Amara Adeyemi", "MS ADEYEMI", False),
        ("Sean Brannigan", "MS ADEYEMI", True),
        ("Amara Adeyemi-Cole", "MS ADEYEMI-COLE", False),
        ("the minister", "THE MINISTER", False),
        ("Jo Hale", "THE MINISTER", False),
        ("a council spokesperson", "CLLR BRANNIGAN", False),
        (None, "CLLR BRANNIGAN", False),
        ("Amara Adeyemi", None, False),
        ("Amara Adeyemi", "Amara", False),  # a label with a first name only
        ("Amara Adeyemi", "OKAFOR", True),
    ],
)
def test_speaker_mismatch_compares_surnames_only_when_both_name_a_person(article, label, mismatch):
    assert speaker_mismatch(article, label) is mismatch


def test_labels_of_several_styles_are_found_and_blanked():
    text = (
        "THE MINISTER: We will.\nQ: When?\nMS ADEYEMI: Now.\nDr. Okafor: Agreed.\n"
        "Ruth Obi: Adjourned.\nThis line: is prose because it is not capitalised.\n"
    )
    layout = scan_transcript(text)
    assert layout.labels == ("THE MINISTER", "Q", "MS ADEYEMI", "Dr. Okafor", "Ruth Obi")
    assert layout.speaker_at(text.index("Agreed")) == "Dr. Okafor"
    assert layout.speaker_at(0) == "THE MINISTER"


def test_index_maps_every_word_back_to_its_original_text():
    text = "Ein „Zitat“ — with ‘curly’ marks,\nand infor-\nmation here. Straße!"
    index = build_index(text)
    words = index.normalized_text.split()
    assert words == [
        "ein",
        "zitat",
        "with",
        "curly",
        "marks",
        "and",
        "information",
        "here",
        "strasse",
    ]
    originals = [text[s:e] for s, e in zip(index.starts, index.ends, strict=True)]
    assert originals[6] == "infor-\nmation"
    assert originals[-1] == "Straße"


def test_index_is_cached_by_content():
    text = "A source used for two quotes. " * 3
    assert index_source(text) is index_source(str(text))
    assert index_source(text) is not build_index(text)
    assert len(index_source(text).sha256) == 64


def test_large_source_indexed_once_finds_a_planted_quote():
    filler = " ".join(f"word{i % 997} filler{i % 89} and the" for i in range(20_000))
    planted = "The harbour board never saw the second survey, and that is the scandal."
    text = filler[: len(filler) // 2] + " " + planted + " " + filler[len(filler) // 2 :]
    index = index_source(text)
    assert index.word_count > 80_000
    match = locate_quote(index, planted)
    assert match.verdict == "exact"
    assert text[match.start : match.end] == planted.rstrip(".")
    absent = locate_quote(index, "The harbour board saw every survey it asked for last spring.")
    assert not absent.found


def test_matching_imports_no_qt():
    code = (
        "import sys, workbench.matching, workbench.commands.locate; "
        "assert 'PySide6' not in sys.modules, 'matching imported Qt'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_benchmark_script_runs_on_a_small_source():
    """The benchmark prints figures only; this keeps it from rotting."""
    script = REPO_ROOT / "benchmarks" / "matching.py"
    small = ["--words", "3000", "--quotes-per-kind", "3", "--baseline-quotes", "2"]
    result = subprocess.run(
        [sys.executable, str(script), *small],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "index:" in result.stdout and "naive:" in result.stdout
