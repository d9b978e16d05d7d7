"""Reviewing quotes: status, note, corrections, quotes added by hand, rejected and restored.

Each change may say which ``version`` of the quote it was made from (``base_version``, as the
window or ``quotes --json`` showed it); one made from an older version is refused with
``StaleChange`` (see ``services.audit``). Without it, the change applies to the quote as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from workbench.domain import QuoteKind, SpeakerRef, Status
from workbench.errors import UserError
from workbench.services.audit import audited_write
from workbench.storage import repo
from workbench.storage.db import Database, pause_point
from workbench.storage.models import QuoteRow
from workbench.storage.records import (
    QuoteRecord,
    ReviewEventRecord,
)
from workbench.vocabulary import status_words


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()


@dataclass(frozen=True)
class MarkResult:
    quote: QuoteRecord
    previous_status: Status
    event: ReviewEventRecord


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


def list_quotes(
    db: Database, *, article_id: int, include_rejected: bool = False
) -> list[QuoteRecord]:
    with db.read() as session:
        return repo.list_quotes(session, article_id=article_id, include_rejected=include_rejected)


def get_quote(db: Database, *, quote_id: int) -> QuoteRecord:
    with db.read() as session:
        return repo.get_quote(session, quote_id=quote_id)


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
    base_version: int | None = None,
) -> MarkResult:
    """Set a quote's review status (and note, when given); its event lands in the same commit."""
    new_status = status if isinstance(status, Status) else parse_status(status)
    attempt = f"your change to {status_words(new_status).label.lower()}"
    with audited_write(db, reviewer=reviewer) as write:
        quote = write.lock_quote(quote_id, base_version=base_version, attempt=attempt)
        pause_point("after_lock")
        _refuse_rejected(quote)
        before: dict[str, Any] = {"status": quote.status}
        after: dict[str, Any] = {"status": str(new_status)}
        if note is not None:
            before["note"], after["note"] = quote.note, note
            quote.note = note
        quote.status = str(new_status)
        event = write.record("quote.status", before=before, after=after, note=note, touch=True)
        return MarkResult(write.quote_now(), Status(before["status"]), event)


def edit_note(
    db: Database,
    *,
    quote_id: int,
    note: str | None,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> QuoteRecord:
    note = note if note and note.strip() else None
    with audited_write(db, reviewer=reviewer) as write:
        quote = write.lock_quote(
            quote_id, base_version=base_version, attempt="your change to the note"
        )
        before = {"note": quote.note}
        quote.note = note
        write.record("quote.note", before=before, after={"note": note}, touch=True)
        return write.quote_now()


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
    base_version: int | None = None,
) -> QuoteRecord:
    """Correct what the extractor got wrong: the span, the kind, or the speaker (None: nobody)."""
    what = [
        name
        for name, given in (
            ("the words", start is not None or end is not None),
            ("the kind", kind is not None),
            ("the speaker", not isinstance(speaker, _Unchanged)),
        )
        if given
    ]
    attempt = "your change to " + (" and ".join(what) or "the quote")
    with audited_write(db, reviewer=reviewer) as write:
        quote = write.lock_quote(quote_id, base_version=base_version, attempt=attempt)
        article = write.article
        assert article is not None
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
            repo.set_speaker(write.session, quote=quote, speaker=speaker, source_type="person")
        after = repo.quote_state(quote)
        changed = [key for key in after if after[key] != before[key]]
        if changed:
            write.record(
                "quote.corrected",
                before={key: before[key] for key in changed},
                after={key: after[key] for key in changed},
                note=note,
                touch=True,
            )
        return write.quote_now()


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
    kind = kind if isinstance(kind, QuoteKind) else parse_kind(kind)
    with audited_write(db, reviewer=reviewer) as write:
        article = write.lock_article(article_id)
        _check_span(article.text, start, end)
        write.quote = repo.add_quote(
            write.session,
            article=article,
            start=start,
            end=end,
            kind=str(kind),
            speaker=speaker,
            reviewer=write.reviewer,
            at=write.at,
        )
        write.record("quote.added", before=None, after=repo.quote_state(write.quote), note=note)
        return write.quote_now()


def _set_rejected(
    db: Database,
    *,
    quote_id: int,
    rejected: bool,
    reason: str | None,
    reviewer: str | None,
    base_version: int | None,
) -> QuoteRecord:
    attempt = "your rejection of it" if rejected else "your restoring of it"
    with audited_write(db, reviewer=reviewer) as write:
        quote = write.lock_quote(quote_id, base_version=base_version, attempt=attempt)
        if bool(quote.rejected) == rejected:
            state = "already rejected" if rejected else "not rejected"
            raise UserError(f"Quote {quote_id} is {state}.")
        quote.rejected = rejected
        write.record(
            "quote.rejected" if rejected else "quote.restored",
            before={"rejected": not rejected},
            after={"rejected": rejected},
            note=reason,
            touch=True,
        )
        return write.quote_now()


def reject_quote(
    db: Database,
    *,
    quote_id: int,
    reason: str | None = None,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> QuoteRecord:
    """Mark a detection as false. Nothing is deleted: the quote and its history stay."""
    return _set_rejected(
        db,
        quote_id=quote_id,
        rejected=True,
        reason=reason,
        reviewer=reviewer,
        base_version=base_version,
    )


def restore_quote(
    db: Database,
    *,
    quote_id: int,
    reason: str | None = None,
    reviewer: str | None = None,
    base_version: int | None = None,
) -> QuoteRecord:
    return _set_rejected(
        db,
        quote_id=quote_id,
        rejected=False,
        reason=reason,
        reviewer=reviewer,
        base_version=base_version,
    )
