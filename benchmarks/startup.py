"""Start-up: the window's cold start, `workbench mark` and `workbench --version`, as processes.

    .venv/bin/python benchmarks/startup.py [--runs 3]

Each figure is the median of --runs fresh processes, beside its floors measured in the same run:
`python -c pass` and, for the window, a bare Qt window (QApplication and an empty QMainWindow,
shown). The window is started by the real path (`workbench`: the command line's parser, then the
app), offscreen, and timed from launching the process to its first frame painted, then to the
library filled in. Twice: without a bytecode cache for the workbench (this checkout, where
PYTHONDONTWRITEBYTECODE=1 leaves every module to be compiled at each start) and with one (as an
installed copy has; kept under PYTHONPYCACHEPREFIX in a temporary folder, never in the tree).

Prints figures only; no thresholds. Uses temporary databases and settings, never the user's.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui import SAMPLE, isolated_env  # benchmarks/ui.py, beside this script

# The window started as `workbench` starts it; the app's hook that receives the window just
# before it is shown is wrapped to watch for its first frame and the library page's rows.
WINDOW = """
import sys, time
import workbench.ui.app as app

install = app._install_excepthook

def watch(window):
    install(window)
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    class FirstFrame(QObject):
        seen = False
        def eventFilter(self, _watched, event):
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                print("painted", time.time(), flush=True)
            return False

    window.first_frame = FirstFrame(window)
    window.installEventFilter(window.first_frame)

    def loaded():
        print("library", time.time(), flush=True)
        QApplication.quit()

    window.library_loaded.connect(loaded)

app._install_excepthook = watch
from workbench.cli import main
sys.exit(main([]))
"""

BARE_QT = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 820)

class FirstFrame(QObject):
    def eventFilter(self, _watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", time.time(), flush=True)
            app.quit()
        return False

watcher = FirstFrame()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def timed_lines(arguments: list[str], env: dict[str, str]) -> dict[str, float]:
    """Launch a process; seconds from launch to each "label <time>" line it prints, and to exit."""
    began = time.time()
    process = subprocess.Popen(
        arguments, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    stdout, _ = process.communicate(timeout=120)
    ended = time.time()
    if process.returncode:
        raise SystemExit(f"{' '.join(arguments[:3])} … failed with status {process.returncode}")
    marks = {"exit": ended - began}
    for line in stdout.splitlines():
        label, _, stamp = line.partition(" ")
        try:
            marks[label] = float(stamp) - began
        except ValueError:
            continue
    return marks


def median_of(runs: int, arguments: list[str], env: dict[str, str], mark: str) -> float:
    return statistics.median(timed_lines(arguments, env)[mark] for _ in range(runs))


def window_figures(runs: int, env: dict[str, str]) -> dict[str, float]:
    starts = [timed_lines([sys.executable, "-c", WINDOW], env) for _ in range(runs)]
    return {
        "painted": statistics.median(s["painted"] for s in starts),
        "library": statistics.median(s["library"] for s in starts),
        "bare_qt": median_of(runs, [sys.executable, "-c", BARE_QT], env, "painted"),
        "python": median_of(runs, [sys.executable, "-c", "pass"], env, "exit"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    workbench = [sys.executable, "-m", "workbench"]

    with tempfile.TemporaryDirectory() as folder:
        base = isolated_env(Path(folder))
        no_cache = {**base, "PYTHONDONTWRITEBYTECODE": "1"}
        no_cache.pop("PYTHONPYCACHEPREFIX", None)
        cache = {**base, "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        cache.pop("PYTHONDONTWRITEBYTECODE", None)
        # The database exists and is up to date, with the sample in it, before anything is timed.
        subprocess.run(
            [*workbench, "import", str(SAMPLE)], env=cache, check=True, capture_output=True
        )
        for warm in ([sys.executable, "-c", WINDOW], [sys.executable, "-c", BARE_QT]):
            timed_lines(warm, cache)  # fills the bytecode cache

        print(f"Cold start to a shown window (median of {args.runs}, offscreen, a 2-core machine):")
        print(f"  {'':<44} {'no cache':>10} {'with cache':>11}")
        figures = {
            name: window_figures(args.runs, env) for name, env in (("no", no_cache), ("yes", cache))
        }
        rows = (
            ("workbench: first frame painted", "painted"),
            ("workbench: library page filled in", "library"),
            ("bare Qt window: first frame painted (floor)", "bare_qt"),
            ("python -c pass (floor)", "python"),
        )
        for label, key in rows:
            print(f"  {label:<44} {figures['no'][key]:>8.2f} s {figures['yes'][key]:>9.2f} s")

        print(f"\nOne command, start to exit (median of {args.runs}):")
        print(f"  {'':<44} {'no cache':>10} {'with cache':>11}")
        statuses = ("verified", "in_review")
        commands = (
            ("workbench mark QUOTE STATUS", lambda i: [*workbench, "mark", "1", statuses[i % 2]]),
            ("workbench --version", lambda _i: [*workbench, "--version"]),
            ("python -c pass (floor)", lambda _i: [sys.executable, "-c", "pass"]),
        )
        for label, command in commands:
            cells = []
            for env in (no_cache, cache):
                times = [timed_lines(command(i), env)["exit"] for i in range(args.runs)]
                cells.append(statistics.median(times))
            print(f"  {label:<44} {cells[0]:>8.2f} s {cells[1]:>9.2f} s")


if __name__ == "__main__":
    main()
