"""Channels follow updates too: the bot is added as an administrator, a channel admin posts
/subscribe, a broadcast reaches the channel, and only the channel's admins can unsubscribe it
(a button under a channel post can be pressed by any reader)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from knowledge.delivery import subscriptions
from knowledge.delivery.models import Subscriber
from tests.bot_fixtures import (  # noqa: F401 (fixtures)
    Harness,
    api,
    bot,
    clear_follows,
    knowledge,
)

CHANNEL = -1007770001
CHAT = {"id": CHANNEL, "type": "channel", "title": "ODOP exporters' news"}
BOT = {"id": 1, "is_bot": True, "first_name": "ODOP"}


def member_update(bot: Harness, by: int, old: str, new: str) -> dict[str, Any]:  # noqa: F811
    """The bot's own membership of the channel changes (Telegram's my_chat_member)."""
    rights = {"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
              "can_delete_messages": True, "can_manage_video_chats": False,
              "can_restrict_members": True, "can_promote_members": False,
              "can_change_info": False, "can_invite_users": False, "can_post_stories": False,
              "can_edit_stories": False, "can_delete_stories": False, "can_post_messages": True,
              "can_edit_messages": True}
    return {"my_chat_member": {
        "chat": CHAT, "from": bot.user(by).to_dict(), "date": int(time.time()),
        "old_chat_member": {"status": old, "user": BOT,
                            **(rights if old == "administrator" else {})},
        "new_chat_member": {"status": new, "user": BOT,
                            **(rights if new == "administrator" else {})},
    }}


def channel_post(text: str, message_id: int) -> dict[str, Any]:
    """A post in the channel: it has no sender, only the channel (`sender_chat`)."""
    command = text.split()[0]
    return {"channel_post": {
        "message_id": message_id, "date": int(time.time()), "chat": CHAT, "sender_chat": CHAT,
        "text": text, "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
    }}


def press(bot: Harness, user_id: int, message_id: int, data: str) -> str:  # noqa: F811
    """A reader of the channel presses a button under the bot's post `message_id`."""
    update = bot.api.push({"callback_query": {
        "id": f"q{user_id}-{message_id}-{time.monotonic_ns()}",
        "from": bot.user(user_id).to_dict(), "chat_instance": "channel",
        "message": {"message_id": message_id, "date": int(time.time()), "chat": CHAT,
                    "sender_chat": CHAT, "text": "…"},
        "data": data,
    }})
    return str(update["callback_query"]["id"])


def channel(bot: Harness) -> Subscriber | None:  # noqa: F811
    with bot.knowledge.sessions() as session:
        return subscriptions.subscriber(session, CHANNEL)


def follows(bot: Harness) -> list[str]:  # noqa: F811
    with bot.knowledge.sessions() as session:
        return [f"{f.kind}:{f.label}" for f in subscriptions.followed(session, CHANNEL)]


async def until(condition: Any, limit: float = 10.0) -> None:
    async def poll() -> None:
        while not condition():  # noqa: ASYNC110 - the database is polled, not an event
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), limit)


async def test_a_channel_subscribes_and_only_its_admins_unsubscribe_it(
    bot: Harness,  # noqa: F811
) -> None:
    clear_follows(bot)
    owner, reader = 4101, 4102
    bot.api.chat_admins[CHANNEL] = {owner: "administrator"}
    # The owner adds the bot to the channel as an administrator: nothing is followed yet.
    bot.api.push(member_update(bot, owner, "left", "administrator"))
    # Then posts /subscribe all in the channel.
    bot.api.push(channel_post("/subscribe all", 1))
    [said] = await bot.api.wait_for("sendMessage", lambda c: c.chat_id == CHANNEL)
    assert "everything" in said.text
    assert follows(bot) == ["all:everything"]
    subscriber = channel(bot)
    assert subscriber is not None
    assert (subscriber.kind, subscriber.active) == ("channel", True)
    # A reader presses 🔕 under a post: refused, the channel still follows everything.
    query = press(bot, reader, said.result["message_id"], "f|-*")
    [refused] = await bot.api.wait_for(
        "answerCallbackQuery", lambda c: c.params.get("callback_query_id") == query)
    assert "admin" in refused.params["text"]
    assert follows(bot) == ["all:everything"]
    # The owner's press works.
    query = press(bot, owner, said.result["message_id"], "f|-*")
    await bot.api.wait_for("answerCallbackQuery",
                           lambda c: c.params.get("callback_query_id") == query)
    await until(lambda: follows(bot) == [])


async def test_removing_the_bot_from_a_channel_stops_its_updates(
    bot: Harness,  # noqa: F811
) -> None:
    clear_follows(bot)
    bot.api.push(member_update(bot, 4101, "left", "administrator"))
    bot.api.push(channel_post("/subscribe all", 2))
    await until(lambda: follows(bot) == ["all:everything"])
    bot.api.push(member_update(bot, 4101, "administrator", "left"))
    await until(lambda: (s := channel(bot)) is not None and not s.active)
    assert follows(bot) == ["all:everything"]  # kept: added back, it follows them again
    bot.api.push(member_update(bot, 4101, "left", "administrator"))
    await until(lambda: (s := channel(bot)) is not None and s.active)
