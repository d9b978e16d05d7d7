"""Articles: storing one with what the engine found, the library with its progress, the audited state."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from workbench.domain import Analysis, Article, DetectedQuote, Status
from workbench.storage import audit
from workbench.storage.models import (
    ArticleRow,
    PersonRow,
    QuoteRow,
    SourceRow,
)
from workbench.storage.records import (
    ArticleRecord,
    ArticleSummary,
)
from workbench.storage.repo.events import append_event, get_article_row
from workbench.storage.repo.evidence import article_links, link_state, list_source_document_rows
from workbench.storage.repo.quotes import quote_rows, quote_state


def add_article(
    session: Session,
    *,
    article: Article,
    analysis: Analysis,
    title: str | None,
    reviewer: str,
    at: str,
) -> ArticleRow:
    """Store an article with its detected quotes and sources, and open its audit chain."""
    row = ArticleRow(
        title=title if title is not None else article.title,
        author=article.author,
        published=article.published,
        outlet=article.outlet,
        origin=article.origin,
        final_url=article.final_url,
        media_type=article.media_type,
        text=article.text,
        text_length=len(article.text),
        page_starts=audit.list_column(article.page_starts),
        notes=audit.list_column(article.notes),
        content_sha256=audit.text_sha256(article.text),
        imported_at=at,
        imported_by=reviewer,
        chain_head=audit.GENESIS,
        event_count=0,
    )
    session.add(row)
    session.flush()
    source_of_quote: dict[int, SourceRow] = {}
    source_rows: list[SourceRow] = []
    for detected in analysis.sources:
        source = SourceRow(
            article_id=row.id,
            name=detected.name,
            type=str(detected.type),
            anonymous=detected.anonymous,
            mentions=json.dumps([list(m) for m in detected.mentions]),
            claim_count=detected.claim_count,
        )
        session.add(source)
        source_rows.append(source)
        for number in detected.quote_ids:
            source_of_quote.setdefault(number, source)
    session.flush()
    # In bulk (see _insert_quotes), not an ORM object each: a 100,000-quote article imports
    # in a fraction of the time and memory.
    values = [
        _quote_values(row, article, detected, source_of_quote) for detected in analysis.quotes
    ]
    _insert_quotes(session, values, analysis)
    states = sorted(
        ({"quote_id": entry["id"], **audit.quote_state_of(SimpleNamespace(**entry))}
         for entry in values),
        key=lambda state: state["quote_id"],
    )  # fmt: skip
    del values
    append_event(
        session,
        article=row,
        quote_id=None,
        action="article.imported",
        from_state=None,
        to_state={
            "content_sha256": row.content_sha256,
            **audit.article_fields_of(row),
            "quotes": states,
            "sources": [audit.source_state_of(s, None) for s in source_rows],
        },
        note=None,
        reviewer=reviewer,
        at=at,
    )
    return row


def _insert_quotes(session: Session, values: list[dict[str, Any]], analysis: Analysis) -> None:
    """Insert an article's quotes in bulk, giving each entry its id (and its part_of_id).

    SQLite: INSERT … RETURNING, a thousand rows a statement. PostgreSQL: the ids drawn from the
    sequence in one query, then a JSON array of rows per statement, one parameter each (the
    driver would otherwise parse tens of thousands of placeholders per statement).
    """
    if not values:
        return
    table = QuoteRow.__table__
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        ids = session.execute(
            sa.text("SELECT nextval(pg_get_serial_sequence('quote', 'id')) FROM generate_series(1, :n)"),
            {"n": len(values)},
        ).scalars().all()  # fmt: skip
    else:
        ids = session.execute(
            sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), values
        ).scalars().all()  # fmt: skip
    id_of = {detected.id: quote_id for detected, quote_id in zip(analysis.quotes, ids, strict=True)}
    parts = []
    for detected, entry in zip(analysis.quotes, values, strict=True):
        entry["id"] = id_of[detected.id]
        if detected.part_of is not None and detected.part_of in id_of:
            entry["part_of_id"] = id_of[detected.part_of]
            parts.append({"quote": entry["id"], "part": entry["part_of_id"]})
    if postgres:
        columns = ", ".join(f'"{name}"' for name in values[0])
        statement = sa.text(
            f"INSERT INTO quote ({columns}) SELECT {columns} "
            "FROM json_populate_recordset(NULL::quote, CAST(:rows AS json))"
        )
        for start in range(0, len(values), 5000):
            session.execute(statement, {"rows": json.dumps(values[start : start + 5000])})
    elif parts:
        session.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("quote"))
            .values(part_of_id=sa.bindparam("part")),
            parts,
        )


def _quote_values(
    article_row: ArticleRow,
    article: Article,
    detected: DetectedQuote,
    source_of_quote: dict[int, SourceRow],
) -> dict[str, Any]:
    """A detected quote as the columns of its row (unverified, nobody has touched it)."""
    speaker, cue = detected.speaker, detected.cue
    source = source_of_quote.get(detected.id)
    return {
        "article_id": article_row.id,
        "number": detected.id,
        "start": detected.start,
        "end": detected.end,
        "text": article.text[detected.start : detected.end],
        "kind": str(detected.kind),
        "part_of_id": None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_anonymous": speaker.anonymous if speaker else None,
        "speaker_role": speaker.role if speaker else None,
        "source_id": source.id if source is not None else None,
        "cue_text": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "confidence": detected.confidence,
        "origin": "detected",
        "status": str(Status.UNVERIFIED),
        "note": None,
        "rejected": False,
        "changed_by": None,
        "changed_at": None,
        "version": 1,
    }


def list_article_summaries(session: Session) -> list[ArticleSummary]:
    """Every article with its quote count per status, in one grouped query (no article text)."""
    heads = session.exec(
        select(
            ArticleRow.id,
            ArticleRow.title,
            ArticleRow.origin,
            ArticleRow.outlet,
            ArticleRow.imported_at,
            ArticleRow.notes,
        ).order_by(col(ArticleRow.id))
    ).all()
    counts: dict[int, dict[str, int]] = {}
    rows = session.exec(
        select(QuoteRow.article_id, QuoteRow.status, sa.func.count())
        .where(col(QuoteRow.rejected).is_(False))
        .group_by(col(QuoteRow.article_id), col(QuoteRow.status))
    ).all()
    for article_id, status, count in rows:
        counts.setdefault(article_id, {})[status] = count
    return [
        ArticleSummary(
            id=article_id,
            title=title,
            origin=origin,
            outlet=outlet,
            imported_at=imported_at,
            quote_count=sum(counts.get(article_id, {}).values()),
            status_counts=counts.get(article_id, {}),
            notes=tuple(audit.list_value(notes) or ()),
        )
        for article_id, title, origin, outlet, imported_at, notes in heads
    ]


def find_article(session: Session, *, origin: str, content_sha256: str) -> int | None:
    """The article imported from this origin with exactly this text, if any: one indexed query."""
    return session.exec(
        select(ArticleRow.id)
        .where(ArticleRow.content_sha256 == content_sha256, ArticleRow.origin == origin)
        .order_by(col(ArticleRow.id))
        .limit(1)
    ).first()


def quote_words(session: Session) -> dict[int, list[str]]:
    """Every article's quote texts and speakers (rejected detections left out), in one query."""
    texts: dict[int, list[str]] = {}
    speakers: dict[int, list[str]] = {}
    rows = session.exec(
        select(QuoteRow.article_id, QuoteRow.text, QuoteRow.speaker_name)
        .where(col(QuoteRow.rejected).is_(False))
        .order_by(col(QuoteRow.article_id), col(QuoteRow.start), col(QuoteRow.id))
    ).all()
    for article_id, text, speaker in rows:
        texts.setdefault(article_id, []).append(text)
        if speaker:
            speakers.setdefault(article_id, []).append(speaker)
    return {article_id: found + speakers.get(article_id, []) for article_id, found in texts.items()}


def article_record(row: ArticleRow) -> ArticleRecord:
    return ArticleRecord(
        id=row.id or 0,
        title=row.title,
        author=row.author,
        published=row.published,
        outlet=row.outlet,
        origin=row.origin,
        media_type=row.media_type,
        text=row.text,
        content_sha256=row.content_sha256,
        final_url=row.final_url,
        imported_at=row.imported_at,
        imported_by=row.imported_by,
        chain_head=row.chain_head,
        event_count=row.event_count,
        page_starts=tuple(audit.list_value(row.page_starts) or ()),
        notes=tuple(audit.list_value(row.notes) or ()),
    )


def list_article_ids(session: Session) -> list[int]:
    return list(session.exec(select(ArticleRow.id).order_by(col(ArticleRow.id))).all())


def article_state(session: Session, *, article_id: int) -> audit.ArticleState:
    """Everything the audit chain vouches for about an article, as the database holds it now:
    a fixed number of queries, whatever the number of quotes."""
    article = get_article_row(session, article_id=article_id)
    quotes = quote_rows(session, article_id=article_id)
    links = article_links(session, article_id=article_id)
    documents = list_source_document_rows(session, article_id=article_id)
    sources = session.exec(
        select(SourceRow, PersonRow.name)
        .join(PersonRow, col(PersonRow.id) == SourceRow.person_id, isouter=True)
        .where(SourceRow.article_id == article_id)
        .order_by(col(SourceRow.id))
    ).all()
    return audit.ArticleState(
        article_id=article_id,
        content_sha256=article.content_sha256,
        text_sha256=audit.text_sha256(article.text),
        chain_head=article.chain_head,
        event_count=article.event_count,
        quotes={
            q.id or 0: {
                **quote_state(q),
                "links": [link_state(link) for link in links.get(q.id or 0, [])],
            }
            for q in quotes
        },
        fields=audit.article_fields_of(article),
        imported_at=article.imported_at,
        imported_by=article.imported_by,
        documents={
            d.id or 0: {k: v for k, v in audit.document_state_of(d).items() if k != "id"}
            for d in documents
        },
        sources={
            source.id or 0: {
                k: v for k, v in audit.source_state_of(source, person).items() if k != "id"
            }
            for source, person in sources
        },
    )
