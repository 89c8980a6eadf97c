"""Who follows what: subscribing, preferences, blocking and unblocking, migration, /forget.

Store functions: they take the caller's session and never commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from knowledge.activity import FeedbackVote, UserPreference
from knowledge.delivery import quiet
from knowledge.delivery.models import (
    CANCELLED,
    PENDING,
    PRODUCT,
    TARGET_KINDS,
    Delivery,
    ProductConcept,
    Subscriber,
    Subscription,
    insert_for,
)
from knowledge.delivery.outbox import Target

PERMANENT = "deactivated"  # a deleted account never comes back
CHAT_KINDS = ("private", "group", "supergroup", "channel")


@dataclass(frozen=True)
class Followed:
    kind: str
    key: str
    label: str
    id: int = 0


def ensure_subscriber(
    session: Session, chat_id: int, *, kind: str = "private", lang: str = "en", now: float
) -> int:
    """Return the subscriber id of `chat_id`, creating it if needed (safe under races)."""
    session.execute(
        insert_for(session, Subscriber)
        .values(chat_id=chat_id, kind=kind, active=True, lang=lang, digest=False,
                next_send_at=0.0, created_at=now)
        .on_conflict_do_nothing(index_elements=["chat_id"])
    )
    return int(session.scalar(select(Subscriber.id).where(Subscriber.chat_id == chat_id)) or 0)


def subscribe(
    session: Session,
    chat_id: int,
    target: Target,
    *,
    label: str,
    now: float,
    kind: str = "private",
    lang: str = "en",
) -> bool:
    """Follow `target`; return False if the chat already followed it.

    Subscribing is a sign of life: an inactive (blocked) chat becomes active again, unless
    its account was deleted.
    """
    if target.kind not in TARGET_KINDS:
        raise ValueError(f"unknown target kind {target.kind!r}")
    sid = ensure_subscriber(session, chat_id, kind=kind, lang=lang, now=now)
    reactivate(session, chat_id)
    if target.kind == PRODUCT and target.terms:
        # The concept's terms, shared by every follower of it: what alerts are matched by.
        session.execute(
            insert_for(session, ProductConcept)
            .values([{"key": target.key, "term": term} for term in target.terms])
            .on_conflict_do_nothing()
        )
    added = session.execute(
        insert_for(session, Subscription)
        .values(subscriber_id=sid, kind=target.kind, key=target.key, label=label[:200],
                created_at=now)
        .on_conflict_do_nothing(index_elements=["subscriber_id", "kind", "key"])
        .returning(Subscription.id)
    ).first()
    return added is not None


def unsubscribe(session: Session, chat_id: int, target: Target | None = None) -> int:
    """Stop following `target` (None: everything); return how many were removed."""
    sid = session.scalar(select(Subscriber.id).where(Subscriber.chat_id == chat_id))
    if sid is None:
        return 0
    statement = delete(Subscription).where(Subscription.subscriber_id == sid)
    if target is not None:
        statement = statement.where(
            Subscription.kind == target.kind, Subscription.key == target.key
        )
    removed = int(session.execute(statement).rowcount)  # type: ignore[attr-defined]
    if target is None:
        # Nothing followed any more: what was still waiting to go out goes nowhere.
        session.execute(
            update(Delivery)
            .where(Delivery.subscriber_id == sid, Delivery.status == PENDING)
            .values(status=CANCELLED)
        )
    return removed


def followed(session: Session, chat_id: int) -> list[Followed]:
    rows = session.execute(
        select(Subscription.id, Subscription.kind, Subscription.key, Subscription.label)
        .join(Subscriber, Subscriber.id == Subscription.subscriber_id)
        .where(Subscriber.chat_id == chat_id)
        .order_by(Subscription.id)
    ).all()
    return [Followed(k, key, label, sid) for sid, k, key, label in rows]


def unsubscribe_id(session: Session, chat_id: int, subscription_id: int) -> bool:
    """Remove one of the chat's subscriptions by its id (another chat's id does nothing)."""
    sid = session.scalar(select(Subscriber.id).where(Subscriber.chat_id == chat_id))
    if sid is None:
        return False
    removed = session.execute(
        delete(Subscription)
        .where(Subscription.id == subscription_id, Subscription.subscriber_id == sid)
    ).rowcount  # type: ignore[attr-defined]
    return bool(removed)


def subscriber(session: Session, chat_id: int) -> Subscriber | None:
    return session.scalar(select(Subscriber).where(Subscriber.chat_id == chat_id))


def set_language(session: Session, chat_id: int, lang: str) -> None:
    session.execute(
        update(Subscriber).where(Subscriber.chat_id == chat_id).values(lang=lang)
    )


def set_quiet(session: Session, chat_id: int, spec: str | None) -> None:
    """Set the chat's quiet hours ("21:00-08:00", "" for none, None for the default)."""
    if spec is not None:
        span = quiet.parse(spec)  # raises BadQuietHours
        spec = "" if span is None else spec.strip().replace(" ", "").replace("–", "-")
    session.execute(
        update(Subscriber).where(Subscriber.chat_id == chat_id).values(quiet=spec)
    )


def set_digest(session: Session, chat_id: int, digest: bool) -> None:
    session.execute(
        update(Subscriber).where(Subscriber.chat_id == chat_id).values(digest=digest)
    )


def deactivate(session: Session, chat_id: int, reason: str) -> None:
    """The chat blocked or removed the bot: keep the subscriber, stop sending."""
    session.execute(
        update(Subscriber)
        .where(Subscriber.chat_id == chat_id, Subscriber.inactive_reason.is_distinct_from(
            PERMANENT))
        .values(active=False, inactive_reason=reason[:20])
    )


def reactivate(session: Session, chat_id: int) -> None:
    """The chat unblocked the bot (or spoke to it): send again, unless the account is gone."""
    session.execute(
        update(Subscriber)
        .where(Subscriber.chat_id == chat_id, Subscriber.active.is_(False),
               Subscriber.inactive_reason.is_distinct_from(PERMANENT))
        .values(active=True, inactive_reason=None)
    )


def migrate(session: Session, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: its subscriber follows the new chat id.

    If the new id is already a subscriber (it subscribed again meanwhile), the old one's
    subscriptions move over and the old one is retired.
    """
    existing = session.scalar(select(Subscriber.id).where(Subscriber.chat_id == new_chat_id))
    old = session.scalar(select(Subscriber.id).where(Subscriber.chat_id == old_chat_id))
    if old is None:
        return
    if existing is None:
        session.execute(
            update(Subscriber).where(Subscriber.id == old)
            .values(chat_id=new_chat_id, kind="supergroup")
        )
        return
    for kind, key, label, at in session.execute(
        select(Subscription.kind, Subscription.key, Subscription.label, Subscription.created_at)
        .where(Subscription.subscriber_id == old)
    ).all():
        session.execute(
            insert_for(session, Subscription)
            .values(subscriber_id=existing, kind=kind, key=key, label=label, created_at=at)
            .on_conflict_do_nothing(index_elements=["subscriber_id", "kind", "key"])
        )
    session.execute(delete(Subscription).where(Subscription.subscriber_id == old))
    session.execute(
        update(Subscriber).where(Subscriber.id == old)
        .values(active=False, inactive_reason="migrated")
    )


def forget(session: Session, chat_id: int | None, person: int | None = None) -> bool:
    """Delete everything stored about the chat: subscriber, subscriptions, deliveries.

    With `person` (the user who asked), also their language choice and feedback votes; with
    no `chat_id` only those (a group's member who may not change what the group follows).
    """
    if person is not None:
        session.execute(delete(UserPreference).where(UserPreference.user_id == person))
        session.execute(delete(FeedbackVote).where(FeedbackVote.user_id == person))
    if chat_id is None:
        return person is not None
    sid = session.scalar(select(Subscriber.id).where(Subscriber.chat_id == chat_id))
    if sid is None:
        return person is not None
    session.execute(delete(Delivery).where(Delivery.subscriber_id == sid))
    session.execute(delete(Subscription).where(Subscription.subscriber_id == sid))
    session.execute(delete(Subscriber).where(Subscriber.id == sid))
    return True


def counts(session: Session) -> tuple[int, int]:
    """(active subscribers, all subscribers)."""
    total = session.scalar(select(func.count()).select_from(Subscriber)) or 0
    active = session.scalar(
        select(func.count()).select_from(Subscriber).where(Subscriber.active)
    ) or 0
    return int(active), int(total)
