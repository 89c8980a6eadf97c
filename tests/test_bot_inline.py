"""End to end: inline mode cards, paged with next_offset."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

from handlers.inline import MAX_CARDS, PAGE
from tests.bot_fixtures import Harness, api, bot, knowledge  # noqa: F401 (fixtures)
from tests.botapi import User


async def inline(bot: Harness, user: User, query: str, offset: str = ""):
    update = bot.api.inline(user, query, offset)
    query_id = update["inline_query"]["id"]
    calls = await bot.api.wait_for(
        "answerInlineQuery", lambda c: c.params.get("inline_query_id") == query_id
    )
    return calls[0]


async def test_a_district_name_offers_its_card(bot: Harness) -> None:
    answer = await inline(bot, User(301), "moradabad")
    results = answer.params["results"]
    assert results[0]["title"] == "Moradabad, Uttar Pradesh"
    assert "Moradabad Metal Craft" in results[0]["description"]
    content = results[0]["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert "Moradabad Metal Craft" in content["message_text"]
    assert answer.params["is_personal"] is True  # the language differs per user


async def test_many_cards_are_paged_with_next_offset(bot: Harness) -> None:
    user = User(302)
    seen: list[str] = []
    offset = ""
    pages = 0
    while True:
        answer = await inline(bot, user, "uttar pradesh", offset)
        results = answer.params["results"]
        assert len(results) <= PAGE
        seen += [r["title"] for r in results]
        pages += 1
        offset = answer.params.get("next_offset", "")
        if not offset:
            break
    assert len(seen) == MAX_CARDS  # 75 districts, capped at 50
    assert len(set(seen)) == len(seen)
    assert pages == MAX_CARDS // PAGE
    assert all(t.endswith(", Uttar Pradesh") for t in seen)


async def test_a_product_word_offers_the_districts_that_make_it(bot: Harness) -> None:
    answer = await inline(bot, User(303), "carpets")
    titles = [r["title"] for r in answer.params["results"]]
    assert "Bhadohi, Uttar Pradesh" in titles


async def test_no_match_offers_a_hint_button_and_no_cards(bot: Harness) -> None:
    answer = await inline(bot, User(304), "zzqxj")
    assert answer.params["results"] == []
    assert answer.params["button"]["start_parameter"] == "inline"
    empty = await inline(bot, User(304), "")
    assert empty.params["results"] == []


async def test_a_garbled_offset_starts_again(bot: Harness) -> None:
    answer = await inline(bot, User(305), "uttar pradesh", "not-a-number")
    assert len(answer.params["results"]) == PAGE
    assert answer.params["next_offset"] == str(PAGE)


async def test_cards_are_in_hindi_for_hindi_users(bot: Harness) -> None:
    answer = await inline(bot, User(306, language_code="hi"), "moradabad")
    first = answer.params["results"][0]
    assert first["title"].startswith("मुरादाबाद")


async def test_buttons_on_a_card_sent_inline_edit_it_in_place(bot: Harness) -> None:
    user = User(307)
    answer = await inline(bot, user, "moradabad")
    inline_id = bot.api.choose(answer, 0)
    card = bot.api.inline_messages[inline_id]
    buttons = {b["text"]: b["callback_data"] for row in card["reply_markup"]["inline_keyboard"]
               for b in row}
    # No chat is visible to the bot here, so "open" becomes an edit of the card itself.
    update = bot.api.press_inline(user, inline_id, buttons["📇 Contacts"])
    query_id = update["callback_query"]["id"]
    await bot.api.wait_for(
        "answerCallbackQuery", lambda c: c.params.get("callback_query_id") == query_id
    )
    edit = await bot.api.wait_for(
        "editMessageText", lambda c: c.params.get("inline_message_id") == inline_id
    )
    assert "DEPC" in edit[0].text
    assert "DEPC" in bot.api.inline_messages[inline_id]["text"]
    vote = bot.api.press_inline(user, inline_id, buttons["👍"])
    thanks = await bot.api.wait_for(
        "answerCallbackQuery",
        lambda c: c.params.get("callback_query_id") == vote["callback_query"]["id"],
    )
    assert thanks[0].params["text"] == "Thanks for the feedback!"
    assert (await bot.services.stats()).up == 1


async def test_an_offset_of_digits_that_are_not_ascii_restarts_at_the_first_page(
    bot: Harness,
) -> None:
    # "²".isdigit() is true but int("²") fails: the handler must not crash on it.
    first = await inline(bot, User(305), "carpet")
    for offset in ("²", "①", "٣"):
        answer = await inline(bot, User(305), "carpet", offset)
        assert answer.params["results"] == first.params["results"]
