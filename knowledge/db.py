"""Database connection: one URL (ODOP_DATABASE_URL) names SQLite or PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from knowledge import audit, drafts, version  # noqa: F401  (their tables join Base.metadata)
from knowledge.delivery import drafts as _broadcast_drafts  # noqa: F401 - registers them
from knowledge.delivery import leases as _leases  # noqa: F401 - registers them
from knowledge.delivery import models as _delivery_tables  # noqa: F401 - registers them
from knowledge.location import database_url
from knowledge.models import Base

# How long a SQLite connection waits for another process's write (first-use seeding by
# several processes at once takes seconds on a busy machine) before "database is locked".
SQLITE_BUSY_SECONDS = 120.0


def normalise_url(url: str) -> str:
    """Pick the psycopg 3 driver for a bare postgresql:// URL (SQLAlchemy defaults to psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


class DatabaseUnavailable(Exception):
    """The database named cannot be used; the message says why in one line."""


def connect(url: str | None = None) -> Engine:
    """Create an engine for `url` (default: environment, then embedded SQLite).

    A SQLite file this process may not write is opened read-only (see _read_only_sqlite).
    """
    final = normalise_url(database_url(url))
    parsed = make_url(final)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite(final, parsed.database or "")
    try:
        return create_engine(final, pool_pre_ping=True)
    except ImportError as exc:  # a dialect SQLAlchemy knows whose driver is not installed
        raise DatabaseUnavailable(
            f"no driver for {parsed.drivername} ({exc}); odop-bot uses SQLite or PostgreSQL"
        ) from exc


def _sqlite(url: str, database: str) -> Engine:
    connect_args: dict[str, object] = {"check_same_thread": False,
                                       "timeout": SQLITE_BUSY_SECONDS}
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database)
        if path.is_file() and not os.access(path, os.W_OK):
            return _read_only_sqlite(path, connect_args)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailable(
                f"cannot create {path.parent}: {exc.strerror or exc}") from exc
    engine = create_engine(url, connect_args=connect_args)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _read_only_sqlite(path: Path, connect_args: dict[str, object]) -> Engine:
    """Open a file we may not write for reading, without the writes that opening does.

    No journal-mode pragma (switching to WAL writes the header). A WAL database is read
    through its -shm index; when that file is absent and the directory is read-only too,
    none can be made, so the file is opened as immutable: with no -shm and no way to create
    one (or a rollback journal), no process can be writing it.
    """
    query = {"mode": "ro", "uri": "true"}
    shm = path.with_name(path.name + "-shm")
    if not shm.exists() and not os.access(path.parent, os.W_OK):
        query["immutable"] = "1"
    url = URL.create("sqlite", database=f"file:{quote(str(path.resolve()))}", query=query)
    engine = create_engine(url, connect_args=connect_args)
    event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: object, record: object) -> None:
    _sqlite_foreign_keys(dbapi_connection, record)
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def read_only(engine: Engine) -> bool:
    """Return whether `engine` was opened read-only (a SQLite file we may not write)."""
    return engine.dialect.name == "sqlite" and engine.url.query.get("mode") == "ro"


def metadata() -> MetaData:
    """Every table of odop-bot, as the models define them today (what the migrations reach)."""
    from knowledge import activity  # noqa: F401 - it imports the engine side

    return Base.metadata


def create_schema(bind: Engine | Connection) -> None:
    """Today's tables where missing, stamped as the newest schema revision if the database was
    empty (knowledge.schema.create). A connection's transaction is left to its owner."""
    from knowledge import schema  # it builds on this module

    if isinstance(bind, Connection):
        schema.create(bind)
        return
    with bind.connect() as connection:
        schema.create(connection)
        connection.commit()


def has_tables(engine: Engine, names: Iterable[str]) -> bool:
    """Return whether every table named exists (a read: takes no lock)."""
    present = set(inspect(engine).get_table_names())
    return all(name in present for name in names)


@contextmanager
def first_use_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the database's write lock; commits on exit.

    Anything that can be started twice will be (replicas, a health check, the CLI next to the
    bot): first-use steps such as creating tables and seeding run under this lock, and check
    their work is still needed once they hold it. SQLite: BEGIN IMMEDIATE takes the write
    lock (others wait up to SQLITE_BUSY_SECONDS). PostgreSQL: a transaction-scoped advisory
    lock keyed by the schema, so separate schemas don't wait for each other.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key || current_schema()))"),
                         {"key": "odop-bot first use: "})
        yield conn
        conn.commit()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
