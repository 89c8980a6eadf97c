"""One worker of several reports a broadcast's progress (knowledge/delivery/leases.py and
bot/progress.py): the admin's progress message is edited by one, not once per worker, and
another takes over when that one stops."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session, sessionmaker

from bot.progress import ProgressReporter
from bot.worker import DeliveryWorker, build_worker
from knowledge.db import session_factory
from knowledge.delivery import leases, outbox, reports, subscriptions
from knowledge.delivery.models import ALL, SENT, Delivery
from knowledge.delivery.outbox import Target
from tests.bot_fixtures import bot_settings
from tests.botapi import BotApiServer, User


def test_one_holder_at_a_time_until_it_lapses_or_is_released(db_engine: Engine) -> None:
    sessions = session_factory(db_engine)

    def hold(who: str, now: float) -> bool:
        with sessions.begin() as session:
            return leases.hold(session, "job", who, now, 10.0)

    assert hold("a", 100.0)
    assert not hold("b", 101.0)
    assert hold("a", 105.0)  # renewed until 115
    assert not hold("b", 114.0)
    assert hold("b", 115.5)  # lapsed: taken over
    assert not hold("a", 116.0)
    with sessions.begin() as session:
        leases.release(session, "job", "b")
    assert hold("a", 117.0)


@pytest.fixture
async def telegram() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as server:
        yield server


async def test_two_workers_edit_the_progress_message_once(
    telegram: BotApiServer, sqlite_engine: Engine
) -> None:
    sessions: sessionmaker[Session] = session_factory(sqlite_engine)
    admin = User(9001)
    with sessions.begin() as session:
        for chat in (1, 2, 3):
            subscriptions.subscribe(session, chat, Target(ALL), label="everything", now=0)
        bid, _ = outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                         text_en="Hello", now=0, created_by="t")
    # The admin's progress message, as the bot sent it when the broadcast was queued.
    chat = {"id": admin.id, "type": "private"}
    telegram.messages[(admin.id, 1)] = {"message_id": 1, "chat": chat, "date": 0,
                                        "text": "Broadcast queued"}
    with sessions.begin() as session:
        reports.set_progress_message(session, bid, admin.id, 1)
    settings = bot_settings(telegram, odop_quiet_hours="")
    workers: list[DeliveryWorker] = [build_worker(settings, sessions, name=f"w{n}")
                                     for n in (1, 2)]
    reporters = [ProgressReporter(w) for w in workers]
    for w in workers:
        await w.bot.initialize()
    try:
        for r in reporters:
            await r.tick()
        assert [r.leading for r in reporters] == [True, False]
        assert len(telegram.calls_of("editMessageText")) == 1
        stop = asyncio.Event()
        stop.set()
        await reporters[0].run(stop)  # the first worker stops: it hands the lease back
        with sessions.begin() as session:
            session.execute(update(Delivery).values(status=SENT, sent_at=1.0))
        for r in reversed(reporters):
            await r.tick()
        assert [r.leading for r in reporters] == [False, True]
        [edit] = [c for c in telegram.calls_of("editMessageText") if "sent 3" in c.text]
        assert edit.ok
        assert len(telegram.calls_of("sendPhoto")) == 1  # the final report, once
    finally:
        for w in workers:
            await w.bot.shutdown()

