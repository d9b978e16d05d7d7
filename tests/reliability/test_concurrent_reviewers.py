"""Issue 11 case 2: reviewers at once on one record, each writing from what they saw.

Real processes on SQLite and on PostgreSQL: two to four reviewers marking the same quotes, each
change carrying the version its reviewer read. Every change is either saved on top of the one
its reviewer saw or refused with a sentence; none is lost, none overwrites one its reviewer
never saw, and the audit chain holds every saved change in order.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.domain import Status
from workbench.errors import StaleChange
from workbench.storage import open_database

REVIEWER = """
import json, random, sys, time
from pathlib import Path
from workbench import services
from workbench.errors import StaleChange
from workbench.storage import open_database
db_url, name, go, rounds = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
quote_ids = [int(q) for q in sys.argv[5].split(",")]
statuses = ["verified", "misquoted", "in_review", "unverifiable", "misattributed"]
think = random.Random(name)  # seeded: each reviewer hesitates the same way every run
with open_database(db_url) as db:
    while not go.exists():
        time.sleep(0.002)
    for n in range(rounds):
        quote_id = quote_ids[n % len(quote_ids)]
        seen = services.get_quote(db, quote_id=quote_id)  # what the reviewer looks at
        time.sleep(think.uniform(0, 0.004))  # ... and decides
        status = statuses[(n + len(name)) % len(statuses)]
        note = f"{name}-{n}"
        try:
            done = services.mark_status(db, quote_id=quote_id, status=status, note=note,
                                        reviewer=name, base_version=seen.version)
        except StaleChange as refused:
            print(json.dumps({"saved": False, "quote": quote_id, "base": seen.version,
                              "now": refused.current.version, "sentence": str(refused)}),
                  flush=True)
        else:
            print(json.dumps({"saved": True, "quote": quote_id, "base": seen.version,
                              "version": done.quote.version, "note": note, "status": status}),
                  flush=True)
"""


def _article(db_url: str) -> list[int]:
    with open_database(db_url) as db:
        article, analysis = make_article(THREE_QUOTES)
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        return [q.id for q in services.list_quotes(db, article_id=article_id)]


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


@pytest.mark.parametrize("reviewers", [2, 4])
def test_concurrent_reviewers_lose_nothing_and_overwrite_nothing_unseen(
    db_url, tmp_path, reviewers
):
    quote_ids = _article(db_url)[:2]
    go = tmp_path / "go"
    rounds = 10
    names = ["Ana Ferreira", "Bo Lindh", "Ines Carvalho", "Odile Brest"][:reviewers]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                REVIEWER,
                db_url,
                name,
                str(go),
                str(rounds),
                ",".join(map(str, quote_ids)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    time.sleep(1.0)  # each has started and opened the database
    go.touch()
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        outcomes += [json.loads(line) for line in out.splitlines()]
    assert len(outcomes) == reviewers * rounds  # every attempt was either saved or refused

    with open_database(db_url) as db:
        events = [e for e in services.list_events(db, article_id=1) if e.action == "quote.status"]
        final = {q: services.get_quote(db, quote_id=q) for q in quote_ids}
    for quote_id in quote_ids:
        saved = sorted((o for o in outcomes if o["saved"] and o["quote"] == quote_id),
                       key=lambda o: o["version"])  # fmt: skip
        # Each saved change was made from the version just before it: no two from one version.
        assert [o["base"] for o in saved] == list(range(1, len(saved) + 1))
        assert [o["version"] for o in saved] == list(range(2, len(saved) + 2))
        chain = [e for e in events if e.quote_id == quote_id]
        assert [e.note for e in chain] == [o["note"] for o in saved]  # none lost, none extra
        for earlier, later in itertools.pairwise(chain):
            assert later.from_state["status"] == earlier.to_state["status"]
        if saved:
            assert final[quote_id].version == saved[-1]["version"]
            assert (final[quote_id].status, final[quote_id].note) == (
                saved[-1]["status"], saved[-1]["note"],
            )  # fmt: skip
    for refusal in (o for o in outcomes if not o["saved"]):
        assert refusal["now"] > refusal["base"]
        assert re.fullmatch(
            r"(Ana Ferreira|Bo Lindh|Ines Carvalho|Odile Brest) changed #[12] to [a-z ]+ at "
            r"\d\d:\d\d; your change to [a-z ]+ was not saved\.",
            refusal["sentence"],
        ), refusal["sentence"]
    _assert_intact(db_url)


WINDOW_B = """
import json, sys, time
from pathlib import Path
from workbench import services
from workbench.errors import StaleChange
from workbench.storage import open_database
db_url, quote_id, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
with open_database(db_url) as db:
    shown = services.get_quote(db, quote_id=quote_id)
    (folder / "b-shows").touch()
    while not (folder / "b-go").exists():
        time.sleep(0.002)
    try:
        services.mark_status(db, quote_id=quote_id, status="misquoted", reviewer="Window B",
                             base_version=shown.version)
        print(json.dumps({"first": "saved"}), flush=True)
    except StaleChange as refused:
        # The window shows what is there now, and the reviewer marks again from it.
        shown = refused.current
        print(json.dumps({"first": str(refused), "now": str(shown.status)}), flush=True)
        again = services.mark_status(db, quote_id=quote_id, status="misquoted",
                                     reviewer="Window B", base_version=shown.version)
        print(json.dumps({"again": again.quote.version}), flush=True)
"""


def test_two_windows_see_each_other_and_a_stale_undo_is_refused(db_url, tmp_path):
    second = _article(db_url)[1]
    window_b = subprocess.Popen(
        [sys.executable, "-c", WINDOW_B, db_url, str(second), str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    with open_database(db_url) as db, services.ChangeFeed(db) as feed:
        deadline = time.monotonic() + 60
        while not (tmp_path / "b-shows").exists():
            assert time.monotonic() < deadline, "window B never showed the quote"
            time.sleep(0.01)
        # Window A marks #2 verified, from the version both windows show.
        mine = services.mark_status(
            db, quote_id=second, status="verified", reviewer="Window A", base_version=1
        )
        (tmp_path / "b-go").touch()
        out, err = window_b.communicate(timeout=120)
        assert window_b.returncode == 0, err
        first, again = (json.loads(line) for line in out.splitlines())
        assert re.fullmatch(
            r"Window A changed #2 to verified at \d\d:\d\d; your change to misquoted was not "
            r"saved\.",
            first["first"],
        )
        assert first["now"] == "verified"  # B was shown A's verdict, not left on its own
        # Window A learns of B's verdict from the feed, with who made it.
        seen = []
        for _ in range(40):
            seen += [c for c in feed.poll(timeout=0.25) if c.quote_id == second]
            if any(c.quote.version == again["again"] for c in seen):
                break
        assert seen and seen[-1].quote.status is Status.MISQUOTED
        assert seen[-1].sentence.startswith("Window B changed #2 to misquoted at ")
        # Ctrl+Z in A, made from the version A saved: refused, B's verdict stays.
        with pytest.raises(StaleChange, match=r"^Window B changed #2 to misquoted at "):
            services.mark_status(
                db, quote_id=second, status="unverified", reviewer="Window A",
                base_version=mine.quote.version,
            )  # fmt: skip
        assert services.get_quote(db, quote_id=second).status is Status.MISQUOTED
    _assert_intact(db_url)
    with open_database(db_url) as db:
        chain = [(e.reviewer, e.to_state["status"]) for e in services.list_events(db, article_id=1)
                 if e.action == "quote.status"]  # fmt: skip
    assert chain == [("Window A", "verified"), ("Window B", "misquoted")]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX processes")
def test_a_second_process_sees_every_verdict_of_a_long_running_one(tmp_path, workbench_cli):
    """The plain two-process case on SQLite, with no dialog: each verdict the first process
    writes is there for the next process that opens the file, while the first stays open."""
    path = tmp_path / "workbench.sqlite"
    quote_ids = _article(str(path))
    with open_database(path) as db:
        for quote_id, status in zip(
            quote_ids, ["verified", "misquoted", "unverifiable"], strict=True
        ):
            services.mark_status(db, quote_id=quote_id, status=status, reviewer="Ana Ferreira")
            listed = workbench_cli("--db", str(path), "quotes", "1", "--json")
            assert listed.returncode == 0, listed.stderr
            assert {q["id"]: q["status"] for q in json.loads(listed.stdout)}[quote_id] == status
        assert Path(f"{path}-wal").exists()  # the others never took the log away
