"""/broadcast and /broadcasts end to end: compose, preview, send through the worker, progress
edits, the final report with its chart, recall; non-admins refused."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete

from bot.bootstrap import Knowledge
from knowledge.delivery import subscriptions
from knowledge.delivery.models import ALL, Broadcast, Delivery, Pace, Subscriber, Subscription
from knowledge.delivery.outbox import Target
from tests.bot_fixtures import ADMIN_ID, Harness, api, knowledge, start_bot  # noqa: F401
from tests.botapi import BotApiServer

READERS = (81_001, 81_002, 81_003)


@pytest.fixture
async def admin_bot(api: BotApiServer, knowledge: Knowledge  # noqa: F811
                    ) -> AsyncIterator[Harness]:
    runner, harness = await start_bot(api, knowledge, odop_worker=True, odop_quiet_hours="",
                                      odop_broadcast_rate=50)
    with knowledge.sessions.begin() as session:
        for chat in READERS:
            subscriptions.subscribe(session, chat, Target(ALL), label="everything", now=0)
        subscriptions.set_language(session, READERS[1], "hi")
    try:
        yield harness
    finally:
        await runner.stop()
        with knowledge.sessions.begin() as session:
            for model in (Delivery, Broadcast, Subscription, Subscriber, Pace):
                session.execute(delete(model))


async def test_non_admins_are_refused(admin_bot: Harness) -> None:
    reply = await admin_bot.api.reply_to(admin_bot.user(5), "/broadcast")
    assert "administrators" in reply.text
    reply = await admin_bot.api.reply_to(admin_bot.user(5), "/broadcasts")
    assert "administrators" in reply.text


async def test_compose_preview_send_report_and_recall(admin_bot: Harness) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    start = await tg.reply_to(admin, "/broadcast")
    await tg.click(admin, start, label="Everyone")
    [told] = await tg.wait_for("sendMessage", lambda c: "subscribers" in c.text)
    assert "3 subscribers" in told.text
    before = len(tg.sent(ADMIN_ID))
    tg.send(admin, "Export fair in Agra on 5 March <free entry>")
    ask_hi = (await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                                 count=before + 1))[before]
    assert "Hindi" in ask_hi.text
    before = len(tg.sent(ADMIN_ID))
    tg.send(admin, "आगरा में 5 मार्च को निर्यात मेला")
    shown = await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                               count=before + 3)
    preview_en, preview_hi, summary = shown[before:before + 3]
    assert "&lt;free entry&gt;" in preview_en.text
    assert preview_hi.text.startswith("आगरा")
    assert "3 subscribers" in summary.text
    await tg.click(admin, summary, label="Send now")
    got = await tg.wait_for("sendMessage", lambda c: c.chat_id in READERS, count=3)
    by_chat = {c.chat_id: c for c in got}
    # Exactly what the admin previewed, in each subscriber's language.
    assert by_chat[READERS[0]].text == preview_en.text
    assert by_chat[READERS[1]].text == preview_hi.text
    report = await tg.wait_for("sendPhoto", lambda c: c.chat_id == ADMIN_ID, timeout=30)
    assert "sent 3" in report[0].params["caption"]
    assert tg.photos[-1]["content_type"] == "image/png" or tg.photos[-1]["body"]
    edits = tg.calls_of("editMessageText", ADMIN_ID)
    assert any("sent 3" in c.text for c in edits)
    listing = await tg.reply_to(admin, "/broadcasts")
    await tg.click(admin, listing, label="↩")
    deleted = await tg.wait_for("deleteMessage", count=3, timeout=30)
    assert {int(c.params["chat_id"]) for c in deleted} == set(READERS)
