"""End to end: the interface follows the Telegram language; /language overrides and is kept."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import pytest

from handlers import services as services_module
from handlers.strings import EN, HI
from tests.bot_fixtures import Harness, api, bot, knowledge, start_bot  # noqa: F401 (fixtures)
from tests.botapi import User


async def test_hindi_telegram_users_get_the_hindi_interface(bot: Harness) -> None:
    reply = await bot.api.reply_to(User(401, language_code="hi"), "/start")
    assert "एक ज़िला एक उत्पाद" in reply.text
    reply = await bot.api.reply_to(User(402, language_code="hi-IN"), "/help")
    assert HI["help_title"] in reply.text
    reply = await bot.api.reply_to(User(403, language_code=None), "/help")
    assert EN["help_title"] in reply.text


async def test_answers_use_hindi_labels_and_buttons(bot: Harness) -> None:
    reply = await bot.api.reply_to(User(404, language_code="hi"), "moradabad")
    assert "Moradabad Metal Craft" in reply.text  # knowledge text may stay English
    labels = [b["text"] for b in reply.buttons]
    assert HI["btn_contacts"] in labels


async def test_language_menu_switches_and_is_remembered(bot: Harness) -> None:
    user = User(405, language_code="en")
    menu = await bot.api.reply_to(user, "/language")
    assert menu.text == EN["choose_language"]
    answer = await bot.api.click(user, menu, "हिन्दी")
    assert answer.params["text"] == HI["language_set"]
    edit = await bot.api.wait_for("editMessageText", lambda c: c.chat_id == user.id)
    assert edit[0].text == HI["language_set"]
    reply = await bot.api.reply_to(user, "/help")
    assert HI["help_title"] in reply.text


async def test_language_argument_switches_directly(bot: Harness) -> None:
    user = User(406, language_code="hi")
    reply = await bot.api.reply_to(user, "/language english")
    assert reply.text == EN["language_set"]
    reply = await bot.api.reply_to(user, "/help")
    assert EN["help_title"] in reply.text


async def test_the_choice_survives_a_restart(bot: Harness) -> None:
    user = User(407, language_code="en")
    await bot.api.reply_to(user, "/language hi")
    await bot.runner.stop()
    runner, again = await start_bot(bot.api, bot.knowledge)
    try:
        reply = await again.api.reply_to(user, "/help")
        assert HI["help_title"] in reply.text
    finally:
        await runner.stop()
        await bot.runner.start()  # the fixture stops it again


async def test_choices_are_read_per_user_when_too_many_to_load_at_start(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three saved choices, more than the bot will load at start: it then reads each user's
    # choice on first sight, and the answers are the same as when all were loaded.
    chosen = [(User(408, language_code="en"), "hi"), (User(409, language_code="hi"), "en"),
              (User(410, language_code="hi"), "hi")]
    for user, lang in chosen:
        await bot.api.reply_to(user, f"/language {lang}")
    await bot.runner.stop()
    monkeypatch.setattr(services_module, "MAX_CACHED_USERS", 2)
    runner, again = await start_bot(bot.api, bot.knowledge)
    try:
        assert not again.services._langs  # nothing loaded at start
        for user, lang in chosen:
            reply = await again.api.reply_to(user, "/help")
            assert (HI if lang == "hi" else EN)["help_title"] in reply.text
        stranger = await again.api.reply_to(User(411, language_code="hi"), "/help")
        assert HI["help_title"] in stranger.text  # no choice saved: the Telegram app's language
    finally:
        await runner.stop()
        await bot.runner.start()
