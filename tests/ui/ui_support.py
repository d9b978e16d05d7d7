"""Constants and helpers the window tests share (a module of its own, so no test imports a conftest)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "resources" / "samples" / "harbour-bridge-inquiry.txt"
SAMPLE_GOLD = SAMPLE.with_name("harbour-bridge-inquiry.gold.json")
REVIEWER = "Test Reviewer"
LOAD_TIMEOUT = 30_000  # ms: importing runs the extractor on a worker thread

# The offscreen platform plugin warns that it cannot pass size hints to, raise a window in, or
# grab the keyboard of a window system it does not have (a completer popup does the last two).
# That is expected for every window shown here and says nothing about our code.
OFFSCREEN_LIMITS = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.session.runner.pending == 0, timeout=LOAD_TIMEOUT)
