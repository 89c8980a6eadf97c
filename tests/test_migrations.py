"""Schema migrations (knowledge/migrations, knowledge/schema.py) on SQLite and PostgreSQL.

The data-bearing tests start from a database of release 070182e: its DDL as that release's
SQLite wrote it (tests/data/release_070182e/schema.sqlite.sql; on PostgreSQL, revision 1's
frozen tables, whose constraint names are PostgreSQL's own) and its rows, knowledge and user
data (rows.json). See tests/data/release_070182e/README.md for how they were made.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine as Database
from sqlalchemy import MetaData, Table, inspect, select, text
from sqlalchemy import types as satypes
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bot.bootstrap import open_knowledge
from bot.cli import render
from knowledge import schema, store
from knowledge.db import connect, create_schema, metadata
from knowledge.engine import Engine
from knowledge.migrations.versions import r1_070182e
from knowledge.seed import ensure_seeded

RELEASE = Path(__file__).parent / "data" / "release_070182e"
USER_TABLES = ("bot_user_preferences", "bot_queries", "bot_feedback")


MODELS_CHANGED = (
    "the models and the migrated schema differ: a model change needs a migration in "
    "knowledge/migrations/versions/ (see README, 'Upgrading: schema migrations')"
)


def schema_diff(engine: Database) -> list[Any]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata()))


def revision_of(engine: Database) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def release_rows() -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = json.loads((RELEASE / "rows.json").read_text())
    return rows


def build_release_database(engine: Database) -> None:
    """A database as release 070182e left it: its tables, its rows, no alembic_version."""
    rows = release_rows()
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            raw.driver_connection.executescript(  # type: ignore[union-attr]
                (RELEASE / "schema.sqlite.sql").read_text())
            for name, table in rows.items():
                marks = ", ".join("?" * len(table["columns"]))
                raw.driver_connection.executemany(  # type: ignore[union-attr]
                    f"INSERT INTO {name} ({', '.join(table['columns'])}) VALUES ({marks})",
                    [tuple(r) for r in table["rows"]])
            raw.commit()
        finally:
            raw.close()
        return
    old = r1_070182e.tables()
    with engine.begin() as connection:
        old.create_all(connection)
        for table in old.sorted_tables:
            data = rows[table.name]
            values = [
                {c: _typed(table, c, v) for c, v in zip(data["columns"], r, strict=True)}
                for r in data["rows"]
            ]
            if values:
                connection.execute(table.insert(), values)
            if "id" in table.c:
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"))


def _typed(table: Table, column: str, value: Any) -> Any:
    """SQLite's stored value as the column's Python value (its booleans are 0/1, dates text)."""
    kind = table.c[column].type
    if value is None:
        return None
    if isinstance(kind, satypes.Boolean):
        return bool(value)
    if isinstance(kind, satypes.DateTime):
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return value


def table_rows(engine: Database, name: str) -> list[tuple[Any, ...]]:
    table = Table(name, MetaData(), autoload_with=engine)
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(select(table).order_by(*table.primary_key))]


# --- the migrations themselves -------------------------------------------------------------


def test_one_head() -> None:
    assert len(schema.script().get_heads()) == 1
    assert schema.FIRST_RELEASE in schema.revisions()


def test_upgrade_from_empty_matches_the_models(fresh_engine: Database) -> None:
    with fresh_engine.connect() as connection:
        before = schema.upgrade(connection)
    assert before.empty
    assert revision_of(fresh_engine) == schema.head()
    assert schema_diff(fresh_engine) == [], MODELS_CHANGED


def test_created_schema_is_the_migrated_one(fresh_engine: Database) -> None:
    """An empty database gets today's tables at once; they are what the migrations make."""
    create_schema(fresh_engine)
    assert revision_of(fresh_engine) == schema.head()
    assert schema_diff(fresh_engine) == [], MODELS_CHANGED


def test_every_revision_downgrades_and_upgrades_again(fresh_engine: Database) -> None:
    steps = [rev.revision for rev in reversed(list(schema.script().walk_revisions()))]
    with fresh_engine.connect() as connection:
        for step in steps:
            schema.upgrade(connection, step)
            schema.downgrade(connection, "-1")
            schema.upgrade(connection, step)
        schema.downgrade(connection, "base")
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        schema.upgrade(connection)
    assert schema_diff(fresh_engine) == [], MODELS_CHANGED


def test_revision_one_is_release_070182e() -> None:
    """Revision 1's frozen tables are the release's: same tables, same columns."""
    engine = connect("sqlite://")
    with engine.connect() as connection:
        connection.connection.driver_connection.executescript(  # type: ignore[union-attr]
            (RELEASE / "schema.sqlite.sql").read_text())
        released = inspect(connection)
        frozen = r1_070182e.tables()
        assert set(released.get_table_names()) == set(frozen.tables)
        for name, table in frozen.tables.items():
            got = {c["name"]: (str(c["type"]), c["nullable"]) for c in released.get_columns(name)}
            assert got == {c.name: (str(c.type.compile(engine.dialect)), c.nullable)
                           for c in table.columns}, name


# --- a database of release 070182e, with rows ----------------------------------------------


def test_release_database_upgrades_and_keeps_its_rows(fresh_engine: Database) -> None:
    build_release_database(fresh_engine)
    before = {name: table_rows(fresh_engine, name) for name in USER_TABLES}
    kept = {name: table_rows(fresh_engine, name)
            for name in ("states", "districts", "district_aliases", "products", "meta")}
    assert all(before.values())

    with fresh_engine.connect() as connection:
        found = schema.upgrade(connection)
    assert found.legacy
    assert revision_of(fresh_engine) == schema.head()
    assert schema_diff(fresh_engine) == [], MODELS_CHANGED
    for name, rows in {**before, **kept}.items():
        assert table_rows(fresh_engine, name) == rows, name

    ensure_seeded(fresh_engine)  # refills what the migration emptied
    with fresh_engine.connect() as connection:
        counts = {name: connection.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
                  for name in ("plan_evidence", "regional_authorities", "ra_jurisdictions",
                               "industries_offices", "faq_texts")}
    assert all(counts.values()), counts


AGRA_QUESTIONS = ("who to contact in agra", "agra", "agra export plan status",
                  "which dgft office covers agra")


def test_release_database_answers_after_first_use(
    tmp_path: Path, sqlite_engine: Database
) -> None:
    """The embedded default: no step to run, the first use upgrades it."""
    engine = connect(f"sqlite:///{tmp_path / 'release.sqlite3'}")
    build_release_database(engine)
    prefs = table_rows(engine, "bot_user_preferences")
    engine.dispose()

    knowledge = open_knowledge(f"sqlite:///{tmp_path / 'release.sqlite3'}")
    with Session(sqlite_engine) as session:
        seeded = Engine(store.load_catalog(session))  # a knowledge base seeded today
    try:
        # The rows the migration emptied (offices, jurisdictions, plan evidence) are back:
        # the upgraded database answers as one seeded today does (its products are Uttar
        # Pradesh's only).
        for question in AGRA_QUESTIONS:
            got = knowledge.engine.ask(question)
            assert got.intent not in ("unknown", "outside"), question
            assert render(got) == render(seeded.ask(question)), question
        assert "DGFT Regional Authority, Kanpur" in render(knowledge.engine.ask(AGRA_QUESTIONS[0]))
        assert table_rows(knowledge.db, "bot_user_preferences") == prefs
        assert revision_of(knowledge.db) == schema.head()
    finally:
        knowledge.db.dispose()


def odop_bot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True,
                          text=True, timeout=120, check=False,
                          env={**os.environ, **(env or {})})


@pytest.mark.postgres
def test_shared_database_is_not_upgraded_behind_the_operators_back(pg_url: str) -> None:
    """PostgreSQL: the bot, the worker and the CLI refuse an old schema; `db upgrade` does it."""
    from tests.conftest import postgres_schema

    with postgres_schema(pg_url) as engine:
        build_release_database(engine)
        url = make_url(pg_url).update_query_dict(
            {"options": f"-csearch_path={_search_path(engine)}"}
        ).render_as_string(hide_password=False)
        # The CLI, the bot and the worker (a fake token: they stop before any network).
        settings = {"ODOP_DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": "123456:fake-token",
                    "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"}
        for command in (["ask", "agra"], ["run"], ["worker"]):
            refused = odop_bot(*command, env=settings)
            assert refused.returncode == 2, command
            assert refused.stderr.count("\n") == 1, refused.stderr
            assert "older" in refused.stderr
            assert "run `odop-bot db upgrade`" in refused.stderr
        assert revision_of(engine) is None

        assert "odop-bot db upgrade" in odop_bot("db", "current", "--db", url).stdout
        upgraded = odop_bot("db", "upgrade", "--db", url)
        assert upgraded.returncode == 0, upgraded.stderr
        assert "refilled" in upgraded.stdout
        assert "(head)" in odop_bot("--db", url, "db", "current").stdout
        answered = odop_bot("--db", url, "ask", "agra")
        assert answered.returncode == 0, answered.stderr
        assert "Agra" in answered.stdout
        assert table_rows(engine, "bot_feedback")


def _search_path(engine: Database) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT current_schema()")).scalar_one())


def test_newer_schema_is_refused(fresh_engine: Database) -> None:
    ensure_seeded(fresh_engine)
    with fresh_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'r99_from_the_future'"))
    with pytest.raises(schema.SchemaError, match="newer than this odop-bot knows"):
        ensure_seeded(fresh_engine)


def test_unknown_tables_are_not_taken(fresh_engine: Database) -> None:
    with fresh_engine.begin() as connection:
        connection.execute(text("CREATE TABLE somebody_elses (id INTEGER PRIMARY KEY)"))
    with pytest.raises(schema.SchemaError, match="did not make"):
        ensure_seeded(fresh_engine)


def test_two_processes_upgrade_one_release_database_at_once(tmp_path: Path) -> None:
    """Two first uses at once (two `odop-bot` processes): one upgrades and refills, the other
    waits for it and finds the work done."""
    path, alone = tmp_path / "odop.sqlite3", tmp_path / "alone.sqlite3"
    for each in (path, alone):
        engine = connect(f"sqlite:///{each}")
        build_release_database(engine)
        engine.dispose()
    assert odop_bot("--db", f"sqlite:///{alone}", "ask", "agra").returncode == 0
    both = [
        subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", f"sqlite:///{path}", "ask",
                          "--json", "agra"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(2)
    ]
    results = [process.communicate(timeout=120) for process in both]
    assert [process.returncode for process in both] == [0, 0], results
    assert [json.loads(out)["intent"] for out, _ in results] == ["district_products"] * 2
    engine, single = connect(f"sqlite:///{path}"), connect(f"sqlite:///{alone}")
    try:
        assert revision_of(engine) == schema.head()
        for name in ("regional_authorities", "plan_evidence", "import_issues"):  # once, not twice
            assert len(table_rows(engine, name)) == len(table_rows(single, name)), name
    finally:
        engine.dispose()
        single.dispose()
