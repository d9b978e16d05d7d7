"""Fixtures for the review record: a fresh database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from workbench.storage import Database, open_database
from workbench.storage.scratch import scratch_postgres_database

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
