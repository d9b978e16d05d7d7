"""Issue 11 case 1: nothing in the window's process opens the SQLite file behind SQLite's back.

A file dialog browsing the database's folder, a second process on the same file, then more
verdicts: every verdict must reach the file that the other process reads. Before the fix the
dialog's icon provider read the first bytes of ``workbench.sqlite``, its ``-wal`` and ``-shm``
(the MIME type of a name it does not know), which dropped SQLite's locks for the process; the
second process then checkpointed and deleted the write-ahead log the first was still writing
into, and later verdicts were never seen again while ``audit verify`` said "intact".
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.errors import LostDatabase, UserError
from workbench.storage import open_database, open_files

OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints\(\)|raise\(\))"
needs_proc_locks = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="lost locks are seen in /proc/locks (Linux)"
)


def _review_database(folder: Path):
    """An open database in ``folder`` with one article and its first quote verified."""
    db = open_database(folder / "workbench.sqlite")
    article, analysis = make_article(THREE_QUOTES)
    article_id = services.import_article(db, article=article, analysis=analysis).article_id
    quotes = [q.id for q in services.list_quotes(db, article_id=article_id)]
    services.mark_status(db, quote_id=quotes[0], status="verified", reviewer="Ines Carvalho")
    return db, article_id, quotes


def _browse(qtbot, dialog, folder: Path) -> None:
    """Show the dialog on ``folder`` until every file in it has its type, then press Esc."""
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel

    dialog.setViewMode(QFileDialog.ViewMode.Detail)  # the type column asks for each file too
    dialog.setDirectory(str(folder))
    dialog.selectNameFilter("All files (*)")  # lists the database files, as a reviewer may
    model = dialog.findChild(QFileSystemModel)
    dialog.show()

    def listed_with_types() -> bool:
        root = model.index(str(folder))
        names = {model.fileName(model.index(r, 0, root)) for r in range(model.rowCount(root))}
        typed = all(model.type(model.index(r, 0, root)) for r in range(model.rowCount(root)))
        return {
            "workbench.sqlite",
            "workbench.sqlite-wal",
            "workbench.sqlite-shm",
        } <= names and typed

    qtbot.waitUntil(listed_with_types, timeout=10_000)
    qtbot.wait(200)  # icons are fetched by the same worker, after the types
    dialog.reject()


def _statuses_seen_by_another_process(workbench_cli, db_path: Path, article_id: int) -> list[str]:
    result = workbench_cli("--db", str(db_path), "quotes", str(article_id), "--json")
    assert result.returncode == 0, result.stderr
    return [quote["status"] for quote in json.loads(result.stdout)]


@pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
def test_browsing_the_database_folder_then_a_second_process_loses_no_verdict(
    qtbot, tmp_path, workbench_cli
):
    from workbench.ui.dialogs.file_picker import file_dialog
    from workbench.ui.main_window import ARTICLE_FILES

    db, article_id, quotes = _review_database(tmp_path)
    db_path = tmp_path / "workbench.sqlite"
    wal = tmp_path / "workbench.sqlite-wal"
    try:
        _browse(qtbot, file_dialog(None, "Import articles", filters=ARTICLE_FILES), tmp_path)
        wal_before = os.stat(wal).st_ino

        # A second process comes and goes: it must not delete the log the window writes into.
        assert (
            _statuses_seen_by_another_process(workbench_cli, db_path, article_id)[0] == "verified"
        )
        assert wal.exists() and os.stat(wal).st_ino == wal_before

        services.mark_status(db, quote_id=quotes[1], status="misquoted", reviewer="Ines Carvalho")
        services.mark_status(
            db, quote_id=quotes[2], status="unverifiable", reviewer="Ines Carvalho"
        )
        seen = _statuses_seen_by_another_process(workbench_cli, db_path, article_id)
        assert seen == ["verified", "misquoted", "unverifiable"]
        if Path("/proc/locks").exists():
            assert open_files.lost_locks(db.shared) is None  # the dialog read nothing
    finally:
        db.close()
    # After both have closed, the file alone holds every verdict, each with its audit event.
    with open_database(db_path) as reopened:
        assert [q.status for q in services.list_quotes(reopened, article_id=article_id)] == [
            "verified",
            "misquoted",
            "unverifiable",
        ]
        events = services.list_events(reopened, article_id=article_id)
        assert [e.action for e in events] == ["article.imported"] + ["quote.status"] * 3
        assert services.verify_audit(reopened).ok


@needs_proc_locks
@pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
def test_a_dialog_that_reads_file_content_loses_the_locks_and_the_next_write_is_refused(
    qtbot, tmp_path, workbench_cli
):
    """The root cause, kept in view: Qt's default provider reads the files; the guard stops
    the next write with a sentence instead of letting it go into a log that is deleted."""
    from PySide6.QtWidgets import QFileDialog

    db, article_id, quotes = _review_database(tmp_path)
    db_path = tmp_path / "workbench.sqlite"
    try:
        plain = QFileDialog(None, "Import articles", "", "Articles (*.txt);;All files (*)")
        plain.setOption(QFileDialog.Option.DontUseNativeDialog)
        _browse(qtbot, plain, tmp_path)
        assert open_files.lost_locks(db.shared) is not None
        _statuses_seen_by_another_process(workbench_cli, db_path, article_id)
        with pytest.raises(LostDatabase) as refused:
            services.mark_status(db, quote_id=quotes[1], status="misquoted")
        assert "was not saved" in str(refused.value)
        assert str(db_path) in str(refused.value)
    finally:
        db.close()
    with open_database(db_path) as reopened:
        assert services.get_quote(reopened, quote_id=quotes[1]).status == "unverified"
        assert services.verify_audit(reopened).ok


# --- every other way the process could read the file ----------------------------------------


@needs_proc_locks
def test_a_descriptor_closed_anywhere_in_the_process_is_noticed_before_the_write(tmp_path):
    db, _article_id, quotes = _review_database(tmp_path)
    try:
        with open(tmp_path / "workbench.sqlite-shm", "rb"):
            pass  # closing it drops SQLite's locks on the file for the whole process
        with pytest.raises(LostDatabase, match=r"lost SQLite's lock on the review database"):
            services.mark_status(db, quote_id=quotes[1], status="misquoted")
    finally:
        db.close()
    with open_database(tmp_path / "workbench.sqlite") as reopened:
        assert services.get_quote(reopened, quote_id=quotes[1]).status == "unverified"


def test_a_database_replaced_under_the_window_is_refused_before_writing(tmp_path):
    db, _article_id, quotes = _review_database(tmp_path)
    path = tmp_path / "workbench.sqlite"
    try:
        stranger = tmp_path / "restored.sqlite"
        sqlite3.connect(stranger).close()
        os.replace(stranger, path)  # a restore (or a sync tool) swaps the file while it is open
        with pytest.raises(LostDatabase, match=r"was moved, replaced or deleted .* not saved"):
            services.mark_status(db, quote_id=quotes[1], status="misquoted")
    finally:
        db.close()


def test_opening_the_same_file_twice_shares_one_engine_and_reads_no_header(tmp_path):
    db, _article_id, quotes = _review_database(tmp_path)
    try:
        link = tmp_path / "alias.sqlite"
        link.symlink_to(tmp_path / "workbench.sqlite")
        with open_database(link) as again:
            assert again.shared is db.shared and again.engine is db.engine
            services.mark_status(again, quote_id=quotes[1], status="in_review")
        # Closing the second leaves the first open, its locks held.
        services.mark_status(db, quote_id=quotes[2], status="verified")
        if Path("/proc/locks").exists():
            assert open_files.lost_locks(db.shared) is None
    finally:
        db.close()
    assert open_files.find(tmp_path / "workbench.sqlite") is None


def test_the_review_database_is_refused_as_an_article_or_a_source_without_reading_it(tmp_path):
    from workbench.importing import load_article
    from workbench.sources.capture import capture

    db, _article_id, quotes = _review_database(tmp_path)
    try:
        for name in ("workbench.sqlite", "workbench.sqlite-wal", "workbench.sqlite-shm"):
            picked = str(tmp_path / name)
            with pytest.raises(UserError, match=r"review database the workbench has open"):
                load_article(picked)
            with pytest.raises(UserError, match=r"not an article or a source; it was not read"):
                capture(picked)
        if Path("/proc/locks").exists():
            assert open_files.lost_locks(db.shared) is None
        services.mark_status(db, quote_id=quotes[1], status="verified")
    finally:
        db.close()


def test_the_daily_backup_copies_through_the_open_connection(tmp_path):
    from workbench.storage.backup import daily_backup

    db, article_id, quotes = _review_database(tmp_path)
    try:
        copy = daily_backup(db, keep=3)
        assert copy is not None and copy.exists()
        if Path("/proc/locks").exists():
            assert open_files.lost_locks(db.shared) is None
        services.mark_status(db, quote_id=quotes[1], status="misquoted")
    finally:
        db.close()
    with open_database(copy) as backup:
        assert [q.status for q in services.list_quotes(backup, article_id=article_id)][:2] == [
            "verified",
            "unverified",
        ]


def test_an_export_over_the_open_database_is_refused(tmp_path):
    from workbench import export

    db, article_id, quotes = _review_database(tmp_path)
    try:
        data = export.export_article(db, article_id, "json")
        for name in ("workbench.sqlite", "workbench.sqlite-wal"):
            with pytest.raises(UserError, match=r"review database the workbench has open"):
                export.write_export(tmp_path / name, data, overwrite=True)
        services.mark_status(db, quote_id=quotes[1], status="misquoted")
    finally:
        db.close()
