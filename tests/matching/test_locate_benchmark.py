"""Smoke-run benchmarks/locate.py on a small source so the script cannot rot (figures only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "locate.py"


def test_locate_benchmark_runs_on_a_small_source():
    small = ["--megabytes", "0.05", "--quotes-per-kind", "2", "--baseline-quotes", "2"]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *small, "--seeds", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    for label in ("index:", "memory:", "locate:", "absent", "ratio:", "stored:"):
        assert label in result.stdout
