"""The environment failing under the workbench (issue 14, item 8): a read-only filesystem, a
PostgreSQL server that restarted or never answers, and export targets that are not files."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys

import pytest
import sqlalchemy as sa
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.storage import open_database

DEADLINE = 60  # seconds before a case counts as a hang


def _reviewed(db_target: str) -> tuple[int, list[int]]:
    with open_database(db_target) as db:
        article, analysis = make_article(THREE_QUOTES)
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        ids = [q.id for q in services.list_quotes(db, article_id=article_id)]
        services.mark_status(db, quote_id=ids[0], status="verified", reviewer="Ada")
        return article_id, ids


def _read_only_mount_works() -> list[str] | None:
    """The `unshare` words that give a process a mount namespace of its own, or None."""
    if not shutil.which("unshare") or sys.platform != "linux":
        return None
    for words in (["unshare", "--mount"], ["unshare", "--mount", "--map-root-user"]):
        try:
            done = subprocess.run([*words, "true"], capture_output=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return words
    return None


UNSHARE = _read_only_mount_works()


@pytest.mark.skipif(UNSHARE is None, reason="needs unshare(1) to mount a folder read-only")
def test_read_only_commands_work_on_a_read_only_filesystem(tmp_path):
    folder = tmp_path / "newsroom"
    folder.mkdir()
    database = folder / "review.sqlite"
    article_id, ids = _reviewed(str(database))
    workbench = f"{sys.executable} -m workbench --db {database}"
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
        f"cd {os.getcwd()} && "
        f"{workbench} articles > {tmp_path}/articles.out && "
        f"{workbench} quotes {article_id} > {tmp_path}/quotes.out && "
        f"{workbench} export {article_id} --format csv > {tmp_path}/export.out && "
        f"{workbench} audit verify > {tmp_path}/verify.out && "
        f"{{ {workbench} mark {ids[1]} misquoted 2> {tmp_path}/mark.err; "
        f"echo $? > {tmp_path}/mark.status; }}"
    )
    done = subprocess.run([*UNSHARE, "sh", "-c", script], capture_output=True, timeout=DEADLINE)
    assert done.returncode == 0, done.stderr.decode()
    assert "Council votes" in (tmp_path / "articles.out").read_text()
    assert "verified" in (tmp_path / "quotes.out").read_text()
    assert "We will not raise the harbour levy" in (tmp_path / "export.out").read_text()
    assert (tmp_path / "verify.out").read_text().startswith("Audit trail intact: 1 article")
    # A write is refused in a sentence; nothing was written beside the database.
    assert (tmp_path / "mark.status").read_text().strip() == "1"
    assert (tmp_path / "mark.err").read_text() == (
        f"workbench: Cannot write to the review database {database}: its file or folder is "
        f"read-only (attempt to write a readonly database). Nothing was changed. Choose a "
        f"writable place with --db or WORKBENCH_DB.\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["review.sqlite"]


@pytest.mark.postgres
def test_the_first_write_after_a_server_restart_reconnects(pg_url):
    _article_id, ids = _reviewed(pg_url)
    with open_database(pg_url) as db:  # a long-lived process: the window, say
        assert services.get_quote(db, quote_id=ids[1]).status == "unverified"
        name = db.url.database
        # What a restart does to the process's pooled connections: the server drops them.
        admin = sa.create_engine(db.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            dropped = connection.execute(
                sa.text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            ).scalar()
        admin.dispose()
        assert dropped >= 1
        result = services.mark_status(db, quote_id=ids[1], status="misquoted", reviewer="Ben")
        assert result.quote.status == "misquoted"
        assert services.verify_audit(db).ok


def test_a_database_port_that_never_answers_is_a_sentence(workbench_cli):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel accepts the connection; nobody ever answers it
    try:
        url = f"postgresql+psycopg://desk@127.0.0.1:{silent.getsockname()[1]}/newsroom"
        result = workbench_cli("--db", url, "articles")
    finally:
        silent.close()
    assert result.returncode == 1
    assert result.stderr == (
        f"workbench: Cannot reach the review database {url} (connection timeout expired). "
        f"Check that the server is running and the URL is right.\n"
    )


@pytest.mark.skipif(sys.platform != "linux", reason="device nodes and /proc/self/fd as on Linux")
@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "stdout"])
def test_export_force_never_replaces_what_is_not_a_file(tmp_path, kind, workbench_cli):
    db = str(tmp_path / "review.sqlite")
    article_id, _ids = _reviewed(db)
    # Every target lives in the test's folder: a workbench that did replace it (as root, it
    # could) must not take the machine's /dev/null or /dev/stdout with it.
    if kind == "device":
        target, what = str(tmp_path / "null"), "a device"
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
        except (PermissionError, AttributeError):
            pytest.skip("making a device node needs root")
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("needs named pipes")
        target, what = str(tmp_path / "report.csv"), "a named pipe (FIFO)"
        os.mkfifo(target)
    elif kind == "folder":
        target = str(tmp_path / "reports")
        os.mkdir(target)
    else:  # standard output, which is the test's pipe
        target, what = str(tmp_path / "out.csv"), "a named pipe (FIFO)"
        os.symlink("/proc/self/fd/1", target)
    result = workbench_cli(
        "--db", db, "export", str(article_id), "--format", "csv", "-o", target, "--force"
    )
    assert result.returncode == 2
    if kind == "folder":
        assert (
            result.stderr == f"workbench: {target} is a folder; give a file name for the export.\n"
        )
        assert os.listdir(target) == []
    else:
        assert result.stderr == (
            f"workbench: {target} is {what}, not a file, so the export will not replace it; "
            f"give a file name, or leave out -o to write to standard output.\n"
        )
    if kind == "device":
        assert stat.S_ISCHR(os.stat(target).st_mode)
    if kind == "fifo":
        assert stat.S_ISFIFO(os.stat(target).st_mode)
