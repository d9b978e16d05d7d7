"""Who an article cites (its named and anonymous sources) and the registry of people across articles."""

from __future__ import annotations

from workbench.domain import SpeakerRef
from workbench.errors import UserError
from workbench.services.audit import audited_write
from workbench.storage import repo
from workbench.storage.db import Database
from workbench.storage.records import (
    PersonRecord,
    SourceRecord,
)


def list_sources(db: Database, *, article_id: int) -> list[SourceRecord]:
    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        return repo.list_sources(session, article_id=article_id)


def link_source_to_person(
    db: Database, *, source_id: int, person_name: str | None, reviewer: str | None = None
) -> SourceRecord:
    """Say that an article's source is this person of the registry (None: unlink)."""
    name = person_name.strip() if person_name else None
    if person_name is not None and not name:
        raise UserError("A person needs a name.")
    with audited_write(db, reviewer=reviewer) as write:
        source = repo.get_source_row(write.session, source_id=source_id)
        write.lock_article(source.article_id)
        before = repo.link_person(write.session, source=source, name=name, at=write.at)
        write.record(
            "source.person",
            before={"source_id": source_id, "person": before},
            after={"source_id": source_id, "person": name},
        )
        return repo.source_record(source)


def list_people(db: Database) -> list[PersonRecord]:
    with db.read() as session:
        return repo.list_people(session)


def speaker_named(
    name: str, *, text: str, near: int, sources: list[SourceRecord]
) -> SpeakerRef | None:
    """A speaker from a name a reviewer typed: credited to the article's source of that name if
    there is one (keeping whether it is anonymous), at the mention nearest the quote.

    Writes nothing; ``correct_quote`` stores it. No name: nobody.
    """
    name = " ".join(name.split())
    if not name:
        return None
    known = next((s for s in sources if s.name.lower() == name.lower()), None)
    mentions = list(known.mentions) if known else []
    position = text.find(name)
    while position != -1:
        mentions.append((position, position + len(name)))
        position = text.find(name, position + 1)
    if mentions:
        start, end = min(mentions, key=lambda m: abs(m[0] - near))
    else:
        start = end = -1  # nobody by that name is mentioned in the text
    anonymous = known.anonymous if known else False
    return SpeakerRef(name=known.name if known else name, start=start, end=end, anonymous=anonymous)
