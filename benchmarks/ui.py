"""How the desktop window feels: cold start, and event-loop stalls while an article opens.

    .venv/bin/python benchmarks/ui.py [--runs 5] [--words 10000] [--quotes 300]

(a) cold start: a fresh `python` process imports the workbench, builds the main window and shows
    it (offscreen); the time from launching the process to the first shown frame, best and
    median of --runs, beside a bare `python -c pass` start-up for scale;
(b) opening an article through the real path (read, analyse and store on worker threads, then
    paint): a QTimer heartbeat every 5 ms records the gaps between its ticks; the longest gap is
    the longest time the window could not react. A generated article of --words words with
    --quotes quotes, beside the bundled 1,000-word sample in the same run.

Prints figures only; no thresholds. Uses temporary databases and settings, never the user's.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "samples" / "harbour-bridge-inquiry.txt"

FIRST = ["Mara", "Tobias", "Ines", "Kwame", "Liesel", "Ruben", "Anika", "Dmitri", "Salma", "Owen"]
LAST = ["Olsen", "Achebe", "Varga", "Lindqvist", "Moreau", "Castellano", "Ibsen", "Nakamura"]
ROLES = ["a council engineer", "the port director", "a harbour pilot", "the finance chief"]
WORDS = (
    "bridge council contract budget repairs ferry tender traffic inspection bearings "
    "schedule committee report deadline crews harbour lorries estimate witnesses approval "
    "night shift steel deck survey costs price public review office engineers spring"
).split()


def generated_article(words: int, quotes: int, seed: int = 7) -> str:
    """Plain paragraphs, each one quotation with its speaker, padded to the word count."""
    rng = random.Random(seed)
    paragraphs = ["Harbour works inquiry hears from crews, engineers and the council"]
    per_quote = max(12, words // quotes)
    for i in range(quotes):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
        said = " ".join(rng.choice(WORDS) for _ in range(10)).capitalize()
        filler = " ".join(rng.choice(WORDS) for _ in range(max(3, per_quote - 23)))
        paragraphs.append(
            f"“{said} and we checked it twice,” said {name}, {rng.choice(ROLES)}. The {filler}."
        )
    count = sum(len(p.split()) for p in paragraphs)
    while count < words:  # pad with plain reporting, no quotes, up to the word count
        filler = " ".join(rng.choice(WORDS) for _ in range(min(60, words - count)))
        paragraphs.append(f"The {filler}.")
        count += len(paragraphs[-1].split())
    return "\n\n".join(paragraphs) + "\n"


def isolated_env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "WORKBENCH_DB": str(folder / "bench.sqlite"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
    }


COLD_START = """
import sys, time
from workbench.ui.app import create_application
from workbench.ui.main_window import MainWindow
from PySide6.QtCore import QTimer
app = create_application()
window = MainWindow(remember=False)
window.show()
def shown():
    print("shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def cold_start(runs: int) -> tuple[list[float], list[float]]:
    starts, bare = [], []
    with tempfile.TemporaryDirectory() as folder:
        env = isolated_env(Path(folder))
        for _ in range(runs):
            began = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
            bare.append(time.perf_counter() - began)
            began = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-c", COLD_START],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            assert process.stdout is not None
            line = process.stdout.readline()
            starts.append(time.perf_counter() - began)
            process.wait(timeout=60)
            if line.strip() != "shown":
                raise SystemExit("the window did not show")
    return starts, bare


def open_with_heartbeat(path: Path) -> dict[str, float]:
    """Open ``path`` in a real window; the longest gap between 5 ms heartbeat ticks."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from workbench.ui.main_window import MainWindow
    from workbench.ui.views.article_view import QUOTE_KIND

    window = MainWindow(remember=False)
    window.resize(1400, 900)
    window.show()
    loop = QEventLoop()
    window.library_loaded.connect(loop.quit)
    window.open_database()
    loop.exec()
    while window.session.runner.pending:  # start measuring once start-up work (warm-up) is done
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(tick)
    shown_at = [0.0]

    def shown(_article_id: int) -> None:
        shown_at[0] = clock.nsecsElapsed() / 1e6
        # Keep beating a little after the page is shown: painting happens then.
        QTimer.singleShot(300, loop.quit)

    window.article_shown.connect(shown)
    clock.start()
    heartbeat.start()
    window.import_paths([str(path)])
    loop.exec()
    heartbeat.stop()
    quotes = window.review.quotes.rowCount()
    painted = len(window.review.article.highlights.painted(QUOTE_KIND))
    window.close()
    window.deleteLater()
    gaps_sorted = sorted(gaps)
    return {
        "shown_ms": shown_at[0],
        "longest_stall_ms": max(gaps) if gaps else 0.0,
        "p99_gap_ms": gaps_sorted[int(len(gaps_sorted) * 0.99) - 1] if gaps_sorted else 0.0,
        "stalls_over_100ms": sum(1 for g in gaps if g > 100),
        "quotes": quotes,
        "painted": painted,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=300)
    args = parser.parse_args()

    starts, bare = cold_start(args.runs)
    print(f"Cold start to a shown window ({args.runs} runs, offscreen):")
    print(
        f"  workbench window   best {min(starts) * 1000:6.0f} ms   median "
        f"{statistics.median(starts) * 1000:6.0f} ms"
    )
    print(
        f"  bare python -c     best {min(bare) * 1000:6.0f} ms   median "
        f"{statistics.median(bare) * 1000:6.0f} ms"
    )

    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(isolated_env(Path(folder)))
        from workbench.ui.app import create_application

        create_application()
        big = Path(folder) / "generated.txt"
        text = generated_article(args.words, args.quotes)
        big.write_text(text, encoding="utf-8")
        rows = [
            ("bundled sample (baseline)", SAMPLE, len(SAMPLE.read_text(encoding="utf-8").split())),
            ("generated article", big, len(text.split())),
        ]
        print("\nOpening an article (import on worker threads, then paint), heartbeat 5 ms:")
        print(
            f"  {'article':<27} {'words':>6} {'quotes':>6} {'shown':>9} "
            f"{'longest stall':>14} {'p99 gap':>8} {'>100 ms':>8}"
        )
        for label, path, words in rows:
            figures = open_with_heartbeat(path)
            print(
                f"  {label:<27} {words:>6} {figures['quotes']:>6} "
                f"{figures['shown_ms']:>7.0f}ms {figures['longest_stall_ms']:>12.1f}ms "
                f"{figures['p99_gap_ms']:>6.1f}ms {figures['stalls_over_100ms']:>8}"
            )


if __name__ == "__main__":
    main()
