"""`odop-bot db upgrade | current`: the database schema's version (Alembic, knowledge.schema).

The embedded SQLite file needs neither: its first use upgrades it. A shared database
(PostgreSQL) is upgraded here, once, by whoever deploys a new version; until then the bot and
the worker refuse to start on it.
"""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from knowledge import db, derived, schema


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dbp = sub.add_parser("db", help="the database schema: upgrade it, or say where it stands")
    db_sub = dbp.add_subparsers(dest="db_command", required=True)
    for name, func, text in (
        ("upgrade", _upgrade, "bring the database to this version's schema"),
        ("current", _current, "print the database's schema revision"),
    ):
        cmd = db_sub.add_parser(name, help=text)
        # Also after the subcommand (`odop-bot db upgrade --db URL`); SUPPRESS keeps a --db
        # given before `db` when this one is not.
        cmd.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                         help="database URL (default: ODOP_DATABASE_URL, else the embedded file)")
        cmd.set_defaults(func=func)


def _upgrade(args: argparse.Namespace) -> int:
    engine = db.connect(args.db)
    try:
        with schema.exclusive(engine) as connection:
            before = schema.upgrade(connection)
            with Session(engine) as session, session.begin():
                refilled = derived.refill(session)
            after = schema.version(connection)
    finally:
        engine.dispose()
    if before.state == "current":
        print(f"already at {after.head}")
    else:
        was = "empty" if before.empty else (before.current or "before migrations")
        print(f"upgraded: {was} -> {after.current}")
    if refilled:
        print(f"refilled from the shipped data: {', '.join(refilled)}")
    return 0


def _current(args: argparse.Namespace) -> int:
    engine = db.connect(args.db)
    try:
        with engine.connect() as connection:
            found = schema.version(connection)
    finally:
        engine.dispose()
    print(found.describe())
    return 0
