"""Start-up imports only what it uses: the command line's parser loads no engine, database or
network library, and each command loads what it needs when it runs."""

from __future__ import annotations

import json
import subprocess
import sys

# What a command pays for only when it uses it (hundreds of milliseconds between them).
HEAVY = ("httpx", "rapidfuzz", "sqlalchemy", "sqlmodel", "alembic", "PySide6", "pydantic")
ENGINE = ("workbench.matching", "workbench.services", "workbench.storage", "workbench.extraction")


def modules_after(code: str) -> list[str]:
    """The modules a fresh interpreter holds after running ``code`` (pytest loaded Qt here)."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def heavy_among(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(ENGINE)]


def test_building_the_parser_loads_no_engine_database_or_network_library():
    modules = modules_after("from workbench.cli import build_parser\nbuild_parser()")
    assert heavy_among(modules) == []
    assert "workbench.commands.sources" in modules  # every command was registered


def test_version_is_printed_without_the_engine_or_the_database():
    code = (
        "from workbench.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    )
    modules = modules_after(code)
    assert heavy_among(modules) == []


def test_a_review_command_loads_the_database_but_not_the_matcher_the_network_or_qt(tmp_path):
    database = tmp_path / "review.sqlite"
    code = f"from workbench.cli import main\nmain(['--db', {str(database)!r}, 'articles'])"
    modules = modules_after(code)
    assert "sqlalchemy" in modules  # it did reach the database
    assert [
        m for m in heavy_among(modules) if m.split(".")[0] in ("httpx", "rapidfuzz", "PySide6")
    ] == []
    assert not [m for m in modules if m.startswith(("workbench.matching", "workbench.extraction"))]
