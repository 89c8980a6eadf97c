"""What the bot remembers about its use: language choices, questions asked, feedback votes.

Store functions take a session and never commit; the caller owns the transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Engine,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    insert,
    select,
)
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from knowledge.answer import Answer
from knowledge.db import first_use_lock, has_tables
from knowledge.delivery.models import insert_for
from knowledge.models import Base

QUERY_TEXT_MAX = 500


def utcnow() -> datetime:
    return datetime.now(UTC)


class UserPreference(Base):
    """A user's chosen interface language (only stored once they choose with /language)."""

    __tablename__ = "bot_user_preferences"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    lang: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class QueryLog(Base):
    """One question the bot was asked; no user id is kept, only what was asked and how it went."""

    __tablename__ = "bot_queries"
    __table_args__ = (Index("ix_bot_queries_answered_at", "answered", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(12))  # "text" or "command"
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str] = mapped_column(String(30))
    answered: Mapped[bool] = mapped_column(Boolean)


class FeedbackVote(Base):
    """A 👍/👎 on one answer; a user's second vote on the same message replaces the first."""

    __tablename__ = "bot_feedback"
    __table_args__ = (UniqueConstraint("user_id", "chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(Integer)
    vote: Mapped[int] = mapped_column(SmallInteger)  # +1 or -1
    # What was answered, as the compact key the buttons carry (e.g. "d:12:p").
    subject: Mapped[str] = mapped_column(String(64))


@dataclass(frozen=True)
class Asked:
    """A question to log (collected in memory, written in batches)."""

    at: datetime
    kind: str
    lang: str
    text: str
    intent: str
    answered: bool


@dataclass(frozen=True)
class Summary:
    total: int
    answered: int
    week_total: int
    week_unanswered: int
    by_intent: tuple[tuple[str, int], ...]
    unanswered: tuple[tuple[str, int], ...]  # (question, times asked), most asked first
    up: int
    down: int
    downvoted: tuple[tuple[str, int], ...]  # (subject, 👎 count)
    languages_saved: int

    @property
    def unanswered_total(self) -> int:
        return self.total - self.answered


def is_answered(answer: Answer) -> bool:
    """Return whether `answer` told the user something (a clarifying question counts)."""
    if answer.intent in ("unknown", "outside"):
        return False
    if answer.intent in ("about", "help", "stats"):
        return True
    return bool(
        answer.clarify
        or answer.districts
        or answer.states
        or answer.products
        or answer.contacts
        or answer.facts
    )


# What no database column can hold: NUL (PostgreSQL text refuses it) and UTF-16 surrogates
# (lone ones arrive in Telegram's JSON as "\ud800"; they have no UTF-8 form, so SQLite's
# driver cannot encode them). Each becomes U+FFFD, so the log shows something was there.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """Return `text` with every character no database can store replaced by U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", text)


def asked(kind: str, lang: str, text: str, answer: Answer, at: datetime | None = None) -> Asked:
    return Asked(
        at=at or utcnow(),
        kind=kind,
        lang=lang,
        text=storable(text.strip()[:QUERY_TEXT_MAX]),
        intent=answer.intent,
        answered=is_answered(answer),
    )


def get_language(session: Session, user_id: int) -> str | None:
    return session.scalar(select(UserPreference.lang).where(UserPreference.user_id == user_id))


def languages(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    """The saved language choices of these users (those without one are left out)."""
    ids = list(user_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(UserPreference.user_id, UserPreference.lang).where(UserPreference.user_id.in_(ids))
    )
    return {user_id: lang for user_id, lang in rows}


def set_language(session: Session, user_id: int, lang: str) -> None:
    """Save the user's choice (one upsert: two replicas saving at once cannot collide)."""
    now = utcnow()
    session.execute(
        insert_for(session, UserPreference)
        .values(user_id=user_id, lang=lang, updated_at=now)
        .on_conflict_do_update(index_elements=["user_id"], set_={"lang": lang, "updated_at": now})
    )


def record_queries(session: Session, rows: Iterable[Asked]) -> int:
    """Insert a batch of logged questions (one executemany, no ORM bookkeeping per row)."""
    values = [
        {"at": r.at, "kind": r.kind, "lang": r.lang, "text": r.text, "intent": r.intent,
         "answered": r.answered}
        for r in rows
    ]
    if values:
        session.execute(insert(QueryLog), values)
    return len(values)


@dataclass(frozen=True)
class Written:
    """What became of a batch of logged questions."""

    stored: int
    dropped: int  # refused by the database one by one: gone, and counted
    left: list[Asked]  # not tried: the database could not be reached (keep them for later)
    error: str = ""  # why something was dropped or left (one line)


# Errors that say the database cannot be reached or is busy, not that a row is bad.
_UNREACHABLE = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)


def write_queries(sessions: sessionmaker[Session], rows: list[Asked]) -> Written:
    """Write a batch of logged questions, salvaging the good rows of a batch that is refused.

    The batch goes in one INSERT. If the database refuses it, each row is tried on its own
    and the rows it refuses are dropped and counted: one bad question must not block the log
    by failing every retry. If the database cannot be reached, what is not written yet is
    handed back to be tried later.
    """
    try:
        with sessions.begin() as session:
            return Written(record_queries(session, rows), 0, [])
    except _UNREACHABLE as exc:
        return Written(0, 0, rows, _reason(exc))
    except Exception as exc:  # a row the database or its driver refuses
        error = _reason(exc)
    stored = dropped = 0
    for n, row in enumerate(rows):
        try:
            with sessions.begin() as session:
                stored += record_queries(session, [row])
        except _UNREACHABLE as exc:
            return Written(stored, dropped, rows[n:], _reason(exc))
        except Exception as exc:
            dropped, error = dropped + 1, _reason(exc)
    return Written(stored, dropped, [], error)


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"


def record_vote(
    session: Session, *, user_id: int, chat_id: int, message_id: int, vote: int, subject: str
) -> None:
    """Store a vote (+1/-1), replacing the user's earlier vote on the same message."""
    if vote not in (1, -1):
        raise ValueError(f"vote must be +1 or -1, not {vote}")
    existing = session.scalar(
        select(FeedbackVote).where(
            FeedbackVote.user_id == user_id,
            FeedbackVote.chat_id == chat_id,
            FeedbackVote.message_id == message_id,
        )
    )
    if existing is None:
        session.add(
            FeedbackVote(
                at=utcnow(),
                user_id=user_id,
                chat_id=chat_id,
                message_id=message_id,
                vote=vote,
                subject=subject[:64],
            )
        )
    else:
        existing.vote, existing.at = vote, utcnow()


def summary(session: Session, *, top: int = 10, now: datetime | None = None) -> Summary:
    """Return the numbers /stats shows."""
    since = (now or utcnow()) - timedelta(days=7)
    total = session.scalar(select(func.count()).select_from(QueryLog)) or 0
    answered = (
        session.scalar(select(func.count()).select_from(QueryLog).where(QueryLog.answered)) or 0
    )
    week = select(func.count()).select_from(QueryLog).where(QueryLog.at >= since)
    week_total = session.scalar(week) or 0
    week_unanswered = session.scalar(week.where(QueryLog.answered.is_(False))) or 0
    count = func.count().label("n")
    by_intent = session.execute(
        select(QueryLog.intent, count).group_by(QueryLog.intent).order_by(count.desc())
    ).all()
    question = func.lower(QueryLog.text)
    unanswered = session.execute(
        select(func.min(QueryLog.text), count)
        .where(QueryLog.answered.is_(False))
        .group_by(question)
        .order_by(count.desc(), func.max(QueryLog.at).desc())
        .limit(top)
    ).all()
    votes = dict(
        session.execute(select(FeedbackVote.vote, func.count()).group_by(FeedbackVote.vote)).all()
    )
    downvoted = session.execute(
        select(FeedbackVote.subject, count)
        .where(FeedbackVote.vote < 0)
        .group_by(FeedbackVote.subject)
        .order_by(count.desc(), FeedbackVote.subject)
        .limit(top)
    ).all()
    saved = session.scalar(select(func.count()).select_from(UserPreference)) or 0
    return Summary(
        total=total,
        answered=answered,
        week_total=week_total,
        week_unanswered=week_unanswered,
        by_intent=tuple((str(i), int(n)) for i, n in by_intent),
        unanswered=tuple((str(t), int(n)) for t, n in unanswered),
        up=int(votes.get(1, 0)),
        down=int(votes.get(-1, 0)),
        downvoted=tuple((str(s), int(n)) for s, n in downvoted),
        languages_saved=saved,
    )


def create_tables(db: Engine) -> None:
    """Create the bot's tables if missing (create_schema does too once this is imported).

    Under the first-use lock: two replicas starting together must not both CREATE.
    """
    tables = [UserPreference.__table__, QueryLog.__table__, FeedbackVote.__table__]
    if has_tables(db, [UserPreference.__tablename__, QueryLog.__tablename__,
                       FeedbackVote.__tablename__]):
        return
    with first_use_lock(db) as conn:
        Base.metadata.create_all(conn, tables=tables)  # type: ignore[arg-type]
