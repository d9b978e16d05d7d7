"""Smoke-run the window benchmark's scenarios on the bundled sample so the script cannot rot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "ui.py"


def child(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--child", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_window_benchmark_opens_the_sample_and_presses_keys():
    figures = child("open", "sample")
    assert figures["quotes"] == figures["painted"] == 14
    assert figures["first_screen_ms"] > 0 and figures["shown_ms"] > 0
    assert {"longest_stall_ms", "key_ms", "change_ms", "peak_memory_mb"} <= set(figures)


def test_the_painting_comparison_paints_the_same_quotes_three_ways():
    figures = child("paint", "2000", "40")
    assert figures["quotes"] == 40
    for way in ("all", "near", "blocks"):
        assert {f"{way}_apply_ms", f"{way}_repaint_ms", f"{way}_change_ms"} <= set(figures)
