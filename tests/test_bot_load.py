"""End to end: many users at once are served concurrently; one flooding user is contained."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

from handlers.strings import EN
from tests.bot_fixtures import Harness, api, bot, knowledge  # noqa: F401 (fixtures)
from tests.botapi import User


async def test_many_users_are_answered_concurrently(bot: Harness) -> None:
    at_once = bot.settings.odop_concurrent_updates
    users = [User(700 + i) for i in range(at_once + 5)]
    # Telegram holds every reply until `at_once` of them are in flight: a bot that handled
    # updates one after another would never get there, and this test would fail.
    bot.api.hold("sendMessage", until=at_once)
    for user in users:
        bot.api.send(user, "moradabad")
    replies = await bot.api.wait_for("sendMessage", count=len(users))
    assert {r.chat_id for r in replies} == {u.id for u in users}
    assert bot.api.max_in_flight["sendMessage"] == at_once


async def test_a_burst_from_one_user_does_not_hold_up_others(bot: Harness) -> None:
    flooder, other = User(751), User(752)
    burst = bot.settings.odop_flood_burst
    for i in range(300):
        bot.api.send(flooder, f"moradabad {i}")
    reply = await bot.api.reply_to(other, "agra")
    assert "Agra" in reply.text
    # The flooder gets `burst` answers and one notice; the rest is dropped unanswered
    # (the clock is frozen, so no tokens come back during the test).
    await bot.api.wait_for("sendMessage", lambda c: c.chat_id == flooder.id, count=burst + 1)
    await bot.api.reply_to(User(753), "kerala")  # every queued update has been through
    texts = [c.text for c in bot.api.sent(flooder.id)]
    assert texts.count(EN["slow_down"]) == 1
    assert len(texts) == burst + 1
    summary = await bot.services.stats()
    assert summary.total == burst + 2  # dropped updates never reached the engine


async def test_a_flooding_user_is_served_again_once_tokens_return(bot: Harness) -> None:
    user = User(760)
    for i in range(bot.settings.odop_flood_burst + 5):
        bot.api.send(user, f"agra {i}")
    await bot.api.wait_for(
        "sendMessage", lambda c: c.text == EN["slow_down"] and c.chat_id == user.id
    )
    await bot.api.reply_to(User(761), "kerala")
    bot.clock.advance(5.0)  # five tokens back at one a second
    reply = await bot.api.reply_to(user, "moradabad")
    assert "Moradabad" in reply.text
