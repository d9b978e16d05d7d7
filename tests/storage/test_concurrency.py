"""Two writers at once, and writers killed mid-way: no lost update, no half-written record.

Every test runs on SQLite and on PostgreSQL. Processes are real (`python -m workbench mark`),
killed with SIGKILL; a test-only pause point (``WORKBENCH_TEST_PAUSE``) stops a process at a
chosen moment around the commit so a test can race or kill it there.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.domain import Status
from workbench.storage import open_database


def _prepare(db_url: str) -> list[int]:
    with open_database(db_url) as db:
        article, analysis = make_article(THREE_QUOTES)
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        return [q.id for q in services.list_quotes(db, article_id=article_id)]


def _mark(db_url: str, quote_id: int, status: str, note: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", db_url, "mark", str(quote_id), status,
         "--note", note, "--reviewer", "Tester"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )  # fmt: skip


def _wait_for(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.005)


def _assert_consistent(db_url: str) -> None:
    """SQLite's own check passes, and the audit trail verifies."""
    if not db_url.startswith("postgresql"):
        connection = sqlite3.connect(db_url)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    with open_database(db_url) as db:
        report = services.verify_audit(db)
        assert report.ok, report.problems


def _notes_in_chain(db_url: str) -> list[str]:
    with open_database(db_url) as db:
        return [e.note for e in services.list_events(db, article_id=1) if e.note]


WRITER = """
import sys, time, os
from pathlib import Path
from workbench import services
from workbench.storage import open_database
db_url, quote_id, name, go = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
statuses = ["verified", "misquoted", "in_review"]
with open_database(db_url) as db:
    while not go.exists():
        time.sleep(0.002)
    for n in range(int(sys.argv[5])):
        services.mark_status(db, quote_id=quote_id, status=statuses[n % 3],
                             note=f"{name}-{n}", reviewer=name)
"""


def test_two_processes_marking_one_quote_lose_no_update(db_url, tmp_path):
    quote_id = _prepare(db_url)[0]
    go = tmp_path / "go"
    rounds = 12
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db_url, str(quote_id), name, str(go), str(rounds)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    time.sleep(0.8)  # both have imported and opened the database
    go.touch()
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    with open_database(db_url) as db:
        events = services.list_events(db, article_id=1)[1:]
        final = services.get_quote(db, quote_id=quote_id)
    assert len(events) == 2 * rounds
    assert {e.note for e in events} == {
        f"{n}-{i}" for n in ("alpha", "beta") for i in range(rounds)
    }
    for earlier, later in itertools.pairwise(events):
        # Each writer saw the status the one before it wrote: nothing was overwritten unseen.
        assert later.from_state["status"] == earlier.to_state["status"]
        assert later.prev_hash == earlier.hash
    assert final.status == events[-1].to_state["status"] and final.note == events[-1].note
    _assert_consistent(db_url)


def test_a_second_mark_waits_for_the_first_and_follows_it(db_url, tmp_path):
    quote_id = _prepare(db_url)[0]
    hooks = {"WORKBENCH_TEST_PAUSE": "after_lock", "WORKBENCH_TEST_HOOK_DIR": str(tmp_path)}
    first = _mark(db_url, quote_id, "verified", "first", **hooks)
    _wait_for(tmp_path / "after_lock.reached")
    second = _mark(db_url, quote_id, "misquoted", "second")
    time.sleep(1.0)
    assert second.poll() is None  # waiting for the first writer's lock, not overwriting
    (tmp_path / "after_lock.release").touch()
    assert first.wait(timeout=60) == 0, first.stderr.read()
    assert second.wait(timeout=60) == 0, second.stderr.read()
    with open_database(db_url) as db:
        first_event, second_event = services.list_events(db, article_id=1)[1:]
        assert services.get_quote(db, quote_id=quote_id).status is Status.MISQUOTED
    assert (first_event.note, second_event.note) == ("first", "second")
    assert second_event.from_state == {"status": "verified", "note": "first"}
    first.stdout.close(), first.stderr.close(), second.stdout.close(), second.stderr.close()
    _assert_consistent(db_url)


@pytest.mark.parametrize("point", ["after_lock", "before_commit", "after_commit"])
def test_killed_at_a_point_around_the_commit(db_url, tmp_path, point):
    quote_id = _prepare(db_url)[0]
    hooks = {"WORKBENCH_TEST_PAUSE": point, "WORKBENCH_TEST_HOOK_DIR": str(tmp_path)}
    process = _mark(db_url, quote_id, "verified", "doomed", **hooks)
    _wait_for(tmp_path / f"{point}.reached")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    committed = point == "after_commit"
    assert ("doomed" in _notes_in_chain(db_url)) is committed
    _assert_consistent(db_url)
    # The next writer is not blocked by the dead one.
    after = _mark(db_url, quote_id, "misquoted", "survivor")
    assert after.wait(timeout=60) == 0, after.stderr.read()
    after.stdout.close(), after.stderr.close()
    assert _notes_in_chain(db_url)[-1] == "survivor"
    _assert_consistent(db_url)


def test_killed_at_seeded_moments_just_after_the_commit_starts(db_url, tmp_path):
    quote_id = _prepare(db_url)[0]
    rng = random.Random(20261126)
    succeeded: list[str] = []
    for attempt in range(4):
        hooks = {"WORKBENCH_TEST_PAUSE": "before_commit", "WORKBENCH_TEST_HOOK_DIR": str(tmp_path)}
        for stale in tmp_path.glob("before_commit.*"):
            stale.unlink()
        note = f"seeded-{attempt}"
        process = _mark(db_url, quote_id, "verified", note, **hooks)
        _wait_for(tmp_path / "before_commit.reached")
        (tmp_path / "before_commit.release").touch()
        time.sleep(rng.uniform(0, 0.03))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        if process.returncode == 0:
            succeeded.append(note)
    notes = _notes_in_chain(db_url)
    assert set(succeeded) <= set(notes)
    _assert_consistent(db_url)


@pytest.mark.slow
def test_marks_killed_at_random_moments_forty_times(db_url):
    quote_ids = _prepare(db_url)
    rng = random.Random(40)
    statuses = [s.value for s in Status]
    # Most of a run is Python starting up; aim the kills at the time a whole mark takes here,
    # so that they land in the database work and around the commit, not in the imports.
    started = time.monotonic()
    calibration = _mark(db_url, quote_ids[0], "in_review", "calibration")
    assert calibration.wait(timeout=60) == 0
    calibration.communicate()
    whole_run = time.monotonic() - started
    reported: list[str] = ["calibration"]
    for pair in range(20):
        batch = []
        for n in range(2):  # two at once (one per core): they also race for the lock
            note = f"random-{pair}-{n}"
            process = _mark(db_url, rng.choice(quote_ids), rng.choice(statuses), note)
            batch.append((note, process, whole_run * rng.uniform(0.6, 1.3)))
        started = time.monotonic()
        for note, process, delay in sorted(batch, key=lambda item: item[2]):
            try:
                process.wait(timeout=max(0.0, started + delay - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
            out, _err = process.communicate(timeout=30)
            if process.returncode == 0:
                assert "is now" in out
                reported.append(note)
    assert len(reported) < 41  # some were killed on the way
    assert set(reported) <= set(_notes_in_chain(db_url))  # every reported mark was kept
    _assert_consistent(db_url)
