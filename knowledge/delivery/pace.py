"""One send pace shared by every worker on every host: a GCRA row in the database.

`tat` (theoretical arrival time) is when the next send may go. Reserving a slot is one
`UPDATE … RETURNING` that moves `tat` on by one interval, so two workers can never get the
same slot, and a 429 pushes `tat` past `retry_after` so that every worker pauses at once.
"""

from __future__ import annotations

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from knowledge.delivery.models import Pace, insert_for

BOT = "bot"
DEFAULT_RATE = 25.0  # messages per second over all chats (Telegram's limit is about 30)
CHAT_GAP = 1.0  # seconds between two messages to one chat
GROUP_GAP = 3.0  # 20 per minute in a group


def chat_gap(kind: str) -> float:
    return GROUP_GAP if kind in ("group", "supergroup") else CHAT_GAP


def ensure(session: Session, rate: float, name: str = BOT) -> None:
    """Create the pace row if missing, or set its rate; safe when two processes race."""
    interval = 1.0 / rate
    session.execute(
        insert_for(session, Pace)
        .values(name=name, tat=0.0, interval=interval)
        .on_conflict_do_update(index_elements=["name"], set_={"interval": interval})
    )


def reserve(session: Session, now: float, count: int = 1, name: str = BOT) -> float:
    """Reserve `count` consecutive slots; return when the first may be used (>= now).

    The slots are `interval` apart from the returned time. Commit promptly: the row is
    locked until then.
    """
    return _advance(session, now, count, name)[0]


def reserve_many(session: Session, now: float, count: int, name: str = BOT) -> list[float]:
    """Reserve `count` consecutive slots in one statement; return their times."""
    first, step = _advance(session, now, count, name)
    return [first + n * step for n in range(count)]


def _advance(session: Session, now: float, count: int, name: str) -> tuple[float, float]:
    """Move the pace row on by `count` slots; return the first slot's time and the interval."""
    later = case((Pace.tat > now, Pace.tat), else_=now)
    end = session.execute(
        update(Pace)
        .where(Pace.name == name)
        .values(tat=later + Pace.interval * count)
        .returning(Pace.tat, Pace.interval)
    ).one()
    return float(end.tat - end.interval * count), float(end.interval)


def interval(session: Session, name: str = BOT) -> float:
    return float(session.scalar(select(Pace.interval).where(Pace.name == name)) or 0.0)


def hold(session: Session, until: float, name: str = BOT) -> None:
    """Nobody sends before `until` (after a 429: now + retry_after)."""
    session.execute(
        update(Pace)
        .where(Pace.name == name)
        .values(tat=case((Pace.tat > until, Pace.tat), else_=until))
    )
