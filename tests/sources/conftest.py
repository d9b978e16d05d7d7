"""Fixtures of the primary-source tests: the CLI in this process (the web server: ../conftest.py)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from source_helpers import ARTICLE, Result


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbench.sqlite"  # where the autouse fixture points WORKBENCH_DB


@pytest.fixture
def run(capsys, monkeypatch):
    """Run `workbench ARGS` in this process (much faster than a subprocess per call)."""
    from workbench.cli import main

    def invoke(*args: object, stdin: bytes = b"") -> Result:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def article_id(run, db_path) -> int:
    result = run("import", ARTICLE)
    assert result.code == 0, result.err
    return int(result.out)
