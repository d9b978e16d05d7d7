"""The real sample article in ../shared/samples/ against its gold annotation.

The article is not the project's to ship, so these tests skip when ../shared is absent (a plain
clone of the project).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.domain import QuoteKind, SourceType
from workbench.extraction import analyze_text

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
ARTICLE = SAMPLES / "nato-intelligence-sharing.txt"
GOLD = SAMPLES / "nato-intelligence-sharing.gold.json"


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.is_file() or not GOLD.is_file():
        pytest.skip("../shared/samples/ is not present (the project was cloned on its own)")
    with ARTICLE.open(encoding="utf-8-sig", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="module")
def gold(article: str) -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result(article: str) -> dict:
    return analyze_text(article).to_dict()


def check_analysis(article: str, gold: dict, data: dict) -> None:
    """Everything the issue's "must show" asks of the sample, on a CONTRACT-shaped dict."""
    assert data["text_length"] == len(article)
    quotes = data["quotes"]
    # All 4 quotes, exact gold spans, in text order, ids from 1.
    assert [(q["start"], q["end"]) for q in quotes] == [
        (g["start"], g["end"]) for g in gold["quotes"]
    ]
    assert [q["id"] for q in quotes] == [1, 2, 3, 4]
    for quote, expected in zip(quotes, gold["quotes"], strict=True):
        assert quote["text"] == expected["text"] == article[quote["start"] : quote["end"]]
        assert quote["kind"] == expected["kind"]
        assert quote["part_of"] is None

    trust, stanton, smith, official = quotes
    assert trust["text"] == "trust issues" and trust["kind"] == "scare"
    assert trust["speaker"] is None and trust["cue"] is None

    assert stanton["speaker"]["name"] == "Daniel Stanton"
    assert article[stanton["speaker"]["start"] : stanton["speaker"]["end"]] == "Daniel Stanton"
    assert stanton["speaker"]["anonymous"] is False
    assert stanton["speaker"]["role"] == (
        "a former employee of CSIS, Canada’s foreign intelligence service"
    )
    assert stanton["cue"]["text"] == "said"
    assert article[stanton["cue"]["start"] : stanton["cue"]["end"]] == "said"

    assert smith["speaker"]["name"] == "Julie Smith"
    assert article[smith["speaker"]["start"] : smith["speaker"]["end"]] == "Julie Smith"
    assert smith["speaker"]["anonymous"] is False
    assert smith["cue"]["text"] == "told"

    assert official["speaker"]["name"] == "an unnamed former NATO official"
    assert article[official["speaker"]["start"] : official["speaker"]["end"]] == "the official"
    assert official["speaker"]["anonymous"] is True
    assert official["cue"]["text"] == "said"

    # The Politico claim, 320-442, exactly as CONTRACT.md shows it.
    politico_claims = [c for c in data["claims"] if c["source"]["name"] == "Politico"]
    assert len(politico_claims) == 1
    (claim,) = politico_claims
    assert (claim["start"], claim["end"]) == (320, 442)
    assert claim["text"] == article[320:442]
    assert (claim["source"]["start"], claim["source"]["end"]) == (310, 318)
    assert claim["source"]["anonymous"] is False
    assert claim["cue"] == {"text": "According to", "start": 297, "end": 309}
    # Claims are never quotes.
    quote_spans = {(q["start"], q["end"]) for q in quotes}
    assert not any((c["start"], c["end"]) in quote_spans for c in data["claims"])

    sources = {s["name"]: s for s in data["sources"]}
    politico = sources["Politico"]
    assert politico["type"] == "publication"
    assert politico["anonymous"] is False
    assert politico["quote_ids"] == []
    assert [310, 318] in politico["mentions"]

    for name, quote_id in (("Daniel Stanton", 2), ("Julie Smith", 3)):
        assert sources[name]["type"] == "person"
        assert sources[name]["anonymous"] is False
        assert sources[name]["quote_ids"] == [quote_id]

    # Its 4 anonymous sources.
    def anonymous_source(predicate) -> dict:
        found = [s for s in data["sources"] if predicate(s["name"])]
        assert len(found) == 1, [s["name"] for s in data["sources"]]
        assert found[0]["type"] == "anonymous"
        assert found[0]["anonymous"] is True
        return found[0]

    anonymous_source(lambda name: name == "five sources who spoke to Politico")
    anonymous_source(lambda name: "NATO member states" in name)
    anonymous_source(lambda name: name == "Some officials")
    unnamed = anonymous_source(lambda name: name == "an unnamed former NATO official")
    assert unnamed["quote_ids"] == [4]
    assert [official["speaker"]["start"], official["speaker"]["end"]] in unnamed["mentions"]

    for item in data["sources"]:
        for start, end in item["mentions"]:
            assert 0 <= start < end <= len(article)


def test_sample_article_engine_matches_the_gold(article: str, gold: dict, result: dict) -> None:
    check_analysis(article, gold, result)


def test_sample_article_trust_issues_is_a_scare_quote(article: str, result: dict) -> None:
    (trust,) = [q for q in result["quotes"] if q["text"] == "trust issues"]
    assert trust["kind"] == str(QuoteKind.SCARE)
    assert (trust["start"], trust["end"]) == (270, 282)


def test_sample_article_politico_is_a_publication(result: dict) -> None:
    (politico,) = [s for s in result["sources"] if s["name"] == "Politico"]
    assert politico["type"] == str(SourceType.PUBLICATION)
    assert politico["claim_count"] >= 1


def test_sample_article_through_analyze_json(article: str, gold: dict, result, workbench_cli):
    completed = workbench_cli("analyze", "--json", str(ARTICLE))
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["path"] == str(ARTICLE)
    check_analysis(article, gold, data)
    assert {k: v for k, v in data.items() if k != "path"} == result
