"""An admin's /broadcast being composed, kept in the database between messages.

The next message of the conversation may reach another replica of the bot, or the bot after a
restart, so the draft lives in a table (as an officer's /setstatus does, knowledge/drafts.py).
Each step moves on with one UPDATE that names the stage it expects, and sending deletes the
draft with one DELETE that names the confirm stage: two replicas handling the same tap (or a
double tap) cannot both queue it. Store functions take a session and never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import BigInteger, Double, Integer, String, Text, delete, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.models import Base

Stage = Literal["audience", "text_en", "text_hi", "confirm", "when"]
WAITING = ("confirm", "when")  # previewed: waiting for send now, urgent, or a time
# A draft left alone this long is forgotten: the admin starts again.
EXPIRES_AFTER = 2 * 3600.0


class BroadcastDraft(Base):
    """One admin's unfinished broadcast (at most one per admin)."""

    __tablename__ = "broadcast_drafts"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    stage: Mapped[str] = mapped_column(String(10))
    # The audience as resolved when it was chosen: one target and its label.
    target_kind: Mapped[str | None] = mapped_column(String(10))
    target_key: Mapped[str | None] = mapped_column(String(200))
    label: Mapped[str | None] = mapped_column(String(220))
    size: Mapped[int] = mapped_column(Integer, default=0)
    text_en: Mapped[str | None] = mapped_column(Text)
    text_hi: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[float] = mapped_column(Double)


@dataclass(frozen=True)
class Draft:
    user_id: int
    stage: Stage
    target_kind: str | None  # the audience: outbox.Target(target_kind, target_key)
    target_key: str
    label: str
    size: int
    text_en: str
    text_hi: str | None


def start(session: Session, user_id: int, now: float) -> None:
    """Begin a new draft for `user_id`, replacing any earlier one."""
    session.execute(delete(BroadcastDraft).where(BroadcastDraft.user_id == user_id))
    session.add(BroadcastDraft(user_id=user_id, stage="audience", size=0, updated_at=now))
    session.flush()


def get(session: Session, user_id: int, now: float) -> Draft | None:
    """The user's draft, unless there is none or it has expired."""
    row = session.get(BroadcastDraft, user_id)
    if row is None or row.updated_at < now - EXPIRES_AFTER:
        return None
    return _draft(row)


def advance(
    session: Session, user_id: int, expected: Stage, to: Stage, now: float, **values: Any
) -> bool:
    """Move the draft from `expected` to `to`, storing `values`; False if it was not at
    `expected` (already moved on, cancelled, expired or never started)."""
    done = session.execute(
        update(BroadcastDraft)
        .where(BroadcastDraft.user_id == user_id, BroadcastDraft.stage == expected,
               BroadcastDraft.updated_at >= now - EXPIRES_AFTER)
        .values(stage=to, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def take(session: Session, user_id: int, now: float) -> Draft | None:
    """Remove and return the draft if it is waiting for a decision (confirm, or a time); only
    one caller gets it, however many press Send at once."""
    draft = get(session, user_id, now)
    if draft is None or draft.stage not in WAITING:
        return None
    done = session.execute(
        delete(BroadcastDraft)
        .where(BroadcastDraft.user_id == user_id, BroadcastDraft.stage.in_(WAITING))
        .execution_options(synchronize_session=False)
    )
    return draft if done.rowcount else None  # type: ignore[attr-defined]


def drop(session: Session, user_id: int) -> bool:
    """Forget the user's draft; True if there was one."""
    done = session.execute(delete(BroadcastDraft).where(BroadcastDraft.user_id == user_id))
    return bool(done.rowcount)  # type: ignore[attr-defined]


def _draft(row: BroadcastDraft) -> Draft:
    stage: Stage = row.stage  # type: ignore[assignment]
    return Draft(row.user_id, stage, row.target_kind, row.target_key or "", row.label or "",
                 row.size, row.text_en or "", row.text_hi)
