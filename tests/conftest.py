"""Shared test set-up: Qt runs offscreen without a display, and no test touches the real profile."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_server import local_web_server, refuse_other_hosts

from workbench.storage import Database, open_database
from workbench.storage.scratch import scratch_postgres_database

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


@pytest.fixture(autouse=True)
def _only_local_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test looks up any host but 127.0.0.1 (tests reach only their own local servers).

    The test servers listen on 127.0.0.1, which the fetcher refuses unless the user opts in to
    private hosts, so tests opt in for that one address (as a newsroom would for its own); the
    tests of the guard itself take the opt-in away.
    """
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_HOSTS", "127.0.0.1")
    refuse_other_hosts(monkeypatch)


@pytest.fixture
def web_server():
    """A web server on 127.0.0.1 whose pages the test sets (tests/web_server.py)."""
    with local_web_server() as server:
        yield server


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


# --- the review database: a fresh one per test, on SQLite and on PostgreSQL -----------------

PG_SERVER_URL = os.environ.get("WORKBENCH_TEST_PG_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty review database: a SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "review.sqlite")
        return
    if not PG_SERVER_URL:
        pytest.skip("WORKBENCH_TEST_PG_URL is not set (no PostgreSQL server for the tests)")
    with scratch_postgres_database(PG_SERVER_URL) as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the PostgreSQL test server (skips when there is none)."""
    if not PG_SERVER_URL:
        pytest.skip("WORKBENCH_TEST_PG_URL is not set (no PostgreSQL server for the tests)")
    with scratch_postgres_database(PG_SERVER_URL) as url:
        yield url
