"""How well and how fast the extraction engine finds quotes, speakers and sources.

Scores every annotated article (tests/corpus/, the bundled sample in resources/samples/, and the
real article in ../shared/samples/ when it is there) the way CONTRACT.md scores `analyze --json`,
next to a deliberately simple regex baseline (benchmarks/baseline.py), then times both.

    .venv/bin/python benchmarks/extraction.py            # table and totals
    .venv/bin/python benchmarks/extraction.py --errors   # ... and every engine mistake in context
    .venv/bin/python benchmarks/extraction.py --json     # machine-readable
    .venv/bin/python benchmarks/extraction.py --only 03- --errors --no-speed

Prints figures only; it never fails on a threshold. Exit status 1 only if the engine raised.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import traceback
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import baseline

# The scorer (evaluation/) sits at the repository root, outside the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation import (
    ArticleScore,
    Counts,
    GoldArticle,
    load_gold,
    score_article,
    total,
)
from evaluation.calibration import confidence_pairs, print_calibration
from workbench.extraction import analyze_text

REPO = Path(__file__).resolve().parent.parent
SETS = (
    ("corpus", REPO / "tests" / "corpus"),
    ("bundled", REPO / "resources" / "samples"),
    ("shared", REPO.parent / "shared" / "samples"),
)


@dataclass(frozen=True)
class Item:
    set: str
    gold: GoldArticle
    text: str


def discover(only: str | None = None) -> list[Item]:
    items = []
    for set_name, folder in SETS:
        if not folder.is_dir():
            continue
        for gold_path in sorted(folder.glob("*.gold.json")):
            gold = load_gold(gold_path)
            if only and only not in gold.name:
                continue
            if not gold.text_path.is_file():
                print(f"skipping {gold_path}: no article {gold.text_path.name}", file=sys.stderr)
                continue
            items.append(Item(set_name, gold, gold.read_text()))
    return items


def run_engine(text: str) -> dict[str, Any]:
    return analyze_text(text).to_dict()


def run_baseline(text: str) -> dict[str, Any]:
    return baseline.extract(text)


def score_all(
    items: Sequence[Item], extractor: Callable[[str], dict[str, Any]], label: str
) -> tuple[list[ArticleScore], list[str]]:
    scores, failures = [], []
    for item in items:
        try:
            analysis = extractor(item.text)
        except Exception:
            failures.append(item.gold.name)
            print(f"{label} failed on {item.gold.name}:", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            analysis = {"quotes": [], "claims": [], "sources": []}
        scores.append(score_article(item.gold, analysis, item.text))
    return scores, failures


def time_extractor(
    texts: Sequence[str], extractor: Callable[[str], Any], min_seconds: float, max_rounds: int
) -> dict[str, float]:
    """Median time of a pass over every text, after a warm-up pass; and the tracemalloc peak."""
    for text in texts:
        extractor(text)
    rounds: list[float] = []
    started = time.perf_counter()
    while len(rounds) < 3 or (
        time.perf_counter() - started < min_seconds and len(rounds) < max_rounds
    ):
        begin = time.perf_counter()
        for text in texts:
            extractor(text)
        rounds.append(time.perf_counter() - begin)
    per_pass = statistics.median(rounds)
    tracemalloc.start()
    try:
        for text in texts:
            extractor(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {
        "rounds": len(rounds),
        "articles_per_second": len(texts) / per_pass if per_pass else float("inf"),
        "ms_per_article": 1000 * per_pass / len(texts),
        "peak_memory_bytes": peak,
    }


# ----------------------------------------------------------------------------------------------
# Printing


def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def fraction(numerator: int, denominator: int) -> str:
    return f"{numerator}/{denominator}" if denominator else "—"


def print_article_table(
    items: Sequence[Item], engine: list[ArticleScore], base: list[ArticleScore]
):
    width = max([len(item.gold.name) for item in items] + [7])
    header = (
        f"{'article':<{width}}  {'set':<7} {'gold':>4} {'pred':>4}  {'P':>5} {'R':>5} {'F1':>5}"
        f" {'exact':>5}  {'speaker':>7} {'kind':>7} {'anon':>5}"
        f"  │ base {'F1':>5} {'spk':>5}"
    )
    print(header)
    print("─" * len(header))
    for item, mine, theirs in zip(items, engine, base, strict=True):
        c, b = mine.counts, theirs.counts
        print(
            f"{item.gold.name:<{width}}  {item.set:<7} {c.gold_quotes:>4} {c.predicted_quotes:>4}"
            f"  {fmt(c.quote_precision, 2):>5} {fmt(c.quote_recall, 2):>5}"
            f" {fmt(c.quote_f1, 2):>5} {fmt(c.exact_f1, 2):>5}"
            f"  {fraction(c.speaker_correct, c.speaker_total):>7}"
            f" {fraction(c.kind_correct, c.kind_total):>7}"
            f" {fraction(c.anonymous_sources_found, c.anonymous_sources_gold):>5}"
            f"  │      {fmt(b.quote_f1, 2):>5} {fmt(b.speaker_accuracy, 2):>5}"
        )


TOTAL_ROWS: tuple[tuple[str, Callable[[Counts], str]], ...] = (
    ("articles", lambda c: str(c.articles)),
    ("gold quotes (excl. scare)", lambda c: str(c.gold_quotes)),
    ("predicted quotes (excl. scare)", lambda c: str(c.predicted_quotes)),
    ("quote precision (overlap ≥ 0.8)", lambda c: fmt(c.quote_precision)),
    ("quote recall (overlap ≥ 0.8)", lambda c: fmt(c.quote_recall)),
    ("quote F1 (overlap ≥ 0.8)", lambda c: fmt(c.quote_f1)),
    ("exact-span precision", lambda c: fmt(c.exact_precision)),
    ("exact-span recall", lambda c: fmt(c.exact_recall)),
    ("exact-span F1", lambda c: fmt(c.exact_f1)),
    (
        "speaker accuracy",
        lambda c: f"{fmt(c.speaker_accuracy)} ({fraction(c.speaker_correct, c.speaker_total)})",
    ),
    (
        "speaker anonymous flag",
        lambda c: (
            f"{fmt(c.speaker_flag_accuracy)} "
            f"({fraction(c.speaker_flag_correct, c.speaker_flag_total)})"
        ),
    ),
    ("kind accuracy (direct/partial)", lambda c: fmt(c.kind_accuracy)),
    (
        "split-quote links",
        lambda c: (
            f"{fmt(c.link_accuracy)} ({fraction(c.link_correct, c.link_total)}"
            f", {c.link_spurious} spurious)"
        ),
    ),
    (
        "scare quotes found as scare",
        lambda c: f"{fmt(c.scare_recall)} ({fraction(c.scare_found, c.gold_scare)})",
    ),
    (
        "anonymous-source recall",
        lambda c: (
            f"{fmt(c.anonymous_source_recall)} "
            f"({fraction(c.anonymous_sources_found, c.anonymous_sources_gold)})"
        ),
    ),
    ("named-source recall", lambda c: fmt(c.named_source_recall)),
    ("named-source precision", lambda c: fmt(c.named_source_precision)),
    ("source type accuracy", lambda c: fmt(c.source_type_accuracy)),
    (
        "claims recall",
        lambda c: f"{fmt(c.claim_recall)} ({fraction(c.claims_found, c.claims_gold)})",
    ),
    ("claim source accuracy", lambda c: fmt(c.claim_source_accuracy)),
)


def print_totals(title: str, engine: Counts, base: Counts) -> None:
    print(f"\n{title}")
    width = max(len(label) for label, _ in TOTAL_ROWS)
    print(f"  {'':<{width}}  {'engine':<30} baseline")
    for label, render in TOTAL_ROWS:
        print(f"  {label:<{width}}  {render(engine):<30} {render(base)}")


def print_sets(items: Sequence[Item], engine: list[ArticleScore], base: list[ArticleScore]):
    print("\nBy set                 articles   quote F1 (engine / base)   exact F1   speaker acc")
    for set_name, _ in SETS:
        picked = [i for i, item in enumerate(items) if item.set == set_name]
        if not picked:
            print(f"  {set_name:<20} absent")
            continue
        e = total(engine[i] for i in picked)
        b = total(base[i] for i in picked)
        print(
            f"  {set_name:<20} {e.articles:>8}   {fmt(e.quote_f1):>6} / {fmt(b.quote_f1):<6}"
            f"          {fmt(e.exact_f1):>6}   {fmt(e.speaker_accuracy):>6} / "
            f"{fmt(b.speaker_accuracy)}"
        )


def context(text: str, start: int, end: int, radius: int = 50) -> str:
    before = text[max(0, start - radius) : start]
    inside = text[start:end]
    if len(inside) > 160:
        inside = inside[:75] + " … " + inside[-75:]
    after = text[end : end + radius]
    return f"…{before}⟦{inside}⟧{after}…".replace("\n", "⏎")


def print_mistakes(item: Item, score: ArticleScore) -> None:
    if not score.mistakes:
        return
    print(f"\n== {item.gold.name} ({item.set}): {len(score.mistakes)} engine mistakes")
    for mistake in score.mistakes:
        where = f"[{mistake.start}:{mistake.end}]" if mistake.start is not None else ""
        label = mistake.text if len(mistake.text) <= 80 else mistake.text[:77] + "…"
        print(f"  {mistake.kind:<24} {where:<13} “{label}”")
        details = []
        if mistake.gold is not None:
            details.append(f"gold: {mistake.gold}")
        if mistake.predicted is not None:
            details.append(f"predicted: {mistake.predicted}")
        if mistake.note:
            details.append(mistake.note)
        if details:
            print(f"      {' · '.join(details)}")
        if mistake.start is not None and mistake.end is not None:
            print(f"      {context(item.text, mistake.start, mistake.end)}")


def mistake_counts(scores: Sequence[ArticleScore]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for score in scores:
        for mistake in score.mistakes:
            counts[mistake.kind] = counts.get(mistake.kind, 0) + 1
    return dict(sorted(counts.items()))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every engine mistake")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--only", metavar="TEXT", help="only articles whose name contains TEXT")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing")
    parser.add_argument(
        "--min-seconds", type=float, default=1.0, help="time each extractor at least this long"
    )
    args = parser.parse_args(argv)

    items = discover(args.only)
    if not items:
        print("no annotated articles found", file=sys.stderr)
        return 0
    engine, failures = score_all(items, run_engine, "engine")
    base, _ = score_all(items, run_baseline, "baseline")
    speed: dict[str, Any] = {}
    if not args.no_speed:
        texts = [item.text for item in items]
        speed = {
            "articles": len(texts),
            "characters": sum(len(t) for t in texts),
            "engine": time_extractor(texts, analyze_text, args.min_seconds, 200),
            "baseline": time_extractor(texts, baseline.extract, args.min_seconds, 200),
        }

    if args.json:
        record = {
            "articles": [
                {
                    "name": item.gold.name,
                    "set": item.set,
                    "engine": mine.counts.to_dict(),
                    "baseline": theirs.counts.to_dict(),
                    **({"mistakes": [m.to_dict() for m in mine.mistakes]} if args.errors else {}),
                }
                for item, mine, theirs in zip(items, engine, base, strict=True)
            ],
            "totals": {
                "all": {"engine": total(engine).to_dict(), "baseline": total(base).to_dict()},
                **{
                    set_name: {
                        "engine": total(
                            s for s, i in zip(engine, items, strict=True) if i.set == set_name
                        ).to_dict(),
                        "baseline": total(
                            s for s, i in zip(base, items, strict=True) if i.set == set_name
                        ).to_dict(),
                    }
                    for set_name, _ in SETS
                    if any(i.set == set_name for i in items)
                },
            },
            "engine_mistakes": mistake_counts(engine),
            "engine_failures": failures,
            "speed": speed,
        }
        print(json.dumps(record, ensure_ascii=False, indent=1))
        return 1 if failures else 0

    print_article_table(items, engine, base)
    print_sets(items, engine, base)
    print_totals(f"Totals over {len(items)} articles (micro-averaged)", total(engine), total(base))
    pairs = [p for i in items for p in confidence_pairs(i.gold, analyze_text(i.text).to_dict())]
    print("\nConfidence calibration (engine): matched quotes with a gold speaker, by confidence")
    print_calibration(pairs)
    kinds = mistake_counts(engine)
    if kinds:
        print("\nEngine mistakes: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    if failures:
        print(f"\nThe engine raised on: {', '.join(failures)}")
    if speed:
        e, b = speed["engine"], speed["baseline"]
        print(
            f"\nSpeed over {speed['articles']} articles ({speed['characters']:,} characters), "
            f"median of {e['rounds']} / {b['rounds']} passes after a warm-up"
        )
        print(f"  {'':<28}  {'engine':>12} {'baseline':>12}")
        print(
            f"  {'articles per second':<28}  {e['articles_per_second']:>12.1f}"
            f" {b['articles_per_second']:>12.1f}"
        )
        print(
            f"  {'ms per article':<28}  {e['ms_per_article']:>12.3f} {b['ms_per_article']:>12.3f}"
        )
        print(
            f"  {'peak memory (tracemalloc)':<28}  {e['peak_memory_bytes'] / 1024:>9.1f} KiB"
            f" {b['peak_memory_bytes'] / 1024:>8.1f} KiB"
        )
    if args.errors:
        for item, score in zip(items, engine, strict=True):
            print_mistakes(item, score)
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into `head`: not worth a traceback
        sys.stderr.close()
        sys.exit(0)
