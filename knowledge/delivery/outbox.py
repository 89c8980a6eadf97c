"""The outbox: broadcasts and alerts become delivery rows, claimed under a lease, then settled.

Life of a delivery (see `models` for the states):

1. `create_broadcast` / `queue_alert` insert one row per recipient with a single
   `INSERT … SELECT … ON CONFLICT DO NOTHING` over the subscriptions, in the caller's
   transaction: the audience never passes through Python, and whatever else the transaction
   writes (a knowledge change) commits together with its alerts or not at all.
2. `claim` leases due rows to one worker (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: the
   write lock taken by `BEGIN IMMEDIATE`). Commit the claim before sending.
3. The worker sends, then records `sent` / `blocked` / `failed` / `retry` / `release` in a
   transaction of its own. A crash between claim and outcome leaves the row leased; when the
   lease expires `claim` hands it out again, so only what was in flight can be sent twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Row,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from knowledge.activity import UserPreference
from knowledge.delivery import pace, quiet
from knowledge.delivery.models import (
    ACTIVE,
    ALL,
    BLOCKED,
    DISTRICT,
    FAILED,
    LEASED,
    PENDING,
    PRODUCT,
    SENT,
    SKIPPED,
    STATE,
    Broadcast,
    Delivery,
    ProductConcept,
    Subscriber,
    Subscription,
    insert_for,
)
from knowledge.models import District
from knowledge.normalise import fold
from knowledge.vocabulary import name_terms

LEASE = 120.0  # seconds a claimed delivery stays with its worker
MAX_ATTEMPTS = 5  # tries for a transient error (5xx, timeout, network) before `failed`
BACKOFF, BACKOFF_CAP = 5.0, 300.0  # seconds: 5, 10, 20, 40 ... at most 5 minutes
DIGEST_MAX = 20  # alerts folded into one digest message at most


@dataclass(frozen=True)
class Target:
    """What one can follow: (all, ""), (state, id), (district, id) or (product, concept key).

    A product target also carries `terms`: following, the terms of its concept (stored in
    product_concepts); as an audience, the terms of the official products it is about
    (`vocabulary.name_terms`), which reach every concept holding one of them.
    """

    kind: str
    key: str = ""
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claimed:
    """A message to send to one chat: one delivery, or several alerts folded into a digest."""

    delivery_ids: tuple[int, ...]
    broadcast_ids: tuple[int, ...]
    subscriber_id: int
    chat_id: int
    chat_kind: str
    lang: str
    kind: str  # broadcast / alert / digest
    texts: tuple[tuple[str, str | None], ...]  # (English, Hindi or None) per delivery
    attempts: int

    def text(self, index: int = 0) -> str:
        """The subscriber's language if the sender wrote it, else English."""
        en, hi = self.texts[index]
        return hi if self.lang == "hi" and hi else en


# --- creating ------------------------------------------------------------------------------


def audience_condition(session: Session, targets: Sequence[Target]) -> ColumnElement[bool]:
    """Subscribers following any of `targets`, or everything.

    A message to a State (with no district named) reaches its districts' followers too; a
    message about a district reaches the followers of its State but not of its neighbours.
    """
    if any(t.kind == ALL for t in targets):
        return true()
    terms: list[ColumnElement[bool]] = [Subscription.kind == ALL]
    whole_states = not any(t.kind == DISTRICT for t in targets)
    for target in targets:
        if target.kind == PRODUCT and target.terms:
            terms.append(_product_followers(target))
            continue
        terms.append(and_(Subscription.kind == target.kind, Subscription.key == target.key))
        if target.kind == STATE and whole_states and target.key.isdigit():
            districts = select(cast(District.id, String)).where(
                District.state_id == int(target.key)
            )
            terms.append(and_(Subscription.kind == DISTRICT, Subscription.key.in_(districts)))
    return (
        select(Subscription.id)
        .where(Subscription.subscriber_id == Subscriber.id, or_(*terms))
        .exists()
    )


def _product_followers(target: Target) -> ColumnElement[bool]:
    """Product subscriptions whose concept holds one of the target's terms; a key stored
    before concepts (an official name, folded) is matched as a term itself."""
    keys = select(ProductConcept.key).where(ProductConcept.term.in_(target.terms))
    return and_(
        Subscription.kind == PRODUCT,
        or_(Subscription.key.in_(keys), Subscription.key.in_([target.key, *target.terms])),
    )


def audience_size(session: Session, targets: Sequence[Target]) -> int:
    """How many active subscribers a message to `targets` would reach now."""
    return int(session.scalar(
        select(func.count()).select_from(Subscriber)
        .where(Subscriber.active, audience_condition(session, targets))
    ) or 0)


def create_broadcast(
    session: Session,
    *,
    targets: Sequence[Target],
    audience: str,
    text_en: str,
    text_hi: str | None = None,
    now: float,
    send_at: float | None = None,
    urgent: bool = False,
    created_by: str,
    rate: float = pace.DEFAULT_RATE,
    kind: str = "broadcast",
) -> tuple[int, int]:
    """Queue a message and its deliveries; return (broadcast id, number of recipients).

    Recipients are the active subscribers following `targets` (or all of them for
    `Target(ALL)`). An alert to a subscriber who chose the digest waits for the next digest.
    """
    broadcast = Broadcast(
        kind=kind, audience=audience[:220], text_en=text_en, text_hi=text_hi or None,
        urgent=urgent, status=ACTIVE, created_by=created_by[:80], created_at=now,
        send_at=send_at if send_at is not None else now, total=0, rate=rate,
    )
    session.add(broadcast)
    session.flush()
    start = broadcast.send_at
    not_before: ColumnElement[float] = literal(start)
    if kind == "alert" and not urgent:
        not_before = case((Subscriber.digest, quiet.next_digest(start)), else_=start)
    recipients = select(
        literal(broadcast.id), Subscriber.id, literal(PENDING), not_before, literal(0)
    ).where(Subscriber.active, audience_condition(session, targets))
    statement = (
        insert_for(session, Delivery)
        .from_select(
            ["broadcast_id", "subscriber_id", "status", "not_before", "attempts"], recipients
        )
        .on_conflict_do_nothing()
    )
    session.execute(statement)
    # Counted, not taken from rowcount: psycopg reports -1 for INSERT … SELECT here.
    broadcast.total = int(session.scalar(
        select(func.count()).select_from(Delivery).where(Delivery.broadcast_id == broadcast.id)
    ) or 0)
    return broadcast.id, broadcast.total


def queue_alert(
    session: Session,
    about: Sequence[Target],
    *,
    text_en: str,
    text_hi: str | None,
    now: float,
    created_by: str,
    audience: str = "",
) -> tuple[int, int]:
    """Queue an alert about a knowledge change to its followers; return (id, recipients).

    Call it inside the transaction that makes the change, so both commit or neither does.
    `about` lists what changed, e.g. `district_targets(session, district_id)` for a plan
    status, plus `product_target(name)` for a product added or removed. Followers of
    "everything" get every alert. It writes one `broadcasts` row (kind "alert") and one
    `deliveries` row per follower; the worker sends them, honouring quiet hours and digests.
    """
    label = audience or ", ".join(f"{t.kind}:{t.key}" for t in about)
    return create_broadcast(
        session, targets=about, audience=label, text_en=text_en, text_hi=text_hi, now=now,
        created_by=created_by, kind="alert",
    )


def district_targets(session: Session, district_id: int) -> list[Target]:
    """What a change to one district is about: the district and its State."""
    state_id = session.scalar(select(District.state_id).where(District.id == district_id))
    targets = [Target(DISTRICT, str(district_id))]
    if state_id is not None:
        targets.append(Target(STATE, str(state_id)))
    return targets


def product_target(name: str) -> Target:
    """What a change to the official product `name` is about: every concept that names it."""
    return Target(PRODUCT, fold(name), tuple(sorted(name_terms(name))))


# --- claiming ------------------------------------------------------------------------------


def lock_for_claim(session: Session) -> None:
    """On SQLite take the write lock first, so that two claimers cannot read the same rows."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")


def claim(
    session: Session,
    *,
    worker: str,
    now: float,
    limit: int = 50,
    lease: float = LEASE,
    default_quiet: str = quiet.DEFAULT_QUIET,
) -> list[Claimed]:
    """Lease up to `limit` due deliveries, at most one message per chat; the caller commits.

    Run it first in a fresh transaction (`lock_for_claim` needs to issue the BEGIN on SQLite).
    Deliveries to a subscriber in quiet hours move to the end of them (urgent ones do not);
    deliveries to an inactive subscriber are skipped.
    """
    lock_for_claim(session)
    due = or_(
        and_(Delivery.status == PENDING, Delivery.not_before <= now),
        and_(Delivery.status == LEASED, Delivery.lease_until <= now),
    )
    rows = session.execute(
        select(
            Delivery.id, Delivery.broadcast_id, Delivery.attempts, Subscriber.id.label("sid"),
            Subscriber.chat_id, Subscriber.kind.label("chat_kind"),
            # The language the person chose with /language wins over the one at subscribing.
            func.coalesce(UserPreference.lang, Subscriber.lang).label("lang"),
            Subscriber.quiet, Subscriber.digest, Subscriber.active, Broadcast.kind,
            Broadcast.urgent, Broadcast.text_en, Broadcast.text_hi,
        )
        .join(Subscriber, Subscriber.id == Delivery.subscriber_id)
        .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
        .outerjoin(UserPreference, UserPreference.user_id == Subscriber.chat_id)
        .where(due, Broadcast.status == ACTIVE, Subscriber.next_send_at <= now)
        .order_by(Delivery.id)
        .limit(limit)
        .with_for_update(of=[Delivery, Subscriber], skip_locked=True)
    ).all()
    claimed: list[Claimed] = []
    seen: set[int] = set()
    skipped: list[int] = []
    held: dict[float, list[int]] = {}
    for row in rows:
        if row.sid in seen:
            continue  # one message per chat per claim: the chat's own pace
        seen.add(row.sid)
        if not row.active:
            skipped.append(row.id)
            continue
        spec = default_quiet if row.quiet is None else row.quiet
        ends = None if row.urgent else quiet.quiet_until(now, spec)
        if ends is not None:
            held.setdefault(ends, []).append(row.id)
            continue
        ids, broadcasts, texts = [row.id], [row.broadcast_id], [(row.text_en, row.text_hi)]
        kind = row.kind
        if row.kind == "alert" and row.digest:
            kind = "digest"
            for extra in _more_alerts(session, row.sid, row.id, now):
                ids.append(extra.id)
                broadcasts.append(extra.broadcast_id)
                texts.append((extra.text_en, extra.text_hi))
        claimed.append(Claimed(
            tuple(ids), tuple(broadcasts), row.sid, row.chat_id, row.chat_kind, row.lang,
            kind, tuple(texts), row.attempts,
        ))
    if skipped:
        _set(session, skipped, status=SKIPPED, error="subscriber inactive")
    for ends, ids in held.items():
        _set(session, ids, status=PENDING, not_before=ends, lease_until=None)
    leased = [i for c in claimed for i in c.delivery_ids]
    if leased:
        _set(session, leased, status=LEASED, lease_until=now + lease, leased_by=worker[:40])
        # No second message to these chats until this one is settled (see `sent`).
        session.execute(
            update(Subscriber)
            .where(Subscriber.id.in_([c.subscriber_id for c in claimed]))
            .values(next_send_at=now + lease)
        )
    return claimed


def _more_alerts(session: Session, subscriber_id: int, first: int, now: float) -> Sequence[
    Row[int, int, str, str | None]
]:
    """The subscriber's other due alerts, to go out in the same digest message."""
    return session.execute(
        select(Delivery.id, Delivery.broadcast_id, Broadcast.text_en, Broadcast.text_hi)
        .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
        .where(
            Delivery.subscriber_id == subscriber_id, Delivery.id != first,
            Delivery.status == PENDING, Delivery.not_before <= now,
            Broadcast.kind == "alert", Broadcast.status == ACTIVE,
        )
        .order_by(Delivery.id)
        .limit(DIGEST_MAX - 1)
        .with_for_update(of=Delivery, skip_locked=True)
    ).all()


def _set(session: Session, ids: Iterable[int], **values: object) -> None:
    session.execute(update(Delivery).where(Delivery.id.in_(list(ids))).values(**values))


# --- outcomes ------------------------------------------------------------------------------


def sent(
    session: Session, claimed: Claimed, *, chat_id: int, message_id: int, now: float
) -> None:
    """Record a delivered message with the id Telegram gave it (needed to recall it)."""
    _set(session, claimed.delivery_ids, status=SENT, chat_id=chat_id, message_id=message_id,
         sent_at=now, lease_until=None, error=None)
    _next_send(session, claimed.subscriber_id, now + pace.chat_gap(claimed.chat_kind))


@dataclass(frozen=True)
class Sent:
    claimed: Claimed
    chat_id: int
    message_id: int
    at: float


def sent_many(session: Session, outcomes: Sequence[Sent]) -> None:
    """Record many delivered messages with two executemany UPDATEs (the worker batches)."""
    if not outcomes:
        return
    session.execute(update(Delivery), [
        {"id": did, "status": SENT, "chat_id": o.chat_id, "message_id": o.message_id,
         "sent_at": o.at, "lease_until": None, "error": None}
        for o in outcomes for did in o.claimed.delivery_ids
    ])
    session.execute(update(Subscriber), [
        {"id": o.claimed.subscriber_id, "next_send_at": o.at + pace.chat_gap(o.claimed.chat_kind)}
        for o in outcomes
    ])


def blocked(session: Session, claimed: Claimed, *, reason: str, now: float) -> None:
    """The chat is gone for us (blocked, kicked, deactivated, not found): stop sending to it."""
    _set(session, claimed.delivery_ids, status=BLOCKED, error=reason[:200], lease_until=None)
    session.execute(
        update(Subscriber)
        .where(Subscriber.id == claimed.subscriber_id)
        .values(active=False, inactive_reason=_reason(reason), next_send_at=now)
    )


def failed(session: Session, claimed: Claimed, *, error: str, now: float) -> None:
    """A permanent failure for this message (e.g. a BadRequest): no retry."""
    _set(session, claimed.delivery_ids, status=FAILED, error=error[:200], lease_until=None,
         attempts=claimed.attempts + 1)
    _next_send(session, claimed.subscriber_id, now)


def retry(
    session: Session, claimed: Claimed, *, error: str, now: float, backoff: float = BACKOFF
) -> bool:
    """A transient failure: try again after a growing pause, or fail after MAX_ATTEMPTS.

    Return whether it will be retried.
    """
    attempts = claimed.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        failed(session, claimed, error=error, now=now)
        return False
    wait = min(backoff * 2 ** (attempts - 1), BACKOFF_CAP)
    _set(session, claimed.delivery_ids, status=PENDING, attempts=attempts, error=error[:200],
         not_before=now + wait, lease_until=None)
    _next_send(session, claimed.subscriber_id, now)
    return True


def release(session: Session, claimed: Claimed, *, not_before: float) -> None:
    """Give the deliveries back without counting an attempt (a 429, a migrated chat)."""
    _set(session, claimed.delivery_ids, status=PENDING, not_before=not_before,
         lease_until=None)
    _next_send(session, claimed.subscriber_id, not_before)


def _next_send(session: Session, subscriber_id: int, at: float) -> None:
    session.execute(
        update(Subscriber).where(Subscriber.id == subscriber_id).values(next_send_at=at)
    )


def _reason(error: str) -> str:
    text = error.lower()
    for word, reason in (("deactivated", "deactivated"), ("blocked", "blocked"),
                         ("kicked", "kicked"), ("not found", "not_found")):
        if word in text:
            return reason
    return "forbidden"
