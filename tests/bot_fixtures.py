"""Fixtures for the bot's end-to-end tests: fake Bot API, real knowledge base, a running bot.

A test module imports the fixtures it uses (`from tests.bot_fixtures import api, bot`).
The knowledge base is the shipped one, opened with `bot.bootstrap.open_knowledge` on a temp
SQLite copy; the bot is the real Application built by `bot.app`, started by `bot.runner`.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete

from bot.app import build_application, build_services
from bot.bootstrap import Knowledge, open_knowledge
from bot.runner import BotRunner
from bot.settings import Settings
from handlers.services import Services
from knowledge import activity
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
