"""kill -9 of `odop-bot worker` in the middle of a broadcast, then a restart: nobody missed.

The worker runs as a real process against the loopback Bot API; the kills land at random
moments (between claim and send, between send and outcome, ...). Afterwards every active
subscriber has the message, and the duplicates are at most the deliveries that were in flight
(leased) at the kills.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from knowledge.db import session_factory
from knowledge.delivery import outbox, reports, roster
from knowledge.delivery.models import LEASED, Delivery
from knowledge.delivery.outbox import Target
from tests.bot_fixtures import broadcast_finished
from tests.botapi import TOKEN, BotApiServer

SUBSCRIBERS = 3000
KILLS = 3


@pytest.fixture
async def telegram() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(validate=False) as server:
        yield server


async def start_worker(telegram: BotApiServer, url: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        "ODOP_DATABASE_URL": url,
        "ODOP_QUIET_HOURS": "",
        "ODOP_BROADCAST_RATE": "1000",
        "ODOP_WORKER_CONCURRENCY": "16",
        "ODOP_WORKER_LEASE": "4",
    }
    odop = Path(sys.executable).with_name("odop-bot")
    return await asyncio.create_subprocess_exec(
        str(odop), "worker", env=env, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def test_kill_9_mid_broadcast_loses_nobody(telegram: BotApiServer,
                                                 sqlite_engine: Engine) -> None:
    sessions = session_factory(sqlite_engine)
    with sessions.begin() as session:
        rows = [(chat, "private", "en") for chat in range(1, SUBSCRIBERS + 1)]
        roster.import_rows(session, rows, now=0)
        bid, total = outbox.create_broadcast(
            session, targets=[Target("all")], audience="all", text_en="Kill me", now=0,
            created_by="test", rate=1000,
        )
    assert total == SUBSCRIBERS
    url = str(sqlite_engine.url)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    in_flight = 0
    kills = 0
    while kills < KILLS:
        before = len(telegram.calls)
        worker = await start_worker(telegram, url)
        # Wait until it is sending, then let it run a random while and kill it.
        while len(telegram.calls) - before < 20 and worker.returncode is None:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        await asyncio.sleep(rng.uniform(0.0, 0.6))
        worker.send_signal(signal.SIGKILL)
        await worker.wait()
        kills += 1
        with sessions() as session:
            in_flight += session.scalar(
                select(func.count()).select_from(Delivery).where(Delivery.status == LEASED)
            ) or 0
        await asyncio.sleep(4.1)  # the dead worker's leases expire
    worker = await start_worker(telegram, url)
    try:
        await asyncio.wait_for(broadcast_finished(sessions, bid), 300)
    finally:
        worker.send_signal(signal.SIGTERM)
        await worker.wait()
    sent = Counter(c.chat_id for c in telegram.calls_of("sendMessage") if c.ok)
    assert set(sent) == set(range(1, SUBSCRIBERS + 1)), f"seed {seed}"
    duplicates = sum(sent.values()) - len(sent)
    assert duplicates <= in_flight, f"seed {seed}: {duplicates} > {in_flight}"
    with sessions() as session:
        p = reports.progress(session, bid)
    assert p is not None
    assert p.counts == {"sent": SUBSCRIBERS}
