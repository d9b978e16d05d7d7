"""Storage benchmark: import articles, record status changes, list the library with progress.

    .venv/bin/python benchmarks/storage.py                      # 1,000 articles, 50,000 marks
    .venv/bin/python benchmarks/storage.py --articles 100 --marks 2000
    .venv/bin/python benchmarks/storage.py --db postgresql+psycopg://user@127.0.0.1/bench
    .venv/bin/python benchmarks/storage.py --articles 10 --marks 10 --big 100000  # the huge one

Articles are generated (twelve quotes each, with their analysis given), so the figures are the
review database's alone, not the extraction engine's. Every mark is one service call: its own
transaction, lock, audit event and (on SQLite, synchronous=FULL) fsync, as from the app.
Aim: listing 1,000 articles with their progress in under 100 ms. Last, one article of 100,000
quotes (the per-article cap) is imported, listed, exported and verified beside one of 1,000.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench import services
from workbench.domain import Analysis, Article, Cue, DetectedQuote, QuoteKind, SpeakerRef, Status
from workbench.storage import open_database

SPEAKERS = ["Mara Quill", "Tobias Renn", "Ines Batalha", "Kofi Mensah", "a council spokesman"]


def generated_article(number: int, quotes: int = 12) -> tuple[Article, Analysis]:
    parts = [f"Story {number}: the council and the harbour\n\n"]
    detected = []
    offset = len(parts[0])
    for q in range(1, quotes + 1):
        words = f"Statement {q} of story {number}: we will look at the levy again next year"
        speaker = SPEAKERS[(number + q) % len(SPEAKERS)]
        paragraph = f"“{words},” said {speaker}, adding context to the debate.\n\n"
        cue_start = offset + len(words) + 4
        detected.append(
            DetectedQuote(
                id=q,
                start=offset + 1,
                end=offset + 1 + len(words),
                text=words,
                kind=QuoteKind.DIRECT,
                speaker=SpeakerRef(speaker, cue_start + 5, cue_start + 5 + len(speaker)),
                cue=Cue("said", cue_start, cue_start + 4),
                confidence=0.9,
            )
        )
        parts.append(paragraph)
        offset += len(paragraph)
    text = "".join(parts)
    return Article(text=text, title=f"Story {number}", origin=f"bench://{number}"), Analysis(
        text_length=len(text), quotes=tuple(detected)
    )


def per_op(seconds: float, count: int) -> str:
    return f"{seconds / max(count, 1) * 1000:.2f} ms/op ({count} in {seconds:.1f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--marks", type=int, default=50_000)
    parser.add_argument("--db", help="database URL or file (default: a temporary SQLite file)")
    parser.add_argument(
        "--big", type=int, default=100_000, metavar="N",
        help="quotes in the one huge article (0: skip it; default 100,000, the per-article cap)",
    )  # fmt: skip
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        target = args.db or str(Path(folder) / "bench.sqlite")
        with open_database(target) as db:
            started = time.perf_counter()
            article_ids = []
            for number in range(args.articles):
                article, analysis = generated_article(number)
                result = services.import_article(
                    db, article=article, analysis=analysis, reviewer="bench"
                )
                article_ids.append(result.article_id)
            print(
                f"import article (12 quotes): {per_op(time.perf_counter() - started, len(article_ids))}"
            )

            quote_ids = [
                q.id for aid in article_ids for q in services.list_quotes(db, article_id=aid)
            ]
            rng = random.Random(3)
            statuses = list(Status)
            started = time.perf_counter()
            for n in range(args.marks):
                services.mark_status(
                    db,
                    quote_id=rng.choice(quote_ids),
                    status=rng.choice(statuses),
                    note=f"mark {n}" if n % 5 == 0 else None,
                    reviewer="bench",
                )
            print(
                f"mark status (+ audit event): {per_op(time.perf_counter() - started, args.marks)}"
            )

            timings = []
            for _ in range(10):
                started = time.perf_counter()
                summaries = services.list_articles(db)
                timings.append(time.perf_counter() - started)
            print(
                f"list {len(summaries)} articles with progress: median "
                f"{statistics.median(timings) * 1000:.1f} ms, best {min(timings) * 1000:.1f} ms "
                f"(aim: under 100 ms)"
            )

            def best_of(call, runs: int = 5) -> float:
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    call()
                    times.append(time.perf_counter() - started)
                return min(times) * 1000

            from workbench.ui import ops  # the window's calls (plain Python, no Qt)

            def one_read_per_article() -> None:  # how the window read the library before
                for summary in services.list_articles(db):
                    services.list_quotes(db, article_id=summary.id)

            print(
                f"window's library page, {len(summaries)} articles: "
                f"{best_of(lambda: ops.load_library(db)):.1f} ms in a fixed number of queries "
                f"(baseline, a read per article: {best_of(one_read_per_article, 2):.1f} ms)"
            )
            last, _ = generated_article(args.articles - 1)

            def scan_the_library() -> None:  # how the window looked for a duplicate before
                for summary in services.list_articles(db):
                    if summary.origin == last.origin:
                        services.get_article(db, article_id=summary.id)

            print(
                f"duplicate check at import: {best_of(lambda: services.find_article(db, article=last)):.2f} "
                f"ms, one indexed query (baseline, scanning the library: "
                f"{best_of(scan_the_library):.1f} ms)"
            )

            started = time.perf_counter()
            report = services.verify_audit(db)
            print(
                f"audit verify: {report.events} events in {time.perf_counter() - started:.1f} s, "
                f"{'intact' if report.ok else 'BROKEN'}"
            )
            if db.path is not None:
                size = sum(
                    p.stat().st_size for p in db.path.parent.glob(db.path.name + "*") if p.is_file()
                )
                print(f"database size: {size / 1e6:.1f} MB (with WAL)")
            if args.big:
                huge_article(db, args.big)
    return 0


def huge_article(db, quotes: int) -> None:
    """One article with ``quotes`` quotes beside one with 1,000, in the same database: each
    step's time per thousand quotes, and the process's peak memory after it. No statement
    carries a parameter per quote, so PostgreSQL's 65,535 and SQLite's 250,000 never bind."""
    import resource

    from workbench import export

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"one article of {quotes:,} quotes beside one of 1,000 (baseline), per 1,000 quotes:")
    results: dict[int, dict[str, float]] = {}
    for count in (1000, quotes):
        article, analysis = generated_article(10_000_000 + count, quotes=count)
        timings: dict[str, float] = {}
        started = time.perf_counter()
        article_id = services.import_article(
            db, article=article, analysis=analysis, reviewer="bench"
        ).article_id
        timings["import"] = time.perf_counter() - started
        del article, analysis
        steps = {
            "quotes": lambda a=article_id: services.list_quotes(db, article_id=a),
            "export json": lambda a=article_id: export.export_article(db, a, "json"),
            "export csv": lambda a=article_id: export.export_article(db, a, "csv"),
            "audit verify": lambda a=article_id: services.verify_audit(db, article_id=a),
        }
        for name, step in steps.items():
            started = time.perf_counter()
            result = step()
            timings[name] = time.perf_counter() - started
            if name == "export json":
                timings["json MB"] = len(result) / 1e6
            if name == "audit verify" and not result.ok:
                print("  audit verify: BROKEN", result.problems[0].message)
            del result
        results[count] = timings
    for name in ("import", "quotes", "export json", "export csv", "audit verify"):
        base, big = results[1000][name], results[quotes][name]
        print(
            f"  {name:<13} {big:6.1f} s for {quotes:,} = {big / quotes * 1000 * 1000:6.1f} ms per "
            f"1,000 (baseline {base / 1000 * 1000 * 1000:6.1f} ms per 1,000)"
        )
    print(
        f"  JSON export {results[quotes]['json MB']:.0f} MB; peak memory of this process "
        f"{peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    sys.exit(main())
