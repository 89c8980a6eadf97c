"""Managing and reporting broadcasts: pause, resume, cancel, progress figures, recall.

Store functions: the caller's session, never a commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, cast, func, select, update
from sqlalchemy.orm import Session

from knowledge.delivery.models import (
    ACTIVE,
    CANCELLED,
    LEASED,
    PAUSED,
    PENDING,
    RECALLED,
    RECALLING,
    SENT,
    Broadcast,
    Delivery,
)

# --- managing ------------------------------------------------------------------------------


def set_status(session: Session, broadcast_id: int, status: str, now: float) -> bool:
    """Pause, resume or cancel; return False if there is no such broadcast."""
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        return False
    if status == CANCELLED:
        broadcast.status, broadcast.finished_at = CANCELLED, now
        session.execute(
            update(Delivery)
            .where(Delivery.broadcast_id == broadcast_id, Delivery.status == PENDING)
            .values(status=CANCELLED)
        )
    elif broadcast.status in (ACTIVE, PAUSED):
        broadcast.status = status
    return True


@dataclass(frozen=True)
class Progress:
    broadcast_id: int
    status: str
    total: int
    counts: dict[str, int]
    rate: float
    started: float
    last_sent: float | None

    @property
    def pending(self) -> int:
        return self.counts.get(PENDING, 0) + self.counts.get(LEASED, 0)

    @property
    def done(self) -> bool:
        return self.pending == 0

    def seconds_left(self) -> float:
        return self.pending / self.rate if self.rate else 0.0


def progress(session: Session, broadcast_id: int) -> Progress | None:
    """Counts by delivery state, for the admin's progress message and `broadcast show`."""
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        return None
    counts = dict(session.execute(
        select(Delivery.status, func.count())
        .where(Delivery.broadcast_id == broadcast_id)
        .group_by(Delivery.status)
    ).all())
    last = session.scalar(
        select(func.max(Delivery.sent_at)).where(Delivery.broadcast_id == broadcast_id)
    )
    return Progress(
        broadcast_id, broadcast.status, broadcast.total,
        {str(k): int(v) for k, v in counts.items()}, broadcast.rate, broadcast.send_at, last,
    )


def sent_per_second(session: Session, broadcast_id: int) -> list[tuple[int, int]]:
    """(second since the epoch, messages sent in it), for the progress chart."""
    second = cast(Delivery.sent_at, Integer)
    return [
        (int(s), int(n))
        for s, n in session.execute(
            select(second, func.count())
            .where(Delivery.broadcast_id == broadcast_id, Delivery.status == SENT)
            .group_by(second)
            .order_by(second)
        ).all()
    ]


# --- reporting and recall ------------------------------------------------------------------

RECALL_WINDOW = 48 * 3600  # Telegram lets a bot delete its messages for this long


def reported(session: Session) -> list[int]:
    """Broadcasts whose admin has a progress message still to update."""
    return list(session.scalars(
        select(Broadcast.id)
        .where(Broadcast.progress_message_id.is_not(None), Broadcast.finished_at.is_(None))
        .order_by(Broadcast.id)
    ))


def set_progress_message(session: Session, broadcast_id: int, chat_id: int,
                         message_id: int) -> None:
    session.execute(
        update(Broadcast).where(Broadcast.id == broadcast_id)
        .values(progress_chat_id=chat_id, progress_message_id=message_id)
    )


def finish(session: Session, broadcast_id: int, now: float) -> None:
    session.execute(
        update(Broadcast).where(Broadcast.id == broadcast_id).values(finished_at=now)
    )


@dataclass(frozen=True)
class Recall:
    recallable: int  # sent messages young enough to delete: the worker deletes them
    too_old: int  # sent more than RECALL_WINDOW ago: not attempted, left as they are


def request_recall(session: Session, broadcast_id: int, now: float) -> Recall | None:
    """Stop sending and mark the broadcast for its sent messages to be deleted.

    Return how many can be deleted and how many are too old to (None: no such broadcast).
    """
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        return None
    session.execute(
        update(Delivery)
        .where(Delivery.broadcast_id == broadcast_id, Delivery.status == PENDING)
        .values(status=CANCELLED)
    )
    broadcast.status = RECALLING
    young = Delivery.sent_at > now - RECALL_WINDOW
    counts = dict(session.execute(
        select(young, func.count())
        .where(Delivery.broadcast_id == broadcast_id, Delivery.status == SENT)
        .group_by(young)
    ).all())
    return Recall(int(counts.get(True, 0)), int(counts.get(False, 0)))


def to_recall(session: Session, now: float, limit: int) -> list[tuple[int, int, int]]:
    """(delivery id, chat id, message id) of sent messages of recalled broadcasts, still
    young enough to delete."""
    return [
        (int(d), int(c or 0), int(m or 0)) for d, c, m in session.execute(
            select(Delivery.id, Delivery.chat_id, Delivery.message_id)
            .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
            .where(Broadcast.status == RECALLING, Delivery.status == SENT,
                   Delivery.sent_at > now - RECALL_WINDOW, Delivery.message_id.is_not(None))
            .order_by(Delivery.id)
            .limit(limit)
        ).all()
    ]


def recalled(session: Session, delivery_ids: Sequence[int]) -> None:
    session.execute(
        update(Delivery).where(Delivery.id.in_(list(delivery_ids))).values(status=RECALLED)
    )


def close_recalls(session: Session, now: float) -> None:
    """Recalls with nothing left to delete (or too old to) are done."""
    for broadcast in session.scalars(select(Broadcast).where(Broadcast.status == RECALLING)):
        left = session.scalar(
            select(func.count()).select_from(Delivery)
            .where(Delivery.broadcast_id == broadcast.id, Delivery.status == SENT,
                   Delivery.sent_at > now - RECALL_WINDOW)
        )
        if not left:
            broadcast.status = RECALLED


def recent(session: Session, limit: int = 10) -> list[Broadcast]:
    return list(session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(limit)))


# --- the outbox as a whole (metrics) -------------------------------------------------------


@dataclass(frozen=True)
class Backlog:
    pending: int
    leased: int
    oldest_due: float  # seconds the oldest due delivery of an active broadcast has waited


def backlog(session: Session, now: float) -> Backlog:
    """Deliveries pending and leased, and the oldest due one's wait: range scans of the
    (status, not_before) index, however many deliveries were ever sent."""
    counts: dict[str, int] = {
        status: count
        for status, count in session.execute(
            select(Delivery.status, func.count())
            .where(Delivery.status.in_((PENDING, LEASED)))
            .group_by(Delivery.status)
        )
    }
    oldest = session.scalar(
        select(func.min(Delivery.not_before))
        .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
        .where(Delivery.status == PENDING, Delivery.not_before <= now,
               Broadcast.status == ACTIVE)
    )
    return Backlog(
        pending=int(counts.get(PENDING, 0)),
        leased=int(counts.get(LEASED, 0)),
        oldest_due=max(0.0, now - float(oldest)) if oldest is not None else 0.0,
    )
