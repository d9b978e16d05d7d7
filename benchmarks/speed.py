"""How fast the extraction engine is, in process and through `workbench analyze --json`.

    .venv/bin/python benchmarks/speed.py [--runs 200] [--copies 170]

(a) engine time for the shared sample article (when ../shared/samples is there) and the bundled
    sample: median and p95 over --runs calls after a warm-up;
(b) --copies typical articles (the corpus cycled) in ONE `workbench analyze --json` call, timed
    as a whole subprocess, with the CLI start-up (`workbench --version`) timed on its own;
(c) engine time per quote over the corpus;
(d) peak resident memory, of this process and of the analyze subprocess.

Prints figures only; no thresholds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

# The scorer (evaluation/) sits at the repository root, outside the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation import load_gold, read_article_text
from workbench.extraction import analyze_text

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus"
BUNDLED_SAMPLE = REPO / "resources" / "samples" / "harbour-bridge-inquiry.txt"
SHARED_SAMPLE = REPO.parent / "shared" / "samples" / "nato-intelligence-sharing.txt"


def workbench_command() -> list[str]:
    installed = REPO / ".venv" / "bin" / "workbench"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "workbench"]


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_calls(text: str, runs: int, warmup: int = 20) -> list[float]:
    for _ in range(warmup):
        analyze_text(text)
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        analyze_text(text)
        times.append((time.perf_counter() - begin) * 1000)
    return times


def run_measured(command: list[str], stdout_path: Path) -> tuple[float, int, int]:
    """Wall time (s), exit status and peak RSS (KiB) of one subprocess."""
    with open(stdout_path, "wb") as stdout:
        begin = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - begin
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr:
        process.stderr.close()
    return elapsed, process.returncode, usage.ru_maxrss


def corpus_texts() -> list[tuple[str, Path]]:
    paths = sorted(CORPUS.glob("[0-9]*.txt"))
    if not paths and BUNDLED_SAMPLE.exists():
        paths = [BUNDLED_SAMPLE]
    return [(read_article_text(p), p) for p in paths]


def gold_quote_count(text_path: Path) -> int | None:
    gold_path = text_path.with_name(text_path.name.removesuffix(".txt") + ".gold.json")
    if not gold_path.exists():
        return None
    return sum(1 for q in load_gold(gold_path).quotes if q.kind != "scare")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="engine calls per sample (a)")
    parser.add_argument("--copies", type=int, default=170, help="articles in one CLI call (b)")
    parser.add_argument("--cli-repeats", type=int, default=3, help="times to repeat (b)")
    args = parser.parse_args(argv)

    print("(a) engine time per call, after a warm-up")
    for label, path in (("shared sample", SHARED_SAMPLE), ("bundled sample", BUNDLED_SAMPLE)):
        if not path.exists():
            print(f"  {label:<15} absent ({path})")
            continue
        text = read_article_text(path)
        times = time_calls(text, args.runs)
        quotes = len(analyze_text(text).quotes)
        print(
            f"  {label:<15} {len(text):>6} chars, {quotes:>3} quotes: "
            f"median {statistics.median(times):.3f} ms, p95 {percentile(times, 0.95):.3f} ms, "
            f"min {min(times):.3f} ms over {args.runs} runs"
        )

    articles = corpus_texts()
    if not articles:
        print("\nno corpus articles and no bundled sample: nothing more to time")
        return 0
    command = workbench_command()
    print(
        f"\n(b) {args.copies} articles in one `{' '.join(Path(c).name for c in command)}"
        " analyze --json` call"
    )
    with tempfile.TemporaryDirectory(prefix="workbench-speed-") as folder:
        folder_path = Path(folder)
        paths = []
        for index in range(args.copies):
            source = articles[index % len(articles)][1]
            target = folder_path / f"{index + 1:03d}-{source.name}"
            shutil.copyfile(source, target)
            paths.append(str(target))
        characters = sum(len(articles[i % len(articles)][0]) for i in range(args.copies))
        out = folder_path / "analyze.jsonl"
        startup = [
            run_measured([*command, "--version"], folder_path / "version.txt")[0] for _ in range(5)
        ]
        runs = [
            run_measured([*command, "analyze", "--json", *paths], out)
            for _ in range(args.cli_repeats)
        ]
        lines = out.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        found = sum(len(r.get("quotes", [])) for r in records)
        statuses = {status for _, status, _ in runs}
        wall = [elapsed for elapsed, _, _ in runs]
        print(
            f"  {len(paths)} files, {characters:,} characters "
            f"(mean {characters // len(paths):,} per article, from {len(articles)} corpus texts)"
        )
        print(f"  CLI start-up (`--version`): median {statistics.median(startup) * 1000:.0f} ms")
        print(
            f"  whole call: median {statistics.median(wall):.3f} s, first {wall[0]:.3f} s, "
            f"best {min(wall):.3f} s over {len(wall)} runs; exit status {sorted(statuses)}"
        )
        print(
            f"  minus start-up: {statistics.median(wall) - statistics.median(startup):.3f} s; "
            f"{len(records)} JSON lines, {found} quotes found"
        )
        cli_rss = max(rss for _, _, rss in runs)

    print("\n(c) engine time per quote (in process, one pass over the corpus texts)")
    passes = []
    for _ in range(5):
        begin = time.perf_counter()
        detected = sum(len(analyze_text(text).quotes) for text, _ in articles)
        passes.append(time.perf_counter() - begin)
    per_pass_ms = statistics.median(passes) * 1000
    gold_counts = [gold_quote_count(path) for _, path in articles]
    gold_total = sum(c for c in gold_counts if c is not None)
    print(f"  {len(articles)} articles: {per_pass_ms:.3f} ms per pass (median of {len(passes)})")
    if detected:
        print(f"  {per_pass_ms / detected:.4f} ms per detected quote ({detected} detected)")
    else:
        print("  no quotes detected by the engine")
    if gold_total:
        print(f"  {per_pass_ms / gold_total:.4f} ms per gold quote ({gold_total} in the gold)")

    print("\n(d) peak resident memory")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  this process (engine in process): {own / 1024:.1f} MiB")
    print(f"  the analyze --json subprocess:    {cli_rss / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into `head`: not worth a traceback
        sys.stderr.close()
        sys.exit(0)
