"""Database connection: one URL (ODOP_DATABASE_URL) names SQLite or PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from knowledge import audit, drafts  # noqa: F401  (their tables join Base.metadata)
from knowledge.delivery import models as _delivery_tables  # noqa: F401 - registers them
from knowledge.models import Base

DATABASE_URL_ENV = "ODOP_DATABASE_URL"
# How long a SQLite connection waits for another process's write (first-use seeding by
# several processes at once takes seconds on a busy machine) before "database is locked".
SQLITE_BUSY_SECONDS = 120.0


def default_url() -> str:
    """Return the embedded SQLite database's URL under the user's data directory."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'odop-bot' / 'odop.sqlite3'}"


def database_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(DATABASE_URL_ENV) or default_url()


def normalise_url(url: str) -> str:
    """Pick the psycopg 3 driver for a bare postgresql:// URL (SQLAlchemy defaults to psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def connect(url: str | None = None) -> Engine:
    """Create an engine for `url` (default: environment, then embedded SQLite)."""
    final = normalise_url(database_url(url))
    parsed = make_url(final)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            final, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(final, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def create_schema(bind: Engine | Connection) -> None:
    Base.metadata.create_all(bind)


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
