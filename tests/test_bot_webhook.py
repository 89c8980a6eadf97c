"""End to end: webhook mode, with Telegram's secret-token header checked, and /healthz (also on
its own port, in polling mode)."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import httpx
import pytest

from tests.bot_fixtures import (  # noqa: F401 (fixtures)
    Harness,
    api,
    bot,
    clear_activity,
    knowledge,
    start_bot,
    webhook_bot,
)
from tests.botapi import User


async def test_set_webhook_registers_url_and_secret(webhook_bot: Harness) -> None:
    hook = webhook_bot.api.webhook
    runner = webhook_bot.runner
    assert hook["url"] == runner.webhook_url
    assert hook["url"].endswith("/telegram")
    assert hook["secret_token"] == runner.secret
    assert len(runner.secret) >= 32  # generated, as none was configured
    assert set(hook["allowed_updates"]) == {"message", "callback_query", "inline_query",
                                            "my_chat_member", "channel_post"}
    assert webhook_bot.api.calls_of("getUpdates") == []


async def test_updates_with_the_secret_are_answered(webhook_bot: Harness) -> None:
    api, runner = webhook_bot.api, webhook_bot.runner
    user = User(501)
    update = api.make_update(api.message_payload(user, "moradabad"))
    response = await api.deliver(runner.webhook_url, update, runner.secret)
    assert response.status_code == 200
    reply = await api.wait_for("sendMessage", lambda c: c.chat_id == user.id)
    assert "Moradabad Metal Craft" in reply[0].text


async def test_requests_without_the_right_secret_are_refused(webhook_bot: Harness) -> None:
    api, runner = webhook_bot.api, webhook_bot.runner
    user = User(502)
    for secret in (None, "", "wrong", runner.secret[:-1]):
        update = api.make_update(api.message_payload(user, "moradabad"))
        response = await api.deliver(runner.webhook_url, update, secret)
        assert response.status_code == 403
    # a genuine update afterwards is the first and only one answered
    update = api.make_update(api.message_payload(user, "/help"))
    assert (await api.deliver(runner.webhook_url, update, runner.secret)).status_code == 200
    await api.wait_for("sendMessage", lambda c: c.chat_id == user.id)
    assert len(api.sent(user.id)) == 1
    assert "/district" in api.sent(user.id)[0].text


async def test_unreadable_bodies_are_a_bad_request(webhook_bot: Harness) -> None:
    runner = webhook_bot.runner
    headers = {"X-Telegram-Bot-Api-Secret-Token": runner.secret}
    async with httpx.AsyncClient() as client:
        response = await client.post(runner.webhook_url, content=b"{not json", headers=headers)
        assert response.status_code == 400
        response = await client.get(runner.webhook_url, headers=headers)
        assert response.status_code == 405


async def test_health_endpoint(webhook_bot: Harness) -> None:
    runner = webhook_bot.runner
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{runner.port}/healthz")
    assert response.status_code == 200
    assert response.json()["ok"] is True


async def test_configured_url_and_secret_are_used(api, knowledge) -> None:
    clear_activity(knowledge)
    runner, _ = await start_bot(
        api, knowledge, webhook=True,
        odop_webhook_url="https://bot.example.org/", odop_webhook_secret="s3cret-Token_1",
        odop_webhook_path="hooks/odop",
    )
    try:
        assert api.webhook["url"] == "https://bot.example.org/hooks/odop"
        assert api.webhook["secret_token"] == "s3cret-Token_1"
        user = User(503)
        local = f"http://127.0.0.1:{runner.port}/hooks/odop"
        update = api.make_update(api.message_payload(user, "agra"))
        assert (await api.deliver(local, update, "s3cret-Token_1")).status_code == 200
        reply = await api.wait_for("sendMessage", lambda c: c.chat_id == user.id)
        assert "Agra" in reply[0].text
    finally:
        await runner.stop()


async def test_a_health_port_answers_in_polling_mode_until_the_bot_stops(api, knowledge) -> None:
    clear_activity(knowledge)
    runner, bot = await start_bot(api, knowledge, odop_health_port=0,
                                  odop_health_listen="127.0.0.1")
    url = f"http://127.0.0.1:{runner.health_port}/healthz"
    try:
        reply = await bot.api.reply_to(User(1601), "agra")  # polling works beside it
        assert "Agra" in reply.text
        async with httpx.AsyncClient() as client:
            response = await client.get(url)
        assert response.status_code == 200
        assert response.json() == {"ok": True, "queued_updates": 0}
    finally:
        await runner.stop()
    async with httpx.AsyncClient() as client:
        with pytest.raises(httpx.ConnectError):
            await client.get(url)


async def test_no_health_port_unless_asked(bot: Harness) -> None:
    assert bot.runner.health_port is None
