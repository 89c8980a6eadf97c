"""What the bot remembers about its use: language choices, questions asked, feedback votes.

Store functions take a session and never commit; the caller owns the transaction.
"""

from __future__ import annotations

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
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.answer import Answer
from knowledge.db import first_use_lock, has_tables
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


def asked(kind: str, lang: str, text: str, answer: Answer, at: datetime | None = None) -> Asked:
    return Asked(
        at=at or utcnow(),
        kind=kind,
        lang=lang,
        text=text.strip()[:QUERY_TEXT_MAX],
        intent=answer.intent,
        answered=is_answered(answer),
    )


def get_language(session: Session, user_id: int) -> str | None:
    return session.scalar(select(UserPreference.lang).where(UserPreference.user_id == user_id))


def saved_languages(session: Session, limit: int) -> dict[int, str] | None:
    """Every saved language choice by user id; None if there are more than `limit`."""
    rows = session.execute(
        select(UserPreference.user_id, UserPreference.lang).limit(limit + 1)
    ).all()
    if len(rows) > limit:
        return None
    return {user_id: lang for user_id, lang in rows}


def set_language(session: Session, user_id: int, lang: str) -> None:
    pref = session.get(UserPreference, user_id)
    if pref is None:
        session.add(UserPreference(user_id=user_id, lang=lang, updated_at=utcnow()))
    else:
        pref.lang, pref.updated_at = lang, utcnow()


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
