"""How the desktop window feels: stalls while articles open, a long article's first screen, the
library page, and what painting the highlights costs.

    .venv/bin/python benchmarks/ui.py [--runs 3] [--no-long] [--no-paint] [--huge]

Every figure is the median of --runs, each run in a fresh process with its own temporary
database and settings (never the user's), printed beside its floor measured in the same run:

(a) stalls: a 5 ms QTimer heartbeat in the shown window; the longest gap between two ticks is
    the longest the window could not react. Idle (the floor: the machine's own noise), then
    opening an article through the real path (read, find the quotes and store them on worker
    threads, then paint) until every row is in, plus 300 ms of painting: the bundled sample,
    10,000 words with 300 quotes, 75,000 words with 3,000 quotes; then a key press: J (the
    next quote, selected and painted) and V (verified: stored, then repainted);
(b) a 5 MB article (12,000 quotes): the time from asking to its first screen painted, the
    longest stall after that while its quotes are found, stored and shown, the time until
    every row is in, the process's peak memory, and a key press (J, V) once it is open; with
    --huge, once, the same for a 19.5 MB article (46,000 quotes), near the importer's limit;
(c) the library page with 1,000 articles: from asking for it to its rows painted, beside
    ``services.list_articles`` in the same process;
(d) painting an article's quotes: every span handed to Qt as an extra selection (as before),
    only those near the screen (as now), or a QSyntaxHighlighter over the blocks: the time to
    apply, to repaint, and memory.

Prints figures only; no thresholds. Cold start, `workbench mark` and `--version` are in
benchmarks/startup.py.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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

# (label, words, quotes) of the generated articles opened in (a) and (b).
ARTICLES = {
    "300": ("10,000 words", 10_000, 300),
    "3000": ("75,000 words", 75_000, 3_000),
    "5mb": ("5 MB", 680_000, 12_000),
    "20mb": ("19.5 MB", 2_650_000, 46_000),
}
HEARTBEAT_MS = 5
AFTER_SHOWN_MS = 300  # painting goes on a little after the last row is in


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
    """Environment for a child that never touches the user's database or settings."""
    config = folder / "config"
    (config / "workbench").mkdir(parents=True, exist_ok=True)
    settings = config / "workbench" / "settings.json"
    settings.write_text(json.dumps({"reviewer": "Benchmark"}), encoding="utf-8")
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "WORKBENCH_DB": str(folder / "bench.sqlite"),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(folder / "data"),
    }


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mb() -> float:
    """The process's resident memory now (Linux), to see what one way of painting holds."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


# --- the scenarios, each run in a child process ---------------------------------------------


class Heartbeat:
    """A 5 ms timer; the gaps between its ticks, with when each gap ended (ms from start)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.gaps: list[tuple[float, float]] = []  # (gap, ended at)
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._tick)

    def now(self) -> float:
        return self.clock.nsecsElapsed() / 1e6

    def start(self) -> None:
        self.clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = self.now()
        self.gaps.append((now - self._last, now))
        self._last = now

    def longest(self, after: float = 0.0) -> float:
        """The longest gap, of those that began after ``after`` (ms from the start)."""
        return max((gap for gap, ended in self.gaps if ended - gap >= after), default=0.0)

    def p99(self) -> float:
        ordered = sorted(gap for gap, _ended in self.gaps)
        return ordered[max(0, int(len(ordered) * 0.99) - 1)] if ordered else 0.0


def ready_window(db_target: str):
    """A shown main window with its database open and its start-up work done."""
    from PySide6.QtCore import QEventLoop

    from workbench.ui.app import create_application, settle_after_start
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import apply_stylesheet

    app = create_application()
    window = MainWindow(db_target=db_target, remember=False)
    apply_stylesheet(app)  # as `workbench` starts the window
    settle_after_start(window)
    window.resize(1400, 900)
    window.show()
    loop = QEventLoop()
    window.library_loaded.connect(loop.quit)
    window.open_database()
    loop.exec()
    while window.session.runner.pending:  # the extractor's warm-up, before measuring
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    return window


def scenario_idle(seconds: float = 2.0) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QTimer

    with tempfile.TemporaryDirectory() as folder:
        window = ready_window(str(Path(folder) / "idle.sqlite"))
        beat = Heartbeat()
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        beat.start()
        loop.exec()
        beat.stop()
        window.close()
    return {"longest_stall_ms": beat.longest(), "p99_gap_ms": beat.p99()}


def scenario_open(article: str) -> dict[str, Any]:
    """Import and show an article; stalls from asking until every row is in (+300 ms)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    from workbench.ui.views.article_view import QUOTE_KIND

    with tempfile.TemporaryDirectory() as folder:
        if article == "sample":
            path = SAMPLE
        else:
            _label, words, quotes = ARTICLES[article]
            path = Path(folder) / f"generated-{article}.txt"
            path.write_text(generated_article(words, quotes), encoding="utf-8")
        window = ready_window(str(Path(folder) / "open.sqlite"))
        view = window.review.article
        beat = Heartbeat()
        first_screen = [0.0]
        shown_at = [0.0]
        loop = QEventLoop()

        class FirstScreen(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if (
                    event.type() == QEvent.Type.Paint
                    and not first_screen[0]
                    and view.document().characterCount() > 1
                    and window.pages.currentWidget() is window.review
                ):
                    first_screen[0] = beat.now()
                return False

        watcher = FirstScreen()
        view.viewport().installEventFilter(watcher)

        def shown(_article_id: int) -> None:
            shown_at[0] = beat.now()
            QTimer.singleShot(AFTER_SHOWN_MS, loop.quit)

        window.article_shown.connect(shown)
        window.session.error.connect(lambda error: (print(error, file=sys.stderr), loop.quit()))
        beat.start()
        window.import_paths([str(path)])
        loop.exec()
        beat.stop()
        key_ms, change_ms = key_presses(window)
        figures = {
            "quotes": window.review.quotes.rowCount(),
            "painted": len(view.highlights.painted(QUOTE_KIND)),
            "first_screen_ms": first_screen[0],
            "shown_ms": shown_at[0],
            "longest_stall_ms": beat.longest(),
            "stall_after_first_screen_ms": beat.longest(after=first_screen[0] or 0.0),
            "p99_gap_ms": beat.p99(),
            "peak_memory_mb": peak_memory_mb(),
            "key_ms": key_ms,
            "change_ms": change_ms,
        }
        window.close()
    return figures


def key_presses(window) -> tuple[float, float]:
    """J (the next quote, selected and painted), and V (verified: stored, then repainted)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    from workbench.domain import Status

    clock = QElapsedTimer()
    clock.start()
    window.review.step(+1)
    QApplication.processEvents()
    key_ms = clock.nsecsElapsed() / 1e6
    loop = QEventLoop()
    window.change_applied.connect(loop.quit)
    clock.restart()
    window.reviewing.set_status(Status.VERIFIED)
    loop.exec()
    QApplication.processEvents()
    return key_ms, clock.nsecsElapsed() / 1e6


def build_library(target: str, articles: int) -> None:
    """A review database with ``articles`` generated articles (twelve quotes each)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from storage import generated_article as stored_article

    from workbench import services

    with services.open_review_database(target) as db:
        for number in range(articles):
            article, analysis = stored_article(number)
            services.import_article(db, article=article, analysis=analysis, reviewer="bench")


def scenario_library(target: str) -> dict[str, Any]:
    """From asking for the library to its rows painted, beside listing it in-process."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    from workbench import services

    window = ready_window(target)
    table = window.library.table
    loop = QEventLoop()
    painted_at = [0.0]
    asked_at = [0.0]

    class Painted(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            rows = window.library.model.rowCount()
            if event.type() == QEvent.Type.Paint and asked_at[0] and rows and not painted_at[0]:
                painted_at[0] = time.perf_counter()
                loop.quit()
            return False

    watcher = Painted()
    table.viewport().installEventFilter(watcher)
    window.library.model.set_entries([])  # so the rows painted are the ones asked for
    asked_at[0] = time.perf_counter()
    window.session.reload_library()
    loop.exec()
    page_ms = (painted_at[0] - asked_at[0]) * 1000
    rows = window.library.model.rowCount()
    window.close()
    with services.open_review_database(target) as db:
        started = time.perf_counter()
        services.list_articles(db)
        listed_ms = (time.perf_counter() - started) * 1000
    return {"page_ms": page_ms, "listed_ms": listed_ms, "rows": rows}


def block_highlighter(document, spans: list[tuple[int, int]], fmt):
    """The other way to paint: a QSyntaxHighlighter that formats each block as Qt lays it out."""
    from PySide6.QtGui import QSyntaxHighlighter

    starts = [start for start, _end in spans]

    class Blocks(QSyntaxHighlighter):
        def highlightBlock(self, _text: str) -> None:
            block = self.currentBlock()
            first, length = block.position(), block.length()
            i = bisect.bisect_left(starts, first)
            while i < len(spans) and spans[i][0] < first + length:
                start, end = spans[i]
                self.setFormat(start - first, min(end, first + length) - start, fmt)
                i += 1

    return Blocks(document)


def scenario_paint(words: int, quotes: int) -> dict[str, Any]:
    """The article view with every quote painted three ways: apply, repaint, memory."""
    from PySide6.QtGui import QTextCharFormat

    from workbench.ui.app import create_application
    from workbench.ui.views.article_view import QUOTE_KIND, ArticleView
    from workbench.ui.views.highlighter import REACH

    app = create_application()
    text = generated_article(words, quotes)
    spans, at = [], 0
    while (start := text.find("“", at)) >= 0:
        end = text.find("”", start)
        spans.append((start + 1, end))
        at = end
    figures: dict[str, Any] = {"quotes": len(spans)}
    for way in ("all", "near", "blocks"):
        view = ArticleView()
        view.resize(800, 900)
        view.show()
        view.set_article(text, [], [])
        app.processEvents()
        before = resident_mb()
        fmt = QTextCharFormat()
        fmt.setBackground(view.palette().highlight())
        started = time.perf_counter()
        if way == "blocks":
            view.block_highlighter = block_highlighter(view.document(), spans, fmt)
        else:
            view.highlights._reach = REACH if way == "near" else len(text) + 1
            view.highlights.set(QUOTE_KIND, ((s, e, fmt) for s, e in spans))
            view.highlights.apply()
        app.processEvents()
        figures[f"{way}_apply_ms"] = (time.perf_counter() - started) * 1000
        repaints = []
        for _ in range(3):
            started = time.perf_counter()
            view.viewport().repaint()
            repaints.append((time.perf_counter() - started) * 1000)
        figures[f"{way}_repaint_ms"] = statistics.median(repaints)
        # A key press that changes one quote's status: what repainting that quote costs.
        started = time.perf_counter()
        if way == "blocks":
            view.block_highlighter.rehighlightBlock(view.document().findBlock(spans[0][0]))
        else:
            view.highlights.set_one(QUOTE_KIND, 0, (*spans[0], fmt))
            view.highlights.apply()
        view.viewport().repaint()
        figures[f"{way}_change_ms"] = (time.perf_counter() - started) * 1000
        figures[f"{way}_memory_mb"] = resident_mb() - before
        view.close()
        view.deleteLater()
        app.processEvents()
    return figures


SCENARIOS = {"idle": scenario_idle, "open": scenario_open, "library": scenario_library}


# --- the parent: runs each scenario --runs times and prints medians -------------------------


def run_child(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode or not lines:
        raise SystemExit(f"benchmark child {args} failed:\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def medians(runs: list[dict[str, Any]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def repeated(args: list[str], runs: int) -> dict[str, float]:
    figures = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            figures.append(run_child(args, isolated_env(Path(folder))))
    return medians(figures)


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-long", action="store_true", help="skip the 5 MB article")
    parser.add_argument("--huge", action="store_true", help="also a 19.5 MB article (slow)")
    parser.add_argument("--no-paint", action="store_true", help="skip the painting comparison")
    parser.add_argument("--only-long", action="store_true", help="only the long article(s)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, *rest = args.child
        if name == "paint":
            figures = scenario_paint(int(rest[0]), int(rest[1]))
        elif name == "build":
            build_library(rest[0], int(rest[1]))
            figures = {}
        else:
            figures = SCENARIOS[name](*rest)
        print(json.dumps(figures), flush=True)
        return

    runs = args.runs
    print(f"Window stalls (median of {runs} runs; 5 ms heartbeat, its longest gap is the longest")
    print("the window could not react), from asking to open the article until every row is in:")
    print("Then a key press: J (next quote) and V (verified, stored and repainted).")
    print(
        f"  {'article':<20} {'quotes':>6} {'longest stall':>14} {'p99 gap':>9} {'all shown':>10}"
        f" {'J':>8} {'V':>8}"
    )
    idle = repeated(["idle"], runs)
    print(
        f"  {'idle window (floor)':<20} {'—':>6} {ms(idle['longest_stall_ms']):>14} "
        f"{ms(idle['p99_gap_ms']):>9} {'—':>10} {'—':>8} {'—':>8}"
    )
    short = () if args.only_long else (("sample", "bundled sample"), ("300", None), ("3000", None))
    for key, label in short:
        figures = repeated(["open", key], runs)
        print(
            f"  {label or ARTICLES[key][0]:<20} {figures['quotes']:>6,.0f} "
            f"{ms(figures['longest_stall_ms']):>14} {ms(figures['p99_gap_ms']):>9} "
            f"{figures['shown_ms'] / 1000:>8.2f} s {ms(figures['key_ms']):>8} "
            f"{ms(figures['change_ms']):>8}"
        )

    long_ones = [] if args.no_long else ["5mb"]
    if args.huge:
        long_ones.append("20mb")
    for key in long_ones:
        figures = repeated(["open", key], 1 if key == "20mb" else runs)
        print(
            f"\nA {ARTICLES[key][0]} article ({figures['quotes']:,.0f} quotes), "
            f"{'one run' if key == '20mb' else f'median of {runs}'}:"
        )
        print(f"  first screen painted            {figures['first_screen_ms'] / 1000:6.2f} s")
        print(
            f"  longest stall after it          {ms(figures['stall_after_first_screen_ms']):>8}"
            f"   (idle floor {ms(idle['longest_stall_ms'])})"
        )
        print(f"  longest stall from asking       {ms(figures['longest_stall_ms']):>8}")
        print(f"  every row in the table          {figures['shown_ms'] / 1000:6.1f} s")
        print(f"  peak memory of the process      {figures['peak_memory_mb']:6.0f} MB")
        print(
            f"  key press J / V                 {ms(figures['key_ms'])} / "
            f"{ms(figures['change_ms'])}"
        )

    if args.only_long:
        return
    with tempfile.TemporaryDirectory() as folder:
        library = str(Path(folder) / "library.sqlite")
        run_child(["build", library, "1000"], isolated_env(Path(folder)))
        pages = []
        for _ in range(runs):
            copy = Path(folder) / "copy.sqlite"
            shutil.copyfile(library, copy)
            pages.append(run_child(["library", str(copy)], isolated_env(Path(folder))))
            copy.unlink()
        page = medians(pages)
        print(
            f"\nLibrary page, {page['rows']:,.0f} articles: {ms(page['page_ms'])} from asking to "
            f"its rows painted (services.list_articles in-process: {ms(page['listed_ms'])})"
        )

    if not args.no_paint:
        print("\nPainting an article's quotes: every span handed to Qt (before), only those near")
        print("the screen (now), or a QSyntaxHighlighter over the blocks. Each cell: apply them")
        print("all / repaint the screen / one quote's new status repainted / memory held:")
        print(f"  {'quotes':>6}  {'every span':>34}  {'near the screen':>34}  {'over blocks':>34}")
        for words, quotes in ((75_000, 3_000), (680_000, 12_000)):
            figures = repeated(["paint", str(words), str(quotes)], runs)
            cells = [
                f"{ms(figures[f'{way}_apply_ms'])} / {ms(figures[f'{way}_repaint_ms'])} / "
                f"{ms(figures[f'{way}_change_ms'])} / {figures[f'{way}_memory_mb']:.0f} MB"
                for way in ("all", "near", "blocks")
            ]
            print(f"  {figures['quotes']:>6,.0f}  " + "  ".join(f"{c:>34}" for c in cells))


if __name__ == "__main__":
    main()
