"""Shared fixtures: real databases, never mocks of them.

- `sqlite_engine`: a seeded temp-file SQLite database (a copy of one seeded per session).
- `db_engine`: the same knowledge base on SQLite and on PostgreSQL (parametrised).
- `fresh_engine`: an empty database (no tables) on SQLite and on PostgreSQL (parametrised).
- `pg_url`: ODOP_TEST_POSTGRES_URL, or the test is skipped.

PostgreSQL tests each get their own schema (via search_path), dropped afterwards, so parallel
runs and other engineers' tests don't collide. The seeded PostgreSQL schema is a copy of one
seeded per session (seeding takes ~1.5 s; copying the rows ~0.2 s).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from bot.bootstrap import Knowledge, open_knowledge
from knowledge.catalog import Catalog
from knowledge.db import connect, create_schema, normalise_url
from knowledge.models import Base
from knowledge.seed import ensure_seeded
from knowledge.store import load_catalog

POSTGRES_ENV = "ODOP_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} not set: PostgreSQL tests skipped")
    return url


@contextmanager
def postgres_schema(url: str, schema: str | None = None) -> Iterator[Engine]:
    """An engine whose connections see only a new, empty schema; dropped on exit."""
    schema = schema or f"odop_test_{uuid.uuid4().hex[:12]}"
    admin = connect(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(
        normalise_url(url), connect_args={"options": f"-csearch_path={schema}"}
    )
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def seeded_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded SQLite file per test session; tests get copies of it."""
    path = tmp_path_factory.mktemp("template") / "odop.sqlite3"
    engine = connect(f"sqlite:///{path}")
    ensure_seeded(engine)
    engine.dispose()  # closing the last connection folds the WAL back into the main file
    return path


@pytest.fixture(scope="session")
def seeded_catalog(seeded_sqlite_template: Path) -> Catalog:
    """The catalog of the seeded template, read once per session (treat it as read-only)."""
    database = connect(f"sqlite:///{seeded_sqlite_template}")
    with Session(database) as session:
        catalog = load_catalog(session)
    database.dispose()
    return catalog


@pytest.fixture
def sqlite_engine(seeded_sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, path)
    engine = connect(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = connect(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
        yield engine
        engine.dispose()
        return
    with postgres_schema(request.getfixturevalue("pg_url")) as engine:
        yield engine


@pytest.fixture(scope="session")
def seeded_postgres_template(pg_url: str) -> Iterator[str]:
    """The name of one seeded PostgreSQL schema per test session; tests get copies of it."""
    schema = f"odop_template_{uuid.uuid4().hex[:12]}"
    with postgres_schema(pg_url, schema) as engine:
        ensure_seeded(engine)
        yield schema


@contextmanager
def postgres_copy(request: pytest.FixtureRequest) -> Iterator[tuple[Engine, str]]:
    """A fresh PostgreSQL schema holding a copy of the seeded template, and the URL a process
    reaches it by (its search_path in the options); dropped afterwards."""
    pg_url: str = request.getfixturevalue("pg_url")
    template: str = request.getfixturevalue("seeded_postgres_template")
    schema = f"odop_test_{uuid.uuid4().hex[:12]}"
    with postgres_schema(pg_url, schema) as engine:
        copy_schema(engine, template)
        yield engine, schema_url(pg_url, schema)


@contextmanager
def seeded_schema(pg_url: str, prefix: str) -> Iterator[Knowledge]:
    """The shipped knowledge base seeded into a new, empty PostgreSQL schema by the real
    bootstrap (as a first deployment does), opened; the schema is dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with postgres_schema(pg_url, schema):
        kb = open_knowledge(schema_url(pg_url, schema))
        try:
            yield kb
        finally:
            kb.db.dispose()


def schema_url(url: str, schema: str) -> str:
    """`url` with its connections' search_path set to `schema` (what a process is given)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


def copy_schema(engine: Engine, template: str) -> None:
    """Create the tables in `engine`'s schema and copy every row of `template` into them."""
    create_schema(engine)
    with engine.begin() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        for table in Base.metadata.sorted_tables:  # parents before children (foreign keys)
            conn.execute(text(
                f'INSERT INTO "{schema}".{table.name} SELECT * FROM "{template}".{table.name}'
            ))
            if "id" in table.c:  # the copied ids were not drawn from this schema's sequence
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('\"{schema}\".{table.name}', 'id'), "
                    f'(SELECT coalesce(max(id), 0) + 1 FROM "{schema}".{table.name}), false)'
                ))


@pytest.fixture(params=BACKENDS)
def db_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_engine")
        return
    template = request.getfixturevalue("seeded_postgres_template")
    with postgres_schema(request.getfixturevalue("pg_url")) as engine:
        copy_schema(engine, template)
        yield engine
