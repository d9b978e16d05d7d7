"""Faults of the environment: a locked, damaged, foreign, read-only or full database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from small_articles import THREE_QUOTES, make_article
from sqlalchemy import event

from workbench import services
from workbench.errors import EnvironmentFault
from workbench.storage import open_database


def _article_in(db) -> list[int]:
    article, analysis = make_article(THREE_QUOTES)
    article_id = services.import_article(db, article=article, analysis=analysis).article_id
    return [q.id for q in services.list_quotes(db, article_id=article_id)]


# Root ignores file permissions, so a read-only place is tested as `nobody`: the interpreter
# starts as root (it lives under /root), loads what it needs, then gives up its privileges.
_AS_NOBODY = """
import os, sys
import getpass, json, logging, sqlite3, platformdirs
import sqlalchemy.dialects.sqlite.pysqlite
import workbench.cli, workbench.services, workbench.commands.review, workbench.commands.analyze
import workbench.importing, workbench.extraction, workbench.storage.backup
workbench.cli.build_parser()
os.setgroups([]); os.setgid(65534); os.setuid(65534)
sys.exit(workbench.cli.main(sys.argv[1:]))
"""


def _cli(*args: str, db: str | Path, as_nobody: bool = False) -> subprocess.CompletedProcess:
    start = [sys.executable, "-c", _AS_NOBODY] if as_nobody else [sys.executable, "-m", "workbench"]
    return subprocess.run(
        [*start, "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "PYTHONDONTWRITEBYTECODE": "1",
            "XDG_CONFIG_HOME": str(Path(db).parent / "config"),
        },
    )


def _one_sentence(result: subprocess.CompletedProcess, status: int = 1) -> str:
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- locked ---------------------------------------------------------------------------------


def test_a_locked_sqlite_database_is_waited_on_then_reported(tmp_path):
    path = tmp_path / "locked.sqlite"
    with open_database(path) as setup:
        quote_id = _article_in(setup)[0]
    other_writer = sqlite3.connect(path, isolation_level=None)
    try:
        other_writer.execute("BEGIN IMMEDIATE")
        with open_database(path, lock_timeout=0.4) as db:
            started = time.monotonic()
            with pytest.raises(EnvironmentFault, match=r"is busy: .* more than 0\.4 s"):
                services.mark_status(db, quote_id=quote_id, status="verified")
            assert 0.35 < time.monotonic() - started < 5
            # Readers are not blocked by a writer (WAL).
            assert services.get_quote(db, quote_id=quote_id).status == "unverified"
    finally:
        other_writer.close()
    with open_database(path) as db:
        assert services.get_quote(db, quote_id=quote_id).status == "unverified"
        assert services.verify_audit(db).ok


def test_a_locked_sqlite_database_via_the_cli_is_one_sentence(tmp_path):
    path = tmp_path / "locked.sqlite"
    with open_database(path) as setup:
        quote_id = _article_in(setup)[0]
    other_writer = sqlite3.connect(path, isolation_level=None)
    try:
        other_writer.execute("BEGIN IMMEDIATE")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "workbench",
                "--db",
                str(path),
                "mark",
                str(quote_id),
                "verified",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "WORKBENCH_LOCK_TIMEOUT": "0.3"},
            timeout=60,
        )
    finally:
        other_writer.close()
    message = _one_sentence(result)
    assert str(path) in message and "busy" in message and "try again" in message


@pytest.mark.postgres
def test_a_locked_postgres_article_is_waited_on_then_reported(pg_url):
    db_url = pg_url
    with open_database(db_url) as setup:
        quote_id = _article_in(setup)[0]
    holder = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    try:
        with holder.connect() as connection, connection.begin():
            connection.exec_driver_sql("SELECT id FROM article WHERE id = 1 FOR UPDATE")
            with open_database(db_url, lock_timeout=0.4) as db:
                started = time.monotonic()
                with pytest.raises(EnvironmentFault, match="is busy"):
                    services.mark_status(db, quote_id=quote_id, status="verified")
                assert 0.35 < time.monotonic() - started < 5
    finally:
        holder.dispose()


def test_an_unreachable_postgres_server_is_one_sentence():
    with pytest.raises(EnvironmentFault, match="Cannot reach the review database") as caught:
        open_database("postgresql+psycopg://nobody:secret@127.0.0.1:9/nowhere")
    assert "secret" not in str(caught.value)


# --- damaged or foreign files -------------------------------------------------------------------


def _assert_untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


@pytest.mark.parametrize(
    "content",
    [os.urandom(8192), b"SQLite format", b"SQLite format 3\x00" + b"\x00" * 20],
    ids=["random-bytes", "truncated-header", "short-header"],
)
def test_a_damaged_file_is_named_and_never_overwritten(tmp_path, content):
    path = tmp_path / "workbench.sqlite"
    path.write_bytes(content)
    with pytest.raises(EnvironmentFault) as caught:
        open_database(path)
    message = str(caught.value)
    assert str(path) in message and "damaged" in message and "backup" in message
    _assert_untouched(path, content)
    result = _cli("articles", db=path)
    assert str(path) in _one_sentence(result)
    result = _cli("mark", "1", "verified", db=path)
    assert str(path) in _one_sentence(result)
    _assert_untouched(path, content)


def test_a_database_with_damaged_pages_is_reported_and_kept(tmp_path):
    path = tmp_path / "workbench.sqlite"
    with open_database(path) as db:
        _article_in(db)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size:] = os.urandom(len(data) - page_size)  # everything after the first page
    path.write_bytes(bytes(data))
    with pytest.raises(EnvironmentFault, match="damaged"), open_database(path) as db:
        services.list_articles(db)
    assert path.read_bytes() == bytes(data)


def test_another_programs_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "contacts.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(EnvironmentFault, match="other tables: contacts"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_workbench_is_refused(db_url):
    with open_database(db_url) as db, db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_future'")
    with pytest.raises(EnvironmentFault, match="newer version of the workbench"):
        open_database(db_url)


def test_a_missing_folder_is_a_user_error(tmp_path):
    result = _cli("articles", db=tmp_path / "no" / "such" / "folder.sqlite")
    assert "does not exist" in _one_sentence(result, status=2)


# --- read-only and full ---------------------------------------------------------------------


@pytest.fixture
def read_only_folder():
    """A folder this test's workbench may read but not write (as `nobody` when we are root)."""
    folder = Path(tempfile.mkdtemp(prefix="workbench-ro-"))
    folder.chmod(0o755)
    try:
        yield folder, os.geteuid() == 0
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_read_only_location_is_one_sentence_and_changes_nothing(read_only_folder):
    folder, as_nobody = read_only_folder
    path = folder / "workbench.sqlite"
    with open_database(path) as db:
        quote_id = _article_in(db)[0]
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    article = folder / "article.txt"
    article.write_text("Budget\n\n“We will balance it,” said Mara Quill.\n", encoding="utf-8")
    before = path.read_bytes()
    if not as_nobody:
        path.chmod(0o444)
        folder.chmod(0o555)
    result = _cli("mark", str(quote_id), "verified", db=path, as_nobody=as_nobody)
    message = _one_sentence(result)
    assert str(path) in message and "read-only" in message
    result = _cli("import", str(article), db=folder / "new.sqlite", as_nobody=as_nobody)
    assert "read-only" in _one_sentence(result)
    assert path.read_bytes() == before
    assert not (folder / "new.sqlite").exists()


def test_a_full_disk_leaves_nothing_half_written(tmp_path):
    path = tmp_path / "full.sqlite"
    with open_database(path) as db:
        _article_in(db)
        db.engine.dispose()

        @event.listens_for(db.engine, "connect")
        def cap_size(dbapi_connection, _record):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

        article, analysis = make_article(
            [(f"Line {n} of the long statement " + "x" * 400, "Mara Quill") for n in range(200)]
        )
        with pytest.raises(EnvironmentFault, match="is full, so nothing was saved"):
            services.import_article(db, article=article, analysis=analysis)
        event.remove(db.engine, "connect", cap_size)
        db.engine.dispose()
        assert len(services.list_articles(db)) == 1
        assert services.verify_audit(db).ok
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
