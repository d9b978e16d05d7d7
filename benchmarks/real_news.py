"""How well the extraction engine does on real published news: PolNeAR or German Wikinews.

    .venv/bin/python benchmarks/real_news.py PATH_TO_CHECKOUT [--split train] [--errors N]

PATH_TO_CHECKOUT is a plain folder holding one of the two public annotated corpora:

- PolNeAR (US political news, brat attribution annotations), github:networkdynamics/PolNeAR
- the German Wikinews quotation corpus (CC BY-NC-SA), github:uhh-lt/german-news-quotation-attribution-2024

Tune on the **train** split only; dev and test are how the project is judged. The corpus text
never goes into this repository. To make a checkout from the search tool's `fetch`, which leaves
a bare git directory under /work/.mirror/, extract the train split to a folder outside the repo:

    mkdir -p /tmp/polnear && git --git-dir=/work/.mirror/networkdynamics+PolNeAR/repo \\
        archive HEAD data/train/text data/train/attributions | tar -x -C /tmp/polnear
    mkdir -p /tmp/wikinews && git --git-dir=/work/.mirror/uhh-lt+german-news-quotation-attribution-2024/repo \\
        archive HEAD data/train | tar -x -C /tmp/wikinews
    .venv/bin/python benchmarks/real_news.py /tmp/polnear
    .venv/bin/python benchmarks/real_news.py /tmp/wikinews

PolNeAR also ships CoreNLP coreference for each article (data/train/corenlp); with it, a gold
speaker "he" is judged by the person its chain names (evaluation/coreference.py). The mirror
lacks its largest files, so copy the ones it has:

    mkdir -p /tmp/polnear/data/train/corenlp && G=/work/.mirror/networkdynamics+PolNeAR/repo
    git --git-dir=$G ls-tree HEAD data/train/corenlp/ | while read -r _ _ blob path; do
        git --git-dir=$G cat-file blob "$blob" > "/tmp/polnear/$path" 2>/dev/null \\
            || rm -f "/tmp/polnear/$path"; done

(A `git clone` of the mirror works as well when every blob is present.) The annotations become
direct and partial quotes with speaker mentions as evaluation/real_news.py describes; the engine
runs on each article, and the script prints quote precision, recall and F1 at span overlap
>= 0.8, exact-span F1, speaker accuracy, articles per second, how well `confidence` is
calibrated, and a table of error categories. Prints figures only; no thresholds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# The scorer (evaluation/) sits at the repository root, outside the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from evaluation import Counts, match_spans, score_article, span_jaccard, speaker_is_right
from evaluation.calibration import confidence_pairs, confident_share_right, print_calibration
from evaluation.real_news import RealArticle, real_articles
from workbench.extraction import analyze_text
from workbench.extraction.confidence import REVIEW_THRESHOLD


@dataclass
class Tally:
    counts: Counts = field(default_factory=Counts)
    categories: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    # (confidence, speaker right) for every matched gold quote with a gold speaker
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def _context(text: str, start: int, end: int, width: int = 90) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return re.sub(r"\s+", " ", f"…{left}⟦{text[start:end]}⟧{right}…")


def _note(tally: Tally, category: str, text: str, start: int, end: int, detail: str = "") -> None:
    tally.categories[category] += 1
    examples = tally.examples.setdefault(category, [])
    if len(examples) < 400:
        examples.append(f"{_context(text, start, end)}  {detail}".rstrip())


def _speaker_category(text: str, quote_start: int, quote_end: int, gold, predicted) -> str:
    if not predicted:
        return "speaker: none found"
    if gold.mention_start is None:
        return "speaker: other"
    paragraph_start = text.rfind("\n", 0, quote_start) + 1
    paragraph_end = text.find("\n", quote_end)
    paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
    if not paragraph_start <= gold.mention_start < paragraph_end:
        return "speaker: from another paragraph (carried or resolved wrongly)"
    if gold.mention_start >= quote_end:
        return "speaker: after the quote not read"
    if predicted.get("start") is not None and predicted["start"] < quote_start:
        return "speaker: the wrong clause before the quote"
    return "speaker: before the quote, taken from elsewhere"


def score_one(article: RealArticle, tally: Tally) -> None:
    text = article.text
    started = time.perf_counter()
    analysis = analyze_text(text)
    tally.seconds += time.perf_counter() - started
    tally.languages[analysis.language] += 1
    data = analysis.to_dict()
    tally.counts = tally.counts + score_article(article.gold, data, text).counts
    tally.calibration += confidence_pairs(article.gold, data)
    gold = [q for q in article.gold.quotes if q.kind != "scare"]
    predicted = [q for q in data["quotes"] if q["kind"] != "scare"]
    scare = [q for q in data["quotes"] if q["kind"] == "scare"]
    pairs = match_spans(
        [(q.start, q.end) for q in gold], [(q["start"], q["end"]) for q in predicted]
    )
    for g, quote in enumerate(gold):
        if g in pairs:
            guess = predicted[pairs[g]]
            if quote.speaker is None:
                continue
            right = speaker_is_right(quote, guess.get("speaker"))
            if not right:
                category = _speaker_category(text, quote.start, quote.end, quote, guess["speaker"])
                who = (guess.get("speaker") or {}).get("name")
                _note(
                    tally,
                    category,
                    text,
                    quote.start,
                    quote.end,
                    f"gold {quote.mention!r} got {who!r}",
                )
            continue
        as_scare = any(
            span_jaccard(quote.start, quote.end, s["start"], s["end"]) >= 0.8 for s in scare
        )
        overlapping = any(
            span_jaccard(quote.start, quote.end, p["start"], p["end"]) > 0 for p in data["quotes"]
        )
        if as_scare:
            _note(tally, f"missed: {quote.kind} taken for scare", text, quote.start, quote.end)
        elif overlapping:
            _note(tally, "missed: span boundaries", text, quote.start, quote.end)
        else:
            _note(tally, "missed: no quotation found", text, quote.start, quote.end)
    matched = set(pairs.values())
    for p, guess in enumerate(predicted):
        if p in matched:
            continue
        overlapping = any(
            span_jaccard(q.start, q.end, guess["start"], guess["end"]) > 0 for q in gold
        )
        category = (
            "spurious: span boundaries"
            if overlapping
            else f"spurious: {guess['kind']} the gold credits to nobody"
        )
        _note(tally, category, text, guess["start"], guess["end"])


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def report(tally: Tally, articles: int, errors: int) -> None:
    counts = tally.counts
    print(f"{articles} articles, {counts.gold_quotes} gold quotes (direct and partial)")
    print(f"  languages detected: {dict(tally.languages.most_common())}")
    print(f"  quote precision (overlap ≥ 0.8)   {_fmt(counts.quote_precision)}")
    print(f"  quote recall    (overlap ≥ 0.8)   {_fmt(counts.quote_recall)}")
    print(f"  quote F1        (overlap ≥ 0.8)   {_fmt(counts.quote_f1)}")
    print(f"  exact-span F1                     {_fmt(counts.exact_f1)}")
    print(
        f"  speaker accuracy                  {_fmt(counts.speaker_accuracy)}"
        f" ({counts.speaker_correct}/{counts.speaker_total})"
    )
    print(f"  kind accuracy (direct/partial)    {_fmt(counts.kind_accuracy)}")
    rate = articles / tally.seconds if tally.seconds else 0.0
    print(f"  articles per second (engine)      {rate:.0f}")
    print("\nConfidence calibration: matched quotes with a gold speaker, by confidence")
    print_calibration(tally.calibration)
    flagged = [c for c, _ in tally.calibration if c < REVIEW_THRESHOLD]
    print(f"  below the review threshold {REVIEW_THRESHOLD}: {len(flagged)} quotes flagged")
    print("\nError categories")
    total_errors = sum(tally.categories.values())
    for category, n in tally.categories.most_common():
        print(f"  {n:>5}  {n / total_errors:6.1%}  {category}")
    if errors:
        for category, examples in tally.examples.items():
            print(f"\n== {category} ({tally.categories[category]})")
            for example in examples[:errors]:
                print(f"  {example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "checkout", type=Path, help="a plain folder with PolNeAR or German Wikinews"
    )
    parser.add_argument(
        "--split", default="train", help="train (default); dev and test are for judging"
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--only", help="only articles whose name contains this")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N examples per category"
    )
    parser.add_argument("--json", action="store_true", help="the totals as one JSON object")
    args = parser.parse_args(argv)
    try:
        articles = real_articles(args.checkout, args.split)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    tally = Tally()
    seen = 0
    for article in articles:
        if args.only and args.only not in article.name:
            continue
        score_one(article, tally)
        seen += 1
        if args.limit and seen >= args.limit:
            break
    if args.json:
        _, share = confident_share_right(tally.calibration)
        print(
            json.dumps(
                {
                    "articles": seen,
                    **tally.counts.to_dict(),
                    "articles_per_second": seen / tally.seconds if tally.seconds else None,
                    "confident_share_right": share,
                    "errors": dict(tally.categories),
                }
            )
        )
    else:
        report(tally, seen, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
