"""The composition root of the knowledge side: database, catalog snapshot and query engine."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine as Database
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


def open_knowledge(url: str | None = None) -> Knowledge:
    """Connect to the database (seeding it on first use) and build the query engine."""
    database = db.connect(url)
    seed.ensure_seeded(database)
    sessions = db.session_factory(database)
    with sessions() as session:
        catalog = store.load_catalog(session)
    return Knowledge(database, sessions, catalog, Engine(catalog))
