"""The outbox as a state machine in the database: fan-out, claim, lease, outcome, pace.

No Telegram here: the clock is a number the test moves, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from knowledge.db import session_factory
from knowledge.delivery import outbox, pace, reports, roster, subscriptions
from knowledge.delivery.models import (
    ALL,
    BLOCKED,
    CANCELLED,
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
    Subscriber,
)
from knowledge.delivery.outbox import Target
from knowledge.models import District, State

# 12:00 IST on a weekday: outside the default quiet hours (21:00-08:00 IST).
NOON = datetime(2026, 3, 2, 6, 30, tzinfo=UTC).timestamp()
NIGHT = datetime(2026, 3, 2, 17, 30, tzinfo=UTC).timestamp()  # 23:00 IST
MORNING = datetime(2026, 3, 3, 2, 30, tzinfo=UTC).timestamp()  # 08:00 IST next day


@pytest.fixture
def db(db_engine: Engine) -> Engine:
    return db_engine


def places(session: Session) -> tuple[State, District, District, District]:
    """A State with two of its districts, and a district of another State."""
    state = session.scalars(select(State).order_by(State.id)).first()
    assert state is not None
    mine = session.scalars(
        select(District).where(District.state_id == state.id).order_by(District.id)
    ).all()
    other = session.scalars(
        select(District).where(District.state_id != state.id).order_by(District.id)
    ).first()
    assert len(mine) >= 2
    assert other is not None
    return state, mine[0], mine[1], other


def follow(session: Session, chat_id: int, target: Target, now: float = NOON) -> None:
    subscriptions.subscribe(session, chat_id, target, label=f"{target.kind} {target.key}",
                            now=now)


def recipients(session: Session, broadcast_id: int) -> set[int]:
    return set(session.scalars(
        select(Subscriber.chat_id).join(Delivery, Delivery.subscriber_id == Subscriber.id)
        .where(Delivery.broadcast_id == broadcast_id)
    ))


def claim(db: Engine, now: float, worker: str = "w1", limit: int = 50) -> list[outbox.Claimed]:
    with session_factory(db).begin() as session:
        return outbox.claim(session, worker=worker, now=now, limit=limit)


def test_audience_is_who_follows_the_target_or_everything(db: Engine) -> None:
    with session_factory(db).begin() as session:
        state, d1, d2, other = places(session)
        follow(session, 1, Target(ALL))
        follow(session, 2, Target(STATE, str(state.id)))
        follow(session, 3, Target(DISTRICT, str(d1.id)))
        follow(session, 4, Target(DISTRICT, str(d2.id)))
        follow(session, 5, Target(DISTRICT, str(other.id)))
        follow(session, 6, outbox.product_target("Makhana"))
        follow(session, 7, Target(DISTRICT, str(d1.id)))
        subscriptions.deactivate(session, 7, "blocked")
        # Following two matching things still makes one delivery.
        follow(session, 3, Target(STATE, str(state.id)))

        def send(targets: list[Target]) -> set[int]:
            bid, total = outbox.create_broadcast(
                session, targets=targets, audience="x", text_en="hello", now=NOON,
                created_by="test",
            )
            got = recipients(session, bid)
            assert total == len(got)
            return got

        assert send([Target(ALL)]) == {1, 2, 3, 4, 5, 6}
        assert send(outbox.district_targets(session, d1.id)) == {1, 2, 3}
        assert send([Target(STATE, str(state.id))]) == {1, 2, 3, 4}
        assert send([outbox.product_target("makhana ")]) == {1, 6}
        assert send([Target(PRODUCT, "nothing")]) == {1}


def test_alert_rolls_back_with_the_change_that_caused_it(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        follow(session, 1, Target(ALL))

    def change_that_fails() -> None:
        with sessions.begin() as session:
            outbox.queue_alert(session, [Target(ALL)], text_en="changed", text_hi=None,
                               now=NOON, created_by="officer")
            raise RuntimeError("the knowledge change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Broadcast)) == 0
        assert session.scalar(select(func.count()).select_from(Delivery)) == 0


def test_claim_leases_settles_and_expired_leases_return(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        for chat in range(1, 6):
            follow(session, chat, Target(ALL))
        bid, total = outbox.create_broadcast(
            session, targets=[Target(ALL)], audience="all", text_en="hi", text_hi="नमस्ते",
            now=NOON, created_by="t",
        )
        subscriptions.set_language(session, 2, "hi")
    assert total == 5
    first = claim(db, NOON, limit=3)
    assert len(first) == 3
    assert [c.text() for c in first if c.chat_id == 2] == ["नमस्ते"]
    second = claim(db, NOON + 1, worker="w2")
    assert len(second) == 2
    assert not {c.delivery_ids for c in first} & {c.delivery_ids for c in second}
    assert claim(db, NOON + 2) == []  # all leased
    with sessions.begin() as session:
        for n, c in enumerate(first):
            outbox.sent(session, c, chat_id=c.chat_id, message_id=100 + n, now=NOON + 3)
    # w2 died: its leases expire and the deliveries go out again.
    again = claim(db, NOON + 1 + outbox.LEASE)
    assert {c.delivery_ids for c in again} == {c.delivery_ids for c in second}
    with sessions.begin() as session:
        for c in again:
            outbox.sent(session, c, chat_id=c.chat_id, message_id=7, now=NOON + 200)
        p = reports.progress(session, bid)
        assert p is not None
        assert p.counts == {SENT: 5}
        assert p.done
        ids = session.scalars(select(Delivery.message_id).where(Delivery.chat_id == 1)).all()
        assert ids == [100]


def test_one_message_per_chat_at_a_time(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        follow(session, 1, Target(ALL))
        for text in ("one", "two"):
            outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                    text_en=text, now=NOON, created_by="t")
    [c] = claim(db, NOON)
    assert c.text() == "one"
    assert claim(db, NOON + 5) == []  # the first is still in flight
    with sessions.begin() as session:
        outbox.sent(session, c, chat_id=1, message_id=1, now=NOON + 5)
    assert claim(db, NOON + 5.5) == []  # within a second of the last message
    [c2] = claim(db, NOON + 6)
    assert c2.text() == "two"


def test_quiet_hours_hold_until_morning_unless_urgent(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        follow(session, 1, Target(ALL), now=NIGHT)
        follow(session, 2, Target(ALL), now=NIGHT)
        subscriptions.set_quiet(session, 2, "")  # chat 2 wants no quiet hours
        outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                text_en="late", now=NIGHT, created_by="t")
    def settle(claims: list[outbox.Claimed], now: float) -> list[int]:
        with sessions.begin() as session:
            for c in claims:
                outbox.sent(session, c, chat_id=c.chat_id, message_id=1, now=now)
        return [c.chat_id for c in claims]

    assert settle(claim(db, NIGHT), NIGHT) == [2]
    assert claim(db, MORNING - 60) == []
    assert settle(claim(db, MORNING), MORNING) == [1]
    with sessions.begin() as session:
        outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                text_en="flood warning", now=NIGHT + 86400, urgent=True,
                                created_by="t")
    assert sorted(settle(claim(db, NIGHT + 86400), NIGHT + 86400)) == [1, 2]


def test_digest_folds_alerts_into_one_message(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        follow(session, 1, Target(ALL))
        follow(session, 2, Target(ALL))
        subscriptions.set_digest(session, 1, True)
        for n in range(3):
            outbox.queue_alert(session, [Target(ALL)], text_en=f"change {n}", text_hi=None,
                               now=NOON + n, created_by="t")
    now = NOON + 10
    for _ in range(3):  # chat 2 gets each alert as it comes; chat 1 nothing yet
        [c] = claim(db, now)
        assert (c.chat_id, c.kind) == (2, "alert")
        with sessions.begin() as session:
            outbox.sent(session, c, chat_id=2, message_id=1, now=now)
        now += 10
    digest_at = datetime(2026, 3, 3, 3, 30, tzinfo=UTC).timestamp()  # 09:00 IST
    assert claim(db, digest_at - 1) == []
    [digest] = claim(db, digest_at)
    assert digest.kind == "digest"
    assert [digest.text(i) for i in range(3)] == ["change 0", "change 1", "change 2"]


def test_errors_by_kind(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        for chat in (1, 2, 3):
            follow(session, chat, Target(ALL))
        outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                text_en="x", now=NOON, created_by="t")
    by_chat = {c.chat_id: c for c in claim(db, NOON)}
    with sessions.begin() as session:
        outbox.blocked(session, by_chat[1], reason="Forbidden: bot was blocked by the user",
                       now=NOON)
        outbox.failed(session, by_chat[2], error="Bad Request: message is too long", now=NOON)
        assert outbox.retry(session, by_chat[3], error="Timed out", now=NOON)
    now = NOON
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        now += outbox.BACKOFF_CAP + 1
        [c] = claim(db, now)
        with sessions.begin() as session:
            outbox.retry(session, c, error="Bad Gateway", now=now)
    with sessions() as session:
        status = dict(session.execute(
            select(Subscriber.chat_id, Delivery.status)
            .join(Delivery, Delivery.subscriber_id == Subscriber.id)
        ).all())
        assert status == {1: BLOCKED, 2: FAILED, 3: FAILED}
        sub = subscriptions.subscriber(session, 1)
        assert sub is not None
        assert (sub.active, sub.inactive_reason) == (False, "blocked")
    # Later broadcasts skip the blocked chat.
    with sessions.begin() as session:
        _, total = outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                           text_en="y", now=now, created_by="t")
    assert total == 2


def test_deactivated_is_permanent_and_blocking_is_not(db: Engine) -> None:
    with session_factory(db).begin() as session:
        follow(session, 1, Target(ALL))
        follow(session, 2, Target(ALL))
        subscriptions.deactivate(session, 1, "blocked")
        subscriptions.deactivate(session, 2, "deactivated")
        subscriptions.reactivate(session, 1)
        subscriptions.reactivate(session, 2)
        follow(session, 2, Target(STATE, "1"))
        assert subscriptions.counts(session) == (1, 2)


def test_release_is_not_an_attempt_and_pause_cancel(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        for chat in (1, 2):
            follow(session, chat, Target(ALL))
        bid, _ = outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                         text_en="x", now=NOON, created_by="t")
    first = claim(db, NOON, limit=1)
    with sessions.begin() as session:
        outbox.release(session, first[0], not_before=NOON + 30)  # a 429 with retry_after 30
        reports.set_status(session, bid, "paused", NOON)
    assert claim(db, NOON + 60) == []
    with sessions.begin() as session:
        reports.set_status(session, bid, "active", NOON)
    back = claim(db, NOON + 60)
    assert len(back) == 2
    assert {c.attempts for c in back} == {0}
    with sessions.begin() as session:
        outbox.release(session, back[0], not_before=NOON)
        reports.set_status(session, bid, CANCELLED, NOON + 61)
        p = reports.progress(session, bid)
        assert p is not None
        assert p.counts == {CANCELLED: 1, LEASED: 1}


def test_inactive_at_claim_time_is_skipped(db: Engine) -> None:
    with session_factory(db).begin() as session:
        follow(session, 1, Target(ALL))
        bid, _ = outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                         text_en="x", now=NOON, created_by="t")
        subscriptions.deactivate(session, 1, "kicked")
    assert claim(db, NOON) == []
    with session_factory(db)() as session:
        p = reports.progress(session, bid)
        assert p is not None
        assert p.counts == {SKIPPED: 1}


def test_migrate_forget_unsubscribe(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        follow(session, -1, Target(ALL))
        follow(session, 5, Target(ALL))
        follow(session, 5, Target(STATE, "1"))
        follow(session, -200, Target(STATE, "2"))
        subscriptions.migrate(session, -1, -100)
        subscriptions.migrate(session, -200, -100)  # both became the same supergroup
        assert {f.key for f in subscriptions.followed(session, -100)} == {"", "2"}
        assert subscriptions.unsubscribe(session, 5, Target(STATE, "1")) == 1
        assert [f.kind for f in subscriptions.followed(session, 5)] == [ALL]
        outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                text_en="x", now=NOON, created_by="t")
        assert subscriptions.forget(session, 5)
        assert subscriptions.subscriber(session, 5) is None
        assert not subscriptions.forget(session, 5)
        assert session.scalar(select(func.count()).select_from(Delivery)) == 1


def test_import_and_export(db: Engine) -> None:
    lines = ["chat_id,lang", "11,hi", "12,", "-1001,en", "11,hi"]
    with session_factory(db).begin() as session:
        rows = list(roster.read_import(lines))
        assert roster.import_rows(session, rows, now=NOON, batch=2) == 3
        exported = list(roster.export_rows(session))
    assert exported == [
        (11, "private", True, "hi", "all:"),
        (12, "private", True, "en", "all:"),
        (-1001, "group", True, "en", "all:"),
    ]
    with pytest.raises(roster.BadSubscriberFile, match="line 3"):
        list(roster.read_import(["chat_id", "1", "abc"]))


def test_pace_spaces_slots_and_a_429_holds_everyone(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        pace.ensure(session, rate=25)
    slots = []
    for _ in range(5):
        with sessions.begin() as session:
            slots.append(pace.reserve(session, NOON))
    assert slots == pytest.approx([NOON + n * 0.04 for n in range(5)])
    with sessions.begin() as session:
        pace.hold(session, NOON + 30)
        assert pace.reserve(session, NOON + 1) == pytest.approx(NOON + 30)
        # Idle time is not saved up into a burst.
        assert pace.reserve(session, NOON + 100) == pytest.approx(NOON + 100)
        pace.ensure(session, rate=10)
        assert pace.reserve(session, NOON + 100, count=3) == pytest.approx(NOON + 100.04)
        assert pace.reserve(session, NOON + 100) == pytest.approx(NOON + 100.34)


def test_concurrent_claims_and_reservations_never_share(db: Engine) -> None:
    sessions = session_factory(db)
    with sessions.begin() as session:
        pace.ensure(session, rate=1000)
        for chat in range(1, 301):
            follow(session, chat, Target(ALL))
        outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                text_en="x", now=NOON, created_by="t")
    claimed: dict[str, list[int]] = {}
    slots: dict[str, list[float]] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            mine = claimed.setdefault(name, [])
            times = slots.setdefault(name, [])
            while True:
                batch = claim(db, NOON, worker=name, limit=7)
                if not batch:
                    return
                for c in batch:
                    with sessions.begin() as session:
                        times.append(pace.reserve(session, NOON))
                        outbox.sent(session, c, chat_id=c.chat_id, message_id=1, now=NOON)
                    mine.extend(c.delivery_ids)
        except BaseException as err:  # reported by the test thread below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    everything = [i for ids in claimed.values() for i in ids]
    assert len(everything) == len(set(everything)) == 300
    reserved = sorted(s for times in slots.values() for s in times)
    assert len(set(reserved)) == 300
    with sessions() as session:
        assert session.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.status == PENDING)
        ) == 0
