"""The gold annotations the engine is measured against are themselves right.

A wrong offset in a gold file silently turns a correct prediction into a "miss", so every
annotation in tests/corpus/ and resources/samples/ is checked against its article text: spans,
order, links, kinds, sources, and that no quotation in the article was left unannotated.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus"
SAMPLES = REPO / "resources" / "samples"
CORPUS_GOLDS = sorted(CORPUS.glob("*.gold.json"))
ALL_GOLDS = CORPUS_GOLDS + sorted(SAMPLES.glob("*.gold.json"))

KINDS = {"direct", "partial", "scare"}
SOURCE_TYPES = {"person", "organization", "publication", "anonymous"}
MIN_ARTICLES = 12
MIN_QUOTES = 200

# Double quotation marks of every convention, and doubled apostrophes / backticks as archives
# use them. Single marks are left out: they are apostrophes far more often than quotes.
DOUBLE_MARK = re.compile(r"``|''|[“”„‟«»「」『』\"]")
# How far a mark may sit from the span it encloses (a space inside « », or punctuation).
MARK_SLACK = 3


def _load(gold_path: Path) -> tuple[dict[str, Any], str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text_path = gold_path.parent / gold["file"]
    with open(text_path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    return gold, text


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name.removesuffix('.gold.json')}"


@pytest.fixture(params=ALL_GOLDS, ids=[_name(p) for p in ALL_GOLDS])
def annotated(request) -> tuple[Path, dict[str, Any], str]:
    gold_path = request.param
    gold, text = _load(gold_path)
    return gold_path, gold, text


def test_gold_names_its_article(annotated):
    gold_path, gold, text = annotated
    assert gold["file"] == gold_path.name.removesuffix(".gold.json") + ".txt"
    assert not text.startswith("\ufeff"), "articles are UTF-8 without a BOM"
    assert text.strip(), "the article is empty"
    if gold_path.parent == CORPUS:
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.txt", gold["file"]), "corpus files are NN-slug.txt"
    assert isinstance(gold.get("style"), str) and gold["style"].strip()


def test_quote_spans_are_the_article_text(annotated):
    _, gold, text = annotated
    problems = []
    for position, quote in enumerate(gold["quotes"], start=1):
        start, end = quote["start"], quote["end"]
        if not (0 <= start < end <= len(text)):
            problems.append(f"quote {position}: span [{start}:{end}] outside the article")
        elif text[start:end] != quote["text"]:
            problems.append(
                f"quote {position} [{start}:{end}]: gold text {quote['text']!r} "
                f"but the article has {text[start:end]!r}"
            )
        elif DOUBLE_MARK.fullmatch(text[start]) or DOUBLE_MARK.fullmatch(text[end - 1]):
            problems.append(f"quote {position}: the span includes a quotation mark")
        elif text[start].isspace() or text[end - 1].isspace():
            problems.append(f"quote {position}: the span starts or ends with white space")
    assert not problems, "\n".join(problems)


def test_mention_spans_are_the_article_text(annotated):
    _gold_path, gold, text = annotated
    problems = []
    for position, quote in enumerate(gold["quotes"], start=1):
        mention = quote.get("speaker_mention")
        start, end = quote.get("mention_start"), quote.get("mention_end")
        if quote.get("speaker") is None:
            if mention is not None or start is not None:
                problems.append(f"quote {position}: a mention but no speaker")
            continue
        if start is None or end is None or mention is None:
            problems.append(f"quote {position}: speaker {quote['speaker']!r} has no mention span")
            continue
        if not (0 <= start < end <= len(text)) or text[start:end] != mention:
            problems.append(
                f"quote {position}: mention {mention!r} at [{start}:{end}] "
                f"but the article has {text[start:end]!r}"
            )
    assert not problems, "\n".join(problems)


def test_claim_spans_are_the_article_text(annotated):
    _, gold, text = annotated
    problems = []
    for position, claim in enumerate(gold.get("claims", []), start=1):
        if not claim.get("source"):
            problems.append(f"claim {position}: no source")
        start, end = claim.get("start"), claim.get("end")
        if start is None or end is None:
            problems.append(f"claim {position}: no span")
        elif not (0 <= start < end <= len(text)) or text[start:end] != claim.get("text"):
            problems.append(
                f"claim {position} [{start}:{end}]: gold text {claim.get('text')!r} "
                f"but the article has {text[start:end]!r}"
            )
    assert not problems, "\n".join(problems)


def test_quotes_are_in_text_order_and_do_not_overlap(annotated):
    _, gold, _ = annotated
    quotes = gold["quotes"]
    problems = [
        f"quote {i + 1} [{a['start']}:{a['end']}] and quote {i + 2} [{b['start']}:{b['end']}]"
        for i, (a, b) in enumerate(itertools.pairwise(quotes))
        if a["end"] > b["start"]
    ]
    assert not problems, "out of order or overlapping:\n" + "\n".join(problems)


def test_kinds_speakers_and_links_are_consistent(annotated):
    _, gold, _ = annotated
    quotes = gold["quotes"]
    problems = []
    for position, quote in enumerate(quotes, start=1):
        if quote["kind"] not in KINDS:
            problems.append(f"quote {position}: kind {quote['kind']!r}")
        if quote["kind"] == "scare" and quote.get("speaker") is not None:
            problems.append(f"quote {position}: a scare quote with a speaker")
        if quote.get("speaker") is not None and not isinstance(
            quote.get("speaker_anonymous"), bool
        ):
            problems.append(f"quote {position}: speaker_anonymous is not true/false")
        part_of = quote.get("part_of")
        if part_of is None:
            continue
        if not isinstance(part_of, int) or not 1 <= part_of < position:
            problems.append(f"quote {position}: part_of {part_of!r} is not an earlier quote")
            continue
        first = quotes[part_of - 1]
        if first.get("speaker") != quote.get("speaker"):
            problems.append(
                f"quote {position}: continues quote {part_of} but the speakers differ "
                f"({quote.get('speaker')!r} vs {first.get('speaker')!r})"
            )
        if first["kind"] == "scare" or quote["kind"] == "scare":
            problems.append(f"quote {position}: a split scare quote")
    assert not problems, "\n".join(problems)


def test_sources_are_typed_and_cover_every_speaker(annotated):
    _, gold, _ = annotated
    sources = {source["name"]: source for source in gold["sources"]}
    problems = []
    for source in gold["sources"]:
        if source["type"] not in SOURCE_TYPES:
            problems.append(f"source {source['name']!r}: type {source['type']!r}")
        if not isinstance(source.get("anonymous"), bool):
            problems.append(f"source {source['name']!r}: anonymous is not true/false")
        elif source["anonymous"] != (source["type"] == "anonymous"):
            problems.append(
                f"source {source['name']!r}: type {source['type']} but anonymous="
                f"{source['anonymous']}"
            )
    if len(sources) != len(gold["sources"]):
        problems.append("a source is listed twice")
    for position, quote in enumerate(gold["quotes"], start=1):
        speaker = quote.get("speaker")
        if speaker is None:
            continue
        if speaker not in sources:
            problems.append(f"quote {position}: speaker {speaker!r} is not in sources")
        elif sources[speaker]["anonymous"] != quote.get("speaker_anonymous"):
            problems.append(f"quote {position}: speaker_anonymous differs from the source's flag")
    for position, claim in enumerate(gold.get("claims", []), start=1):
        if claim.get("source") not in sources:
            problems.append(f"claim {position}: source {claim.get('source')!r} not in sources")
        elif (
            "source_anonymous" in claim
            and sources[claim["source"]]["anonymous"] != claim["source_anonymous"]
        ):
            problems.append(f"claim {position}: source_anonymous differs from the source's flag")
    assert not problems, "\n".join(problems)


def test_every_quotation_mark_belongs_to_a_gold_quote(annotated):
    _, gold, text = annotated
    spans = [(q["start"], q["end"]) for q in gold["quotes"]]
    stray = []
    for mark in DOUBLE_MARK.finditer(text):
        if any(
            start - MARK_SLACK <= mark.start() and mark.end() <= end + MARK_SLACK
            for start, end in spans
        ):
            continue
        line_start = text.rfind("\n", 0, mark.start()) + 1
        snippet = text[max(line_start, mark.start() - 40) : mark.end() + 40].split("\n")[0]
        stray.append(f"{mark.group()!r} at {mark.start()}: …{snippet}…")
    assert not stray, "quotation marks with no gold quote:\n" + "\n".join(stray)


def test_corpus_is_large_enough():
    quotes = sum(len(json.loads(p.read_text(encoding="utf-8"))["quotes"]) for p in CORPUS_GOLDS)
    assert len(CORPUS_GOLDS) >= MIN_ARTICLES, f"{len(CORPUS_GOLDS)} corpus articles"
    assert quotes >= MIN_QUOTES, f"{quotes} quotes in the corpus"


def test_corpus_covers_every_hard_case():
    """Issue #2 asks the corpus to exercise every case the engine must handle."""
    golds = [_load(p) for p in CORPUS_GOLDS]
    quotes = [(q, text) for gold, text in golds for q in gold["quotes"]]
    sources = [s for gold, _ in golds for s in gold["sources"]]
    around = [text[max(0, q["start"] - 2) : q["end"] + 2] for q, text in quotes]
    cases = {
        "direct quotes": any(q["kind"] == "direct" for q, _ in quotes),
        "partial quotes": any(q["kind"] == "partial" for q, _ in quotes),
        "scare quotes": any(q["kind"] == "scare" for q, _ in quotes),
        "split quotations": any(q.get("part_of") for q, _ in quotes),
        "multi-paragraph quotations": any("\n" in q["text"] for q, _ in quotes),
        "anonymous speakers": any(q.get("speaker_anonymous") for q, _ in quotes),
        "claims": any(gold.get("claims") for gold, _ in golds),
        **{f"{kind} sources": any(s["type"] == kind for s in sources) for kind in SOURCE_TYPES},
        "curly “ ” quotes": any("“" in a for a in around),
        'straight " quotes': any('"' in a for a in around),
        "« » quotes": any("«" in a for a in around),
        "„ “ quotes": any("„" in a for a in around),
        "「 」 quotes": any("「" in a for a in around),
        "nested single quotes": any(re.search(r"[‘']\w", q["text"]) for q, _ in quotes),
        "doubled apostrophes or backticks": any("''" in a or "``" in a for a in around),
    }
    missing = [case for case, present in cases.items() if not present]
    assert not missing, "no corpus article has: " + ", ".join(missing)
