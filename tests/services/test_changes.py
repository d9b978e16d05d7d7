"""The change feed: what another window, a command or a colleague changed, with who and when.

A window polls it from a worker thread; these tests poll it as that thread would, while real
processes (`python -m workbench mark`) change the record, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.domain import Status
from workbench.errors import LostDatabase
from workbench.storage import open_database

FOLLOW_WITHIN = 10.0  # s the test waits at most; the feed itself wakes within a quarter second


def _article(db) -> list[int]:
    article, analysis = make_article(THREE_QUOTES)
    article_id = services.import_article(db, article=article, analysis=analysis).article_id
    return [q.id for q in services.list_quotes(db, article_id=article_id)]


def _mark_elsewhere(db_url: str, quote_id: int, status: str, reviewer: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", db_url, "mark", str(quote_id), status,
         "--reviewer", reviewer],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _poll_until(feed, events: int) -> list:
    """Poll as the window's worker does until ``events`` events have come (or time is up)."""
    changes: list = []
    for _ in range(20):
        changes += feed.poll(timeout=FOLLOW_WITHIN / 20)
        if sum(len(change.events) for change in changes) >= events:
            break
    return changes


def test_a_change_made_by_another_process_is_reported_with_who_and_the_quote_now(db, db_url):
    quote_ids = _article(db)
    with services.ChangeFeed(db) as feed:
        assert feed.poll(timeout=0) == []  # nothing has happened since it was opened
        _mark_elsewhere(db_url, quote_ids[1], "misquoted", "Ana Ferreira")
        [change] = _poll_until(feed, 1)
        assert change.quote_id == quote_ids[1] and change.article_id == 1
        assert change.quote.status is Status.MISQUOTED and change.quote.version == 2
        assert change.reviewers == ("Ana Ferreira",)
        assert [e.action for e in change.events] == ["quote.status"]
        assert re.fullmatch(r"Ana Ferreira changed #2 to misquoted at \d\d:\d\d", change.sentence)
        assert feed.poll(timeout=0) == []  # each change is reported once


def test_changes_from_several_writers_are_each_reported_once_in_commit_order(db, db_url):
    quote_ids = _article(db)
    with services.ChangeFeed(db) as feed:
        _mark_elsewhere(db_url, quote_ids[0], "in_review", "Bo Lindh")
        services.mark_status(db, quote_id=quote_ids[2], status="verified", reviewer="Ines Carvalho")
        _mark_elsewhere(db_url, quote_ids[0], "verified", "Ana Ferreira")
        changes = _poll_until(feed, 3)
    by_quote: dict[int, list[tuple[str, str]]] = {}
    for change in changes:
        for event in change.events:
            by_quote.setdefault(change.quote_id, []).append(
                (event.reviewer, event.to_state["status"])
            )
    assert by_quote == {
        quote_ids[0]: [("Bo Lindh", "in_review"), ("Ana Ferreira", "verified")],
        quote_ids[2]: [("Ines Carvalho", "verified")],
    }
    last = [c for c in changes if c.quote_id == quote_ids[0]][-1]
    assert last.quote.status is Status.VERIFIED  # the quote as it is now
    assert last.sentence.startswith("Ana Ferreira changed #1 to verified at ")


def test_an_article_imported_elsewhere_is_a_change_without_a_quote(db):
    with services.ChangeFeed(db) as feed:
        with services.open_review_database(db.url.render_as_string(hide_password=False)) as other:
            _article(other)
        [change] = _poll_until(feed, 1)
    assert change.quote is None and change.quote_id is None
    assert change.events[0].action == "article.imported"
    assert "in article 1: article imported with 3 detected quotes" in change.sentence


def test_a_feed_can_start_from_an_event_it_already_knows(db):
    quote_ids = _article(db)
    services.mark_status(db, quote_id=quote_ids[0], status="verified", reviewer="Bo Lindh")
    with services.ChangeFeed(db, since_event_id=0) as feed:
        changes = _poll_until(feed, 2)
    assert [e.action for c in changes for e in c.events] == ["article.imported", "quote.status"]


def test_a_replaced_database_file_is_reported_by_the_feed_before_any_write(tmp_path):
    with open_database(tmp_path / "review.sqlite") as db:
        _article(db)
        with services.ChangeFeed(db) as feed:
            stranger = tmp_path / "other.sqlite"
            stranger.write_bytes(Path(db.path).read_bytes())
            os.replace(stranger, db.path)
            with pytest.raises(LostDatabase, match="was moved, replaced or deleted"):
                feed.poll(timeout=0)
