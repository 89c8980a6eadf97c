"""End to end: the interface follows the Telegram language; /language overrides and is kept."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

from sqlalchemy import event

from handlers.strings import EN, HI
from knowledge import activity
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


async def test_a_choice_saved_by_another_replica_is_used_by_the_next_message(bot: Harness) -> None:
    # Another replica (or the command line) saves the choice in the shared database: this bot
    # has seen the user before, and still answers the next message in the new language.
    user = User(408, language_code="en")
    reply = await bot.api.reply_to(user, "/help")
    assert EN["help_title"] in reply.text
    with bot.knowledge.sessions.begin() as session:
        activity.set_language(session, user.id, "hi")
    reply = await bot.api.reply_to(user, "/help")
    assert HI["help_title"] in reply.text
    with bot.knowledge.sessions.begin() as session:
        activity.set_language(session, user.id, "en")
    reply = await bot.api.reply_to(user, "/help")
    assert EN["help_title"] in reply.text
    stranger = await bot.api.reply_to(User(411, language_code="hi"), "/help")
    assert HI["help_title"] in stranger.text  # no choice saved: the Telegram app's language


async def test_updates_arriving_together_read_their_choices_in_one_query(bot: Harness) -> None:
    users = [User(420 + n, language_code="en") for n in range(12)]
    with bot.knowledge.sessions.begin() as session:
        for user in users[::2]:
            activity.set_language(session, user.id, "hi")
    queries: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "bot_user_preferences" in statement:
            queries.append(statement)

    event.listen(bot.knowledge.db, "before_cursor_execute", count)
    try:
        for user in users:
            bot.api.send(user, "/help")
        for user in users:
            await bot.api.wait_for("sendMessage", lambda c, u=user: c.chat_id == u.id)
    finally:
        event.remove(bot.knowledge.db, "before_cursor_execute", count)
    for n, user in enumerate(users):
        expected = HI if n % 2 == 0 else EN
        assert expected["help_title"] in bot.api.sent(user.id)[-1].text
    assert 1 <= len(queries) < len(users)
