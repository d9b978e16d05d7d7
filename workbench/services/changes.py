"""Following the review record: what other windows, commands and colleagues changed, and who.

A window opens one ``ChangeFeed`` on its database and calls ``poll(timeout)`` from a worker
thread in a loop; each call returns as soon as something was committed elsewhere (at most
``timeout`` seconds later), as ``Change`` records: the article and quote touched, the quote as
it is now, and the audit events that say who did what and when. The feed learns of a commit

- on SQLite from ``PRAGMA data_version`` on the connection that holds the file's locks (it
  moves whenever any other connection, in this process or another, commits), checked every
  ``SQLITE_INTERVAL`` seconds;
- on PostgreSQL from ``LISTEN``: every audited write ``NOTIFY``s its events in its own
  transaction (``services.audit``), so the notice arrives exactly when the commit is visible.

It reports the window's own writes too; a window that already shows a quote's ``version``
(each write returns the new one) can skip a change whose ``quote.version`` is not newer.
On SQLite a poll also runs the file guard: a replaced file or lost locks raise
``LostDatabase`` there, before the window tries to write.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from workbench.errors import EnvironmentFault
from workbench.services.audit import CHANGE_CHANNEL, change_phrase, clock_time
from workbench.storage import repo
from workbench.storage.db import Database
from workbench.storage.records import QuoteRecord, ReviewEventRecord
from workbench.vocabulary import describe_event

SQLITE_INTERVAL = 0.25  # seconds between two looks at data_version: well inside the 2 s promise
MAX_EVENTS_PER_POLL = 500  # a burst (an import of a long article) is reported over a few polls


@dataclass(frozen=True)
class Change:
    """What changed of one quote (or of an article, ``quote_id`` None) since the last poll."""

    article_id: int
    quote_id: int | None
    quote: QuoteRecord | None  # the quote as it is now
    events: tuple[ReviewEventRecord, ...]  # what was done to it, oldest first

    @property
    def latest(self) -> ReviewEventRecord:
        return self.events[-1]

    @property
    def reviewers(self) -> tuple[str, ...]:
        """Who changed it, in the order they first did."""
        return tuple(dict.fromkeys(event.reviewer for event in self.events))

    @property
    def sentence(self) -> str:
        """'Ana Ferreira changed #2 to misquoted at 10:42' (the latest change), for a status bar."""
        event = self.latest
        at = clock_time(event.at)
        if self.quote is not None:
            told = f"{event.reviewer} {change_phrase(event, f'#{self.quote.number}')} at {at}"
        else:
            what = describe_event(event.action, event.from_state, event.to_state)
            told = f"{event.reviewer} at {at} in article {self.article_id}: {what}"
        others = len(self.events) - 1
        if others:
            told += f" (and {others} earlier change{'s' if others > 1 else ''})"
        return told

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "quote_id": self.quote_id,
            "version": self.quote.version if self.quote else None,
            "quote": self.quote.to_dict() if self.quote else None,
            "sentence": self.sentence,
            "events": [
                {"id": e.id, "seq": e.seq, "action": e.action, "reviewer": e.reviewer, "at": e.at}
                for e in self.events
            ],
        }


class ChangeFeed:
    """The changes committed to one database after a point (by default: after it was opened)."""

    def __init__(self, db: Database, *, since_event_id: int | None = None) -> None:
        self.db = db
        self._listener: Any = None
        self._data_version: int | None = None
        self._catching_up = since_event_id is not None
        self._caught_up: set[int] = set()  # PostgreSQL: read while catching up, notified too
        # Listening (or noting data_version) comes before reading the cursor, so a commit in
        # between is reported, never lost between the two.
        if not db.is_sqlite:
            self._listener = _listen(db)
        elif db.shared is not None:
            self._data_version = self._sqlite_data_version()
        if since_event_id is None:
            with db.read() as session:
                since_event_id = repo.last_event_id(session)
        else:
            self._data_version = None  # catching up: the first poll reads whatever it finds
        self.cursor = since_event_id  # the newest event reported so far

    def poll(self, timeout: float = 0.0) -> list[Change]:
        """Changes committed since the last poll; waits up to ``timeout`` s for the first one."""
        if self._listener is not None:
            return self._poll_postgres(timeout)
        self.db.check_still_held()
        deadline = time.monotonic() + timeout
        while True:
            changes = self._poll_sqlite()
            if changes or time.monotonic() >= deadline:
                return changes
            time.sleep(min(SQLITE_INTERVAL, max(0.0, deadline - time.monotonic())))

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- SQLite ---------------------------------------------------------------------------

    def _sqlite_data_version(self) -> int | None:
        shared = self.db.shared
        if shared is None:
            return None
        with self.db.faults_as_sentences(), shared.anchored() as anchor:
            return anchor.execute("PRAGMA data_version").fetchone()[0]

    def _poll_sqlite(self) -> list[Change]:
        version = self._sqlite_data_version()
        if version is not None and version == self._data_version:
            return []  # nobody committed anything: not even a query
        with self.db.read() as session:
            events = repo.events_after(session, after_id=self.cursor, limit=MAX_EVENTS_PER_POLL)
            changes = _changes(session, events)
        if len(events) < MAX_EVENTS_PER_POLL:
            self._data_version = version  # else the rest are read at the next poll
        if events:
            self.cursor = events[-1].id
        return changes

    # --- PostgreSQL -----------------------------------------------------------------------

    def _poll_postgres(self, timeout: float) -> list[Change]:
        import psycopg

        if self._catching_up:  # the events already there, before any notice
            with self.db.read() as session:
                events = repo.events_after(session, after_id=self.cursor, limit=MAX_EVENTS_PER_POLL)
                changes = _changes(session, events)
            self._catching_up = len(events) == MAX_EVENTS_PER_POLL
            self._caught_up |= {event.id for event in events}
            if events:
                self.cursor = events[-1].id
                return changes
        ids: list[int] = []
        try:
            for notice in self._listener.notifies(timeout=timeout, stop_after=1):
                ids.append(_event_id(notice.payload))
            if ids:  # drain what else is already there, without waiting
                for notice in self._listener.notifies(timeout=0.01):
                    ids.append(_event_id(notice.payload))
        except psycopg.Error as error:
            raise EnvironmentFault(
                f"Lost the connection that follows the review database {self.db.name} "
                f"({str(error).strip().splitlines()[0] if str(error) else type(error).__name__}); "
                f"changes made elsewhere are not shown until it is reopened."
            ) from error
        wanted = sorted({i for i in ids if i > 0} - self._caught_up)
        if not wanted:
            return []
        with self.db.read() as session:
            events = repo.events_by_id(session, ids=wanted)
            changes = _changes(session, events)
        self.cursor = max([self.cursor, *wanted])
        return changes


def _changes(session, events: list[ReviewEventRecord]) -> list[Change]:
    """Events grouped by the quote (or article) they touched, with each quote as it is now."""
    grouped: dict[tuple[int, int | None], list[ReviewEventRecord]] = {}
    for event in events:
        grouped.setdefault((event.article_id, event.quote_id), []).append(event)
    changes = []
    for (article_id, quote_id), touched in grouped.items():
        quote = repo.get_quote(session, quote_id=quote_id) if quote_id is not None else None
        changes.append(Change(article_id, quote_id, quote, tuple(touched)))
    return changes


def _event_id(payload: str) -> int:
    try:
        return int(json.loads(payload).get("event") or 0)
    except (ValueError, AttributeError, TypeError):
        return 0


def _listen(db: Database):
    """A connection of its own, outside the pool, listening on the change channel."""
    import psycopg

    url = db.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with db.faults_as_sentences():
        try:
            connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise EnvironmentFault(
                f"Cannot follow the review database {db.name}: {error}".rstrip(".") + "."
            ) from error
        connection.execute(f"LISTEN {CHANGE_CHANNEL}")
    return connection
