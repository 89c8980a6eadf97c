"""The knowledge's version: one row, moved on in the same transaction as every change to it.

Every process that answers from a snapshot of the knowledge (each replica of the bot) reads
this number every second or so; when it has moved, the process builds a new snapshot aside
and swaps it in whole. An import (`odop-bot kb import`), a status recorded at the command line
or by an officer in the chat: each bumps the row where it writes, so a change that commits is
seen by every replica, and one that rolls back by none.

Store functions take a session and never commit; the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import BigInteger, DateTime, String, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.models import Base

T = TypeVar("T")
KNOWLEDGE = "knowledge"
ATTEMPTS = 5  # reads of a snapshot that a change kept overlapping before giving up


class KnowledgeVersion(Base):
    """How many times the knowledge changed (one row, `name` = "knowledge")."""

    __tablename__ = "knowledge_version"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def bump(session: Session) -> None:
    """Record that the knowledge changes in the caller's transaction (one upsert: two changes
    committing at once each move the number on, the second waiting for the first's lock)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = datetime.now(UTC)
    session.execute(
        insert(KnowledgeVersion)
        .values(name=KNOWLEDGE, version=1, changed_at=now)
        .on_conflict_do_update(
            index_elements=["name"],
            set_={"version": KnowledgeVersion.version + 1, "changed_at": now},
        )
    )


def current(session: Session) -> int:
    """The knowledge's version now (0 before its first change)."""
    found = session.scalar(
        select(KnowledgeVersion.version).where(KnowledgeVersion.name == KNOWLEDGE)
    )
    return int(found or 0)


def read_consistent(session: Session, read: Callable[[Session], T]) -> tuple[int, T]:
    """Run `read` (loading a snapshot in several statements) between two reads of the
    version; return the version and what `read` returned.

    Each statement may see a newer commit than the one before (PostgreSQL's read committed,
    SQLite outside a transaction). Every change bumps the version, so if it is the same
    before and after, no change committed in between and the statements saw one state;
    otherwise the read is repeated.
    """
    for _ in range(ATTEMPTS - 1):
        before = current(session)
        try:
            result = read(session)
        except Exception:
            if current(session) == before:
                raise  # not a change committing under us: a real error
            continue
        if current(session) == before:
            return before, result
    before = current(session)
    return before, read(session)
