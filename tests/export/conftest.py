"""Fixtures: a fresh review library to export per test (built in export_library.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_library import Library, _build

from workbench.storage import Database, open_database


@pytest.fixture
def library_db(tmp_path: Path) -> Iterator[tuple[Database, Library]]:
    db = open_database(tmp_path / "export.sqlite")
    try:
        yield db, _build(db)
    finally:
        db.close()


@pytest.fixture
def library(library_db) -> Library:
    return library_db[1]


@pytest.fixture
def db(library_db) -> Database:
    return library_db[0]
