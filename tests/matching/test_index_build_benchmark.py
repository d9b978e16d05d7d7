"""Smoke-run benchmarks/index_build.py on a small source so the script cannot rot (figures only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "index_build.py"


def test_index_build_benchmark_runs_and_both_builders_cut_the_same_words():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "0.05", "--runs", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    for label in ("build: old", "memory:", "stored:", "non-ascii"):
        assert label in result.stdout
    assert result.stdout.count("same words: yes") == 2, result.stdout
