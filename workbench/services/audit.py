"""The audit trail: the one way a change is written with its event, and verifying the chains.

Every use case that changes the review record goes through ``audited_write``: one transaction
that locks the article (through a quote, when the change is a quote's), makes the change,
appends its event to the article's hash chain, and reads the result back, so the change and
its event are committed together or not at all.

It is also the one place where a change is checked against what its writer saw: a change to a
quote names the quote's ``version`` it was made from (``base_version``), and when someone else
has changed the quote since, it is refused in the same transaction with ``StaleChange``, a
sentence saying who changed what and when. Every event about a quote adds one to its version.
On PostgreSQL each event is also announced (``NOTIFY``, delivered at the commit) to the windows
following the record (``services.changes``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from workbench.errors import StaleChange, UserError
from workbench.settings import reviewer_name
from workbench.storage import audit, repo
from workbench.storage.db import Database
from workbench.storage.models import ArticleRow, QuoteRow
from workbench.storage.records import QuoteRecord, ReviewEventRecord
from workbench.vocabulary import status_words, utc_now

CHANGE_CHANNEL = "workbench_review"  # PostgreSQL NOTIFY channel of the change feed


class AuditedWrite:
    """One change under way: the article it belongs to, locked; who makes it, and when."""

    def __init__(self, session: Session, reviewer: str, *, notify: bool = False) -> None:
        self.session = session
        self.reviewer = reviewer
        self.article: ArticleRow | None = None
        self.quote: QuoteRow | None = None  # the quote the change is about, if any
        self.at = ""
        self._quote_existed = False  # a locked quote gets a new version with each event
        self._notify = notify

    def lock_article(self, article_id: int) -> ArticleRow:
        """The article row, locked against other writers until the change is committed."""
        self.article = repo.lock_article(self.session, article_id=article_id)
        self.at = utc_now()  # once the lock is held: a chain is timed in the order it is written
        return self.article

    def lock_quote(
        self, quote_id: int, *, base_version: int | None = None, attempt: str = "your change"
    ) -> QuoteRow:
        """The quote, its article locked, read again after the lock (another writer may have
        changed it while this one waited).

        With ``base_version`` (the version the writer saw), a quote changed since is refused:
        ``StaleChange`` names who changed it, how and when, and says ``attempt`` ("your change
        to verified") was not saved; the transaction is rolled back with nothing written.
        """
        self.article, self.quote = repo.lock_quote(self.session, quote_id=quote_id)
        self.at = utc_now()
        self._quote_existed = True
        if base_version is not None and base_version != self.quote.version:
            raise self._stale(base_version, attempt)
        return self.quote

    def _stale(self, base_version: int, attempt: str) -> StaleChange:
        assert self.quote is not None and self.quote.id is not None
        latest = repo.latest_quote_event(self.session, quote_id=self.quote.id)
        number = f"#{self.quote.number}"
        if latest is None or base_version > self.quote.version:
            told = f"Quote {number} is at version {self.quote.version}, not {base_version}"
        else:
            told = f"{latest.reviewer} {change_phrase(latest, number)} at {clock_time(latest.at)}"
        current = repo.get_quote(self.session, quote_id=self.quote.id)
        return StaleChange(
            f"{told}; {attempt} was not saved.", current=current, base_version=base_version
        )

    def record(
        self,
        action: str,
        *,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        note: str | None = None,
        touch: bool = False,
    ) -> ReviewEventRecord:
        """Append the change's event to the article's chain (``touch``: the quote's fields
        changed, so it is stamped with who changed it and when)."""
        if self.article is None:
            raise RuntimeError("lock the article (or a quote) before recording a change")
        if touch and self.quote is not None:
            self.quote.changed_by, self.quote.changed_at = self.reviewer, self.at
            self.session.add(self.quote)
        if self.quote is not None and self._quote_existed:
            self.quote.version += 1
            self.session.add(self.quote)
        event = repo.append_event(
            self.session,
            article=self.article,
            quote_id=self.quote.id if self.quote is not None else None,
            action=action,
            from_state=before,
            to_state=after,
            note=note,
            reviewer=self.reviewer,
            at=self.at,
        )
        record = repo.event_record(event)
        self.announce(record)
        return record

    def announce(self, event: ReviewEventRecord) -> None:
        """Tell the windows following the record (PostgreSQL: NOTIFY, delivered at the commit;
        SQLite needs nothing, its feed sees the commit itself)."""
        if self._notify:
            payload = {"event": event.id, "article": event.article_id, "quote": event.quote_id}
            self.session.execute(
                sa.text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANGE_CHANNEL, "payload": json.dumps(payload)},
            )

    def quote_now(self) -> QuoteRecord:
        """The quote as this transaction leaves it, with its links."""
        if self.quote is None or self.quote.id is None:
            raise RuntimeError("no quote is being changed")
        self.session.flush()
        return repo.get_quote(self.session, quote_id=self.quote.id)


@contextmanager
def audited_write(db: Database, *, reviewer: str | None) -> Iterator[AuditedWrite]:
    """A change and its audit event in one transaction: both are committed, or neither."""
    who = reviewer_name(reviewer)
    with db.write() as session:
        yield AuditedWrite(session, who, notify=not db.is_sqlite)


# --- how a refused change names the change that came first --------------------------------


def clock_time(stamp: str) -> str:
    """A stored UTC time stamp as the reader's clock shows it: '10:42' today, else with the date."""
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError:
        return stamp
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%H:%M on %Y-%m-%d")


def change_phrase(event: ReviewEventRecord, number: str) -> str:
    """What an event did to a quote, after its reviewer's name: 'changed #2 to misquoted'."""
    before, after = event.from_state or {}, event.to_state or {}
    action = event.action
    if action == "quote.status":
        status = status_words(after.get("status", "")).label.lower()
        return f"changed {number} to {status}"
    if action == "quote.note":
        return (
            f"changed the note on {number}"
            if after.get("note")
            else f"cleared the note on {number}"
        )
    if action == "quote.corrected":
        if "speaker" in after:
            speaker = (after.get("speaker") or {}).get("name")
            return f"changed the speaker of {number} to {speaker or 'nobody'}"
        if "start" in after or "end" in after or "text" in after:
            return f"changed the words of {number}"
        if "kind" in after:
            return f"changed {number} to a {after['kind']} quote"
        return f"corrected {number}"
    if action == "quote.rejected":
        return f"rejected {number} as a false detection"
    if action == "quote.restored":
        return f"restored {number}"
    if action == "quote.added":
        return f"added {number}"
    if action == "link.added":
        source = (after.get("link") or {}).get("source_id")
        return f"linked {number} to primary source {source}"
    if action == "link.removed":
        source = (before.get("link") or {}).get("source_id")
        return f"unlinked {number} from primary source {source}"
    if action == "link.rejected":
        return f"rejected a passage for {number}"
    if action == "link.rejection_withdrawn":
        return f"took back a rejected passage for {number}"
    return f"changed {number}"


def list_events(db: Database, *, article_id: int) -> list[ReviewEventRecord]:
    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        return repo.list_events(session, article_id=article_id)


def audit_record(db: Database, *, article_id: int) -> dict[str, Any]:
    """One article's audit chain and current state as JSON-ready data, verifiable alone."""
    with db.read() as session:
        state = repo.article_state(session, article_id=article_id)
        events = repo.chain_events(session, article_id=article_id)
        text = repo.get_article_row(session, article_id=article_id).text
        return audit.record_of(state, events, text=text)


def verify_audit_file(path: str) -> audit.AuditReport:
    """Check the audit records in an exported JSON file, without any database."""
    from pathlib import Path

    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"{path} is not a JSON file ({error}).") from error
    records = audit.records_in(document)
    if not records:
        raise UserError(
            f"{path} holds no audit record (an export made with --format json has one)."
        )
    report = audit.AuditReport()
    for record in records:
        report.articles += 1
        report.events += len(record.get("events") or [])
        problem = audit.verify_record(record)
        if problem is not None:
            report.problems.append(problem)
    report.problems += _readable_copy_problems(document)
    return report


# What an export shows a reader beside its audit record, and must agree with it.
_READABLE_FIELDS = ("status", "note", "text", "start", "end", "kind")


def _readable_copy_problems(document: Any) -> list[audit.Problem]:
    """An export's readable quotes are a copy of the audited state: an edit there shows."""
    exports = document.get("articles", [document]) if isinstance(document, dict) else document
    problems: list[audit.Problem] = []
    for export in exports if isinstance(exports, list) else []:
        record = export.get("audit") if isinstance(export, dict) else None
        if not isinstance(record, dict) or not isinstance(export.get("quotes"), list):
            continue
        audited = {q.get("id"): q for q in record.get("quotes") or [] if isinstance(q, dict)}
        article_id = (record.get("article") or {}).get("id", 0)
        for quote in export["quotes"]:
            original = audited.get(quote.get("id")) if isinstance(quote, dict) else None
            if original is None:
                continue
            changed = [f for f in _READABLE_FIELDS if f in original and quote.get(f) != original[f]]
            if changed:
                problems.append(
                    audit.Problem(
                        article_id=article_id,
                        quote_id=quote.get("id"),
                        message=f"quote {quote.get('id')} in the readable part of the export "
                        f"does not match its audit record ({', '.join(changed)}): the file was "
                        "edited after it was exported.",
                    )
                )
    return problems


def verify_audit(db: Database, *, article_id: int | None = None) -> audit.AuditReport:
    """Recompute every article's chain and replay it against the quotes' current state."""
    report = audit.AuditReport()
    with db.read() as session:
        ids = [article_id] if article_id is not None else repo.list_article_ids(session)
        for aid in ids:
            state = repo.article_state(session, article_id=aid)
            events = repo.chain_events(session, article_id=aid)
            report.articles += 1
            report.events += len(events)
            problem = audit.verify_article(state, events)
            if problem is not None:
                report.problems.append(problem)
    return report
