"""The delivery worker against the loopback Bot API, with faults injected.

Real PTB over real HTTP, a real database; only Telegram (tests/botapi.py) is fake. Quiet hours
are switched off (the tests run at any hour of the real clock).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.worker import DeliveryWorker, WorkerTask, build_worker
from knowledge.db import connect, create_schema, session_factory
from knowledge.delivery import outbox, pace, reports, roster, subscriptions
from knowledge.delivery.models import ALL, Delivery, Subscriber
from knowledge.delivery.outbox import Target
from tests.bot_fixtures import VirtualClock, bot_settings, busiest_second
from tests.botapi import BotApiServer

RATE = 200.0


@pytest.fixture
async def telegram() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as server:
        yield server


@pytest.fixture
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    engine: Engine = connect(f"sqlite:///{tmp_path / 'outbox.sqlite3'}")
    create_schema(engine)
    return session_factory(engine)


def queue(sessions: sessionmaker[Session], chats: list[int], text: str = "Hello",
          urgent: bool = False) -> int:
    with sessions.begin() as session:
        for chat in chats:
            subscriptions.subscribe(session, chat, Target(ALL), label="everything", now=0,
                                    kind="private" if chat > 0 else "group")
        bid, _ = outbox.create_broadcast(
            session, targets=[Target(ALL)], audience="all", text_en=text, now=0,
            created_by="test", urgent=urgent, rate=RATE,
        )
    return bid


@asynccontextmanager
async def running(telegram: BotApiServer, sessions: sessionmaker[Session], **kw: object
                  ) -> AsyncIterator[DeliveryWorker]:
    settings = bot_settings(telegram, odop_quiet_hours="", odop_broadcast_rate=RATE,
                            odop_worker_concurrency=4)
    worker = build_worker(settings, sessions, name="test", send_timeout=kw.pop("timeout", 5.0))
    worker.idle, worker.backoff = 0.05, 0.05
    task = WorkerTask(worker)
    await task.start()
    try:
        yield worker
    finally:
        await task.stop()


async def settled(sessions: sessionmaker[Session], bid: int, limit: float = 20) -> dict:
    async def poll() -> dict:
        while True:
            with sessions() as session:
                p = reports.progress(session, bid)
            assert p is not None
            if p.done:
                return p.counts
            await asyncio.sleep(0.05)

    return await asyncio.wait_for(poll(), limit)


def chat_of(*ids: int):
    return lambda params: int(params["chat_id"]) in ids


async def test_every_subscriber_gets_it_once_in_their_language(
    telegram: BotApiServer, sessions: sessionmaker[Session]
) -> None:
    bid = queue(sessions, list(range(1, 31)))
    with sessions.begin() as session:
        subscriptions.set_language(session, 2, "hi")
        session.get(outbox.Broadcast, bid).text_hi = "नमस्ते"
    async with running(telegram, sessions):
        assert await settled(sessions, bid) == {"sent": 30}
    assert all(len(telegram.sent(chat)) == 1 for chat in range(1, 31))
    assert telegram.sent(2)[0].text.startswith("नमस्ते")
    assert telegram.sent(1)[0].text.startswith("Hello")
    assert telegram.sent(1)[0].button("Unsubscribe")["callback_data"] == "f|-*"
    with sessions() as session:
        ids = session.scalars(select(Delivery.message_id).order_by(Delivery.id)).all()
    assert all(ids)


async def test_errors_by_kind(telegram: BotApiServer, sessions: sessionmaker[Session]) -> None:
    telegram.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", match=chat_of(2))
    telegram.fail("sendMessage", 403, "Forbidden: user is deactivated", match=chat_of(3))
    telegram.fail("sendMessage", 400, "Bad Request: chat not found", match=chat_of(4))
    telegram.fail("sendMessage", 400, "Bad Request: message is too long", match=chat_of(5))
    telegram.fail("sendMessage", 500, "Internal Server Error", times=2, match=chat_of(6))
    telegram.fail("sendMessage", 502, "Bad Gateway", times=outbox.MAX_ATTEMPTS, match=chat_of(7))
    telegram.fail("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
             migrate_to_chat_id=-1008, match=chat_of(-8))
    bid = queue(sessions, [1, 2, 3, 4, 5, 6, 7, -8])
    async with running(telegram, sessions):
        counts = await settled(sessions, bid)
    assert counts == {"sent": 3, "blocked": 3, "failed": 2}
    with sessions() as session:
        rows = dict(session.execute(
            select(Subscriber.chat_id, Subscriber.inactive_reason).where(~Subscriber.active)
        ).all())
        attempts = dict(session.execute(
            select(Subscriber.chat_id, Delivery.attempts)
            .join(Delivery, Delivery.subscriber_id == Subscriber.id)
        ).all())
    assert rows == {2: "blocked", 3: "deactivated", 4: "not_found"}
    assert telegram.sent(1)
    assert telegram.sent(6)
    assert telegram.sent(-1008)
    assert attempts[6] == 2  # two 5xx, then delivered
    assert attempts[7] == outbox.MAX_ATTEMPTS  # 5xx every time: bounded, then failed
    assert attempts[5] == 1  # a BadRequest is not retried
    assert attempts[-1008] == 0  # following a migration is not an attempt
    # The next broadcast skips the blocked chats but reaches the migrated group.
    again = queue(sessions, [])
    async with running(telegram, sessions):
        assert await settled(sessions, again) == {"sent": 5}
    assert len(telegram.sent(-1008)) == 2


async def test_a_429_holds_every_send(telegram: BotApiServer, sessions: sessionmaker[Session]
                                      ) -> None:
    telegram.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1,
             match=chat_of(5))
    bid = queue(sessions, list(range(1, 41)))
    async with running(telegram, sessions) as worker:
        assert await settled(sessions, bid) == {"sent": 40}
    assert worker.stats.flood_waits == 1
    [flood] = [c for c in telegram.calls_of("sendMessage") if c.status == 429]
    during = [c for c in telegram.calls_of("sendMessage")
              if flood.at < c.at < flood.at + 0.95 and c.ok]
    # Only sends already on the wire when the 429 came can land inside the pause.
    assert len(during) < 4
    with sessions() as session:
        five = session.scalar(select(Delivery.attempts).join(Subscriber).where(
            Subscriber.chat_id == 5))
    assert five == 0  # waiting out a 429 is not an attempt


async def test_a_timed_out_send_is_retried(telegram: BotApiServer, sessions: sessionmaker[Session]
                                           ) -> None:
    telegram.slow("sendMessage", 1.0, match=chat_of(3))
    bid = queue(sessions, [1, 2, 3])
    async with running(telegram, sessions, timeout=0.3) as worker:
        assert await settled(sessions, bid) == {"sent": 3}
    assert worker.stats.retried == 1
    # Telegram may still deliver a send we gave up waiting for: the one duplicate possible.
    assert 1 <= len(telegram.sent(3)) <= 2


@pytest.mark.postgres
async def test_two_workers_on_postgres_share_the_work_and_the_pace(
    telegram: BotApiServer, pg_url: str
) -> None:
    from tests.conftest import postgres_schema

    telegram.validate = False
    rate, chats = 100.0, list(range(1, 601))
    with postgres_schema(pg_url) as engine:
        create_schema(engine)
        sessions = session_factory(engine)
        with sessions.begin() as session:
            roster.import_rows(session, [(c, "private", "en") for c in chats], now=0)
            bid, _ = outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                             text_en="Both", now=0, created_by="t", rate=rate)
        settings = bot_settings(telegram, odop_quiet_hours="", odop_broadcast_rate=rate,
                                odop_worker_concurrency=8)
        tasks = [WorkerTask(build_worker(settings, sessions, name=f"w{n}")) for n in (1, 2)]
        for task in tasks:
            await task.start()
        try:
            assert await settled(sessions, bid, limit=120) == {"sent": 600}
        finally:
            for task in tasks:
                await task.stop()
        engine.dispose()
    sends = [c for c in telegram.calls_of("sendMessage") if c.ok]
    assert sorted(c.chat_id for c in sends) == chats  # nobody twice
    assert all(task.worker.stats.sent > 50 for task in tasks)
    # Any one second holds at most the pace's worth, give or take the sends in flight.
    times = sorted(c.at for c in sends)
    busiest = max(sum(1 for t in times[i:] if t < start + 1.0)
                  for i, start in enumerate(times))
    assert busiest <= rate + 2 * 8


# --- the pace as sent, in virtual time -----------------------------------------------------


@asynccontextmanager
async def virtual_worker(telegram: BotApiServer, sessions: sessionmaker[Session], rate: float,
                         chats: int) -> AsyncIterator[tuple[DeliveryWorker, VirtualClock, list]]:
    """A worker on a virtual clock with `chats` messages claimed and their slots reserved."""
    clock = VirtualClock()
    telegram.clock = clock.now  # the server notes each send in virtual time
    queue(sessions, list(range(1, chats + 1)))
    settings = bot_settings(telegram, odop_quiet_hours="", odop_broadcast_rate=rate)
    worker = build_worker(settings, sessions, name="virtual", clock=clock)
    await worker.bot.initialize()
    try:
        await worker._db(lambda s: pace.ensure(s, rate))
        claimed = await worker.claim(chats)
        assert len(claimed) == chats
        yield worker, clock, claimed
    finally:
        await worker.bot.shutdown()


def sends(telegram: BotApiServer) -> list[float]:
    return [c.at for c in telegram.calls_of("sendMessage") if c.ok]


async def test_senders_woken_late_together_do_not_burst(
    telegram: BotApiServer, sessions: sessionmaker[Session]
) -> None:
    rate = 5.0
    async with virtual_worker(telegram, sessions, rate, 15) as (worker, clock, claimed):
        tasks = [asyncio.create_task(worker.deliver(*c)) for c in claimed]
        while True:  # the first slot is now: it is sent while the rest wait
            if clock.sleeping() == len(claimed) - 1 and sends(telegram):
                break
            await asyncio.sleep(0.002)
        # The process stalls for 1.5 s (a busy CPU, a slow disk) while 14 senders wait for
        # their slots: seven of them are due when it wakes.
        clock.jump(1.5)
        await clock.drive(tasks)
    assert len(sends(telegram)) == 15  # every one, once
    assert busiest_second(sends(telegram)) <= rate + pace.BURST


async def test_the_end_of_a_429_wait_is_not_a_burst(
    telegram: BotApiServer, sessions: sessionmaker[Session]
) -> None:
    rate = 5.0
    telegram.fail("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2,
                  match=chat_of(1))
    async with virtual_worker(telegram, sessions, rate, 15) as (worker, clock, claimed):
        start = clock.now()
        await clock.drive([asyncio.create_task(worker.deliver(*c)) for c in claimed])
    assert worker.stats.flood_waits == 1
    times = sends(telegram)
    assert len(times) == 14  # chat 1 goes back to the queue
    assert min(times) >= start + 2  # everyone waited out the 429
    assert busiest_second(times) <= rate + pace.BURST


async def test_paid_broadcast_raises_the_pace_and_says_so_on_each_send(
    telegram: BotApiServer, sessions: sessionmaker[Session]
) -> None:
    telegram.validate = False
    clock = VirtualClock()
    telegram.clock = clock.now
    queue(sessions, list(range(1, 201)))
    settings = bot_settings(telegram, odop_quiet_hours="", odop_broadcast_rate=1000,
                            odop_allow_paid_broadcast=True, odop_worker_concurrency=16)
    worker = build_worker(settings, sessions, name="paid", clock=clock)
    await worker.bot.initialize()
    try:
        await worker._db(lambda s: pace.ensure(s, worker.rate))
        claimed = await worker.claim(200)
        start = clock.now()
        await clock.drive([asyncio.create_task(worker.deliver(*c)) for c in claimed])
    finally:
        await worker.bot.shutdown()
    with sessions() as session:
        assert pace.interval(session) == pytest.approx(0.001)
    sent = telegram.calls_of("sendMessage")
    assert len(sent) == 200
    assert all(str(c.params.get("allow_paid_broadcast")).lower() == "true" for c in sent)
    # 200 messages in 0.2 s of virtual time: 1,000/s, far above the free ~30/s.
    assert max(c.at for c in sent) - start == pytest.approx(0.199, abs=0.01)
    assert busiest_second([c.at for c in sent]) <= 1000 + pace.late_allowance(1000) * 1000
