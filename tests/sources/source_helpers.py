"""Helpers of the primary-source tests: the fixtures' files, results, row counts."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
HEARING = DATA / "millbrook_hearing.txt"
ARTICLE = DATA / "millbrook_article.txt"

# Rows a failed command must not leave behind.
TABLES = ("source_document", "source_attachment", "link", "review_event")


@dataclass
class Result:
    code: int
    out: str
    err: str


def row_counts(db_path: Path) -> dict[str, int]:
    connection = sqlite3.connect(db_path)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in TABLES
        }
    finally:
        connection.close()


def assert_one_sentence(result: Result, *words: str, status: int = 2) -> None:
    assert result.code == status, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in lines[0], lines[0]
