"""The composition root of the knowledge side: database, catalog snapshot and query engine."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine as Database
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from knowledge import db, seed, store
from knowledge.catalog import Catalog
from knowledge.engine import Engine


@dataclass
class Knowledge:
    db: Database
    sessions: sessionmaker[Session]
    catalog: Catalog
    engine: Engine

    def reload(self) -> None:
        """Read the catalog again and swap in a new engine built from it."""
        with self.sessions() as session:
            catalog = store.load_catalog(session)
        self.catalog, self.engine = catalog, Engine(catalog)


class KnowledgeUnavailable(Exception):
    """The knowledge base cannot be opened; the message says why in one line."""


def open_knowledge(url: str | None = None) -> Knowledge:
    """Connect to the database (seeding it on first use) and build the query engine.

    Raises KnowledgeUnavailable for anything that stops it: an unreachable server, a missing
    driver, a path that cannot be created, a read-only unseeded file, inconsistent rows.
    """
    try:
        database = db.connect(url)
        seed.ensure_seeded(database)
        sessions = db.session_factory(database)
        with sessions() as session:
            catalog = store.load_catalog(session)
    except SQLAlchemyError as exc:
        raise KnowledgeUnavailable(_first_line(getattr(exc, "orig", None) or exc)) from exc
    except OSError as exc:
        raise KnowledgeUnavailable(_first_line(exc.strerror or exc)) from exc
    except (db.DatabaseUnavailable, store.BrokenReferences) as exc:
        raise KnowledgeUnavailable(_first_line(exc)) from exc
    return Knowledge(database, sessions, catalog, Engine(catalog))


def _first_line(reason: object) -> str:
    return (str(reason).strip().splitlines() or [type(reason).__name__])[0]
