"""Unstorable questions do not block the question log (issue 7 item 4).

A NUL (PostgreSQL refuses it) and a lone surrogate (SQLite cannot encode it; Telegram JSON can
carry "\\ud800") arrive in real updates, by polling and by webhook, with good questions around
them: every question is logged, cleaned, and admin /stats keeps working.
"""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.bootstrap import Knowledge, open_knowledge
from knowledge import activity
from tests.bot_fixtures import (  # noqa: F401 (fixtures)
    ADMIN_ID,
    api,
    clear_activity,
    knowledge,
    start_bot,
)
from tests.botapi import BotApiServer, User
from tests.conftest import BACKENDS, postgres_copy

QUESTIONS = ["agra", "carpets\x00 of bhadohi", "moradabad\ud800", "\udcff\x00", "kanpur"]
STORED = ["agra", "carpets\ufffd of bhadohi", "moradabad\ufffd", "\ufffd\ufffd", "kanpur"]


@pytest.fixture(params=BACKENDS)
def any_knowledge(request: pytest.FixtureRequest) -> Iterator[Knowledge]:
    if request.param == "sqlite":
        kb: Knowledge = request.getfixturevalue("knowledge")
        clear_activity(kb)
        yield kb
        return
    with postgres_copy(request) as (_engine, url):
        kb = open_knowledge(url)
        try:
            yield kb
        finally:
            kb.db.dispose()


async def say(api: BotApiServer, url: str | None, secret: str, user: User, text: str) -> str:
    """Send `text` as `user` by polling (url None) or webhook; return the bot's reply."""
    before = len(api.sent(user.id))
    if url is None:
        api.push(api.message_payload(user, text))
    else:
        update = api.make_update(api.message_payload(user, text))
        assert (await api.deliver(url, update, secret)).status_code == 200
    calls = await api.wait_for("sendMessage", lambda c: c.chat_id == user.id, count=before + 1)
    return calls[before].text


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_unstorable_questions_are_logged_cleaned_and_stats_work(
    api: BotApiServer, any_knowledge: Knowledge, webhook: bool
) -> None:
    runner, bot = await start_bot(api, any_knowledge, webhook=webhook)
    url = runner.webhook_url if webhook else None
    try:
        for text in QUESTIONS:
            await say(api, url, runner.secret, User(7001), text)
        stats = await say(api, url, runner.secret, User(ADMIN_ID), "/stats")
        assert f"Questions: {len(QUESTIONS)} (" in stats
        await bot.services.flush()
    finally:
        await runner.stop()
    with any_knowledge.sessions() as session:
        stored = session.scalars(select(activity.QueryLog.text).order_by(activity.QueryLog.id))
        assert list(stored) == STORED
