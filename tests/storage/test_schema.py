"""The schema: Alembic migrations match the models, upgrades keep data, pragmas are set."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from workbench import services
from workbench.domain import Status
from workbench.storage import audit, open_database
from workbench.storage.db import HEAD_REVISION, MIGRATIONS, current_revision, upgrade_schema

FIRST_REVISION = "0001_review_record"


def test_head_revision_constant_is_the_migrations_head():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_migrated_schema_matches_the_models(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
        assert current_revision(connection) == HEAD_REVISION
    assert differences == []


def test_upgrade_from_the_first_revision_keeps_the_data(db_url):
    database = open_database(db_url, migrate=False)
    try:
        upgrade_schema(database, FIRST_REVISION)
        text = "Budget\n\n“We will balance it,” said Mara Quill.\n"
        digest = audit.text_sha256(text)
        imported = {"content_sha256": digest, "title": "Budget", "origin": None}
        imported["quotes"] = [
            {
                "quote_id": 1,
                "start": 9,
                "end": 27,
                "text": "We will balance it",
                "kind": "direct",
                "speaker": None,
                "status": "unverified",
                "note": None,
                "rejected": False,
            }
        ]
        first = audit.event_hash(
            article_id=1, seq=1, quote_id=None, action="article.imported", from_state=None,
            to_state=imported, note=None, reviewer="Ada", at="2026-01-01T00:00:00.000000Z",
            prev_hash=audit.GENESIS,
        )  # fmt: skip
        with database.engine.begin() as connection:
            assert current_revision(connection) == FIRST_REVISION
            assert "person" not in sa.inspect(connection).get_table_names()
            connection.execute(
                sa.text(
                    "INSERT INTO article (id, title, media_type, text, text_length, "
                    "content_sha256, imported_at, imported_by, chain_head, event_count) VALUES "
                    "(1, 'Budget', 'text/plain', :text, :n, :digest, "
                    "'2026-01-01T00:00:00.000000Z', 'Ada', :head, 1)"
                ),
                {"text": text, "n": len(text), "digest": digest, "head": first},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO source (id, article_id, name, type, anonymous, mentions, "
                    "claim_count) VALUES (1, 1, 'Mara Quill', 'person', false, '[]', 0)"
                )
            )
            connection.execute(
                sa.text(
                    'INSERT INTO quote (id, article_id, number, start, "end", text, kind, '
                    "source_id, origin, status, rejected) VALUES (1, 1, 1, 9, 27, "
                    "'We will balance it', 'direct', 1, 'detected', 'unverified', false)"
                )
            )
            connection.execute(
                sa.text(
                    "INSERT INTO review_event (article_id, seq, action, to_state, reviewer, at, "
                    "prev_hash, hash) VALUES (1, 1, 'article.imported', :to, 'Ada', "
                    "'2026-01-01T00:00:00.000000Z', :prev, :hash)"
                ),
                {"to": audit.canonical_json(imported), "prev": audit.GENESIS, "hash": first},
            )
            if not database.is_sqlite:
                for table in ("article", "source", "quote"):
                    connection.execute(
                        sa.text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
                    )
    finally:
        database.close()

    with open_database(db_url) as upgraded:  # opening upgrades to head
        with upgraded.engine.connect() as connection:
            assert current_revision(connection) == HEAD_REVISION
            assert connection.execute(sa.text("SELECT person_id FROM source")).all() == [(None,)]
        assert services.verify_audit(upgraded).ok
        (quote,) = services.list_quotes(upgraded, article_id=1)
        assert quote.text == "We will balance it" and quote.status is Status.UNVERIFIED
        services.mark_status(upgraded, quote_id=quote.id, status="verified", reviewer="Ada")
        assert services.list_articles(upgraded)[0].reviewed == 1
        assert services.verify_audit(upgraded).ok


def test_sqlite_pragmas_are_set_on_every_connection(tmp_path):
    database = open_database(tmp_path / "pragmas.sqlite", lock_timeout=3)
    with database, database.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA busy_timeout").scalar() == 3000
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL


def test_foreign_keys_are_enforced(db):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(
            sa.text(
                'INSERT INTO quote (article_id, number, start, "end", text, kind, origin, '
                "status, rejected) VALUES (404, 1, 0, 1, 'x', 'direct', 'added', "
                "'unverified', false)"
            )
        )


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "fast.sqlite"
    open_database(path).close()
    code = (
        "import sys\n"
        "from workbench.storage import open_database\n"
        f"open_database({str(path)!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_upgrade_attaches_existing_documents_to_their_articles(tmp_path):
    db_path = tmp_path / "workbench.sqlite"
    database = open_database(db_path, migrate=False)
    try:
        upgrade_schema(database, "0002_person_registry")
        with database.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO article (id, media_type, text, text_length, content_sha256, "
                    "imported_at, imported_by, chain_head, event_count) VALUES (1, 'text/plain', "
                    "'x', 1, 'd', '2026-01-01T00:00:00.000000Z', 'Ada', :genesis, 0)"
                ),
                {"genesis": "0" * 64},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO source_document (id, article_id, origin, media_type, text, "
                    "sha256, captured_at, captured_by) VALUES (7, 1, 'minutes.txt', "
                    "'text/plain', 'THE CHAIR: Order.', 'abc', '2026-01-02T00:00:00.000000Z', "
                    "'Ada')"
                )
            )
    finally:
        database.close()
    with open_database(db_path) as upgraded:
        with upgraded.engine.connect() as connection:
            assert current_revision(connection) == HEAD_REVISION
        [document] = services.list_source_documents(upgraded, article_id=1)
        assert document.id == 7 and document.article_ids == (1,)
        assert document.final_url is None and document.http_status is None
