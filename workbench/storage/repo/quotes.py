"""Quotes and who said them: quote rows and records, speakers, an article's sources, the registry."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from workbench.domain import Cue, SpeakerRef, Status
from workbench.errors import UserError
from workbench.storage import audit
from workbench.storage.models import (
    ArticleRow,
    LinkRow,
    PersonRow,
    QuoteRow,
    SourceRow,
)
from workbench.storage.records import (
    PersonRecord,
    QuoteRecord,
    SourceRecord,
)
from workbench.storage.repo.events import NEW_SOURCES, get_article_row, lock_article
from workbench.storage.repo.evidence import active_links, article_links, link_record


def set_speaker_fields(quote: QuoteRow, speaker: SpeakerRef | None) -> None:
    if speaker is None:
        quote.speaker_name = quote.speaker_start = quote.speaker_end = None
        quote.speaker_anonymous = quote.speaker_role = None
        return
    quote.speaker_name = speaker.name
    quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
    quote.speaker_anonymous = speaker.anonymous
    quote.speaker_role = speaker.role


def speaker_of(quote: QuoteRow) -> SpeakerRef | None:
    if quote.speaker_name is None:
        return None
    return SpeakerRef(
        name=quote.speaker_name,
        start=quote.speaker_start if quote.speaker_start is not None else -1,
        end=quote.speaker_end if quote.speaker_end is not None else -1,
        anonymous=bool(quote.speaker_anonymous),
        role=quote.speaker_role,
    )


def set_speaker(
    session: Session, *, quote: QuoteRow, speaker: SpeakerRef | None, source_type: str
) -> None:
    """Credit the quote to a speaker, and to the article's source of that name (made if new)."""
    set_speaker_fields(quote, speaker)
    if speaker is None:
        quote.source_id = None
        return
    source = session.exec(
        select(SourceRow).where(
            SourceRow.article_id == quote.article_id,
            sa.func.lower(SourceRow.name) == speaker.name.lower(),
        )
    ).first()
    if source is None:
        source = SourceRow(
            article_id=quote.article_id,
            name=speaker.name,
            type="anonymous" if speaker.anonymous else source_type,
            anonymous=speaker.anonymous,
            mentions=json.dumps([[speaker.start, speaker.end]]),
            claim_count=0,
        )
        session.add(source)
        session.flush()
        session.info.setdefault(NEW_SOURCES, []).append(source)  # the change's event vouches for it
    quote.source_id = source.id


def quote_state(quote: QuoteRow) -> dict[str, Any]:
    """The fields the audit trail vouches for (everything a report shows), as they are now."""
    return audit.quote_state_of(quote)


def get_quote_row(session: Session, *, quote_id: int) -> QuoteRow:
    row = session.get(QuoteRow, quote_id)
    if row is None:
        raise UserError(
            f"There is no quote {quote_id}; `workbench quotes ARTICLE_ID` lists an article's "
            f"quotes with their ids."
        )
    return row


def lock_quote(session: Session, *, quote_id: int) -> tuple[ArticleRow, QuoteRow]:
    """A quote and its article, the article locked for this transaction; re-read afterwards."""
    quote = get_quote_row(session, quote_id=quote_id)
    article = lock_article(session, article_id=quote.article_id)
    session.refresh(quote)  # another writer may have changed it while we waited for the lock
    return article, quote


def quote_record(quote: QuoteRow, links: Sequence[LinkRow] = ()) -> QuoteRecord:
    cue = None
    if quote.cue_text is not None and quote.cue_start is not None and quote.cue_end is not None:
        cue = Cue(text=quote.cue_text, start=quote.cue_start, end=quote.cue_end)
    return QuoteRecord(
        id=quote.id or 0,
        article_id=quote.article_id,
        number=quote.number,
        start=quote.start,
        end=quote.end,
        text=quote.text,
        kind=quote.kind,
        part_of=quote.part_of_id,
        speaker=speaker_of(quote),
        cue=cue,
        confidence=quote.confidence,
        origin=quote.origin,
        status=Status(quote.status),
        note=quote.note,
        rejected=bool(quote.rejected),
        changed_by=quote.changed_by,
        changed_at=quote.changed_at,
        links=tuple(link_record(link) for link in links),
        version=quote.version,
    )


def list_quotes(
    session: Session, *, article_id: int, include_rejected: bool = False
) -> list[QuoteRecord]:
    get_article_row(session, article_id=article_id)
    quotes = quote_rows(session, article_id=article_id, include_rejected=include_rejected)
    links = article_links(session, article_id=article_id)  # one query, however many quotes
    return [quote_record(q, links.get(q.id or 0, [])) for q in quotes]


def quote_rows(session: Session, *, article_id: int, include_rejected: bool = True) -> list[Any]:
    """An article's quotes in text order, as plain rows (read-only; columns as attributes).

    No ORM objects: reading a 100,000-quote article this way is several times faster and
    lighter, and nothing here is changed."""
    table = QuoteRow.__table__
    query = sa.select(table).where(table.c.article_id == article_id)
    if not include_rejected:
        query = query.where(table.c.rejected.is_(False))
    return list(session.execute(query.order_by(table.c.start, table.c.id)).all())


def get_quote(session: Session, *, quote_id: int) -> QuoteRecord:
    quote = get_quote_row(session, quote_id=quote_id)
    links = active_links(session, quote_ids=[quote_id])
    return quote_record(quote, links.get(quote_id, []))


def add_quote(
    session: Session,
    *,
    article: ArticleRow,
    start: int,
    end: int,
    kind: str,
    speaker: SpeakerRef | None,
    reviewer: str,
    at: str,
) -> QuoteRow:
    """A quote a reviewer adds by hand: numbered after the article's last one, unverified."""
    last = session.exec(
        select(sa.func.max(QuoteRow.number)).where(QuoteRow.article_id == article.id)
    ).one()
    quote = QuoteRow(
        article_id=article.id or 0,
        number=(last or 0) + 1,
        start=start,
        end=end,
        text=article.text[start:end],
        kind=kind,
        origin="added",
        status=str(Status.UNVERIFIED),
        changed_by=reviewer,
        changed_at=at,
    )
    session.add(quote)
    session.flush()
    set_speaker(session, quote=quote, speaker=speaker, source_type="person")
    session.add(quote)
    session.flush()
    return quote


def source_record(row: SourceRow) -> SourceRecord:
    return SourceRecord(
        id=row.id or 0,
        article_id=row.article_id,
        name=row.name,
        type=row.type,
        anonymous=row.anonymous,
        mentions=tuple((m[0], m[1]) for m in json.loads(row.mentions)),
        claim_count=row.claim_count,
        person_id=row.person_id,
    )


def list_sources(session: Session, *, article_id: int) -> list[SourceRecord]:
    rows = session.exec(
        select(SourceRow).where(SourceRow.article_id == article_id).order_by(col(SourceRow.id))
    ).all()
    return [source_record(row) for row in rows]


def get_source_row(session: Session, *, source_id: int) -> SourceRow:
    row = session.get(SourceRow, source_id)
    if row is None:
        raise UserError(f"There is no source {source_id} (a person or body an article cites).")
    return row


def person_named(session: Session, *, name: str, at: str) -> PersonRow:
    """The registry's entry for this name, made if it is new."""
    person = session.exec(select(PersonRow).where(PersonRow.name == name)).first()
    if person is None:
        person = PersonRow(name=name, created_at=at)
        session.add(person)
        session.flush()
    return person


def person_record(row: PersonRow) -> PersonRecord:
    return PersonRecord(id=row.id or 0, name=row.name, note=row.note, created_at=row.created_at)


def list_people(session: Session) -> list[PersonRecord]:
    rows = session.exec(select(PersonRow).order_by(col(PersonRow.name))).all()
    return [person_record(row) for row in rows]


def link_person(session: Session, *, source: SourceRow, name: str | None, at: str) -> str | None:
    """Point an article's source at the registry's person of that name (None: at nobody).

    Returns the name of the person it pointed at before, if any.
    """
    before = session.get(PersonRow, source.person_id) if source.person_id else None
    person = person_named(session, name=name, at=at) if name else None
    source.person_id = person.id if person else None
    session.add(source)
    return before.name if before else None
