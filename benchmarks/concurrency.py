"""Concurrency benchmark: reviewers marking the same quotes at once; writes/s, refused, lost.

    .venv/bin/python benchmarks/concurrency.py                       # SQLite (+ PostgreSQL, below)
    .venv/bin/python benchmarks/concurrency.py --writes 200 --think 0
    .venv/bin/python benchmarks/concurrency.py postgresql+psycopg://user@127.0.0.1:5432/postgres

Each reviewer is a process of its own with the database open, as a window is: it reads a quote
(the version it shows), hesitates ``--think`` ms, and marks it from that version, over and over,
on two quotes all reviewers share. ``checked`` is the workbench's way (a change from a stale
version is refused with a sentence); ``blind`` sends the same marks without a version, as every
write did before issue 11, and is the baseline: there, a mark made on top of a verdict its
reviewer never saw counts as *unseen*. ``lost`` counts marks a reviewer was told were saved but
that are not in the audit chain, plus events nobody reported. PostgreSQL runs when a server URL
is given as an argument or in WORKBENCH_TEST_PG_URL (a scratch database is made and dropped).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench import services
from workbench.domain import Analysis, Article, DetectedQuote, QuoteKind, SpeakerRef
from workbench.storage import open_database

REVIEWER = """
import json, random, sys, time
from pathlib import Path
from workbench import services
from workbench.errors import StaleChange
from workbench.storage import open_database
db_url, name, go, writes, think, checked = sys.argv[1:7]
writes, think, checked = int(writes), float(think) / 1000, checked == "checked"
quote_ids = [int(q) for q in sys.argv[7].split(",")]
statuses = ["verified", "misquoted", "in_review", "unverifiable", "misattributed"]
pause = random.Random(name)
with open_database(db_url) as db:
    Path(go + "." + name).touch()
    while not Path(go).exists():
        time.sleep(0.001)
    for n in range(writes):
        quote_id = quote_ids[n % len(quote_ids)]
        seen = services.get_quote(db, quote_id=quote_id)
        if think:
            time.sleep(pause.uniform(0, think))
        note = f"{name}-{n}"
        try:
            done = services.mark_status(db, quote_id=quote_id, status=statuses[n % 5],
                                        note=note, reviewer=name,
                                        base_version=seen.version if checked else None)
        except StaleChange:
            print(json.dumps({"saved": False}), flush=True)
        else:
            print(json.dumps({"saved": True, "note": note,
                              "unseen": done.quote.version != seen.version + 1}), flush=True)
"""


def bench_article() -> tuple[Article, Analysis]:
    text = (
        "Harbour levy\n\n“We will look at it again,” said Mara Quill.\n\n"
        "“Not this year,” said Tobias Renn.\n"
    )
    quotes = []
    for number, (words, speaker) in enumerate(
        [("We will look at it again", "Mara Quill"), ("Not this year", "Tobias Renn")], start=1
    ):
        start = text.index(words)
        at = text.index(speaker, start)
        quotes.append(
            DetectedQuote(
                id=number, start=start, end=start + len(words), text=words,
                kind=QuoteKind.DIRECT, speaker=SpeakerRef(speaker, at, at + len(speaker)),
            )
        )  # fmt: skip
    return Article(text=text, title="Harbour levy", origin="bench://levy"), Analysis(
        text_length=len(text), quotes=tuple(quotes)
    )


def run_round(db_url: str, *, writers: int, writes: int, think: float, mode: str) -> dict:
    with open_database(db_url) as db:
        article, analysis = bench_article()
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        quote_ids = [q.id for q in services.list_quotes(db, article_id=article_id)]
        first_event = services.list_events(db, article_id=article_id)[-1].seq
    folder = Path(tempfile.mkdtemp(prefix="workbench-concurrency-"))
    go = str(folder / "go")
    names = [f"{mode}-{writers}-{n}" for n in range(writers)]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                REVIEWER,
                db_url,
                name,
                go,
                str(writes),
                str(think),
                mode,
                ",".join(map(str, quote_ids)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    while not all(Path(f"{go}.{name}").exists() for name in names):
        if any(p.poll() is not None for p in processes):
            raise SystemExit(processes[0].stderr.read())
        time.sleep(0.01)
    started = time.perf_counter()
    Path(go).touch()
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        if process.returncode != 0:
            raise SystemExit(err)
        outcomes += [json.loads(line) for line in out.splitlines()]
    elapsed = time.perf_counter() - started
    with open_database(db_url) as db:
        chain = [
            e.note
            for e in services.list_events(db, article_id=article_id)
            if e.seq > first_event and e.action == "quote.status"
        ]
        intact = services.verify_audit(db, article_id=article_id).ok
    told_saved = {o["note"] for o in outcomes if o["saved"]}
    return {
        "attempts": len(outcomes),
        "saved": len(told_saved),
        "refused": sum(not o["saved"] for o in outcomes),
        "lost": len(told_saved - set(chain)) + len(set(chain) - told_saved),
        "unseen": sum(o.get("unseen", False) for o in outcomes),
        "per_second": len(outcomes) / elapsed,
        "saved_per_second": len(told_saved) / elapsed,
        "intact": intact,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "server", nargs="?", default=os.environ.get("WORKBENCH_TEST_PG_URL"),
        help="a PostgreSQL server URL (default: $WORKBENCH_TEST_PG_URL)",
    )  # fmt: skip
    parser.add_argument("--writes", type=int, default=100, help="marks per reviewer (100)")
    parser.add_argument("--think", type=float, default=2.0, help="ms a reviewer may hesitate (2)")
    args = parser.parse_args()

    with ExitStack() as stack:
        targets = [("SQLite", str(Path(tempfile.mkdtemp(prefix="workbench-bench-")) / "c.sqlite"))]
        if args.server:
            from workbench.storage.scratch import scratch_postgres_database

            targets.append(
                ("PostgreSQL", stack.enter_context(scratch_postgres_database(args.server)))
            )
        else:
            print("(PostgreSQL skipped: give a server URL or set WORKBENCH_TEST_PG_URL)\n")
        print(
            f"{args.writes} marks per reviewer on 2 shared quotes, up to {args.think:g} ms of "
            f"thought before each"
        )
        print(f"{'database':<11} {'reviewers':>9} {'mode':<8} {'writes/s':>9} {'saved/s':>8} "
              f"{'saved':>6} {'refused':>8} {'lost':>5} {'unseen':>7}  audit")  # fmt: skip
        for label, url in targets:
            for writers in (1, 2, 4):
                for mode in ("blind", "checked"):
                    if writers == 1 and mode == "blind":
                        continue  # alone, a reviewer cannot overwrite anybody unseen
                    row = run_round(
                        url, writers=writers, writes=args.writes, think=args.think, mode=mode
                    )
                    print(f"{label:<11} {writers:>9} {mode:<8} {row['per_second']:>9.1f} "
                          f"{row['saved_per_second']:>8.1f} {row['saved']:>6} "
                          f"{row['refused']:>8} {row['lost']:>5} {row['unseen']:>7}  "
                          f"{'intact' if row['intact'] else 'BROKEN'}")  # fmt: skip


if __name__ == "__main__":
    main()
