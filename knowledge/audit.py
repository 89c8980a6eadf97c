"""The audit log: every change a person made to the knowledge, with who, when, what and why.

An entry is written in the same transaction as the change it describes, so the log can neither
miss a change nor describe one that was rolled back. Store functions take a session and never
commit; the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.models import Base

HISTORY_LIMIT = 50


class AuditEntry(Base):
    """One change made by a person (an officer in the chat, an operator at the command line)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_district_at", "district_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # "telegram" (actor_id is the Telegram user id) or "cli" (the name given with --by).
    channel: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    actor: Mapped[str] = mapped_column(String(200))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    # The district (or other thing) as it was named then, kept even if it is renamed later.
    subject: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(String(60))  # "plan status", "product", ...
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class Actor:
    """Who made a change: a Telegram user (id and name) or a name given on the command line."""

    channel: str  # "telegram" or "cli"
    name: str
    id: int | None = None

    def describe(self) -> str:
        if self.channel == "telegram":
            return f"{self.name} (Telegram {self.id})" if self.name else f"Telegram {self.id}"
        return f"{self.name} (command line)"


@dataclass(frozen=True)
class Change:
    """One audited change, as it is shown (`/history`, `odop-bot kb history`)."""

    at: datetime
    actor: Actor
    subject: str
    what: str
    old: str
    new: str
    source: str


def utcnow() -> datetime:
    return datetime.now(UTC)


def record(
    session: Session, actor: Actor, *, district_id: int | None, subject: str, what: str,
    old: str, new: str, source: str, at: datetime | None = None,
) -> None:
    """Add an entry for a change the caller is making in the same transaction."""
    session.add(AuditEntry(
        at=at or utcnow(), channel=actor.channel, actor_id=actor.id, actor=actor.name[:200],
        district_id=district_id, subject=subject[:200], what=what, old_value=old,
        new_value=new, source=source,
    ))


def history(session: Session, district_id: int, limit: int = HISTORY_LIMIT) -> list[Change]:
    """The changes to one district, newest first."""
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.district_id == district_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return [_change(e) for e in rows]


def _change(e: AuditEntry) -> Change:
    at = e.at if e.at.tzinfo else e.at.replace(tzinfo=UTC)  # SQLite returns naive datetimes
    return Change(at, Actor(e.channel, e.actor, e.actor_id), e.subject, e.what, e.old_value,
                  e.new_value, e.source)
