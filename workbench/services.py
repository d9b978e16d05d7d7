"""Use cases of the review workflow, shared by the command line and the GUI.

Each function takes an open ``Database`` first and keyword arguments after, runs in one
transaction, writes its audit event in that same transaction, and returns plain records.
Unknown ids and bad values raise ``UserError``; faults of the database ``EnvironmentFault``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

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

if TYPE_CHECKING:
    from workbench.matching import Match
    from workbench.sources.autolink import Proposal
    from workbench.sources.capture import EvidenceSnapshot
    from workbench.sources.recheck import RecheckReport

log = logging.getLogger(__name__)

__all__ = [
    "ArticleRecord",
    "ArticleSummary",
    "Database",
    "ImportResult",
    "LinkOutcome",
    "LinkRecord",
    "MarkResult",
    "PersonRecord",
    "QuoteRecord",
    "ReviewEventRecord",
    "SourceAttachResult",
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

        analysis = analyze_text(article.extraction_text)
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


@dataclass(frozen=True)
class SourceAttachResult:
    """What `source add` did: stored a new snapshot, reused an identical one, or nothing new."""

    document: SourceDocumentRecord
    reused: bool  # the same bytes were already captured (for this or another article)
    already_attached: bool  # ... and already attached to this article: nothing was written

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.document.id,
            "sha256": self.document.sha256,
            "reused": self.reused,
            "already_attached": self.already_attached,
            **{
                key: value
                for key, value in self.document.to_dict().items()
                if key not in ("id", "sha256")
            },
        }


@dataclass(frozen=True)
class LinkOutcome:
    """What `link` did: the passage it linked (or why not) and how the quote compares with it."""

    match: Match
    link: LinkRecord | None  # None: nothing reached the threshold, nothing was attached
    created: bool  # False when the same passage was already linked

    @property
    def linked(self) -> bool:
        return self.link is not None


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
    from workbench.sources.capture import EvidenceSnapshot

    snapshot = EvidenceSnapshot(
        origin=origin,
        kind="file",
        raw=raw if raw is not None else text.encode("utf-8"),
        text=text,
        media_type=media_type,
        captured_at=repo.utc_now(),
        title=title,
    )
    return add_source(db, article_id=article_id, snapshot=snapshot, reviewer=reviewer).document


def add_source(
    db: Database,
    *,
    article_id: int,
    snapshot: EvidenceSnapshot,
    reviewer: str | None = None,
) -> SourceAttachResult:
    """Store an evidence snapshot for an article, or attach the one already holding its bytes.

    One transaction: the document (when new), its attachment and the article's audit event are
    all written, or none of them.
    """
    if not snapshot.text.strip():
        raise UserError(f"{snapshot.origin} has no text to match quotes against.")
    who = reviewer_name(reviewer)
    digest = snapshot.sha256
    with db.write() as session:
        article = repo.lock_article(session, article_id=article_id)
        at = repo.utc_now()
        row = repo.find_source_document(session, sha256=digest)
        reused = row is not None
        if row is not None:
            if repo.is_attached(session, article_id=article_id, document_id=row.id or 0):
                return SourceAttachResult(
                    _document_record(session, row), reused=True, already_attached=True
                )
            repo.attach_document(
                session, article_id=article_id, document_id=row.id or 0, reviewer=who, at=at
            )
        else:
            row = repo.add_source_document(
                session,
                article_id=article_id,
                origin=snapshot.origin,
                text=snapshot.text,
                media_type=snapshot.media_type,
                raw=snapshot.raw,
                title=snapshot.title,
                sha256=digest,
                reviewer=who,
                at=snapshot.captured_at or at,
                final_url=snapshot.final_url,
                http_status=snapshot.http_status,
            )
        # The origin of this capture: a reused snapshot may have come from elsewhere first.
        state: dict[str, Any] = {"source_id": row.id, "origin": snapshot.origin, "sha256": digest}
        if reused:
            state["reused"] = True
        repo.append_event(
            session,
            article=article,
            quote_id=None,
            action="source.attached",
            from_state=None,
            to_state=state,
            note=None,
            reviewer=who,
            at=at,
        )
        return SourceAttachResult(
            _document_record(session, row), reused=reused, already_attached=False
        )


def _document_record(session: Any, row: Any) -> SourceDocumentRecord:
    return repo.source_document_record(
        row, article_ids=repo.document_article_ids(session, document_id=row.id or 0)
    )


def get_source_document(db: Database, *, source_id: int) -> SourceDocumentRecord:
    with db.read() as session:
        return _document_record(session, repo.get_source_document_row(session, source_id=source_id))


def get_source_bytes(db: Database, *, source_id: int) -> bytes | None:
    """The original bytes of a snapshot, exactly as captured."""
    with db.read() as session:
        return repo.get_source_document_row(session, source_id=source_id).raw


def list_source_documents(db: Database, *, article_id: int) -> list[SourceDocumentRecord]:
    """The primary sources attached to an article, in the order they were attached."""
    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        return [
            _document_record(session, row)
            for row in repo.list_source_document_rows(session, article_id=article_id)
        ]


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
    """Tie a quote to a passage of a primary source of the same article.

    Linking the passage a quote is already linked to changes nothing and returns that link.
    """
    return _link(
        db,
        quote_id=quote_id,
        source_id=source_id,
        start=start,
        end=end,
        score=score,
        verdict=verdict,
        reviewer=reviewer,
    )[0]


def _lock_passage(session, *, quote_id: int, source_id: int, start: int, end: int):
    """Lock the quote's article and check the passage lies in a source attached to it."""
    article, quote = repo.lock_quote(session, quote_id=quote_id)
    document = repo.get_source_document_row(session, source_id=source_id)
    if not repo.is_attached(session, article_id=quote.article_id, document_id=source_id):
        raise UserError(
            f"Primary source {source_id} is not attached to quote {quote_id}'s article "
            f"{quote.article_id}; attach it there with "
            f"`workbench source add {quote.article_id} …` first."
        )
    if not (0 <= start < end <= len(document.text)):
        raise UserError(
            f"The passage {start}–{end} is not inside primary source {source_id} "
            f"(0–{len(document.text)})."
        )
    return article, quote, document


def _link(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    score: float | None,
    verdict: str | None,
    reviewer: str | None,
) -> tuple[LinkRecord, bool]:
    who = reviewer_name(reviewer)
    with db.write() as session:
        article, _quote, _document = _lock_passage(
            session, quote_id=quote_id, source_id=source_id, start=start, end=end
        )
        for existing in repo.active_links(session, quote_ids=[quote_id]).get(quote_id, []):
            if (existing.document_id, existing.start, existing.end) == (source_id, start, end):
                return repo.link_record(existing), False
        at = repo.utc_now()
        link = LinkRow(
            quote_id=quote_id,
            document_id=source_id,
            start=start,
            end=end,
            score=None if score is None else round(score, 1),
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
        return repo.link_record(link), True


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


def _speaker_name(quote: QuoteRecord) -> str | None:
    return quote.speaker.name if quote.speaker else None


def locate_stored_quote(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    threshold: float | None = None,
) -> Match:
    """Find a stored quote in a stored primary source, with the quote's speaker; writes nothing."""
    from workbench.matching import DEFAULT_THRESHOLD, index_source, locate_quote

    quote = get_quote(db, quote_id=quote_id)
    document = get_source_document(db, source_id=source_id)
    return locate_quote(
        index_source(document.text),
        quote.text,
        speaker=_speaker_name(quote),
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
    )


def link_quote(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int | None = None,
    end: int | None = None,
    threshold: float | None = None,
    reviewer: str | None = None,
) -> LinkOutcome:
    """Link a quote to the best passage of a source, or to the passage start–end a reviewer chose.

    Without offsets, a best match below the threshold attaches nothing: the outcome says so and
    carries the closest candidates, so that the reviewer (not the program) decides. With offsets
    the reviewer has decided; the passage is scored and linked whatever its score.
    """
    from workbench.matching import DEFAULT_THRESHOLD, index_source, locate_quote
    from workbench.sources.passages import check_span, match_passage

    if (start is None) != (end is None):
        raise UserError("Give both --start and --end to link a passage of your choice.")
    quote = get_quote(db, quote_id=quote_id)
    _refuse_rejected_record(quote)
    document = get_source_document(db, source_id=source_id)
    if quote.article_id not in document.article_ids:
        raise UserError(
            f"Primary source {source_id} is not attached to quote {quote_id}'s article "
            f"{quote.article_id}; attach it with `workbench source add {quote.article_id} "
            f"{document.final_url or document.origin}` first."
        )
    index = index_source(document.text)
    speaker = _speaker_name(quote)
    if start is not None and end is not None:
        check_span(document.text, start, end, what=f"primary source {source_id}")
        match = match_passage(index, quote.text, start, end, speaker=speaker)
        span = (start, end)
    else:
        limit = DEFAULT_THRESHOLD if threshold is None else threshold
        match = locate_quote(index, quote.text, speaker=speaker, threshold=limit)
        if not match.found or match.start is None or match.end is None:
            return LinkOutcome(match=match, link=None, created=False)
        span = (match.start, match.end)
    link, created = _link(
        db,
        quote_id=quote_id,
        source_id=source_id,
        start=span[0],
        end=span[1],
        score=match.score,
        verdict=str(match.verdict),
        reviewer=reviewer,
    )
    return LinkOutcome(match=match, link=link, created=created)


def _refuse_rejected_record(quote: QuoteRecord) -> None:
    if quote.rejected:
        raise UserError(
            f"Quote {quote.id} was rejected as a false detection; restore it before linking it."
        )


def propose_links(
    db: Database, *, article_id: int, threshold: float | None = None
) -> list[Proposal]:
    """Auto-link: for every quote of an article, the best passage among all its sources.

    Writes nothing. Passages a reviewer rejected for a quote (``reject_passage``) are not
    proposed again; a runner-up takes their place when one reaches the threshold. Scare
    quotes (a term, a title) are nobody's words, so there is nothing to look for.
    """
    from workbench.matching import DEFAULT_THRESHOLD
    from workbench.sources.autolink import QuoteToLink, SourceText, propose

    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        quotes = [q for q in repo.list_quotes(session, article_id=article_id) if q.kind != "scare"]
        documents = repo.list_source_document_rows(session, article_id=article_id)
        sources = [SourceText(row.id or 0, row.text) for row in documents]
        rejected = rejected_passages(repo.list_events(session, article_id=article_id))
    proposals = propose(
        [QuoteToLink(q.id, q.text, _speaker_name(q)) for q in quotes],
        sources,
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        rejected=rejected,
    )
    links = {q.id: {(x.source_id, x.start, x.end) for x in q.links} for q in quotes}
    return [
        replace(p, linked=(p.source_id, p.match.start, p.match.end) in links[p.quote_id])
        if p.found
        else p
        for p in proposals
    ]


REJECTION_WITHDRAWN = "link.rejection_withdrawn"


def rejected_passages(events: list[ReviewEventRecord]) -> set[tuple[int, int, int, int]]:
    """(quote, source, start, end) a reviewer rejected and did not take back, in event order."""
    rejected: set[tuple[int, int, int, int]] = set()
    for event in sorted(events, key=lambda e: e.seq):
        if event.quote_id is None or event.action not in ("link.rejected", REJECTION_WITHDRAWN):
            continue
        state = event.to_state or {}
        passage = state.get("proposal") or state.get("withdrawn") or {}
        key = (event.quote_id, passage.get("source_id"), passage.get("start"), passage.get("end"))
        if None in key:
            continue
        if event.action == REJECTION_WITHDRAWN:
            rejected.discard(key)  # type: ignore[arg-type]
        else:
            rejected.add(key)  # type: ignore[arg-type]
    return rejected


def accept_passage(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    reviewer: str | None = None,
) -> LinkOutcome:
    """Accept a proposed passage (or a runner-up the reviewer picked): a link and its event."""
    return link_quote(
        db, quote_id=quote_id, source_id=source_id, start=start, end=end, reviewer=reviewer
    )


def accept_exact_proposals(
    db: Database, *, proposals: list[Proposal], reviewer: str | None = None
) -> list[LinkRecord]:
    """Link every proposal whose verdict is exact and that is not linked yet.

    An exact quote said by someone other than the article's speaker is left for the reviewer:
    the words are right but the attribution is not, and linking it quietly would bury that.
    """
    made = []
    for proposal in proposals:
        match = proposal.match
        if (
            proposal.found
            and not proposal.linked
            and str(match.verdict) == "exact"
            and not match.speaker_mismatch
        ):
            assert proposal.source_id is not None
            assert proposal.match.start is not None and proposal.match.end is not None
            link, created = _link(
                db,
                quote_id=proposal.quote_id,
                source_id=proposal.source_id,
                start=proposal.match.start,
                end=proposal.match.end,
                score=proposal.match.score,
                verdict=str(proposal.match.verdict),
                reviewer=reviewer,
            )
            if created:
                made.append(link)
    return made


def reject_passage(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    score: float | None = None,
    verdict: str | None = None,
    note: str | None = None,
    reviewer: str | None = None,
) -> ReviewEventRecord:
    """The reviewer says this passage is not where the quote comes from; auto-link skips it."""
    who = reviewer_name(reviewer)
    with db.write() as session:
        article, _quote, _document = _lock_passage(
            session, quote_id=quote_id, source_id=source_id, start=start, end=end
        )
        event = repo.append_event(
            session,
            article=article,
            quote_id=quote_id,
            action="link.rejected",
            from_state=None,
            # Under one key that is no quote field, so the audit replay leaves the quote as is.
            to_state={
                "proposal": {
                    "source_id": source_id,
                    "start": start,
                    "end": end,
                    "score": None if score is None else round(score, 1),
                    "verdict": verdict,
                }
            },
            note=note,
            reviewer=who,
            at=repo.utc_now(),
        )
        return repo.event_record(event)


def withdraw_rejection(
    db: Database,
    *,
    quote_id: int,
    source_id: int,
    start: int,
    end: int,
    reviewer: str | None = None,
) -> ReviewEventRecord:
    """Take back a rejected passage (undo in the window): auto-link may propose it again.

    The rejection stays on record; this is an event of its own, in the article's chain.
    """
    who = reviewer_name(reviewer)
    with db.write() as session:
        article, _quote = repo.lock_quote(session, quote_id=quote_id)
        event = repo.append_event(
            session,
            article=article,
            quote_id=quote_id,
            action=REJECTION_WITHDRAWN,
            from_state=None,
            # Under a key that is no quote field, so the audit replay leaves the quote as is.
            to_state={"withdrawn": {"source_id": source_id, "start": start, "end": end}},
            note=None,
            reviewer=who,
            at=repo.utc_now(),
        )
        return repo.event_record(event)


def recheck_source(db: Database, *, source_id: int, timeout: float | None = None) -> RecheckReport:
    """Read or fetch a source again; report what changed and whether its links still match.

    Writes nothing: the snapshot stays the evidence of what the source said when captured.
    A source that cannot be read again (gone, 404, unreachable) is a finding, reported as
    ``unavailable`` with the reason; pasted text has nowhere to be read from (UserError).
    """
    from workbench.sources.capture import DEFAULT_TIMEOUT, PASTED, is_web_address, utc_now
    from workbench.sources.recheck import LinkedQuote, capture_again, compare

    with db.read() as session:
        row = repo.get_source_document_row(session, source_id=source_id)
        origin, captured_sha, captured_text = row.origin, row.sha256, row.text
        links = repo.document_links(session, document_id=source_id)
        quotes = {link.quote_id: repo.get_quote(session, quote_id=link.quote_id) for link in links}
        linked = [
            LinkedQuote(
                link.id or 0,
                link.quote_id,
                quotes[link.quote_id].text,
                _speaker_name(quotes[link.quote_id]),
                link.start,
                link.end,
                link.score,
                link.verdict,
            )
            for link in links
        ]
    kind = "paste" if origin == PASTED else "url" if is_web_address(origin) else "file"
    if kind == "paste":
        raise UserError(
            f"Primary source {source_id} was pasted text, so there is nowhere to read it "
            f"again; its snapshot is all there is."
        )
    current, problem = None, None
    try:
        current = capture_again(origin, kind, timeout=timeout or DEFAULT_TIMEOUT)
    except UserError as error:
        problem = str(error)
    return compare(
        source_id=source_id,
        origin=origin,
        captured_sha256=captured_sha,
        captured_text=captured_text,
        current=current,
        problem=problem,
        links=linked,
        checked_at=utc_now(),
    )


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
