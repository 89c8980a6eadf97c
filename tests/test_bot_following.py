"""Following in the chat: the 🔔 button, /subscribe in both languages, groups, blocking,
migration, /forget — against the loopback Bot API, with the real database."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import select

from knowledge.delivery import subscriptions
from knowledge.delivery.models import Subscriber
from tests.bot_fixtures import (  # noqa: F401 (fixtures)
    Harness,
    api,
    bot,
    clear_follows,
    knowledge,
)


def follows(bot: Harness, chat_id: int) -> list[str]:  # noqa: F811
    with bot.knowledge.sessions() as session:
        return [f"{f.kind}:{f.label}" for f in subscriptions.followed(session, chat_id)]


def subscriber(bot: Harness, chat_id: int) -> Subscriber | None:  # noqa: F811
    with bot.knowledge.sessions() as session:
        return subscriptions.subscriber(session, chat_id)


async def test_follow_button_subscriptions_and_remove(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    user = bot.user(4001)
    card = await bot.api.reply_to(user, "moradabad")
    answer = await bot.api.click(user, card, label="Follow")
    assert "Moradabad" in answer.params["text"]
    assert follows(bot, 4001) == ["district:Moradabad (Uttar Pradesh)"]
    listing = await bot.api.reply_to(user, "/subscriptions")
    assert "Moradabad" in listing.text
    await bot.api.click(user, listing, label="Moradabad")
    assert follows(bot, 4001) == []


async def test_subscribe_by_name_in_both_languages(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    en, hi = bot.user(4002), bot.user(4003, language_code="hi")
    reply = await bot.api.reply_to(en, "/subscribe state Bihar")
    assert "You now follow Bihar" in reply.text
    reply = await bot.api.reply_to(hi, "/subscribe product makhana")
    assert "फ़ॉलो करते हैं" in reply.text
    reply = await bot.api.reply_to(en, "/subscribe all")
    assert "everything" in reply.text
    again = await bot.api.reply_to(en, "/subscribe all")
    assert "already" in again.text
    unknown = await bot.api.reply_to(en, "/subscribe state Atlantis")
    assert "nothing called" in unknown.text
    assert follows(bot, 4002) == ["state:Bihar", "all:everything"]
    assert [f.split(":")[0] for f in follows(bot, 4003)] == ["product"]
    with bot.knowledge.sessions() as session:
        sub = subscriptions.subscriber(session, 4003)
        assert sub is not None
        assert sub.lang == "hi"


async def test_ambiguous_district_asks_back(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    user = bot.user(4004)
    ask = await bot.api.reply_to(user, "/subscribe Aurangabad")
    assert len(ask.buttons) >= 2
    await bot.api.click(user, ask, label="Bihar")
    assert follows(bot, 4004) == ["district:Aurangabad (Bihar)"]


async def test_only_group_admins_subscribe_a_group(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    member, admin, group = bot.user(4005), bot.user(4006), -100777
    bot.api.chat_admins[group] = {4006: "administrator"}
    refused = await bot.api.reply_to(member, "/subscribe all", chat_id=group)
    assert "administrators" in refused.text
    assert follows(bot, group) == []
    await bot.api.reply_to(admin, "/subscribe all", chat_id=group)
    assert follows(bot, group) == ["all:everything"]
    # The group becomes a supergroup: what it follows moves with it.
    message = bot.api.message_payload(admin, "", chat_id=group)["message"]
    message.pop("text")
    message["migrate_to_chat_id"] = -1009999
    bot.api.push({"message": message})
    await _until(lambda: follows(bot, -1009999) == ["all:everything"])


async def test_blocking_and_unblocking_the_bot(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    user = bot.user(4007)
    await bot.api.reply_to(user, "/subscribe all")

    def member_update(status: str) -> dict:
        return {"my_chat_member": {
            "chat": {"id": 4007, "type": "private", "first_name": "Asha"},
            "from": user.to_dict(), "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": True,
                                                             "first_name": "ODOP"}},
            "new_chat_member": {"status": status, "user": {"id": 1, "is_bot": True,
                                                           "first_name": "ODOP"},
                                **({"until_date": 0} if status == "kicked" else {})},
        }}

    bot.api.push(member_update("kicked"))
    await _until(lambda: (s := subscriber(bot, 4007)) is not None and not s.active)
    assert follows(bot, 4007) == ["all:everything"]  # kept, not deleted
    bot.api.push(member_update("member"))
    await _until(lambda: (s := subscriber(bot, 4007)) is not None and s.active)


async def test_forget_deletes_everything_after_a_confirm(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    user = bot.user(4008)
    await bot.api.reply_to(user, "/subscribe all")
    await bot.api.reply_to(user, "/language hi")
    ask = await bot.api.reply_to(user, "/forget")
    await bot.api.click(user, ask, data="f|keep")  # the labels are Hindi now
    assert follows(bot, 4008) == ["all:everything"]
    ask = await bot.api.reply_to(user, "/forget")
    await bot.api.click(user, ask, data="f|forget")
    assert subscriber(bot, 4008) is None
    with bot.knowledge.sessions() as session:
        from knowledge.activity import UserPreference

        assert session.scalar(select(UserPreference).where(UserPreference.user_id == 4008)) \
            is None


async def test_quiet_digest_and_one_tap_unsubscribe(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    user = bot.user(4009)
    listing_before = await bot.api.reply_to(user, "/subscribe all")
    assert "everything" in listing_before.text
    bad = await bot.api.reply_to(user, "/quiet sometimes")
    assert "22:00-07:00" in bad.text
    await bot.api.reply_to(user, "/quiet 23:00-06:30")
    await bot.api.reply_to(user, "/digest on")
    sub = subscriber(bot, 4009)
    assert sub is not None
    assert (sub.quiet, sub.digest) == ("23:00-06:30", True)
    listing = await bot.api.reply_to(user, "/subscriptions")
    await bot.api.click(user, listing, data="f|-*")  # the 🔕 under every broadcast
    assert follows(bot, 4009) == []


async def _until(condition, limit: float = 10.0) -> None:
    async def poll() -> None:
        while not condition():  # noqa: ASYNC110 - the database is polled, not an event
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), limit)


def keys(bot: Harness, chat_id: int) -> list[str]:  # noqa: F811
    with bot.knowledge.sessions() as session:
        return [f"{f.kind}:{f.key}" for f in subscriptions.followed(session, chat_id)]


async def test_product_answers_found_by_a_word_can_be_followed(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    en, hi = bot.user(4101), bot.user(4102, language_code="hi")
    for user, word, key in ((en, "pyaz", "onion"), (en, "brass", "brass"),
                            (en, "haldi", "haladi|turmeric"), (hi, "प्याज", "onion"),
                            (hi, "मखाना", "makhana"), (en, "foxnut", "makhana")):
        card = await bot.api.reply_to(user, word)
        label = "Follow" if user is en else "फ़ॉलो"
        answer = await bot.api.click(user, card, label=label)
        assert ("now follow" if user is en else "फ़ॉलो करते हैं") in answer.params["text"], word
        assert f"product:{key}" in keys(bot, user.id), word
    assert keys(bot, 4101) == ["product:onion", "product:brass", "product:haladi|turmeric",
                               "product:makhana"]
    assert keys(bot, 4102) == ["product:onion", "product:makhana"]


async def test_subscribe_and_the_button_follow_one_target(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    user = bot.user(4103)
    reply = await bot.api.reply_to(user, "/subscribe product foxnut")
    assert "You now follow Makhana" in reply.text
    card = await bot.api.reply_to(user, "makhana")
    again = await bot.api.click(user, card, label="Follow")
    assert "already follow" in again.params["text"]
    # a product word without the word "product", and a typo read as the question reads it
    await bot.api.reply_to(user, "/subscribe pyaz")
    await bot.api.reply_to(user, "/subscribe product turmerc")
    await bot.api.reply_to(user, "/subscribe product हल्दी")
    assert keys(bot, 4103) == ["product:makhana", "product:onion", "product:turmeric",
                               "product:haladi|turmeric"]


async def test_a_product_word_not_understood_asks_back(bot: Harness) -> None:  # noqa: F811
    # (a slip the question reading does not take: "onoin", two letters swapped, it reads as onion)
    clear_follows(bot)
    user = bot.user(4104, language_code="hi")
    ask = await bot.api.reply_to(user, "/subscribe product oniun")
    assert "क्या आपका मतलब" in ask.text
    await bot.api.click(user, ask, label="Onion")
    assert keys(bot, 4104) == ["product:onion"]
    unknown = await bot.api.reply_to(user, "/subscribe product qwertyuiop")
    assert "नहीं मिली" in unknown.text


async def test_unsubscribe_one_by_name(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    user = bot.user(4105)
    for command in ("/subscribe Moradabad", "/subscribe state Bihar", "/subscribe product pyaz"):
        await bot.api.reply_to(user, command)
    reply = await bot.api.reply_to(user, "/unsubscribe product प्याज")
    assert "Removed" in reply.text
    await bot.api.reply_to(user, "/unsubscribe state bihar")
    assert follows(bot, 4105) == ["district:Moradabad (Uttar Pradesh)"]
    listing = await bot.api.reply_to(user, "/unsubscribe Agra")
    assert "You follow nothing called “Agra”" in listing.text
    # then what the chat follows, to tap
    await bot.api.wait_for("sendMessage", lambda c: "tap one to stop" in str(
        c.params.get("text")) and c.params.get("chat_id") in (4105, "4105"))
    last = await bot.api.reply_to(user, "/unsubscribe moradabad")
    assert "Removed" in last.text
    assert follows(bot, 4105) == []


async def test_a_group_member_changes_nothing_the_group_follows(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    member, admin, group = bot.user(4106), bot.user(4107), -100778
    bot.api.chat_admins[group] = {4107: "administrator"}
    await bot.api.reply_to(admin, "/subscribe all", chat_id=group)
    for command in ("/quiet off", "/digest on"):
        refused = await bot.api.reply_to(member, command, chat_id=group)
        assert "administrators" in refused.text
    sub = subscriber(bot, group)
    assert sub is not None
    assert (sub.quiet, sub.digest) == (None, False)
    ask = await bot.api.reply_to(member, "/forget", chat_id=group)
    await bot.api.click(member, ask, data="f|forget")
    assert follows(bot, group) == ["all:everything"]  # the group's, kept
    await bot.api.reply_to(admin, "/digest on", chat_id=group)
    sub = subscriber(bot, group)
    assert sub is not None
    assert sub.digest


async def test_a_channel_reader_cannot_unsubscribe_the_channel(bot: Harness) -> None:  # noqa: F811
    clear_follows(bot)
    channel, reader, admin = -100779, bot.user(4108), bot.user(4109)
    bot.api.chat_admins[channel] = {4109: "administrator"}
    with bot.knowledge.sessions.begin() as session:
        subscriptions.subscribe(session, channel, subscriptions.Target("all"), label="all",
                                now=time.time(), kind="channel")
    post = {"message_id": 1, "date": int(time.time()),
            "chat": {"id": channel, "type": "channel", "title": "ODOP news"}}
    for user in (reader, admin):
        update = bot.api._press(user, "f|-*", message=post)
        query_id = update["callback_query"]["id"]
        await bot.api.wait_for("answerCallbackQuery",
                               lambda c, q=query_id: c.params.get("callback_query_id") == q)
        if user is reader:
            assert follows(bot, channel) == ["all:all"]
    assert follows(bot, channel) == []
