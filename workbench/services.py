"""Use cases of the review workflow, shared by the command line and the GUI.

Each function takes an open ``Database`` first and keyword arguments after, runs in one
transaction, writes its audit event in that same transaction, and returns plain records.
Unknown ids and bad values raise ``UserError``; faults of the database ``EnvironmentFault``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any, Final

from sqlmodel import select

from workbench.domain import Analysis, Article, QuoteKind, SpeakerRef, Status
from workbench.errors import EnvironmentFault, UserError
from workbench.settings import load_settings, reviewer_name
from workbench.storage import audit, repo
from workbench.storage.backup import daily_backup
from workbench.storage.db import Database, open_database, pause_point
from workbench.storage.models import LinkRow, PersonRow, QuoteRow
from workbench.storage.records import (
    ArticleRecord,
    ArticleSummary,
    LinkRecord,
    PersonRecord,
    QuoteRecord,
    ReviewEventRecord,
    SourceDocumentRecord,
    SourceRecord,
)

log = logging.getLogger(__name__)

__all__ = [
    "ArticleRecord",
    "ArticleSummary",
    "Database",
    "ImportResult",
    "LinkRecord",
    "MarkResult",
    "PersonRecord",
    "QuoteRecord",
    "ReviewEventRecord",
    "SourceDocumentRecord",
    "SourceRecord",
]


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    quote_count: int
    source_count: int


@dataclass(frozen=True)
class MarkResult:
    quote: QuoteRecord
    previous_status: Status
    event: ReviewEventRecord


def open_review_database(target: str | None = None, *, backup: bool = False) -> Database:
    """Open the database named by --db / WORKBENCH_DB (or the default file).

    With ``backup``, the day's first opening for writing copies the SQLite file first; a failed
    backup is logged and does not stop the review (the database itself is untouched).
    """
    database = open_database(target if target is not None else os.environ.get("WORKBENCH_DB"))
    if backup and database.path is not None:
        try:
            daily_backup(database.path, keep=load_settings().backups_kept)
        except EnvironmentFault as fault:
            log.warning("%s", fault)
    return database


def parse_status(value: str) -> Status:
    normalised = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Status(normalised)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise UserError(f"{value!r} is not a status; use one of: {choices}.") from None


def parse_kind(value: str) -> QuoteKind:
    try:
        return QuoteKind(value.strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in QuoteKind)
        raise UserError(f"{value!r} is not a kind of quote; use one of: {choices}.") from None


# --- articles -----------------------------------------------------------------------------


def import_article(
    db: Database,
    *,
    article: Article,
    analysis: Analysis | None = None,
    title: str | None = None,
    reviewer: str | None = None,
) -> ImportResult:
    """Store an article with the quotes and sources the engine finds (or ``analysis`` gives)."""
    if not article.text.strip():
        raise UserError(f"{article.origin or 'The article'} has no text to import.")
    if analysis is None:
        from workbench.extraction import analyze_text

        analysis = analyze_text(article.text)
    who = reviewer_name(reviewer)
    with db.write() as session:
        row = repo.add_article(
            session,
            article=article,
            analysis=analysis,
            title=title,
            reviewer=who,
            at=repo.utc_now(),
        )
        return ImportResult(
            article_id=row.id or 0,
            quote_count=len(analysis.quotes),
            source_count=len(analysis.sources),
        )


def list_articles(db: Database) -> list[ArticleSummary]:
    with db.read() as session:
        return repo.list_article_summaries(session)


def get_article(db: Database, *, article_id: int) -> ArticleRecord:
    with db.read() as session:
        return repo.article_record(repo.get_article_row(session, article_id=article_id))


def list_sources(db: Database, *, article_id: int) -> list[SourceRecord]:
    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        return repo.list_sources(session, article_id=article_id)


def list_events(db: Database, *, article_id: int) -> list[ReviewEventRecord]:
    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        return repo.list_events(session, article_id=article_id)


# --- quotes -------------------------------------------------------------------------------


def list_quotes(
    db: Database, *, article_id: int, include_rejected: bool = False
) -> list[QuoteRecord]:
    with db.read() as session:
        return repo.list_quotes(session, article_id=article_id, include_rejected=include_rejected)


def get_quote(db: Database, *, quote_id: int) -> QuoteRecord:
    with db.read() as session:
        return repo.get_quote(session, quote_id=quote_id)


def _touch(quote: QuoteRow, who: str, at: str) -> None:
    quote.changed_by = who
    quote.changed_at = at


def _refuse_rejected(quote: QuoteRow) -> None:
    if quote.rejected:
        raise UserError(
            f"Quote {quote.id} was rejected as a false detection; restore it before reviewing it."
        )


def mark_status(
    db: Database,
    *,
    quote_id: int,
    status: Status | str,
    note: str | None = None,
    reviewer: str | None = None,
) -> MarkResult:
    """Set a quote's review status (and note, when given); its event lands in the same commit."""
    new_status = status if isinstance(status, Status) else parse_status(status)
    who = reviewer_name(reviewer)
    with db.write() as session:
        article, quote = repo.lock_quote(session, quote_id=quote_id)
        pause_point("after_lock")
        _refuse_rejected(quote)
        before: dict[str, Any] = {"status": quote.status}
        after: dict[str, Any] = {"status": str(new_status)}
        if note is not None:
            before["note"], after["note"] = quote.note, note
            quote.note = note
        previous = Status(quote.status)
        quote.status = str(new_status)
        at = repo.utc_now()
        _touch(quote, who, at)
        session.add(quote)
        event = repo.append_event(
            session,
            article=article,
            quote_id=quote_id,
            action="quote.status",
            from_state=before,
            to_state=after,
            note=note,
            reviewer=who,
            at=at,
        )
        result = MarkResult(
            quote=repo.get_quote(session, quote_id=quote_id),
            previous_status=previous,
            event=repo.event_record(event),
        )
    return result


def edit_note(
    db: Database, *, quote_id: int, note: str | None, reviewer: str | None = None
) -> QuoteRecord:
    who = reviewer_name(reviewer)
    note = note if note and note.strip() else None
    with db.write() as session:
        article, quote = repo.lock_quote(session, quote_id=quote_id)
        at = repo.utc_now()
        repo.append_event(
            session,
            article=article,
            quote_id=quote_id,
            action="quote.note",
            from_state={"note": quote.note},
            to_state={"note": note},
            note=None,
            reviewer=who,
            at=at,
        )
        quote.note = note
        _touch(quote, who, at)
        session.add(quote)
        session.flush()
        return repo.get_quote(session, quote_id=quote_id)


def _check_span(text: str, start: int, end: int) -> None:
    if not (0 <= start < end <= len(text)):
        raise UserError(
            f"The span {start}–{end} is not inside the article (0–{len(text)}) or is empty."
        )


def correct_quote(
    db: Database,
    *,
    quote_id: int,
    start: int | None = None,
    end: int | None = None,
    kind: QuoteKind | str | None = None,
    speaker: SpeakerRef | _Unchanged | None = UNCHANGED,
    note: str | None = None,
    reviewer: str | None = None,
) -> QuoteRecord:
    """Correct what the extractor got wrong: the span, the kind, or the speaker (None: nobody)."""
    who = reviewer_name(reviewer)
    with db.write() as session:
        article, quote = repo.lock_quote(session, quote_id=quote_id)
        before = repo.quote_state(quote)
        if start is not None or end is not None:
            new_start = quote.start if start is None else start
            new_end = quote.end if end is None else end
            _check_span(article.text, new_start, new_end)
            quote.start, quote.end = new_start, new_end
            quote.text = article.text[new_start:new_end]
        if kind is not None:
            quote.kind = str(kind if isinstance(kind, QuoteKind) else parse_kind(kind))
        if not isinstance(speaker, _Unchanged):
            if speaker is not None and not speaker.name.strip():
                raise UserError("A speaker needs a name (or pass none to clear it).")
            repo.set_speaker(session, quote=quote, speaker=speaker, source_type="person")
        after = repo.quote_state(quote)
        changed = [key for key in after if after[key] != before[key]]
        if not changed:
            return repo.get_quote(session, quote_id=quote_id)
        at = repo.utc_now()
        _touch(quote, who, at)
        session.add(quote)
        repo.append_event(
            session,
            article=article,
            quote_id=quote_id,
            action="quote.corrected",
            from_state={key: before[key] for key in changed},
            to_state={key: after[key] for key in changed},
            note=note,
            reviewer=who,
            at=at,
        )
        return repo.get_quote(session, quote_id=quote_id)


def add_quote(
    db: Database,
    *,
    article_id: int,
    start: int,
    end: int,
    kind: QuoteKind | str = QuoteKind.DIRECT,
    speaker: SpeakerRef | None = None,
    note: str | None = None,
    reviewer: str | None = None,
) -> QuoteRecord:
    """Add a quote the extractor missed."""
    who = reviewer_name(reviewer)
    kind = kind if isinstance(kind, QuoteKind) else parse_kind(kind)
    with db.write() as session:
        article = repo.lock_article(session, article_id=article_id)
        _check_span(article.text, start, end)
        at = repo.utc_now()
        numbers = session.exec(
            select(QuoteRow.number).where(QuoteRow.article_id == article_id)
        ).all()
        quote = QuoteRow(
            article_id=article_id,
            number=max(numbers, default=0) + 1,
            start=start,
            end=end,
            text=article.text[start:end],
            kind=str(kind),
            origin="added",
            status=str(Status.UNVERIFIED),
            changed_by=who,
            changed_at=at,
        )
        session.add(quote)
        session.flush()
        repo.set_speaker(session, quote=quote, speaker=speaker, source_type="person")
        session.add(quote)
        session.flush()
        repo.append_event(
            session,
            article=article,
            quote_id=quote.id,
            action="quote.added",
            from_state=None,
            to_state=repo.quote_state(quote),
            note=note,
            reviewer=who,
            at=at,
        )
        return repo.get_quote(session, quote_id=quote.id or 0)


def _set_rejected(
    db: Database, *, quote_id: int, rejected: bool, reason: str | None, reviewer: str | None
) -> QuoteRecord:
    who = reviewer_name(reviewer)
    with db.write() as session:
        article, quote = repo.lock_quote(session, quote_id=quote_id)
        if bool(quote.rejected) == rejected:
            state = "already rejected" if rejected else "not rejected"
            raise UserError(f"Quote {quote_id} is {state}.")
        at = repo.utc_now()
        repo.append_event(
            session,
            article=article,
            quote_id=quote_id,
            action="quote.rejected" if rejected else "quote.restored",
            from_state={"rejected": not rejected},
            to_state={"rejected": rejected},
            note=reason,
            reviewer=who,
            at=at,
        )
        quote.rejected = rejected
        _touch(quote, who, at)
        session.add(quote)
        session.flush()
        return repo.get_quote(session, quote_id=quote_id)


def reject_quote(
    db: Database, *, quote_id: int, reason: str | None = None, reviewer: str | None = None
) -> QuoteRecord:
    """Mark a detection as false. Nothing is deleted: the quote and its history stay."""
    return _set_rejected(db, quote_id=quote_id, rejected=True, reason=reason, reviewer=reviewer)


def restore_quote(
    db: Database, *, quote_id: int, reason: str | None = None, reviewer: str | None = None
) -> QuoteRecord:
    return _set_rejected(db, quote_id=quote_id, rejected=False, reason=reason, reviewer=reviewer)


# --- the registry of people across articles --------------------------------------------------


def link_source_to_person(
    db: Database, *, source_id: int, person_name: str | None, reviewer: str | None = None
) -> SourceRecord:
    """Say that an article's source is this person of the registry (None: unlink)."""
    who = reviewer_name(reviewer)
    name = person_name.strip() if person_name else None
    if person_name is not None and not name:
        raise UserError("A person needs a name.")
    with db.write() as session:
        source = repo.get_source_row(session, source_id=source_id)
        article = repo.lock_article(session, article_id=source.article_id)
        at = repo.utc_now()
        before = session.get(PersonRow, source.person_id) if source.person_id else None
        person = repo.person_named(session, name=name, at=at) if name else None
        source.person_id = person.id if person else None
        session.add(source)
        repo.append_event(
            session,
            article=article,
            quote_id=None,
            action="source.person",
            from_state={"source_id": source_id, "person": before.name if before else None},
            to_state={"source_id": source_id, "person": name},
            note=None,
            reviewer=who,
            at=at,
        )
        return repo.source_record(source)


def list_people(db: Database) -> list[PersonRecord]:
    with db.read() as session:
        return repo.list_people(session)


# --- primary sources and links --------------------------------------------------------------


def attach_source_document(
    db: Database,
    *,
    article_id: int,
    origin: str,
    text: str,
    media_type: str = "text/plain",
    raw: bytes | None = None,
    title: str | None = None,
    reviewer: str | None = None,
) -> SourceDocumentRecord:
    """Keep a captured primary source with its article (its SHA-256 covers the original bytes)."""
    import hashlib

    who = reviewer_name(reviewer)
    digest = hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()
    with db.write() as session:
        article = repo.lock_article(session, article_id=article_id)
        at = repo.utc_now()
        row = repo.add_source_document(
            session,
            article_id=article_id,
            origin=origin,
            text=text,
            media_type=media_type,
            raw=raw,
            title=title,
            sha256=digest,
            reviewer=who,
            at=at,
        )
        repo.append_event(
            session,
            article=article,
            quote_id=None,
            action="source.attached",
            from_state=None,
            to_state={"source_id": row.id, "origin": origin, "sha256": digest},
            note=None,
            reviewer=who,
            at=at,
        )
        return repo.source_document_record(row)


def get_source_document(db: Database, *, source_id: int) -> SourceDocumentRecord:
    with db.read() as session:
        return repo.source_document_record(
            repo.get_source_document_row(session, source_id=source_id)
        )


def link_passage(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    score: float | None = None,
    verdict: str | None = None,
    reviewer: str | None = None,
) -> LinkRecord:
    """Tie a quote to a passage of a primary source of the same article."""
    who = reviewer_name(reviewer)
    with db.write() as session:
        article, quote = repo.lock_quote(session, quote_id=quote_id)
        document = repo.get_source_document_row(session, source_id=source_id)
        if document.article_id != quote.article_id:
            raise UserError(
                f"Primary source {source_id} belongs to article {document.article_id}, "
                f"not to quote {quote_id}'s article {quote.article_id}."
            )
        if not (0 <= start < end <= len(document.text)):
            raise UserError(
                f"The passage {start}–{end} is not inside primary source {source_id} "
                f"(0–{len(document.text)})."
            )
        at = repo.utc_now()
        link = LinkRow(
            quote_id=quote_id,
            document_id=source_id,
            start=start,
            end=end,
            score=score,
            verdict=verdict,
            accepted_by=who,
            accepted_at=at,
        )
        session.add(link)
        session.flush()
        repo.append_event(
            session,
            article=article,
            quote_id=quote_id,
            action="link.added",
            from_state=None,
            to_state={"link": repo.link_state(link)},
            note=None,
            reviewer=who,
            at=at,
        )
        return repo.link_record(link)


def unlink_passage(db: Database, *, link_id: int, reviewer: str | None = None) -> LinkRecord:
    """Withdraw a link. The row stays (marked removed), as does its history."""
    who = reviewer_name(reviewer)
    with db.write() as session:
        link = session.get(LinkRow, link_id)
        if link is None or link.removed_at is not None:
            raise UserError(f"There is no link {link_id} to remove.")
        article, _quote = repo.lock_quote(session, quote_id=link.quote_id)
        session.refresh(link)
        if link.removed_at is not None:
            raise UserError(f"Link {link_id} was removed meanwhile.")
        at = repo.utc_now()
        repo.append_event(
            session,
            article=article,
            quote_id=link.quote_id,
            action="link.removed",
            from_state={"link": repo.link_state(link)},
            to_state=None,
            note=None,
            reviewer=who,
            at=at,
        )
        link.removed_by, link.removed_at = who, at
        session.add(link)
        session.flush()
        return repo.link_record(link)


# --- audit --------------------------------------------------------------------------------


def audit_record(db: Database, *, article_id: int) -> dict[str, Any]:
    """One article's audit chain and current state as JSON-ready data, verifiable alone."""
    with db.read() as session:
        state = repo.article_state(session, article_id=article_id)
        events = repo.chain_events(session, article_id=article_id)
        text = repo.get_article_row(session, article_id=article_id).text
        return audit.record_of(state, events, text=text)


def verify_audit_file(path: str) -> audit.AuditReport:
    """Check the audit records in an exported JSON file, without any database."""
    import json
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
    return report


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
