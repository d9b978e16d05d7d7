"""Issue #5's locate figures, side by side in one run, on a generated 5 MB hearing transcript.

Prints figures only (no pass/fail):

- index build: wall time (best of a few builds) and peak memory (tracemalloc peak of the Python
  heap while building, and the process's peak RSS growth);
- per-quote locate time over the index (median, mean, p95, max) beside rapidfuzz
  `fuzz.partial_ratio_alignment(quote, whole_text)` for a sample of the same quotes, and the
  ratio of the two;
- for each planted kind (exact, punctuation, substitution, ellipsis, dropped word) how many were
  found at their planted place with the expected verdict, and for absent quotes how many were
  (wrongly) found;
- the first locate against the source stored as a primary source (issue 16: indexed once),
  with the index kept beside the snapshot beside building it, as a fresh process finds it:
  in this process (median of three, the in-memory index dropped before each) and as
  `workbench locate --source ID` processes (median of three, the stored index deleted before
  each of the building runs).

The transcript and the planted variants come from benchmarks/matching.py's generator.

    .venv/bin/python benchmarks/locate.py        # 5 MB, 40 quotes of each kind, two seeds
    .venv/bin/python benchmarks/locate.py --megabytes 1 --quotes-per-kind 10 --seeds 7
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from matching import make_source, percentile, variants  # noqa: E402  (benchmarks/matching.py)
from rapidfuzz import fuzz  # noqa: E402

from workbench.matching import build_index, locate_quote  # noqa: E402
from workbench.matching import index as matching_index  # noqa: E402

WORDS_PER_MB = 180_000  # the generator's words per million bytes, near enough to aim with
KINDS = ("exact", "punctuation", "substitution", "ellipsis", "dropped_word", "absent")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def generate(megabytes: float, seed: int):
    rng = random.Random(seed)
    words = int(megabytes * WORDS_PER_MB)
    text, sentences = make_source(rng, words)
    while len(text.encode("utf-8")) < megabytes * 1e6:
        words = int(words * 1.05)
        rng = random.Random(seed)
        text, sentences = make_source(rng, words)
    return rng, text, sentences


def run(megabytes: float, quotes_per_kind: int, baseline_quotes: int, seed: int) -> None:
    rng, text, sentences = generate(megabytes, seed)
    size = len(text.encode("utf-8")) / 1e6
    print(f"source: generated hearing transcript, {len(text):,} characters ({size:.2f} MB)")

    gc.collect()
    rss_before = peak_rss_mb()
    builds = []
    for _ in range(3):
        began = time.perf_counter()
        index = build_index(text)
        builds.append(time.perf_counter() - began)
    rss_growth = peak_rss_mb() - rss_before
    tracemalloc.start()
    probe = build_index(text)
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del probe
    print(
        f"index:  built in {min(builds) * 1000:,.0f} ms (best of {len(builds)}; "
        f"{statistics.median(builds) * 1000:,.0f} ms median), {index.word_count:,} words, "
        f"{len(index.vocabulary):,} distinct"
    )
    print(
        f"memory: peak Python heap while building {heap_peak / 1e6:,.0f} MB (tracemalloc); "
        f"process peak RSS grew {rss_growth:,.0f} MB to {peak_rss_mb():,.0f} MB "
        f"(text, index and interpreter)"
    )

    planted = list(variants(rng, sentences, quotes_per_kind))
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    right: dict[str, int] = dict.fromkeys(KINDS, 0)
    misses: list[str] = []
    locate_quote(index, planted[0][1])  # warm the position caches' first use out of the figures
    for kind, quote, start, expected in planted:
        began = time.perf_counter()
        match = locate_quote(index, quote)
        timings[kind].append((time.perf_counter() - began) * 1000)
        if start is None:
            ok = not match.found
        else:
            ok = (
                str(match.verdict) in expected
                and match.start is not None
                and abs(match.start - start) <= 2
            )
        right[kind] += ok
        if not ok and len(misses) < 5:
            misses.append(f"    {kind}: {quote[:70]!r} → {match.verdict} at {match.start}")
    everything = [t for values in timings.values() for t in values]
    print(
        f"locate: {len(everything)} quotes over the index: median "
        f"{statistics.median(everything):.2f} ms, mean {statistics.mean(everything):.2f} ms, "
        f"p95 {percentile(everything, 0.95):.2f} ms, max {max(everything):.2f} ms per quote"
    )
    for kind in KINDS:
        values = timings[kind]
        if not values:
            continue
        what = (
            "absent quotes with no hit (not_found)"
            if kind == "absent"
            else "found at the planted place with the expected verdict"
        )
        print(
            f"  {kind:<13} {right[kind]:>3}/{len(values):<3} {what}; median "
            f"{statistics.median(values):.2f} ms"
        )
    for miss in misses:
        print(miss)

    sample = planted[:: max(1, len(planted) // baseline_quotes)][:baseline_quotes]
    naive_times = []
    ours_same = []
    for _kind, quote, _start, _expected in sample:
        began = time.perf_counter()
        fuzz.partial_ratio_alignment(quote, text)
        naive_times.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        locate_quote(index, quote)
        ours_same.append((time.perf_counter() - began) * 1000)
    naive_median = statistics.median(naive_times)
    ours_median = statistics.median(ours_same)
    print(
        f"rapidfuzz partial_ratio_alignment over the whole text, the same {len(sample)} quotes: "
        f"median {naive_median:,.1f} ms, mean {statistics.mean(naive_times):,.1f} ms per quote; "
        f"indexed locate on them: median {ours_median:.2f} ms, mean "
        f"{statistics.mean(ours_same):.2f} ms"
    )
    print(
        f"ratio:  indexed locate is {naive_median / ours_median:,.0f}x faster per quote "
        f"(median vs median on the same quotes; "
        f"{statistics.mean(naive_times) / statistics.mean(ours_same):,.0f}x mean vs mean on them; "
        f"{statistics.mean(naive_times) / statistics.mean(everything):,.0f}x its mean vs ours "
        f"over all {len(everything)} quotes)"
    )


def stored_source(text: str, quote: str, runs: int = 3) -> None:
    """The first locate against a stored source, its kept index loaded beside it built."""
    import os
    import subprocess
    import tempfile

    import sqlalchemy as sa

    from workbench import services
    from workbench.domain import Article
    from workbench.storage import open_database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        with open_database(path) as db:
            article = Article(text="“A quote,” said Ada Reyes.\n", origin="bench.txt")
            article_id = services.import_article(db, article=article, reviewer="bench").article_id
            began = time.perf_counter()
            document = services.attach_source_document(
                db, article_id=article_id, origin="hearing.txt", text=text, reviewer="bench"
            )
            attach = time.perf_counter() - began

            def first_locate(stored: bool) -> float:
                matching_index._cache.clear()  # as a new process finds it: nothing in memory
                began = time.perf_counter()
                source = services.get_source_document(db, source_id=document.id)
                if stored:
                    index = services.source_index(db, source_id=document.id, text=source.text)
                else:
                    index = matching_index.index_source(source.text)
                locate_quote(index, quote)
                return time.perf_counter() - began

            loaded = statistics.median(first_locate(True) for _ in range(runs))
            built = statistics.median(first_locate(False) for _ in range(runs))
            with db.engine.connect() as connection:
                size = connection.execute(sa.text("SELECT length(data) FROM source_index")).scalar()

        def command(keep: bool) -> float:
            if not keep:
                with open_database(path) as db, db.engine.begin() as connection:
                    connection.execute(sa.text("DELETE FROM source_index"))
            began = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "workbench", "--db", str(path), "locate",
                 "--source", str(document.id), "--quote", quote, "--json"],
                check=True, capture_output=True, env={**os.environ, "WORKBENCH_DB": str(path)},
            )  # fmt: skip
            return time.perf_counter() - began

        cli_built = statistics.median(command(False) for _ in range(runs))
        cli_loaded = statistics.median(command(True) for _ in range(runs))
    print(
        f"stored: first locate against the stored source: {loaded * 1000:,.0f} ms with its kept "
        f"index ({(size or 0) / 1e6:.2f} MB) beside {built * 1000:,.0f} ms building it "
        f"({built / loaded:.1f}x); `workbench locate --source ID`: {cli_loaded * 1000:,.0f} ms "
        f"beside {cli_built * 1000:,.0f} ms (median of {runs}); attaching it, index built and "
        f"kept: {attach * 1000:,.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--quotes-per-kind", type=int, default=40)
    parser.add_argument("--baseline-quotes", type=int, default=12)
    parser.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=[20250304, 20251205],
        help="one run per seed (the first is benchmarks/matching.py's)",
    )
    args = parser.parse_args()
    for number, seed in enumerate(args.seeds):
        print(f"{'' if number == 0 else chr(10)}== seed {seed}")
        run(args.megabytes, args.quotes_per_kind, args.baseline_quotes, seed)
    _rng, text, sentences = generate(args.megabytes, args.seeds[0])
    stored_source(text, sentences[len(sentences) // 2].text)


if __name__ == "__main__":
    main()
