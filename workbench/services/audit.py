"""The audit trail: the one way a change is written with its event, and verifying the chains.

Every use case that changes the review record goes through ``audited_write``: one transaction
that locks the article (through a quote, when the change is a quote's), makes the change,
appends its event to the article's hash chain (and to the library chain), and reads the
result back, so the change and its event are committed together or not at all.

It is also the one place where a change is checked against what its writer saw: a change to a
quote names the quote's ``version`` it was made from (``base_version``), and when someone else
has changed the quote since, it is refused in the same transaction with ``StaleChange``, a
sentence saying who changed what and when. Every event about a quote adds one to its version.
On PostgreSQL each event is also announced (``NOTIFY``, delivered at the commit) to the windows
following the record (``services.changes``).

``verify_audit`` checks every article's chain against everything a report shows, the library
chain against the articles (one deleted, one rewound), and, given an anchor, that the record
still extends the heads ``audit_anchor`` gave when an export or a sign-off took them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from workbench.errors import StaleChange, UserError
from workbench.settings import reviewer_name
from workbench.storage import audit, library_chain, repo
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
        if touch != (action in audit.STAMPING_ACTIONS):
            # The audit replay stamps a quote with the event's reviewer and time for exactly
            # these actions, so that who changed it is vouched for: keep the two in step.
            raise RuntimeError(f"{action}: touch must be {not touch} (see audit.STAMPING_ACTIONS)")
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
_READABLE_FIELDS = (
    "status", "note", "text", "start", "end", "kind", "part_of", "cue", "origin", "rejected",
    "changed_by", "changed_at",
)  # fmt: skip
_READABLE_ARTICLE = (*audit.ARTICLE_FIELDS, "content_sha256", "imported_at", "imported_by")
_READABLE_DOCUMENT = (
    "origin", "title", "media_type", "sha256", "final_url", "http_status", "captured_at",
    "captured_by", "page_starts",
)  # fmt: skip


def _changed(readable: Mapping[str, Any], audited: Mapping[str, Any], keys) -> list[str]:
    return [k for k in keys if k in audited and k in readable and readable[k] != audited[k]]


def _readable_copy_problems(document: Any) -> list[audit.Problem]:
    """An export's readable parts are a copy of the audited state: an edit there shows."""
    exports = document.get("articles", [document]) if isinstance(document, dict) else document
    problems: list[audit.Problem] = []
    for export in exports if isinstance(exports, list) else []:
        record = export.get("audit") if isinstance(export, dict) else None
        if not isinstance(record, dict) or not isinstance(export.get("quotes"), list):
            continue
        article_id = (record.get("article") or {}).get("id", 0)

        def problem(
            what: str, changed: list[str], quote_id: int | None = None, article_id=article_id
        ) -> None:
            problems.append(
                audit.Problem(
                    article_id=article_id,
                    quote_id=quote_id,
                    message=f"{what} in the readable part of the export does not match its "
                    f"audit record ({', '.join(changed)}): the file was edited after it was "
                    "exported.",
                )
            )

        readable_article = export.get("article")
        if isinstance(readable_article, dict):
            changed = _changed(readable_article, record.get("article") or {}, _READABLE_ARTICLE)
            if changed:
                problem(f"article {article_id}", changed)
        audited = {q.get("id"): q for q in record.get("quotes") or [] if isinstance(q, dict)}
        for quote in export["quotes"]:
            original = audited.get(quote.get("id")) if isinstance(quote, dict) else None
            if original is None:
                continue
            changed = _changed(quote, original, _READABLE_FIELDS)
            confidence = original.get("confidence")
            if "confidence" in quote and quote["confidence"] != (
                None if confidence is None else round(confidence, 2)
            ):
                changed.append("confidence")
            if changed:
                problem(f"quote {quote.get('id')}", changed, quote.get("id"))
        documents = {d.get("id"): d for d in record.get("documents") or [] if isinstance(d, dict)}
        for readable in export.get("primary_sources") or []:
            original = documents.get(readable.get("id")) if isinstance(readable, dict) else None
            changed = _changed(readable, original or {}, _READABLE_DOCUMENT)
            if changed:
                problem(f"primary source {readable.get('id')}", changed)
    return problems


def verify_audit(
    db: Database, *, article_id: int | None = None, anchor: Mapping[str, Any] | None = None
) -> audit.AuditReport:
    """Recompute every article's chain and replay it against the current state, check the
    library chain against the articles' (a deleted article, a rewound chain), and, given an
    ``anchor`` (``audit_anchor``, kept outside the database), that the chains still extend it."""
    report = audit.AuditReport(anchored=anchor is not None)
    with db.read() as session:
        ids = [article_id] if article_id is not None else repo.list_article_ids(session)
        hashes: dict[int, list[str]] = {}
        for aid in ids:
            state = repo.article_state(session, article_id=aid)
            events = repo.chain_events(session, article_id=aid)
            hashes[aid] = [e.hash for e in events]
            report.articles += 1
            report.events += len(events)
            problem = audit.verify_article(state, events)
            if problem is not None:
                report.problems.append(problem)
        library = repo.library_events(session)
        count, head = repo.library_head(session)
        report.library_events = len(library)
        for problem in library_chain.verify_library(
            library, chain_head=head, event_count=count, articles=hashes, only=article_id
        ):
            if not any(p.article_id == problem.article_id for p in report.problems if p.article_id):
                report.problems.append(problem)
        if anchor is not None:
            if article_id is not None:
                anchor = {**anchor, "articles": [
                    a for a in anchor.get("articles") or [] if a.get("id") == article_id
                ]}  # fmt: skip
            if any(a.get("id") not in hashes for a in anchor.get("articles") or []):
                hashes.update(repo.event_hashes(session))
            report.problems += library_chain.anchor_problems(
                anchor, library_hashes=[e.hash for e in library], article_hashes=hashes
            )
    return report


def audit_anchor(db: Database, *, article_ids: Iterable[int] | None = None) -> dict[str, Any]:
    """The chain heads now, as an anchor to keep outside the database (an export, a sign-off,
    `workbench audit anchor`): ``verify_audit(anchor=…)`` later proves the record extends them.

    ``article_ids``: only those articles' heads beside the library's (default: every article).
    """
    with db.read() as session:
        count, head = repo.library_head(session)
        heads = repo.article_heads(session)
    if article_ids is not None:
        wanted = set(article_ids)
        heads = {aid: value for aid, value in heads.items() if aid in wanted}
    return library_chain.anchor_of(
        library_head=head, library_count=count, articles=heads, at=utc_now(), database=db.name
    )


def describe_anchor(anchor: Mapping[str, Any]) -> str:
    """The anchor in one line, for a terminal or a report footer."""
    library = anchor.get("library") or {}
    articles = anchor.get("articles") or []
    line = (
        f"library chain at event {library.get('event_count', 0)}, "
        f"head {library.get('chain_head', '')}"
    )
    if len(articles) == 1:
        (only,) = articles
        line += f"; article {only['id']} at event {only['event_count']}, head {only['chain_head']}"
    return line


def load_anchor(path: str) -> dict[str, Any]:
    """The anchor in a file `workbench audit anchor -o` wrote, or in a JSON export."""
    import json
    from pathlib import Path

    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(f"Cannot read the anchor {path}: {error.strerror}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"{path} is not a JSON file ({error}).") from error
    anchors = library_chain.anchors_in(document)
    if len(anchors) != 1:
        raise UserError(
            f"{path} holds no anchor (`workbench audit anchor -o FILE` writes one, and every "
            f"JSON export carries one)."
            if not anchors
            else f"{path} holds {len(anchors)} anchors; give a file with one."
        )
    anchor = anchors[0]
    library = anchor.get("library")
    try:
        int(library["event_count"]), str(library["chain_head"])
        for entry in anchor.get("articles") or []:
            int(entry["id"]), int(entry["event_count"]), str(entry["chain_head"])
    except (KeyError, TypeError, ValueError):
        raise UserError(f"The anchor in {path} is incomplete; take a new one.") from None
    return anchor
