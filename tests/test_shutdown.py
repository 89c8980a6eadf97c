"""SIGTERM drains: `odop-bot run` (polling and webhook) and `odop-bot worker` as real processes.

- The bot, SIGTERMed while an answer is still on its way to Telegram (a slow sendMessage),
  still answers, says 503 on /healthz (and refuses new webhook posts with 503) meanwhile,
  writes the question to the log, and exits 0.
- The worker, SIGTERMed in the middle of a broadcast, hands back what it claimed and did not
  send (nothing is left leased), exits 0; a restart finishes the broadcast: every subscriber
  has it, duplicates at most what was in flight, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select

from knowledge import activity
from knowledge.db import connect, session_factory
from knowledge.delivery import outbox, reports, roster
from knowledge.delivery.models import LEASED, Delivery
from knowledge.delivery.outbox import Target
from tests.bot_fixtures import broadcast_finished
from tests.bot_process import ROOT, BotProcess, bot_process, free_port, wait_until
from tests.botapi import TOKEN, BotApiServer, User
from tests.conftest import BACKENDS, postgres_copy

SLOW = 4.0  # seconds the fake Telegram takes to accept the answer


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as server:
        yield server


async def health(port: int) -> int:
    async with httpx.AsyncClient() as client:
        return (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code


async def stopped(bot: BotProcess, limit: float = 60) -> int:
    return await asyncio.wait_for(bot.process.wait(), limit)


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_sigterm_during_a_slow_answer_still_answers_and_exits_0(
    mode: str, api: BotApiServer, seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, db)
    port = free_port()
    env = {"ODOP_HEALTH_PORT": str(port), "ODOP_HEALTH_LISTEN": "127.0.0.1",
           "ODOP_DRAIN_TIMEOUT": "30"}
    user = User(4242)
    webhook = mode == "webhook"
    ready = None if webhook else (lambda: bool(api.calls_of("getUpdates")))
    async with bot_process(api, f"sqlite:///{db}", tmp_path, webhook=webhook, env=env,
                           ready=ready) as bot:
        await wait_until(lambda: bool(api.calls_of("setMyCommands")), bot)
        assert await health(port) == 200
        api.slow("sendMessage", SLOW, match=lambda p: str(p.get("chat_id")) == str(user.id))
        hook = f"http://127.0.0.1:{bot.port}/telegram"
        if webhook:
            update = api.make_update(api.message_payload(user, "agra"))
            assert (await api.deliver(hook, update, bot.secret)).status_code == 200
        else:
            api.send(user, "agra")
        await wait_until(lambda: api.in_flight.get("sendMessage", 0) > 0, bot)
        signalled = time.monotonic()
        bot.process.send_signal(signal.SIGTERM)
        # Draining: the answer is still in flight, and the health check says so.
        while (status := await health(port)) == 200:
            assert time.monotonic() - signalled < SLOW, "still healthy while draining"
            await asyncio.sleep(0.05)
        assert status == 503
        assert api.in_flight.get("sendMessage", 0) > 0
        if webhook:
            async with httpx.AsyncClient() as client:
                assert (await client.get(f"http://127.0.0.1:{bot.port}/healthz")).status_code \
                    == 503
            late = api.make_update(api.message_payload(User(4343), "kanpur"))
            assert (await api.deliver(hook, late, bot.secret)).status_code == 503
        assert await stopped(bot) == 0, bot.stderr.decode(errors="replace")[-3000:]
    replies = api.sent(user.id)
    assert len(replies) == 1
    assert "Agra" in replies[0].text
    assert not api.sent(4343)  # refused while draining: Telegram would send it again
    engine = connect(f"sqlite:///{db}")
    try:
        with session_factory(engine)() as session:
            logged = session.scalars(select(activity.QueryLog.text)).all()
    finally:
        engine.dispose()
    assert logged == ["agra"]
    assert "draining" in bot.stderr.decode(errors="replace")


# --- the worker ------------------------------------------------------------------------------

SUBSCRIBERS = 600
STOPS = 2


@pytest.fixture(params=BACKENDS)
def outbox_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, str]]:
    """A seeded database and the URL a worker process reaches it by."""
    if request.param == "sqlite":
        engine: Engine = request.getfixturevalue("sqlite_engine")
        yield engine, str(engine.url)
        return
    with postgres_copy(request) as copied:
        yield copied


async def start_worker(
    api: BotApiServer, url: str, port: int, log: Path
) -> asyncio.subprocess.Process:
    values = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ODOP_"))}
    values |= {
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "ODOP_DATABASE_URL": url,
        "ODOP_QUIET_HOURS": "",
        "ODOP_BROADCAST_RATE": "400",
        "ODOP_WORKER_CONCURRENCY": "16",
        # Long: a delivery left leased by the stop would not come back within the test.
        "ODOP_WORKER_LEASE": "600",
        "ODOP_HEALTH_PORT": str(port),
        "ODOP_HEALTH_LISTEN": "127.0.0.1",
    }
    with log.open("ab") as stderr:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "worker", env=values,
            stdout=asyncio.subprocess.DEVNULL, stderr=stderr,
        )


async def test_sigterm_of_a_worker_mid_broadcast_loses_nothing(
    api: BotApiServer, outbox_db: tuple[Engine, str], tmp_path: Path
) -> None:
    engine, url = outbox_db
    api.validate = False
    sessions = session_factory(engine)
    with sessions.begin() as session:
        rows = [(chat, "private", "en") for chat in range(1, SUBSCRIBERS + 1)]
        roster.import_rows(session, rows, now=0)
        bid, total = outbox.create_broadcast(
            session, targets=[Target("all")], audience="all", text_en="Stop me", now=0,
            created_by="test", rate=400,
        )
    assert total == SUBSCRIBERS
    # Telegram answers slowly, so that every stop lands with sends in flight.
    api.slow("sendMessage", 0.3, times=10**6)
    in_flight = 0
    log = tmp_path / "worker.log"
    for stop in range(STOPS):
        port = free_port()
        before = len(api.calls_of("sendMessage"))
        worker = await start_worker(api, url, port, log)
        while len(api.calls_of("sendMessage")) - before < 30:
            assert worker.returncode is None
            await asyncio.sleep(0.01)
        in_flight += api.in_flight.get("sendMessage", 0)
        worker.send_signal(signal.SIGTERM)
        while (status := await health(port)) == 200:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        assert status == 503  # draining
        assert await asyncio.wait_for(worker.wait(), 60) == 0
        with sessions() as session:
            leased = session.scalar(
                select(func.count()).select_from(Delivery).where(Delivery.status == LEASED)
            )
        # Sent and recorded, or handed back: none waits for its lease.
        assert leased == 0, f"stop {stop}: {log.read_text()[-3000:]}"
    worker = await start_worker(api, url, free_port(), log)
    try:
        await asyncio.wait_for(broadcast_finished(sessions, bid), 240)
    finally:
        worker.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(worker.wait(), 60) == 0
    sent = Counter(c.chat_id for c in api.calls_of("sendMessage") if c.ok)
    assert set(sent) == set(range(1, SUBSCRIBERS + 1))
    duplicates = sum(sent.values()) - len(sent)
    assert duplicates <= in_flight
    assert duplicates == 0  # a drained stop records what it sent
    with sessions() as session:
        p = reports.progress(session, bid)
    assert p is not None
    assert p.counts == {"sent": SUBSCRIBERS}
