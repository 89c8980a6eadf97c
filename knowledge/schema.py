"""The database schema's version: Alembic migrations shipped in knowledge/migrations/.

- An empty database gets today's tables and is stamped at the head revision.
- A database made by release 070182e (tables, no `alembic_version`) is the first revision.
- The embedded SQLite file upgrades itself on first use; any other database (PostgreSQL) is
  upgraded by an operator (`odop-bot db upgrade`), so two versions of the code never race on a
  shared schema. A schema newer than this code knows is refused everywhere.

All of it runs under `exclusive()`: two processes starting at once take turns.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from knowledge.db import metadata, read_only

SCRIPT_LOCATION = str(Path(__file__).parent / "migrations")
# The schema of release 070182e, the first one users have databases of.
FIRST_RELEASE = "r1_070182e"
UPGRADE_HINT = "run `odop-bot db upgrade`"

log = logging.getLogger(__name__)
# Alembic's runner says "Context impl SQLiteImpl" at INFO every time a version is read (each
# start); an upgrade is logged here instead.
logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)


class SchemaError(Exception):
    """The database's schema is not the one this code works with (one line: what to do)."""


@dataclass(frozen=True)
class Version:
    current: str | None  # the stamped revision; None when there is none
    head: str
    legacy: bool = False  # tables from before migrations, no alembic_version
    empty: bool = False

    @property
    def state(self) -> str:
        if self.empty:
            return "empty"
        if self.current == self.head:
            return "current"
        if self.legacy or self.current in revisions():
            return "behind"
        return "ahead"

    def describe(self) -> str:
        if self.empty:
            return f"empty database (no tables); head is {self.head}"
        name = self.current or f"no revision (made before migrations: {FIRST_RELEASE})"
        return {
            "current": f"{name} (head)",
            "behind": f"{name}; head is {self.head}: {UPGRADE_HINT}",
            "ahead": f"{name}, newer than this odop-bot knows (head {self.head})",
        }[self.state]


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.attributes["connection"] = connection
    return cfg


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    heads = script().get_heads()
    if len(heads) != 1:
        raise SchemaError(f"the migrations have {len(heads)} heads: {', '.join(heads)}")
    return heads[0]


def revisions() -> set[str]:
    return {rev.revision for rev in script().walk_revisions()}


def version(connection: Connection) -> Version:
    """Where the database stands, read without changing anything."""
    tables = set(inspect(connection).get_table_names())
    current = MigrationContext.configure(connection).get_current_revision()
    tip = head()
    if current is not None:
        return Version(current, tip)
    if "districts" in tables:
        return Version(None, tip, legacy=True)
    if tables - {"alembic_version"}:
        # Not ours, or not recognisable: never guess what to do with it.
        raise SchemaError(f"the database holds tables odop-bot did not make "
                          f"({', '.join(sorted(tables)[:3])}...): use an empty database")
    return Version(None, tip, empty=True)


def upgrade(connection: Connection, revision: str = "head") -> Version:
    """Bring the database to `revision` by the migrations; return where it stood before."""
    before = version(connection)
    if before.state == "ahead":
        raise SchemaError(f"the database's schema ({before.current}) is newer than this "
                          f"odop-bot knows (head {before.head}): upgrade odop-bot")
    cfg = config(connection)
    with _foreign_keys_off(connection):
        if before.legacy:
            # Revision 1 creates only what is missing (an old CLI never made the bot's tables).
            command.upgrade(cfg, FIRST_RELEASE)
        command.upgrade(cfg, revision)
    connection.commit()
    return before


def downgrade(connection: Connection, revision: str) -> None:
    with _foreign_keys_off(connection):
        command.downgrade(config(connection), revision)
    connection.commit()


def ensure_current(engine: Engine) -> Version:
    """Upgrade an older embedded database, or refuse a schema this code does not work with.

    An empty database is left to the caller (seeding creates today's tables, stamped). The
    first read takes no lock; only a database that needs upgrading waits for `exclusive`.
    """
    with engine.connect() as connection:
        found = version(connection)
    if found.empty or found.state == "current":
        return found
    if found.state == "ahead":
        raise SchemaError(f"the database's schema ({found.current}) is newer than this "
                          f"odop-bot knows (head {found.head}): upgrade odop-bot")
    older = (f"the database's schema is older than this odop-bot "
             f"({found.current or 'made before migrations'}, needs {found.head})")
    if not is_embedded(engine):
        raise SchemaError(f"{older}: {UPGRADE_HINT}")
    if read_only(engine):
        raise SchemaError(f"{older} and the file is read-only: {UPGRADE_HINT} as its owner")
    with exclusive(engine) as connection:
        if version(connection).state == "behind":  # not done meanwhile by another process
            upgrade(connection)
            log.info("database schema upgraded from %s to %s",
                     found.current or "before migrations", found.head)
    return found


def create(connection: Connection) -> None:
    """Today's tables at once, stamped as the head: the schema the migrations make (tested).
    Tables that exist are left as they are, so only an empty or stamped database is taken."""
    found = version(connection)
    if found.legacy:
        raise SchemaError(f"the database was made before migrations: {UPGRADE_HINT}")
    metadata().create_all(connection)
    if found.empty:
        command.stamp(config(connection), "head")


@contextmanager
def exclusive(engine: Engine) -> Iterator[Connection]:
    """A connection held while no other process is creating, migrating or seeding."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
            key = _lock_key(f"odop-bot:{engine.url.database}:{schema}")
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            connection.commit()
            try:
                yield connection
            finally:
                connection.rollback()
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
        return
    path = engine.url.database
    if engine.dialect.name != "sqlite" or not path or path == ":memory:":
        with engine.connect() as connection:
            yield connection
        return
    # A file lock beside the database: SQLite's own locks are per statement, not per startup.
    with open(f"{path}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_embedded(engine: Engine) -> bool:
    """An SQLite file is the user's own (no other version of odop-bot shares it)."""
    return engine.dialect.name == "sqlite"


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite's batch mode copies tables; enforcing foreign keys meanwhile would lose rows."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.commit()  # the pragma is ignored inside a transaction
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        connection.commit()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
