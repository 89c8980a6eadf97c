"""End to end over HTTP, long polling: commands and free text through the real PTB and engine."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import pytest

from handlers.commands import COMMANDS
from handlers.strings import EN, HI
from tests.bot_fixtures import Harness, api, bot, knowledge  # noqa: F401 (fixtures)
from tests.botapi import User


async def test_startup_publishes_the_command_menu_per_language(bot: Harness) -> None:
    api = bot.api
    public = [c.name for c in COMMANDS if not (c.admin or c.officer)]
    assert [c["command"] for c in api.commands[("default", "")]] == public
    assert [c["command"] for c in api.commands[("default", "hi")]] == public
    hindi = {c["command"]: c["description"] for c in api.commands[("default", "hi")]}
    assert hindi["district"] == HI["cmd_district"]
    # admins get /stats in their own menu
    admin_menu = [c["command"] for c in api.commands[("chat", "")]]
    assert "stats" in admin_menu
    assert api.calls_of("getMe")
    assert api.calls_of("deleteWebhook")


async def test_start_welcomes_and_escapes_the_users_name(bot: Harness) -> None:
    user = User(101, first_name="<b>Ravi & Co</b>")
    reply = await bot.api.reply_to(user, "/start")
    assert reply.params["parse_mode"] == "HTML"
    assert "&lt;b&gt;Ravi &amp; Co&lt;/b&gt;" in reply.text
    assert "One District One Product" in reply.text


async def test_help_lists_every_public_command(bot: Harness) -> None:
    reply = await bot.api.reply_to(User(102), "/help")
    for command in COMMANDS:
        assert (f"/{command.name} " in reply.text) is not (command.admin or command.officer)
    assert "@odop_test_bot" in reply.text


async def test_help_shows_admins_the_admin_commands(bot: Harness) -> None:
    reply = await bot.api.reply_to(User(9001), "/help")
    assert "/stats" in reply.text


async def test_unknown_command_gets_the_help(bot: Harness) -> None:
    reply = await bot.api.reply_to(User(103), "/frobnicate")
    assert "/district" in reply.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("moradabad", "Moradabad Metal Craft"),  # English
        ("मुरादाबाद", "Moradabad Metal Craft"),  # Hindi
        ("moradabad ka product kya hai", "Moradabad Metal Craft"),  # Hinglish
        ("carpets", "Bhadohi"),
        ("Kerala", "Kerala"),
    ],
)
async def test_free_text_is_answered_with_source_and_date(
    bot: Harness, text: str, expected: str
) -> None:
    reply = await bot.api.reply_to(User(110), text)
    assert expected in reply.text
    assert "Source:" in reply.text
    assert "as of" in reply.text
    labels = [b["text"] for b in reply.buttons]
    assert "👍" in labels
    assert "👎" in labels


async def test_nonsense_gets_a_polite_no_and_no_vote_buttons(bot: Harness) -> None:
    reply = await bot.api.reply_to(User(111), "qwzx plorb")
    assert "don't know" in reply.text or "don’t know" in reply.text
    assert reply.buttons == []


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/district agra", "Agra (Uttar Pradesh)"),
        ("/product carpets", "Bhadohi"),
        ("/state kerala", "Kerala — ODOP overview"),
        ("/status agra", "Export Action Plan"),
        ("/status", "figures over time"),
        ("/contact varanasi", "Varanasi"),
        ("/about", "ODOP"),
    ],
)
async def test_commands_answer_with_their_kind(bot: Harness, command: str, expected: str) -> None:
    reply = await bot.api.reply_to(User(120), command)
    assert expected in reply.text


@pytest.mark.parametrize(
    ("command", "prompt"),
    [("/district", "ask_district"), ("/product", "ask_product"), ("/state", "ask_state")],
)
async def test_commands_without_a_name_ask_for_one(
    bot: Harness, command: str, prompt: str
) -> None:
    reply = await bot.api.reply_to(User(121), command)
    assert reply.text == EN[prompt]


async def test_deep_link_opens_the_district_card(bot: Harness, knowledge) -> None:
    moradabad = next(d for d in knowledge.catalog.districts if d.name == "Moradabad")
    reply = await bot.api.reply_to(User(130), f"/start d_{moradabad.lgd_code}")
    assert "Moradabad Metal Craft" in reply.text


@pytest.mark.parametrize("payload", ["d_9999999", "d_", "x" * 64, "d_12abc"])
async def test_unknown_or_odd_deep_links_are_handled(bot: Harness, payload: str) -> None:
    reply = await bot.api.reply_to(User(131), f"/start {payload}")
    assert reply.text in (EN["deep_link_unknown"],) or "One District One Product" in reply.text


async def test_questions_are_logged_answered_or_not(bot: Harness) -> None:
    user = User(140)
    await bot.api.reply_to(user, "moradabad")
    await bot.api.reply_to(user, "what is the weather on mars tomorrow")
    summary = await bot.services.stats()
    assert summary.total == 2
    assert summary.answered == 1
    assert [q for q, _ in summary.unanswered] == ["what is the weather on mars tomorrow"]


async def test_in_groups_only_commands_are_answered(bot: Harness) -> None:
    group = -100123
    user = User(150)
    bot.api.send(user, "moradabad", chat_id=group)  # chatter, not a question for us
    bot.api.send(user, "/start@some_other_bot", chat_id=group)
    reply = await bot.api.reply_to(user, "/district@odop_test_bot agra", chat_id=group)
    assert "Agra (Uttar Pradesh)" in reply.text
    await bot.api.reply_to(User(151), "kerala")  # every earlier update has been handled
    assert len(bot.api.sent(group)) == 1


async def test_commands_are_logged_as_typed(bot: Harness) -> None:
    await bot.api.reply_to(User(152), "/product unobtainium")
    summary = await bot.services.stats()
    assert summary.unanswered == (("/product unobtainium", 1),)
