"""The delivery tables; they share `knowledge.models.Base`, so `create_schema` makes them too.

Times are seconds since the epoch (floats): the same on SQLite and PostgreSQL, compared as
numbers in SQL, and given by the caller's clock (a fake one in tests).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Double,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.models import Base

# Delivery states. pending -> leased -> sent | blocked | failed; leased -> pending (lease
# expired, 429, retry); pending -> skipped (subscriber gone inactive) | cancelled.
PENDING, LEASED, SENT, BLOCKED, FAILED = "pending", "leased", "sent", "blocked", "failed"
SKIPPED, CANCELLED, RECALLED = "skipped", "cancelled", "recalled"
FINAL = (SENT, BLOCKED, FAILED, SKIPPED, CANCELLED, RECALLED)

# Broadcast states: only deliveries of an active broadcast are claimed. A recalled one has
# its sent messages deleted (recalling -> recalled).
ACTIVE, PAUSED, RECALLING = "active", "paused", "recalling"

# Subscription targets.
ALL, STATE, DISTRICT, PRODUCT = "all", "state", "district", "product"
TARGET_KINDS = (ALL, STATE, DISTRICT, PRODUCT)


class Subscriber(Base):
    """A chat that receives broadcasts and alerts: a user, a group or a channel."""

    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # private / group / supergroup / channel
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Why inactive: blocked, kicked, not_found, deactivated (permanent), migrated.
    inactive_reason: Mapped[str | None] = mapped_column(String(20))
    lang: Mapped[str] = mapped_column(String(8), default="en")
    # None: the deployment's default quiet hours; "": none; "21:00-08:00" (IST).
    quiet: Mapped[str | None] = mapped_column(String(11))
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
    # Per-chat pace: the earliest time the next message to this chat may be sent.
    next_send_at: Mapped[float] = mapped_column(Double, default=0.0)
    created_at: Mapped[float] = mapped_column(Double)


class Subscription(Base):
    """One thing a subscriber follows: everything, a State, a district or a product."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("subscriber_id", "kind", "key"),
        Index("ix_subscriptions_target", "kind", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("subscribers.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(10))  # all / state / district / product
    # "" for all, the state's or district's id, a product concept's key (its terms joined
    # by "|", see knowledge.concepts; older rows: an official product name, folded).
    key: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200))  # what /subscriptions shows
    created_at: Mapped[float] = mapped_column(Double)


class ProductConcept(Base):
    """The terms of a followed product concept (knowledge.concepts): key "haladi|turmeric"
    has the terms "haladi" and "turmeric". Shared by every subscription with that key, written
    when one subscribes; an alert about an official product reaches the subscriptions whose
    key holds one of the product's terms (`vocabulary.name_terms`), in one SQL statement."""

    __tablename__ = "product_concepts"
    __table_args__ = (Index("ix_product_concepts_term", "term"),)

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    term: Mapped[str] = mapped_column(String(200), primary_key=True)


class Broadcast(Base):
    """A message to an audience: an admin's broadcast or an alert about a knowledge change."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # broadcast / alert
    audience: Mapped[str] = mapped_column(String(220))  # e.g. "all", "state:Bihar"
    text_en: Mapped[str] = mapped_column(Text)
    text_hi: Mapped[str | None] = mapped_column(Text)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default=ACTIVE)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[float] = mapped_column(Double)
    send_at: Mapped[float] = mapped_column(Double)
    total: Mapped[int] = mapped_column(Integer, default=0)
    rate: Mapped[float] = mapped_column(Double)  # the pace it was queued at, for the report
    # The admin's progress message, edited as deliveries go out.
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(Integer)
    finished_at: Mapped[float | None] = mapped_column(Double)


class Delivery(Base):
    """One recipient of one broadcast, with its state, lease and outcome."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "subscriber_id"),
        Index("ix_deliveries_due", "status", "not_before"),
        Index("ix_deliveries_subscriber", "subscriber_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("subscribers.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    not_before: Mapped[float] = mapped_column(Double)
    lease_until: Mapped[float | None] = mapped_column(Double)
    leased_by: Mapped[str | None] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Where it went (the chat id after any migration) and Telegram's message id: for recall.
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(Integer)
    sent_at: Mapped[float | None] = mapped_column(Double)
    error: Mapped[str | None] = mapped_column(String(200))


class Pace(Base):
    """The shared send pace (GCRA): `tat` is the theoretical arrival time of the next send."""

    __tablename__ = "delivery_pace"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    tat: Mapped[float] = mapped_column(Double)
    interval: Mapped[float] = mapped_column(Double)


def insert_for(
    session: Session, model: type[Base]
) -> postgresql.Insert | sqlite.Insert:
    """An INSERT with the dialect's ON CONFLICT clauses (PostgreSQL and SQLite spell it alike)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def create_tables(engine: Engine) -> None:
    """Create the delivery tables if missing (a database made before they existed)."""
    tables = [m.__table__ for m in (Subscriber, Subscription, ProductConcept, Broadcast,
                                    Delivery, Pace)]
    Base.metadata.create_all(engine, tables=tables)  # type: ignore[arg-type]
