"""Who an article cites (its named and anonymous sources) and the registry of people across articles."""

from __future__ import annotations

from workbench.errors import UserError
from workbench.settings import reviewer_name
from workbench.storage import repo
from workbench.storage.db import Database
from workbench.storage.models import PersonRow
from workbench.storage.records import (
    PersonRecord,
    SourceRecord,
)
from workbench.vocabulary import utc_now


def list_sources(db: Database, *, article_id: int) -> list[SourceRecord]:
    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        return repo.list_sources(session, article_id=article_id)


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
        at = utc_now()
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
