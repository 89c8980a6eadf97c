"""End to end: Telegram's error replies (429, 403, 400), hostile text and over-long answers."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import logging

import pytest

from handlers.strings import EN
from knowledge.reply import compose, to_text
from tests.bot_fixtures import (  # noqa: F401 (fixtures)
    ADMIN_ID,
    Harness,
    api,
    bot,
    clear_activity,
    knowledge,
    start_bot,
)
from tests.botapi import User, visible_text

HOSTILE = "<script>alert(1)</script> & <b>unclosed </i> &amp; &#0;"


async def test_flood_wait_429_is_honoured_and_retried(bot: Harness) -> None:
    user = User(601)
    bot.api.fail(
        "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1,
        match=lambda p: p.get("chat_id") == str(user.id),
    )
    reply = await bot.api.reply_to(user, "moradabad")
    assert "Moradabad Metal Craft" in reply.text
    attempts = bot.api.calls_of("sendMessage", user.id)
    assert [c.status for c in attempts] == [429, 200]


async def test_flood_wait_is_not_retried_for_ever(api, knowledge, caplog) -> None:
    caplog.set_level(logging.ERROR)
    clear_activity(knowledge)
    runner, _ = await start_bot(api, knowledge, odop_rate_limit_retries=1)
    try:
        user = User(602)
        api.fail(
            "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1,
            times=100, match=lambda p: p.get("chat_id") == str(user.id),
        )
        api.send(user, "moradabad")
        # the answer, then the apology: each tried twice (1 + 1 retry), then given up
        await api.wait_for("sendMessage", lambda c: c.chat_id == user.id, count=4, ok=False)
        await api.reply_to(User(603), "agra")  # the bot is still serving others
        assert len(api.calls_of("sendMessage", user.id)) == 4
        assert "Rate limit hit after maximum of 1 retries" in caplog.text
    finally:
        await runner.stop()


async def test_a_user_who_blocked_the_bot_does_not_break_it(bot: Harness, caplog) -> None:
    caplog.set_level(logging.INFO, logger="handlers.guard")
    blocked = User(604)
    bot.api.fail(
        "sendMessage", 403, "Forbidden: bot was blocked by the user",
        match=lambda p: p.get("chat_id") == str(blocked.id),
    )
    bot.api.send(blocked, "moradabad")
    await bot.api.wait_for("sendMessage", lambda c: c.chat_id == blocked.id, ok=False)
    reply = await bot.api.reply_to(User(605), "agra")
    assert "Agra" in reply.text
    assert len(bot.api.calls_of("sendMessage", blocked.id)) == 1  # no apology to a 403
    assert "forbidden while handling" in caplog.text


async def test_errors_are_logged_with_the_update_and_the_user_is_told(
    bot: Harness, caplog
) -> None:
    caplog.set_level(logging.ERROR, logger="handlers.guard")
    user = User(606)
    bot.api.fail(
        "sendMessage", 400, "Bad Request: chat not found",
        match=lambda p: p.get("chat_id") == str(user.id),
    )
    bot.api.send(user, "moradabad")
    apology = await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id)
    assert apology[0].text == EN["error"]
    record = next(r for r in caplog.records if "error while handling update" in r.getMessage())
    assert '"text": "moradabad"' in record.getMessage()
    assert user.first_name not in record.getMessage()  # who asked is not an operator's business
    assert record.exc_info is not None


@pytest.mark.parametrize(
    "text", [HOSTILE, f"/product {HOSTILE}", f"/district {HOSTILE}", "a < b > c && d"]
)
async def test_hostile_text_is_escaped(bot: Harness, text: str) -> None:
    # The fake Bot API refuses malformed HTML with 400, as Telegram does, so an answer
    # arriving at all proves the escaping; the shown text must also keep the user's words.
    reply = await bot.api.reply_to(User(607), text)
    shown = visible_text(reply.text)
    assert "<script>" not in reply.text
    if "No ODOP product" in shown:
        assert HOSTILE in shown


async def test_admin_stats_show_hostile_unanswered_questions_escaped(bot: Harness) -> None:
    await bot.api.reply_to(User(608), HOSTILE)
    await bot.api.reply_to(User(608), "moradabad")
    stats = await bot.api.reply_to(User(ADMIN_ID), "/stats")
    shown = visible_text(stats.text)
    assert HOSTILE.strip() in shown
    assert "Questions: 2 (1 answered, 1 unanswered)" in shown


async def test_stats_are_for_admins_only(bot: Harness) -> None:
    reply = await bot.api.reply_to(User(609), "/stats")
    assert reply.text == EN["not_admin"]


async def test_an_over_long_answer_is_split_into_messages(bot: Harness) -> None:
    user = User(610)
    bot.api.send(user, "/status jammu and kashmir")
    messages = await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id, count=2)
    assert all(len(m.text) <= 4096 for m in messages)
    assert messages[0].buttons == []  # the buttons go under the last part
    assert "Next" in [b["text"].split()[0] for b in messages[1].buttons]
    assert "Jammu and Kashmir" in messages[0].text


async def test_replies_echoing_thousands_of_emoji_fit_telegrams_utf16_limit(
    bot: Harness,
) -> None:
    # 2,040 emoji are 2,040 characters but 4,080 UTF-16 units, which Telegram counts (and
    # the fake Bot API refuses a message over 4,096 units, as Telegram does). The engine reads
    # only the start of a long question, but the question log keeps 500 characters of it, and
    # /stats echoes what was asked: here some 3,000 characters, 6,000 units.
    for n in range(6):
        await bot.api.reply_to(User(611), "😀🀄😎🎉🌟🐘"[n] * 2040)
    stats = await bot.api.reply_to(User(ADMIN_ID), "/stats")
    shown = visible_text(stats.text)
    assert len(shown.encode("utf-16-le")) // 2 <= 4096
    assert "Questions: 6 (0 answered, 6 unanswered)" in shown
    assert "🐘" * 400 in shown  # the latest question comes first

    # The longest question the engine reads, all emoji: echoed whole.
    user = User(614)
    echo = " ".join(["😀𝔘🇮🇳"] * 40)
    answer = bot.services.engine.ask(echo, "product_districts")
    expected = to_text(compose(answer, "en"))
    reply = await bot.api.reply_to(user, f"/product {echo}")
    shown = visible_text(reply.text)
    for ch in ("😀", "𝔘", "🇮🇳"):
        assert shown.count(ch) == expected.count(ch) > 0
