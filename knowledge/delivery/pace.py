"""One send pace shared by every worker on every host: a GCRA row in the database.

`tat` (theoretical arrival time) is when the next send may go. Reserving a slot is one
`UPDATE … RETURNING` that moves `tat` on by one interval, so two workers can never get the
same slot, and a 429 pushes `tat` past `retry_after` so that every worker pauses at once.

The row allows no burst (GCRA with no tolerance): slots are at least `1 / rate` apart, so any
1-second window holds at most `rate` of them, however the reservations arrive. A message goes
out in its slot or up to `late_allowance(rate)` after it (a busy CPU, a slow database, the end
of a 429 wait); a sender later than that takes a fresh slot instead of sending (the worker,
bot/worker.py). So the messages *sent* in any 1-second window number at most `rate + BURST`
(`rate × 1.02` above 100/s): the documented burst, under Telegram's ~30/s at the default 25/s.
"""

from __future__ import annotations

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from knowledge.delivery.models import Pace, insert_for

BOT = "bot"
DEFAULT_RATE = 25.0  # messages per second over all chats (Telegram's limit is about 30)
FREE_LIMIT = 30  # Telegram's limit without allow_paid_broadcast (with it: 1,000/s, in Stars)
CHAT_GAP = 1.0  # seconds between two messages to one chat
GROUP_GAP = 3.0  # 20 per minute in a group
BURST = 2  # messages beyond the rate that a 1-second window may hold (late sends)
MIN_LATE = 0.02  # seconds: the allowance never gets shorter (a fast pace's jitter)


def late_allowance(rate: float) -> float:
    """Seconds after its slot a message may still go out: BURST slots' worth, or 20 ms."""
    return max(BURST / rate, MIN_LATE)


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
