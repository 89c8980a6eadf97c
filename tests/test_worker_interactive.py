"""A broadcast waiting out a 429 does not hold up the answer to someone asking a question."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete

from bot.bootstrap import Knowledge
from knowledge.delivery import outbox, subscriptions
from knowledge.delivery.models import ALL, Broadcast, Delivery, Pace, Subscriber, Subscription
from knowledge.delivery.outbox import Target
from tests.bot_fixtures import Harness, api, knowledge, start_bot  # noqa: F401 (fixtures)
from tests.botapi import BotApiServer

SUBSCRIBED = range(70_001, 70_031)


@pytest.fixture
async def bot_with_worker(api: BotApiServer, knowledge: Knowledge  # noqa: F811
                          ) -> AsyncIterator[Harness]:
    runner, harness = await start_bot(api, knowledge, odop_worker=True, odop_quiet_hours="",
                                      odop_broadcast_rate=50)
    try:
        yield harness
    finally:
        await runner.stop()
        with knowledge.sessions.begin() as session:
            for model in (Delivery, Broadcast, Subscription, Subscriber, Pace):
                session.execute(delete(model))


async def test_question_answered_while_broadcast_waits_out_a_429(
    bot_with_worker: Harness,
) -> None:
    telegram = bot_with_worker.api
    telegram.fail("sendMessage", 429, "Too Many Requests: retry after 4", retry_after=4,
             match=lambda p: int(p["chat_id"]) in SUBSCRIBED)
    with bot_with_worker.knowledge.sessions.begin() as session:
        for chat in SUBSCRIBED:
            subscriptions.subscribe(session, chat, Target(ALL), label="everything", now=0)
        outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                text_en="News", now=0, created_by="t")
    [flood] = await telegram.wait_for("sendMessage", lambda c: c.status == 429, ok=False)
    reply = await telegram.reply_to(bot_with_worker.user(5555), "moradabad")
    assert "Moradabad" in reply.text
    # The answer came while the broadcast was still waiting out the 429.
    assert reply.at < flood.at + 4
    everyone = await telegram.wait_for("sendMessage", lambda c: c.chat_id in SUBSCRIBED,
                                       count=len(SUBSCRIBED), timeout=30)
    # Of the broadcast, only sends already on their way when the 429 came went out meanwhile.
    meanwhile = [c for c in everyone if flood.at < c.at < flood.at + 3.9]
    assert len(meanwhile) <= bot_with_worker.settings.odop_worker_concurrency
