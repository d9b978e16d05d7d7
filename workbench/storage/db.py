"""Where the review record lives: engine, SQLite pragmas, write locks, schema upgrades, faults.

A database is a SQLite file (the default, in the user data folder) or a PostgreSQL URL for a
newsroom. Every write runs in one transaction that holds the writer's lock from its first
statement (``BEGIN IMMEDIATE`` on SQLite; the article row ``FOR UPDATE`` on PostgreSQL, taken by
the repository), so two processes marking the same quote are serialised, never interleaved.
Faults of the environment (locked, damaged, read-only, full) become ``EnvironmentFault``
sentences that name the database and say what to do. A writer waits for another at most
``WORKBENCH_LOCK_TIMEOUT`` seconds (15 by default).
"""

from __future__ import annotations

import math
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlmodel import Session

from workbench.errors import EnvironmentFault, UserError
from workbench.storage import open_files
from workbench.storage.open_files import SharedFile
from workbench.storage.read_only import cannot_be_written, read_only_connector

# The newest schema this code knows. A test checks it is the head of migrations/versions, so
# that opening an up-to-date database need not load Alembic at all.
HEAD_REVISION = "0008_pages_and_notes"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

DEFAULT_LOCK_TIMEOUT = 15.0  # seconds a writer waits for another writer before giving up
MAX_LOCK_TIMEOUT = 86_400.0  # a day: SQLite counts the wait in milliseconds in a 32-bit int
SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_MIGRATION_LOCK = 0x57B_0001  # pg_advisory_xact_lock key: one schema upgrade at a time


def default_database_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("workbench", appauthor=False) / "workbench.sqlite"


def resolve_url(target: str | os.PathLike[str] | None) -> URL:
    """A SQLAlchemy URL from ``--db`` / ``WORKBENCH_DB``: a file path or a URL; None → default."""
    if target is None or str(target) == "":
        return make_url(f"sqlite:///{default_database_path()}")
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
            port = url.port  # a port that is not a number fails only when it is read
        except (sa.exc.ArgumentError, ValueError) as error:
            raise _not_a_url(text) from error
        if port is not None and not 1 <= port <= 65535:
            raise _not_a_url(text, f"port {port} is not between 1 and 65535")
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            raise _not_a_url(text, "it names no file")
        return url
    if "\x00" in text:
        raise UserError("The --db path holds a NUL character; give the path of a file.")
    try:
        return make_url(f"sqlite:///{Path(text).expanduser().resolve()}")
    except (OSError, RuntimeError, ValueError) as error:
        raise UserError(
            f"{text!r} is not a path the workbench can use for --db ({error})."
        ) from error


def _not_a_url(text: str, why: str | None = None) -> UserError:
    because = f" ({why})" if why else ""
    return UserError(
        f"{text!r} is not a database URL the workbench understands{because}; give a SQLite "
        f"file path or a URL such as postgresql+psycopg://user@host:5432/newsroom."
    )


def describe(url: URL) -> str:
    """How to name the database in a message: its file, or its URL without the password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


@dataclass
class Database:
    """An open review database. Close it (or use ``with``) so no connection is left behind."""

    url: URL
    engine: Engine
    lock_timeout: float
    # The SQLite file's entry in the process-wide registry (shared by every Database on it);
    # None for a server database.
    shared: SharedFile | None = field(default=None, repr=False)
    read_only: bool = False  # audit14: a SQLite file that cannot be written, opened to read

    def __post_init__(self) -> None:
        # The busy timeout travels with each transaction: an engine shared with another
        # Database of this file may have been opened with another one.
        busy_ms = round(self.lock_timeout * 1000)
        self._read_engine = self.engine.execution_options(workbench_busy_ms=busy_ms)
        self._write_engine = self.engine.execution_options(
            workbench_write=True, workbench_busy_ms=busy_ms
        )
        self._closed = False

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        if self.is_sqlite and self.url.database and self.url.database != ":memory:":
            return Path(self.url.database)
        return None

    @property
    def name(self) -> str:
        return describe(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it sees one consistent snapshot on SQLite (WAL)."""
        with (
            self.faults_as_sentences(),
            Session(self._read_engine, expire_on_commit=False) as session,
        ):
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed at the end as one transaction, or not at all.

        On SQLite the file is checked once the writer's lock is held and again just before the
        commit: if it was replaced, its log removed or the process lost SQLite's locks, the
        change is rolled back and refused (``LostDatabase``) instead of going where nobody
        will ever read it.
        """
        with self.faults_as_sentences():
            with Session(self._write_engine, expire_on_commit=False) as session:
                if self.shared is not None:
                    session.connection()  # BEGIN IMMEDIATE: the writer's lock, then the check
                    open_files.check_still_held(self.shared)
                yield session
                pause_point("before_commit")
                if self.shared is not None:
                    session.flush()
                    open_files.check_still_held(self.shared)
                session.commit()
            pause_point("after_commit")

    def check_still_held(self) -> None:
        """Raise ``LostDatabase`` if writing now would be unsafe (SQLite); a no-op otherwise."""
        if self.shared is not None:
            open_files.check_still_held(self.shared)

    @contextmanager
    def faults_as_sentences(self) -> Iterator[None]:
        try:
            yield
        except sa.exc.DBAPIError as error:
            raise database_fault(self, error.orig) from error
        except sqlite3.Error as error:
            raise database_fault(self, error) from error

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.shared is not None:
            open_files.release(self.shared)
        else:
            self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    lock_timeout: float | None = None,
    migrate: bool = True,
) -> Database:
    """Open (creating if needed) the review database and bring its schema up to date.

    A SQLite file already open in this process is not opened again: the new ``Database``
    shares its engine (see ``storage.open_files``).
    """
    url = resolve_url(target)
    lock_timeout = checked_lock_timeout(lock_timeout)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _open_sqlite_file(url, lock_timeout, migrate=migrate)  # a file: resolve_url
    if backend == "postgresql":
        try:
            engine = _postgres_engine(url, lock_timeout)
        except (sa.exc.NoSuchModuleError, ImportError) as error:
            raise UserError(
                f"The workbench has no PostgreSQL driver {url.drivername!r} ({describe(url)}): "
                f"write the URL as postgresql+psycopg://user@host:5432/newsroom, with the "
                f"workbench installed as 'workbench[postgres]'."
            ) from error
    else:
        raise UserError(
            f"The workbench stores its record in SQLite or PostgreSQL, not {backend!r} "
            f"({describe(url)})."
        )
    database = Database(url=url, engine=engine, lock_timeout=lock_timeout)
    if migrate:
        try:
            ensure_schema(database)
        except BaseException:
            database.close()
            raise
    return database


def checked_lock_timeout(value: float | None) -> float:
    """The writer's wait: the argument, else ``WORKBENCH_LOCK_TIMEOUT``, else 15 s; refused in a
    sentence unless it is a number of seconds from 0 to a day."""
    if value is None:
        setting = os.environ.get("WORKBENCH_LOCK_TIMEOUT", "").strip()
        if not setting:
            return DEFAULT_LOCK_TIMEOUT
        try:
            value = float(setting)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and 0 <= value <= MAX_LOCK_TIMEOUT):
            raise UserError(
                f"WORKBENCH_LOCK_TIMEOUT should be a number of seconds from 0 to "
                f"{MAX_LOCK_TIMEOUT:g}, not {setting!r}; unset it to wait "
                f"{DEFAULT_LOCK_TIMEOUT:g} s."
            )
        return value
    if not (math.isfinite(value) and 0 <= value <= MAX_LOCK_TIMEOUT):
        raise UserError(
            f"The lock timeout should be a number of seconds from 0 to {MAX_LOCK_TIMEOUT:g}, "
            f"not {value!r}."
        )
    return float(value)


def _open_sqlite_file(url: URL, lock_timeout: float, *, migrate: bool) -> Database:
    path = Path(url.database or "")
    with open_files.registry_lock():
        shared = open_files.find(path)
        if shared is not None:
            # Already open here: share it. Reading its header now with plain Python would
            # drop the locks SQLite holds on it for this whole process.
            shared.users += 1
            database = Database(url=url, engine=shared.engine, lock_timeout=lock_timeout)
            database.shared = shared
            return database
        _check_sqlite_file(path)  # safe: no connection to this file is open in this process
        read_only = cannot_be_written(path)  # audit14: storage/read_only.py
        engine = _sqlite_engine(url, lock_timeout, read_only=read_only)
        database = Database(url=url, engine=engine, lock_timeout=lock_timeout, read_only=read_only)
        try:
            if migrate:
                ensure_schema(database)
            if read_only:
                return database  # audit14: nothing can be written: no lock to hold or lose
            database.shared = _anchor(database, path)
        except BaseException:
            database.close()
            raise
        open_files.register(database.shared)
        return database


def _anchor(database: Database, path: Path) -> SharedFile:
    """Open the connection that holds this process's locks on the file while it is open."""
    with database.faults_as_sentences():
        anchor = sqlite3.connect(
            path, timeout=database.lock_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            anchor.execute("PRAGMA query_only = ON")
            # A read opens the write-ahead log and takes the shared locks it keeps from then on.
            anchor.execute("SELECT count(*) FROM sqlite_master").fetchone()
            key = open_files.file_key(path)
            if key is None:
                raise EnvironmentFault(f"The review database {path} vanished as it was opened.")
        except BaseException:
            anchor.close()
            raise
    shared = SharedFile(
        path=path,
        key=key,
        engine=database.engine,
        anchor=anchor,
        wal_key=open_files.file_key(path.with_name(path.name + "-wal")),
    )
    shared.lock_marks = open_files.lock_marks(shared)
    return shared


def _sqlite_engine(url: URL, lock_timeout: float, *, read_only: bool = False) -> Engine:
    # audit14: read-only (storage/read_only.py): reading never writes beside the file.
    creator = {"creator": read_only_connector(Path(url.database or ""))} if read_only else {}
    engine = sa.create_engine(url, pool_size=2, max_overflow=4, **creator)
    busy_ms = round(lock_timeout * 1000)

    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection: sqlite3.Connection, record: Any) -> None:
        # The driver's own transaction handling would BEGIN late and DEFERRED; we emit BEGIN
        # ourselves (below) so a writer holds the lock from its first statement.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            record.info["busy_ms"] = busy_ms
            cursor.execute("PRAGMA foreign_keys = ON")
            if not read_only and cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                # WAL is written into the file's header: only into a new database or ours,
                # never into another program's file that we are about to refuse.
                new_or_ours = cursor.execute(
                    "SELECT count(*) = 0 OR sum(name = 'alembic_version') > 0 "
                    "FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
                if new_or_ours:
                    cursor.execute("PRAGMA journal_mode = WAL")
            # FULL: a mark that reported success survives a power cut, not only a crash.
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        wait = options.get("workbench_busy_ms")
        if wait is not None and connection.connection.info.get("busy_ms") != wait:
            # Another Database sharing this engine waits longer or shorter than this one.
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait)}")
            connection.connection.info["busy_ms"] = wait
        if options.get("workbench_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


# audit14: seconds to wait for a PostgreSQL server to answer a connection (a port that accepts
# and never answers would hang every command); a URL's own ?connect_timeout= wins.
CONNECT_TIMEOUT = 10


def _postgres_engine(url: URL, lock_timeout: float) -> Engine:
    # audit14, pre_ping: a pooled connection the server dropped (a restart) is replaced before
    # use, so a long-lived window's first write after a restart reconnects instead of failing.
    timeout = {} if "connect_timeout" in url.query else {"connect_timeout": CONNECT_TIMEOUT}
    engine = sa.create_engine(
        url, pool_size=2, max_overflow=4, pool_pre_ping=True, connect_args=timeout
    )
    lock_ms = max(1, round(lock_timeout * 1000))

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        if connection.get_execution_options().get("workbench_write"):
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {lock_ms}")

    return engine


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database before SQLite may touch it.

    It reads the header with plain Python, so it runs only while no connection to this file is
    open in this process (``_open_sqlite_file`` makes sure): closing this handle would drop
    every lock SQLite holds on the file for the process.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        if not path.parent.is_dir():
            if path == default_database_path():
                _make_data_folder(path.parent)
            else:
                raise UserError(
                    f"The folder {path.parent} does not exist; create it or choose another "
                    f"place for the review database with --db."
                ) from None
        return
    except OSError as error:
        raise EnvironmentFault(
            f"Cannot read the review database {path}: {error.strerror}."
        ) from error
    if path.is_dir():
        raise UserError(f"{path} is a folder; --db needs a database file or URL.")
    if size == 0:
        return  # an empty file is an empty SQLite database
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise EnvironmentFault(
            f"Cannot read the review database {path}: {error.strerror}."
        ) from error
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise damaged(path, "its header is not a SQLite database header")


def _make_data_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EnvironmentFault(
            f"Cannot create the folder {folder} for the review database ({error.strerror}). "
            f"Choose a writable place with --db or WORKBENCH_DB."
        ) from error


def damaged(path: Path | str, detail: str) -> EnvironmentFault:
    return EnvironmentFault(
        f"The review database {path} is damaged or is not a workbench database ({detail}); "
        f"it was left untouched. Restore the latest copy from the backups folder beside it "
        f"(see docs/backup.md), or choose another file with --db."
    )


def database_fault(database: Database, error: BaseException | None) -> EnvironmentFault:
    """A sentence for a failure of the database itself (not of a workbench bug)."""
    name = database.name
    code = getattr(error, "sqlite_errorname", "") or ""
    message = str(error).strip().splitlines()[0] if error is not None and str(error) else ""
    sqlstate = getattr(error, "sqlstate", None) or ""
    locked = code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or sqlstate in {"55P03", "40P01"}
    if locked or "database is locked" in message:
        return EnvironmentFault(
            f"The review database {name} is busy: another workbench window or command kept it "
            f"locked for more than {database.lock_timeout:g} s. Nothing was changed; try again "
            f"when it has finished."
        )
    if code.startswith("SQLITE_FULL") or sqlstate == "53100":
        return EnvironmentFault(
            f"The disk holding the review database {name} is full, so nothing was saved. "
            f"Free some space and try again."
        )
    if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return EnvironmentFault(
            f"Cannot write to the review database {name}: its file or folder is read-only "
            f"({message}). Nothing was changed. Choose a writable place with --db or "
            f"WORKBENCH_DB."
        )
    if code.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return damaged(name, message)
    if message.startswith("Could not decode to UTF-8"):
        # A damaged page can hold bytes that are no text at all: SQLite does not notice, the
        # driver does when it reads them ("… column 'text' with text '<the garbled bytes>'").
        column = message.split(" with text ", 1)[0].removeprefix("Could not decode to UTF-8 ")
        return damaged(name, f"a page holds bytes that are not text, in {column}")
    if sqlstate.startswith("08") or (not sqlstate and not code and "connect" in message.lower()):
        return EnvironmentFault(
            f"Cannot reach the review database {name} ({message}). Check that the server is "
            f"running and the URL is right."
        )
    if sqlstate.startswith("28") or sqlstate == "3D000":
        return EnvironmentFault(f"The database server refused {name}: {message}.")
    return EnvironmentFault(
        f"The review database {name} failed: {message or type(error).__name__}."
    )


# --- schema -------------------------------------------------------------------------------


def current_revision(connection: Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def ensure_schema(database: Database) -> None:
    """Create or upgrade the schema; an up-to-date database costs one small query."""
    with database.faults_as_sentences():
        with database.engine.connect() as connection:
            if current_revision(connection) == HEAD_REVISION:
                return
        upgrade_schema(database, "head")


def upgrade_schema(database: Database, revision: str = "head") -> None:
    """Run Alembic's upgrade under the writer's lock, so two first starts do not collide."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    with (
        database.faults_as_sentences(),
        database._write_engine.connect() as connection,
        connection.begin(),
    ):
        if not database.is_sqlite:
            connection.execute(sa.text(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})"))
        current = current_revision(connection)
        if current is None:
            foreign = [
                t for t in sa.inspect(connection).get_table_names() if t != "alembic_version"
            ]
            if foreign:
                raise damaged(
                    database.name, "it holds other tables: " + ", ".join(sorted(foreign)[:5])
                )
        elif current not in known:
            raise EnvironmentFault(
                f"The review database {database.name} was made by a newer version of the "
                f"workbench (schema {current}). Update the workbench to open it."
            )
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


# --- test hooks ---------------------------------------------------------------------------


def pause_point(name: str) -> None:
    """Test-only: stop at a named point so a test can kill or race this process there.

    With ``WORKBENCH_TEST_PAUSE=<name>`` and ``WORKBENCH_TEST_HOOK_DIR=<folder>`` set, the process
    creates ``<folder>/<name>.reached`` and waits (at most a minute) for ``<name>.release``.
    """
    if os.environ.get("WORKBENCH_TEST_PAUSE") != name:
        return
    folder = Path(os.environ["WORKBENCH_TEST_HOOK_DIR"])
    (folder / f"{name}.reached").write_text(str(os.getpid()))
    deadline = time.monotonic() + 60
    while not (folder / f"{name}.release").exists() and time.monotonic() < deadline:
        time.sleep(0.005)
