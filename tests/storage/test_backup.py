"""Rolling daily backups of the SQLite file, and the documented restore."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.settings import Settings, save_settings
from workbench.storage import open_database
from workbench.storage.backup import backup_folder, backups_of, daily_backup


def _database_with_an_article(path: Path) -> int:
    with open_database(path) as db:
        article, analysis = make_article(THREE_QUOTES)
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        quote = services.list_quotes(db, article_id=article_id)[0]
        services.mark_status(db, quote_id=quote.id, status="verified", note="before backup")
        return quote.id


def test_one_backup_a_day_and_only_the_newest_kept(tmp_path):
    path = tmp_path / "workbench.sqlite"
    _database_with_an_article(path)
    first_day = date(2026, 11, 1)
    made = daily_backup(path, keep=3, today=first_day)
    assert made == backup_folder(path) / "workbench-2026-11-01.sqlite"
    assert daily_backup(path, keep=3, today=first_day) is None  # once a day
    for offset in range(1, 5):
        daily_backup(path, keep=3, today=first_day + timedelta(days=offset))
    assert [p.name for p in backups_of(path)] == [
        "workbench-2026-11-03.sqlite",
        "workbench-2026-11-04.sqlite",
        "workbench-2026-11-05.sqlite",
    ]
    assert not list(backup_folder(path).glob(".*partial"))


def test_a_backup_is_a_whole_standalone_database(tmp_path):
    path = tmp_path / "workbench.sqlite"
    _database_with_an_article(path)
    with open_database(path) as db:  # the WAL still holds recent writes
        backup = daily_backup(db.path, keep=2)
    assert backup is not None
    connection = sqlite3.connect(backup)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("SELECT note FROM quote WHERE note IS NOT NULL").fetchall() == [
            ("before backup",)
        ]
    finally:
        connection.close()


def test_the_documented_restore_brings_the_record_back(tmp_path):
    path = tmp_path / "workbench.sqlite"
    quote_id = _database_with_an_article(path)
    backup = daily_backup(path, keep=7)
    assert backup is not None
    with open_database(path) as db:
        services.mark_status(db, quote_id=quote_id, status="misquoted", note="after backup")
    path.write_bytes(b"\x00" * 4096)  # the disk mangles the file
    # docs/backup.md: move the damaged file and its -wal/-shm aside, copy the backup in place.
    for suffix in ("", "-wal", "-shm"):
        damaged = Path(f"{path}{suffix}")
        if damaged.exists():
            damaged.rename(Path(f"{path}{suffix}.damaged"))
    shutil.copyfile(backup, path)
    with open_database(path) as db:
        assert services.verify_audit(db).ok
        quote = services.get_quote(db, quote_id=quote_id)
        assert (quote.status, quote.note) == ("verified", "before backup")


def test_opening_for_writing_makes_the_days_backup_with_the_settings_count(tmp_path):
    path = tmp_path / "workbench.sqlite"
    _database_with_an_article(path)
    folder = backup_folder(path)
    folder.mkdir()
    for day in range(1, 4):
        shutil.copyfile(path, folder / f"workbench-2020-01-0{day}.sqlite")
    save_settings(Settings(backups_kept=2))
    services.open_review_database(str(path), backup=True).close()
    names = [p.name for p in backups_of(path)]
    assert names == ["workbench-2020-01-03.sqlite", f"workbench-{date.today().isoformat()}.sqlite"]


def test_a_failed_backup_is_logged_and_the_review_goes_on(tmp_path, caplog):
    path = tmp_path / "workbench.sqlite"
    quote_id = _database_with_an_article(path)
    backup_folder(path).write_text("not a folder")
    with (
        caplog.at_level(logging.WARNING),
        services.open_review_database(str(path), backup=True) as db,
    ):
        services.mark_status(db, quote_id=quote_id, status="in_review")
    assert "Could not back up the review database" in caplog.text
    assert backup_folder(path).read_text() == "not a folder"
