"""Index build time and memory for long sources, today's builder beside the old one in one run.

Prints figures only (no pass/fail). For each size (5, 20 and 50 MB by default) and each text —
a generated hearing transcript in plain ASCII, and the same transcript with accented letters,
typographic apostrophes and dashes (non-ASCII, as most real sources are) — it prints:

- build time, median (and best) of --runs builds, interleaved, for the old builder (benchmarks/index_baseline.py, the
  code before issue 16) and today's, and their ratio; ms per MB shows whether growth is linear;
- peak Python heap while building (tracemalloc, one build each) and what the index keeps;
- whether both builders cut the same words (codes, and a sample of blocks' offsets);
- today's stored form: its size, the time to write it and to load it back.

    .venv/bin/python benchmarks/index_build.py                      # 5, 20, 50 MB, 3 runs
    .venv/bin/python benchmarks/index_build.py --sizes 1 --runs 1    # a quick look
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import index_baseline  # noqa: E402  (benchmarks/index_baseline.py: the old builder)
from matching import make_source  # noqa: E402  (benchmarks/matching.py's generator)

from workbench.matching import build_index, index_from_bytes, index_to_bytes  # noqa: E402

CHARACTERS_PER_WORD = 6.35  # the generator's, near enough to aim at a size


def non_ascii(text: str) -> str:
    """The same transcript as most real ones are typed: accents, curly apostrophes, dashes."""
    return (
        text.replace("ko", "kö")
        .replace("sa", "sá")
        .replace("ri", "rí")
        .replace("s ", "’s ")
        .replace(", ", " — ")
    )


def timed(builders, text: str, runs: int) -> list[tuple[float, float, object]]:
    """(median, best, last index) of each builder; runs interleave the builders, so a busy
    machine slows them alike."""
    times: list[list[float]] = [[] for _ in builders]
    indexes: list[object] = [None] * len(builders)
    for _ in range(runs):
        for number, build in enumerate(builders):
            indexes[number] = None
            gc.collect()
            began = time.perf_counter()
            indexes[number] = build(text)
            times[number].append(time.perf_counter() - began)
    return [(statistics.median(t), min(t), index) for t, index in zip(times, indexes, strict=True)]


def heap(build, text: str) -> tuple[float, float]:
    """Peak Python heap while building, and what is still held after (MB)."""
    gc.collect()
    tracemalloc.start()
    index = build(text)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del index
    return peak / 1e6, held / 1e6


def same_words(old, new) -> str:
    if list(old.vocabulary) != list(new.vocabulary):
        return "NO (other words)"
    codes = {ord(code): new.vocabulary[word] for word, code in old.vocabulary.items()}
    if old.codes.translate(codes) != new.codes:
        return "NO (codes differ)"
    step = max(1, new.block_count // 7)
    for block in range(0, new.block_count, step):
        first, last = new.block_words[block], new.block_words[block + 1]
        starts, ends = new.block_edges(block)
        if list(starts) != list(old.starts[first:last]) or list(ends) != list(old.ends[first:last]):
            return f"NO (offsets differ in block {block})"
    return "yes"


def run(megabytes: float, runs: int, seed: int) -> None:
    words = int(megabytes * 1e6 / CHARACTERS_PER_WORD)
    plain, _ = make_source(random.Random(seed), words)
    for label, text in (("ascii", plain), ("non-ascii", non_ascii(plain))):
        size = len(text.encode("utf-8")) / 1e6
        (old_time, old_best, old), (new_time, new_best, new) = timed(
            (index_baseline.build_index, build_index), text, runs
        )
        print(
            f"{size:6.1f} MB {label:<9}  build: old {old_time * 1000:8,.0f} ms "
            f"({old_time * 1000 / size:4.0f} ms/MB)   today {new_time * 1000:7,.0f} ms "
            f"({new_time * 1000 / size:4.0f} ms/MB)   {old_time / new_time:4.1f}x faster "
            f"(best runs: {old_best * 1000:,.0f} vs {new_best * 1000:,.0f} ms, "
            f"{old_best / new_best:.1f}x); same words: {same_words(old, new)}"
        )
        del old
        old_peak, old_held = heap(index_baseline.build_index, text)
        new_peak, new_held = heap(build_index, text)
        print(
            f"{'':20}memory: old peak {old_peak:6,.0f} MB, keeps {old_held:5,.0f} MB   "
            f"today peak {new_peak:6,.0f} MB, keeps {new_held:5,.0f} MB (Python heap, text "
            f"of {sys.getsizeof(text) / 1e6:,.0f} MB not counted)"
        )
        began = time.perf_counter()
        data = index_to_bytes(new)
        written = time.perf_counter() - began
        began = time.perf_counter()
        index_from_bytes(data, text, cache=False)
        loaded = time.perf_counter() - began
        print(
            f"{'':20}stored: {len(data) / 1e6:5.1f} MB, written in {written * 1000:5,.0f} ms, "
            f"loaded in {loaded * 1000:5,.0f} ms (with the text's SHA-256 check)"
        )
        del new, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[5.0, 20.0, 50.0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20250304)
    args = parser.parse_args()
    print(f"median of {args.runs} builds each; old = the builder before issue 16")
    for megabytes in args.sizes:
        run(megabytes, args.runs, args.seed)


if __name__ == "__main__":
    main()
