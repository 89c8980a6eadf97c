"""Fixtures for the bot's end-to-end tests: fake Bot API, real knowledge base, a running bot.

A test module imports the fixtures it uses (`from tests.bot_fixtures import api, bot`).
The knowledge base is the shipped one, opened with `bot.bootstrap.open_knowledge` on a temp
SQLite copy; the bot is the real Application built by `bot.app`, started by `bot.runner`.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_application, build_services
from bot.bootstrap import Knowledge, open_knowledge
from bot.runner import BotRunner
from bot.settings import Settings
from handlers.services import Services
from knowledge import activity
from knowledge.delivery.models import Subscriber, Subscription
from tests.botapi import TOKEN, BotApiServer, User

ADMIN_ID = 9001


@dataclass
class FakeClock:
    """Time that moves only when a test says so (the flood gate's clock)."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class VirtualClock:
    """The delivery worker's clock (bot/worker.py `Clock`) in virtual time.

    A sleep ends only when time reaches its end: `drive` moves time to the next wake-up
    whenever every task it watches sleeps on this clock (none is in a send or the database),
    so what runs in virtual time does not depend on how busy the machine is. `jump` makes
    time pass while nothing runs: a process that stalled.
    """

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.t = now
        self._sleepers: list[tuple[float, asyncio.Future[None]]] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        wake: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._sleepers.append((self.t + seconds, wake))
        await wake

    def sleeping(self) -> int:
        self._sleepers = [(t, f) for t, f in self._sleepers if not f.done()]
        return len(self._sleepers)

    def jump(self, seconds: float) -> None:
        self.t += seconds
        for t, wake in self._sleepers:
            if t <= self.t and not wake.done():
                wake.set_result(None)

    async def drive(self, tasks: Sequence[asyncio.Task[Any]], limit: float = 30.0) -> None:
        """Run `tasks` to their end, moving time on whenever all of them sleep."""

        async def loop() -> None:
            while not all(t.done() for t in tasks):
                await asyncio.sleep(0.002)
                running = sum(1 for t in tasks if not t.done())
                if running and self.sleeping() == running:
                    self.jump(min(t for t, _ in self._sleepers) - self.t)

        await asyncio.wait_for(loop(), limit)
        for task in tasks:
            task.result()  # a failure in a task fails the test


def busiest_second(times: Sequence[float], window: float = 1.0) -> int:
    """The most of `times` that any window [t, t + window) holds (1 second by default)."""
    ordered, most, j = sorted(times), 0, 0
    for i, start in enumerate(ordered):
        while j < len(ordered) and ordered[j] < start + window:
            j += 1
        most = max(most, j - i)
    return most


@dataclass
class Harness:
    api: BotApiServer
    runner: BotRunner
    services: Services
    settings: Settings
    clock: FakeClock
    knowledge: Knowledge
    users: dict[int, User] = field(default_factory=dict)

    def user(self, user_id: int, language_code: str | None = "en", **kw: Any) -> User:
        return User(user_id, language_code=language_code, **kw)


@pytest.fixture(scope="session")
def knowledge(seeded_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
    Knowledge
]:
    """The shipped knowledge base, opened once per session through the real bootstrap."""
    path = tmp_path_factory.mktemp("bot") / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, path)
    kb = open_knowledge(f"sqlite:///{path}")
    activity.create_tables(kb.db)
    yield kb
    kb.db.dispose()


def clear_follows(bot: Harness) -> None:
    """No subscriber and no subscription: a test of following starts from nobody."""
    with bot.knowledge.sessions.begin() as session:
        session.execute(delete(Subscription))
        session.execute(delete(Subscriber))


def clear_activity(kb: Knowledge) -> None:
    with kb.sessions.begin() as session:
        for model in (activity.QueryLog, activity.FeedbackVote, activity.UserPreference):
            session.execute(delete(model))


def bot_settings(api: BotApiServer, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": api.base_url,
        "telegram_api_file_url": api.base_file_url,
        "odop_admin_ids": str(ADMIN_ID),
        "odop_webhook_listen": "127.0.0.1",
        "odop_webhook_port": 0,
        "odop_flood_burst": 12,
        "odop_flood_rate": 1.0,
        "odop_rate_limit_overall": 0,
        "odop_rate_limit_retries": 3,
        # The delivery worker is tested on its own (tests/test_worker.py); elsewhere it would
        # only add getMe calls and database polls to what a test observes.
        "odop_worker": False,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as server:
        yield server


async def start_bot(
    api: BotApiServer, kb: Knowledge, *, webhook: bool = False, **overrides: Any
) -> tuple[BotRunner, Harness]:
    settings = bot_settings(api, **overrides)
    clock = FakeClock()
    services = build_services(settings, kb, clock=clock)
    app = build_application(settings, services)
    runner = BotRunner(app, settings, webhook=webhook, poll_timeout=10)
    await runner.start()
    return runner, Harness(api, runner, services, settings, clock, kb)


@pytest.fixture
async def bot(api: BotApiServer, knowledge: Knowledge) -> AsyncIterator[Harness]:
    """A running bot in polling mode, with empty activity tables."""
    clear_activity(knowledge)
    runner, harness = await start_bot(api, knowledge)
    try:
        yield harness
    finally:
        await runner.stop()


@pytest.fixture
async def webhook_bot(api: BotApiServer, knowledge: Knowledge) -> AsyncIterator[Harness]:
    """A running bot in webhook mode on a free loopback port."""
    clear_activity(knowledge)
    runner, harness = await start_bot(api, knowledge, webhook=True)
    try:
        yield harness
    finally:
        await runner.stop()


async def broadcast_finished(sessions: sessionmaker[Session], bid: int) -> None:
    """Return once broadcast `bid` has no delivery left to make (the caller bounds the wait)."""
    from knowledge.delivery import reports

    while True:
        with sessions() as session:
            progress = reports.progress(session, bid)
        if progress is not None and progress.done:
            return
        await asyncio.sleep(0.1)
