"""A reviewer's process killed (SIGKILL) in the middle of its writes, as the window holds it open.

The writer keeps one database open the whole time, as the window does (its engine, the anchor
connection, a change feed), and writes verdict after verdict; it says a verdict is saved only
after the commit returns. Killed anywhere, every verdict it said was saved is in the record with
its audit event, the one in flight is wholly there or wholly absent, and the next writer goes on.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.storage import open_database

WINDOW_LIKE_WRITER = """
import sys
from workbench import services
from workbench.storage import open_database
db_url, name = sys.argv[1], sys.argv[2]
statuses = ["verified", "misquoted", "in_review", "unverifiable"]
with open_database(db_url) as db, services.ChangeFeed(db) as feed:
    quote_ids = [q.id for q in services.list_quotes(db, article_id=1)]
    for n in range(10_000):
        feed.poll(timeout=0)  # the window follows the record between its own writes
        quote_id = quote_ids[n % len(quote_ids)]
        shown = services.get_quote(db, quote_id=quote_id)
        note = f"{name}-{n}"
        services.mark_status(db, quote_id=quote_id, status=statuses[n % 4], note=note,
                             reviewer=name, base_version=shown.version)
        print(note, flush=True)  # only now does the reviewer see it as saved
"""


def _prepare(db_url: str) -> None:
    with open_database(db_url) as db:
        article, analysis = make_article(THREE_QUOTES)
        services.import_article(db, article=article, analysis=analysis)


def _notes(db_url: str) -> list[str]:
    with open_database(db_url) as db:
        return [e.note for e in services.list_events(db, article_id=1) if e.note]


def _assert_intact(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        connection = sqlite3.connect(db_url)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    with open_database(db_url) as db:
        report = services.verify_audit(db)
        assert report.ok, report.problems


def _writer(db_url: str, name: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WINDOW_LIKE_WRITER, db_url, name],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def test_killed_while_committing_a_verdict_leaves_it_wholly_out(db_url, tmp_path):
    _prepare(db_url)
    hooks = {"WORKBENCH_TEST_PAUSE": "before_commit", "WORKBENCH_TEST_HOOK_DIR": str(tmp_path)}
    writer = _writer(db_url, "doomed", **hooks)
    deadline = time.monotonic() + 60
    while not (tmp_path / "before_commit.reached").exists():
        assert time.monotonic() < deadline and writer.poll() is None, writer.stderr.read()
        time.sleep(0.005)
    writer.send_signal(signal.SIGKILL)
    out, _err = writer.communicate(timeout=30)
    assert out == "" and _notes(db_url) == []  # the first verdict never reached the commit
    _assert_intact(db_url)
    survivor = _writer(db_url, "survivor")  # the next one is not held up by the dead one
    first = survivor.stdout.readline()
    assert first == "survivor-0\n", survivor.stderr.read()
    survivor.send_signal(signal.SIGKILL)
    out, _err = survivor.communicate(timeout=30)
    assert {"survivor-0", *out.split()} <= set(_notes(db_url))
    _assert_intact(db_url)


def test_killed_at_seeded_moments_every_verdict_it_reported_is_kept(db_url):
    _prepare(db_url)
    rng = random.Random(1126)
    reported: list[str] = []
    for attempt in range(3):
        writer = _writer(db_url, f"run{attempt}")
        # Wait for the writer to be in the thick of it, then kill it at a seeded moment.
        first = writer.stdout.readline()
        assert first, writer.stderr.read()
        reported.append(first.strip())
        time.sleep(rng.uniform(0.05, 0.4))
        writer.send_signal(signal.SIGKILL)
        out, _err = writer.communicate(timeout=30)
        reported += out.split()
        kept = _notes(db_url)
        assert set(reported) <= set(kept)  # every verdict it said was saved, is
        # ... and of those it never reported, at most the one in flight at each death.
        assert len(set(kept) - set(reported)) <= attempt + 1
        _assert_intact(db_url)


def test_the_next_writer_is_not_blocked_by_a_killed_one(db_url):
    _prepare(db_url)
    writer = _writer(db_url, "first")
    assert writer.stdout.readline()
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=30)
    with open_database(db_url, lock_timeout=5) as db:
        quote = services.list_quotes(db, article_id=1)[0]
        done = services.mark_status(
            db, quote_id=quote.id, status="verified", reviewer="Next", base_version=quote.version
        )
        assert done.quote.version == quote.version + 1
    _assert_intact(db_url)
