"""The webhook and health ports under attack: huge bodies, and connections that never finish.

Real servers on real sockets. The memory test runs the bot as deployed (`python -m bot.cli run
--webhook`) in a process of its own and reads its peak RSS from /proc, so the figure is the
bot's alone; the attackers stream their bodies and hold none of it.
"""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import httpx
import pytest

from tests.bot_fixtures import (  # noqa: F401 (fixtures)
    Harness,
    api,
    clear_activity,
    knowledge,
    start_bot,
    webhook_bot,
)
from tests.bot_process import bot_process
from tests.botapi import BotApiServer, User
from tests.hostile_http import big_post, idle_kinds, lingering

MB = 2**20
# Ten parallel POSTs of this size: read whole, as they were, they cost the bot some 10 x 2 x
# this in memory (the body, then its copy); refused unread, next to nothing.
ATTACK_BODY = 32 * MB
ATTACKERS = 10
MEMORY_BOUND = 48 * MB  # peak RSS growth allowed during the attack


async def reply_to_webhook(api: BotApiServer, port: int, secret: str, user: User) -> str:
    update = api.make_update(api.message_payload(user, "agra"))
    response = await api.deliver(f"http://127.0.0.1:{port}/telegram", update, secret)
    assert response.status_code == 200
    reply = await api.wait_for("sendMessage", lambda c: c.chat_id == user.id)
    return reply[0].text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
async def test_big_posts_without_the_secret_are_refused_unread(
    api: BotApiServer, seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, db)
    async with bot_process(api, f"sqlite:///{db}", tmp_path) as bot:
        assert bot.port is not None
        assert "Agra" in await reply_to_webhook(api, bot.port, bot.secret, User(1701))
        before = bot.rss()
        bot.reset_peak()
        secrets = [None, "wrong"] * (ATTACKERS // 2)
        outcomes = await asyncio.gather(
            *(big_post(bot.port, "/telegram", ATTACK_BODY, s) for s in secrets)
        )
        grew = bot.status("VmHWM") - before
        assert [o.status for o in outcomes] == [403] * ATTACKERS
        assert grew < MEMORY_BOUND, f"peak RSS grew by {grew / MB:.0f} MB"
        # and the bot goes on serving
        assert "Agra" in await reply_to_webhook(api, bot.port, bot.secret, User(1702))


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_a_body_over_the_cap_gets_413_even_with_the_secret(
    webhook_bot: Harness, chunked: bool
) -> None:
    api, runner = webhook_bot.api, webhook_bot.runner
    assert runner.port is not None
    cap = MB  # ODOP_WEBHOOK_MAX_BODY, by default
    outcome = await big_post(runner.port, "/telegram", 4 * cap, runner.secret, chunked=chunked)
    assert outcome.status == 413
    assert "Agra" in await reply_to_webhook(api, runner.port, runner.secret, User(1703))


async def test_a_body_at_the_cap_is_read(webhook_bot: Harness) -> None:
    api, runner = webhook_bot.api, webhook_bot.runner
    cap = MB  # ODOP_WEBHOOK_MAX_BODY, by default
    user = User(1704)
    update = api.make_update(api.message_payload(user, "agra"))
    body = httpx.Request("POST", "/", json=update).content
    padded = body[:-1] + b" " * (cap - len(body)) + b"}"  # JSON allows the whitespace
    assert len(padded) == cap
    headers = {"X-Telegram-Bot-Api-Secret-Token": runner.secret}
    async with httpx.AsyncClient() as client:
        response = await client.post(runner.webhook_url, content=padded, headers=headers)
    assert response.status_code == 200
    await api.wait_for("sendMessage", lambda c: c.chat_id == user.id)


async def test_idle_and_slow_connections_are_closed_on_both_ports(
    api: BotApiServer, knowledge
) -> None:
    clear_activity(knowledge)
    runner, _ = await start_bot(
        api, knowledge, webhook=True, odop_health_port=0, odop_health_listen="127.0.0.1",
        odop_webhook_idle_timeout=0.5, odop_webhook_body_timeout=0.5,
    )
    try:
        assert runner.port is not None
        assert runner.health_port is not None
        each = 25
        holds = [
            (port, kind, opening, drip)
            for port, path in ((runner.port, "/telegram"), (runner.health_port, "/healthz"))
            for kind, (opening, drip) in idle_kinds(path, runner.secret).items()
            for _ in range(each)
        ]
        # The guard is generous: a server without timeouts keeps them all for the whole of it.
        closed = await asyncio.gather(
            *(lingering(port, opening, drip, limit=10) for port, _, opening, drip in holds)
        )
        still_open = sorted(
            {(port, kind) for (port, kind, _, _), after in zip(holds, closed, strict=True)
             if after is None}
        )
        assert still_open == []
        assert sum(after is not None for after in closed) == len(holds) == 200
        # the bot still answers on a fresh connection
        user = User(1705)
        assert "Agra" in await reply_to_webhook(api, runner.port, runner.secret, user)
    finally:
        await runner.stop()
