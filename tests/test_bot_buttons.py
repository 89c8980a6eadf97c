"""End to end: clarification buttons, follow-ups, paging, stale/forged buttons and votes."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import pytest

from handlers import render
from handlers.strings import EN
from tests.bot_fixtures import Harness, api, bot, knowledge  # noqa: F401 (fixtures)
from tests.botapi import User


async def edited(bot: Harness, chat_id: int, count: int = 1):
    calls = await bot.api.wait_for(
        "editMessageText", lambda c: c.chat_id == chat_id, count=count
    )
    return calls[count - 1]


async def test_clarification_offers_one_button_per_district(bot: Harness) -> None:
    user = User(201)
    question = await bot.api.reply_to(user, "aurangabad")
    labels = [b["text"] for b in question.buttons]
    assert labels == ["Aurangabad (Bihar)", "Aurangabad (Maharashtra)"]
    answer = await bot.api.click(user, question, "Maharashtra")
    assert "text" not in answer.params  # a plain acknowledgement
    card = await edited(bot, user.id)
    assert "Aurangabad (Maharashtra)" in card.text
    assert "👍" in [b["text"] for b in card.buttons]


async def test_follow_up_buttons_open_new_messages(bot: Harness) -> None:
    user = User(202)
    card = await bot.api.reply_to(user, "moradabad")
    await bot.api.click(user, card, "Contacts")
    contacts = (await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id, 2))[1]
    assert "Moradabad" in contacts.text
    assert "DEPC" in contacts.text
    await bot.api.click(user, card, "Plan status")
    status = (await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id, 3))[2]
    assert "Export Action Plan" in status.text
    await bot.api.click(user, card, "Uttar Pradesh overview")
    state = (await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id, 4))[3]
    assert "Uttar Pradesh — ODOP overview" in state.text
    await bot.api.click(user, card, "Other districts")
    others = (await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id, 5))[4]
    assert "Moradabad (Uttar Pradesh)" in others.text


async def test_long_lists_page_with_next_and_previous(bot: Harness) -> None:
    user = User(203)
    first = await bot.api.reply_to(user, "uttar pradesh")
    assert "Agra" in first.text
    assert "Page 1 of 5" in first.text
    assert len(first.text) <= 4096
    await bot.api.click(user, first, "Next")
    second = await edited(bot, user.id)
    assert "Page 2 of 5" in second.text
    assert "<b>Agra</b>" not in second.text
    assert "110 products in 75 districts" in second.text  # the counts head every page
    await bot.api.click(user, second, "Previous")
    back = await edited(bot, user.id, 2)
    assert "Page 1 of 5" in back.text
    assert "<b>Agra</b>" in back.text
    counter = await bot.api.click(user, back, "1/5")
    assert "text" not in counter.params


async def test_pressing_the_page_already_shown_is_not_an_error(bot: Harness) -> None:
    user = User(204)
    first = await bot.api.reply_to(user, "uttar pradesh")
    data = first.button("Next")["callback_data"]
    await bot.api.click(user, first, data=data)
    await edited(bot, user.id)
    # The same button again: Telegram answers 400 "message is not modified".
    again = await bot.api.click(user, first, data=data)
    assert "text" not in again.params
    refused = await bot.api.wait_for("editMessageText", ok=False)
    assert "not modified" in refused[0].error
    # one more round trip, so a wrongly sent apology would have been recorded by now
    await bot.api.reply_to(user, "agra")
    assert EN["error"] not in [c.text for c in bot.api.sent(user.id)]


@pytest.mark.parametrize(
    "data",
    [
        "e0|d:999999:p",  # a district that is not (or no longer) there
        "o|s:99999:o",  # a state that is not there
        "o|p:99999999",  # a product that is not there
        "e0|t::zzzqqq",  # a product word that matches nothing
        "hello",  # forged
        "e5000|d:1:p",  # page out of range
        "o|d:1:z",  # unknown intent code
        "o|d:-1:p",
        "l|fr",
        "x" * 64,
    ],
)
async def test_stale_or_forged_buttons_get_a_polite_answer(bot: Harness, data: str) -> None:
    user = User(205)
    card = await bot.api.reply_to(user, "moradabad")
    answer = await bot.api.click(user, card, data=data)
    assert answer.params["text"] == EN["stale_button"]
    assert bot.api.sent(user.id) == [card]


async def test_votes_are_stored_and_a_second_vote_replaces_the_first(bot: Harness) -> None:
    user = User(206)
    card = await bot.api.reply_to(user, "moradabad")
    thanks = await bot.api.click(user, card, "👍")
    assert thanks.params["text"] == EN["thanks_vote"]
    summary = await bot.services.stats()
    assert (summary.up, summary.down) == (1, 0)
    await bot.api.click(user, card, "👎")
    summary = await bot.services.stats()
    assert (summary.up, summary.down) == (0, 1)
    assert summary.downvoted[0][1] == 1
    assert summary.downvoted[0][0].startswith("d:")


async def test_callback_data_always_fits_64_bytes(bot: Harness) -> None:
    user = User(207)
    for text in ("uttar pradesh", "aurangabad", "carpets", "हस्तशिल्प", "moradabad"):
        reply = await bot.api.reply_to(user, text)
        for button in reply.buttons:
            assert len(button["callback_data"].encode()) <= 64


async def test_a_page_that_cannot_be_edited_is_sent_anew(bot: Harness) -> None:
    user = User(208)
    first = await bot.api.reply_to(user, "uttar pradesh")
    bot.api.fail("editMessageText", 400, "Bad Request: message can't be edited")
    await bot.api.click(user, first, "Next")
    pages = await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id, count=2)
    assert "Page 2 of 5" in pages[1].text


async def test_a_failing_button_is_apologised_for_in_the_chat(bot: Harness) -> None:
    user = User(209)
    card = await bot.api.reply_to(user, "moradabad")
    bot.api.fail("sendMessage", 400, "Bad Request: chat not found", match=lambda p: True)
    await bot.api.click(user, card, "Contacts")
    sent = await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id, count=2)
    assert sent[1].text == EN["error"]


@pytest.mark.parametrize(("lang", "user_id"), [("en", 230), ("hi", 231)])
async def test_a_long_product_list_pages_as_the_whole_list_does(
    bot: Harness, lang: str, user_id: int
) -> None:
    """The bot asks the engine for one page; every page, its counts and its buttons read as
    the same page of the whole list (what `odop-bot ask` lists), through Next to the end."""
    user = User(user_id, language_code=lang)
    whole = bot.services.engine.ask("handloom")
    pages = render.render(whole, lang).pages  # type: ignore[arg-type]
    assert pages > 2
    message = await bot.api.reply_to(user, "handloom")
    for k in range(pages):
        expected = render.render(whole, lang, k)  # type: ignore[arg-type]
        assert len(expected.chunks) == 1
        assert message.text == expected.chunks[0]
        assert expected.keyboard is not None
        assert message.buttons == [b.to_dict() for row in expected.keyboard.inline_keyboard
                                   for b in row]
        if k + 1 < pages:
            following = next(b["callback_data"] for b in message.buttons
                             if b["callback_data"].startswith(f"e{k + 1}|"))
            await bot.api.click(user, message, data=following)
            message = await edited(bot, user.id, k + 1)
