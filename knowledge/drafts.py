"""An officer's /setstatus in progress, kept in the database between messages.

The next message of the conversation may reach another replica of the bot, or the bot after a
restart, so the steps live in a table, not in memory. Each step moves on with one UPDATE that
names the step it expects, and confirming deletes the draft with one DELETE that names the
confirm step: two replicas handling the same tap (or a double tap) cannot both act on it.
Store functions take a session and never commit; the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import BigInteger, DateTime, Integer, String, Text, delete, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.models import Base

Stage = Literal["district", "status", "date", "source", "confirm"]
STAGES: tuple[Stage, ...] = ("district", "status", "date", "source", "confirm")
# A draft left alone this long is forgotten: the officer starts again.
EXPIRES_AFTER = timedelta(hours=2)


class StatusDraft(Base):
    """One officer's unfinished status update (at most one per officer)."""

    __tablename__ = "status_drafts"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    stage: Mapped[str] = mapped_column(String(10))
    district_id: Mapped[int | None] = mapped_column(Integer)
    step: Mapped[str | None] = mapped_column(String(20))
    as_of: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Draft:
    user_id: int
    stage: Stage
    district_id: int | None
    step: str | None
    as_of: str | None
    source: str | None


def start(session: Session, user_id: int, now: datetime) -> None:
    """Begin a new draft for `user_id`, replacing any earlier one."""
    session.execute(delete(StatusDraft).where(StatusDraft.user_id == user_id))
    session.add(StatusDraft(user_id=user_id, stage="district", updated_at=now))
    session.flush()


def get(session: Session, user_id: int, now: datetime) -> Draft | None:
    """The user's draft, unless there is none or it has expired."""
    row = session.get(StatusDraft, user_id)
    if row is None or _aware(row.updated_at) < now - EXPIRES_AFTER:
        return None
    stage: Stage = row.stage  # type: ignore[assignment]
    return Draft(row.user_id, stage, row.district_id, row.step, row.as_of, row.source)


def advance(
    session: Session, user_id: int, expected: Stage, to: Stage, now: datetime, **values: Any
) -> bool:
    """Move the draft from `expected` to `to`, storing `values`; False if it was not at
    `expected` (already moved on, cancelled or expired)."""
    done = session.execute(
        update(StatusDraft)
        .where(StatusDraft.user_id == user_id, StatusDraft.stage == expected,
               StatusDraft.updated_at >= now - EXPIRES_AFTER)
        .values(stage=to, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def take(session: Session, user_id: int, now: datetime) -> Draft | None:
    """Remove and return the draft if it is waiting for confirmation; only one caller gets
    it, however many press Confirm at once."""
    draft = get(session, user_id, now)
    if draft is None or draft.stage != "confirm":
        return None
    done = session.execute(
        delete(StatusDraft)
        .where(StatusDraft.user_id == user_id, StatusDraft.stage == "confirm")
        .execution_options(synchronize_session=False)
    )
    return draft if done.rowcount else None  # type: ignore[attr-defined]


def drop(session: Session, user_id: int) -> bool:
    """Forget the user's draft; True if there was one."""
    done = session.execute(delete(StatusDraft).where(StatusDraft.user_id == user_id))
    return bool(done.rowcount)  # type: ignore[attr-defined]


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite returns naive datetimes

