"""Shared test set-up: Qt runs offscreen without a display, and no test touches the real profile."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# Qt aborts at start-up when there is no display; offscreen renders into memory instead.
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_SAMPLES = REPO_ROOT.parent / "shared" / "samples"


@pytest.fixture(autouse=True)
def _isolated_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the database and settings at the test's own folder, never the user's."""
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "workbench.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def workbench_cli():
    """Run `python -m workbench ...` in a fresh process, as a user would."""
    import subprocess

    def run(*args: str, input: str | None = None, env: dict | None = None):
        return subprocess.run(
            [sys.executable, "-m", "workbench", *args],
            capture_output=True,
            text=True,
            input=input,
            env={**os.environ, **(env or {})},
            timeout=120,
        )

    return run
