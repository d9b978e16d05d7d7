"""Speed of the matching engine on a long generated transcript, beside a naive baseline.

Prints figures only (no pass/fail): index time and memory, per-quote locate time (median and
95th percentile) for planted quotes of each kind, whether each kind got the expected verdict,
and, in the same run, rapidfuzz `fuzz.partial_ratio_alignment` of each quote over the whole
source text without an index.

    .venv/bin/python benchmarks/matching.py                 # ~150k words, then ~5 MB
    .venv/bin/python benchmarks/matching.py --words 150000 --baseline-quotes 30
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz

from workbench.matching import build_index, locate_quote

SPEAKERS = ["THE CHAIR", "MS HOLLOWAY", "MR DEVLIN", "DR. AMANKWAH", "Q", "CLLR FERREIRA"]
SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split()
LEXICON_SIZE = 30_000  # distinct content words, Zipf-distributed as in real speech
FUNCTION_WORDS = (
    "the a of to and in that it is was we they not for on with as be have this but".split()
)


@dataclass
class Sentence:
    text: str
    start: int = 0  # offset in the rendered source
    turn: int = 0


def zipf_cumulative(size: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 1) for rank in range(size)))


def make_lexicon(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def make_sentence(rng: random.Random, lexicon: list[str], cumulative: list[float]) -> str:
    length = rng.randint(8, 24)
    words = []
    for position in range(length):
        if rng.random() < 0.35:
            words.append(rng.choice(FUNCTION_WORDS))
        else:
            words.append(rng.choices(lexicon, cum_weights=cumulative)[0])
        if position and position < length - 2 and rng.random() < 0.08:
            words[-1] += ","
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice(".....?!")


def make_source(rng: random.Random, target_words: int) -> tuple[str, list[Sentence]]:
    lexicon = make_lexicon(rng, LEXICON_SIZE)
    weights = zipf_cumulative(len(lexicon))
    parts: list[str] = ["TRANSCRIPT OF PROCEEDINGS\n\n"]
    offset = len(parts[0])
    sentences: list[Sentence] = []
    words = 0
    turn = 0
    while words < target_words:
        label = f"{rng.choice(SPEAKERS)}: "
        parts.append(label)
        offset += len(label)
        for count in range(rng.randint(1, 6)):
            if count:
                parts.append(" ")
                offset += 1
            sentence = Sentence(make_sentence(rng, lexicon, weights), offset, turn)
            sentences.append(sentence)
            parts.append(sentence.text)
            offset += len(sentence.text)
            words += sentence.text.count(" ") + 1
        parts.append("\n\n")
        offset += 2
        turn += 1
    text = "".join(parts)
    # Hard line breaks about every 80 characters, as in text taken from a PDF: a space becomes
    # a newline, so offsets do not move.
    chars = list(text)
    column = 0
    for i, ch in enumerate(chars):
        column = 0 if ch == "\n" else column + 1
        if ch == " " and column > 78:
            chars[i] = "\n"
            column = 0
    return "".join(chars), sentences


def variants(rng: random.Random, sentences: list[Sentence], each: int):
    """(kind, quote, planted start, expected verdicts) for quotes of every kind."""
    lexicon_words = [w for s in rng.sample(sentences, 200) for w in s.text.split()]
    picked = rng.sample(range(1, len(sentences) - 1), each * 5)
    for number, index in enumerate(picked):
        sentence = sentences[index]
        words = sentence.text.rstrip(".?!").split()
        kind = ("exact", "punctuation", "substitution", "ellipsis", "dropped_word")[number % 5]
        if kind == "exact":
            yield kind, f"“{sentence.text}”", sentence.start, {"exact"}
        elif kind == "punctuation":
            position = rng.randrange(1, len(words) - 1)
            changed = list(words)
            changed[position] = changed[position].rstrip(",") + ";"
            yield kind, " ".join(changed), sentence.start, {"near_exact"}
        elif kind == "substitution":
            position = rng.randrange(1, len(words) - 1)
            changed = list(words)
            replacement = rng.choice(lexicon_words).strip(",.?!").lower()
            while replacement == changed[position].strip(",").lower():
                replacement = rng.choice(lexicon_words).strip(",.?!").lower()
            changed[position] = replacement
            yield kind, " ".join(changed), sentence.start, {"altered"}
        elif kind == "dropped_word":
            position = rng.randrange(1, len(words) - 1)
            yield (
                kind,
                " ".join(words[:position] + words[position + 1 :]),
                sentence.start,
                {"altered"},
            )
        else:
            following = sentences[index + 1]
            after = sentences[index + 2] if index + 2 < len(sentences) else None
            if after is None or not (sentence.turn == following.turn == after.turn):
                # Cut inside the sentence instead: "first words … last words".
                half = len(words) // 2
                head, tail = " ".join(words[: half - 1]), " ".join(words[half + 1 :])
                yield kind, f"{head} … {tail}", sentence.start, {"near_exact"}
            else:
                yield kind, f"{sentence.text} … {after.text}", sentence.start, {"near_exact"}
    other = random.Random(rng.random())
    lexicon = make_lexicon(other, LEXICON_SIZE)
    weights = zipf_cumulative(len(lexicon))
    for _ in range(each):
        yield "absent", make_sentence(other, lexicon, weights), None, {"not_found"}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(words: int, quotes_per_kind: int, baseline_quotes: int, seed: int) -> None:
    rng = random.Random(seed)
    text, sentences = make_source(rng, words)
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"\nsource: {words:,}+ words generated, {len(text):,} characters ({megabytes:.1f} MB)")

    began = time.perf_counter()
    index = build_index(text)
    index_seconds = time.perf_counter() - began
    tracemalloc.start()
    probe = build_index(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del probe
    print(
        f"index:  {index_seconds * 1000:,.0f} ms to build, {index.word_count:,} words, "
        f"{len(index.vocabulary):,} distinct; peak Python memory while building "
        f"{peak / 1e6:,.0f} MB"
    )

    planted = list(variants(rng, sentences, quotes_per_kind))
    timings: dict[str, list[float]] = {}
    right: dict[str, int] = {}
    for kind, quote, start, expected in planted:
        began = time.perf_counter()
        match = locate_quote(index, quote)
        elapsed = (time.perf_counter() - began) * 1000
        timings.setdefault(kind, []).append(elapsed)
        ok = str(match.verdict) in expected and (
            start is None or (match.start is not None and abs(match.start - start) <= 2)
        )
        right[kind] = right.get(kind, 0) + ok
    everything = [t for values in timings.values() for t in values]
    print(
        f"locate: {len(everything)} quotes, median {statistics.median(everything):.2f} ms, "
        f"mean {statistics.mean(everything):.2f} ms, p95 {percentile(everything, 0.95):.2f} ms, max {max(everything):.2f} ms per quote"
    )
    for kind, values in timings.items():
        print(
            f"  {kind:<13} {right[kind]:>3}/{len(values):<3} expected verdict and place, "
            f"median {statistics.median(values):.2f} ms"
        )

    sample = planted[:: max(1, len(planted) // baseline_quotes)][:baseline_quotes]
    naive_times = []
    naive_hits = 0
    for _kind, quote, start, _expected in sample:
        began = time.perf_counter()
        found = fuzz.partial_ratio_alignment(quote, text)
        naive_times.append((time.perf_counter() - began) * 1000)
        naive_hits += start is not None and abs(found.dest_start - start) <= 5
    naive = statistics.median(naive_times)
    ours = statistics.median(everything)
    print(
        f"naive:  rapidfuzz partial_ratio_alignment over the whole text, {len(sample)} quotes: "
        f"median {naive:.1f} ms, mean {statistics.mean(naive_times):.1f} ms per quote "
        f"({naive / ours:,.0f}x the indexed median, "
        f"{statistics.mean(naive_times) / statistics.mean(everything):,.0f}x the mean); "
        f"it placed {naive_hits} of {sum(s is not None for *_, s, _ in sample)} present "
        f"quotes within 5 characters"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="*", default=[150_000, 900_000])
    parser.add_argument("--quotes-per-kind", type=int, default=40)
    parser.add_argument("--baseline-quotes", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20250304)
    args = parser.parse_args()
    for words in args.words:
        run(words, args.quotes_per_kind, args.baseline_quotes, args.seed)


if __name__ == "__main__":
    main()
