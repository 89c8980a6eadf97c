"""The composition root of the knowledge side: database, catalog snapshot and query engine."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine as Database
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from knowledge import db, seed, store, version
from knowledge.catalog import Catalog
from knowledge.engine import Engine


@dataclass
class Knowledge:
    db: Database
    sessions: sessionmaker[Session]
    catalog: Catalog
    engine: Engine
    version: int = 0  # of the knowledge the catalog was read at (knowledge/version.py)

    def reload(self) -> None:
        """Read the catalog again and swap in a new engine built from it."""
        with self.sessions() as session:
            found, catalog = version.read_consistent(session, store.load_catalog)
        self.catalog, self.engine, self.version = (
            catalog, Engine(catalog, previous=self.engine), found)


class KnowledgeUnavailable(Exception):
    """The knowledge base cannot be opened; the message says why in one line."""


def open_knowledge(url: str | None = None) -> Knowledge:
    """Connect to the database (seeding it on first use) and build the query engine.

    Raises KnowledgeUnavailable for anything that stops it: an unreachable server, a missing
    driver, a path that cannot be created, a read-only unseeded file, inconsistent rows; and
    knowledge.schema.SchemaError for a schema older or newer than this code's (one line that
    says what to run).
    """
    try:
        database = db.connect(url)
    except OSError as exc:
        raise KnowledgeUnavailable(_first_line(exc.strerror or exc)) from exc
    except db.DatabaseUnavailable as exc:
        raise KnowledgeUnavailable(_first_line(exc)) from exc
    try:
        seed.ensure_seeded(database)
        sessions = db.session_factory(database)
        with sessions() as session:
            found, catalog = version.read_consistent(session, store.load_catalog)
    except BaseException as exc:
        database.dispose()  # a refusal leaves no connection open
        if isinstance(exc, SQLAlchemyError):
            reason = getattr(exc, "orig", None) or exc
            raise KnowledgeUnavailable(_first_line(reason)) from exc
        if isinstance(exc, OSError):
            raise KnowledgeUnavailable(_first_line(exc.strerror or exc)) from exc
        if isinstance(exc, db.DatabaseUnavailable | store.BrokenReferences):
            raise KnowledgeUnavailable(_first_line(exc)) from exc
        raise
    return Knowledge(database, sessions, catalog, Engine(catalog), found)


def _first_line(reason: object) -> str:
    return (str(reason).strip().splitlines() or [type(reason).__name__])[0]
