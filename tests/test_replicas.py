"""Two replicas of `odop-bot run` in webhook mode, real processes sharing one database (a SQLite
file, then PostgreSQL): updates spread across them are all answered once; a language chosen
through one is used by the other; a /broadcast and a /setstatus started on one and continued
on the other complete; the broadcast reaches each subscriber once though both processes run a
delivery worker; an officer's update and an import through the CLI are answered by both within
5 seconds, without a restart.
"""

# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)
from __future__ import annotations

import asyncio
import contextlib
import shutil
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from handlers.strings import EN, HI
from knowledge.db import connect, session_factory
from knowledge.delivery.models import SENT, Delivery
from tests.bot_fixtures import api  # noqa: F401 (fixture)
from tests.bot_process import ROOT, BotProcess, bot_process
from tests.botapi import BotApiServer, Call, User
from tests.conftest import BACKENDS, postgres_copy

ADMIN = User(9101, first_name="Admin")
OFFICER = User(9102, first_name="Asha")
PROPAGATION = 5.0  # seconds within which a knowledge change is answered by every replica


@pytest.fixture(params=BACKENDS)
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A seeded database of its own (these tests change it), as a URL for the processes."""
    if request.param == "sqlite":
        path = tmp_path / "odop.sqlite3"
        shutil.copyfile(request.getfixturevalue("seeded_sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    with postgres_copy(request) as (_engine, url):
        yield url


@dataclass
class Replicas:
    api: BotApiServer
    bots: list[BotProcess]

    async def post(self, n: int, payload: dict[str, Any]) -> None:
        bot = self.bots[n % 2]
        url = f"http://127.0.0.1:{bot.port}/telegram"
        update = self.api.make_update(payload)
        assert (await self.api.deliver(url, update, bot.secret)).status_code == 200

    async def say(self, n: int, user: User, text: str) -> Call:
        """Send `text` to replica `n`; return the bot's first message in reply."""
        before = len(self.api.sent(user.id))
        await self.post(n, self.api.message_payload(user, text))
        calls = await self.api.wait_for("sendMessage", lambda c: c.chat_id == user.id,
                                        count=before + 1)
        return calls[before]

    async def tap(self, n: int, user: User, call: Call, label: str, reply: str) -> Call:
        """Press a button through replica `n`; return the bot's next `reply` call to the user
        (editMessageText or sendMessage)."""
        before = len([c for c in self.api.calls_of(reply, user.id) if c.ok])
        await self.post(n, self.api.press_payload(user, call, label))
        calls = await self.api.wait_for(reply, lambda c: c.chat_id == user.id, count=before + 1)
        return calls[before]


@contextlib.asynccontextmanager
async def two_replicas(api: BotApiServer, url: str, workdir: Path) -> AsyncIterator[Replicas]:
    env = {"ODOP_ADMIN_IDS": str(ADMIN.id), "ODOP_OFFICER_IDS": str(OFFICER.id),
           "ODOP_QUIET_HOURS": "", "ODOP_BROADCAST_RATE": "100"}

    def ready() -> bool:  # each replica sets the webhook once it serves
        return len(api.calls_of("setWebhook")) >= 2

    async with contextlib.AsyncExitStack() as stack:
        bots = await asyncio.gather(*(
            stack.enter_async_context(bot_process(api, url, workdir, env=env, ready=ready))
            for _ in range(2)))
        yield Replicas(api, list(bots))


async def test_two_replicas_share_one_database(
    api: BotApiServer, shared_url: str, tmp_path: Path
) -> None:
    async with two_replicas(api, shared_url, tmp_path) as replicas:
        await questions_spread_across_both_are_answered_once(replicas)
        await a_language_chosen_through_one_is_used_by_the_other(replicas)
        await a_broadcast_composed_across_both_reaches_everyone_once(replicas, shared_url)
        await an_officers_update_through_one_is_answered_by_both(replicas)
        await an_import_through_the_cli_is_answered_by_both(replicas, shared_url, tmp_path)


async def questions_spread_across_both_are_answered_once(replicas: Replicas) -> None:
    api = replicas.api
    users = [User(9200 + n) for n in range(12)]
    for n, user in enumerate(users):
        await replicas.post(n, api.message_payload(user, "moradabad"))
    for user in users:
        await api.wait_for("sendMessage", lambda c, u=user: c.chat_id == u.id)
    await asyncio.sleep(0.3)  # room for a second answer, if one were coming
    for user in users:
        [reply] = api.sent(user.id)
        assert "Moradabad Metal Craft" in reply.text


async def a_language_chosen_through_one_is_used_by_the_other(replicas: Replicas) -> None:
    user = User(9300, language_code="en")
    assert EN["help_title"] in (await replicas.say(1, user, "/help")).text  # seen by both
    assert EN["help_title"] in (await replicas.say(0, user, "/help")).text
    menu = await replicas.say(0, user, "/language")
    await replicas.tap(0, user, menu, "हिन्दी", "editMessageText")
    assert HI["help_title"] in (await replicas.say(1, user, "/help")).text
    await replicas.say(1, user, "/language english")
    assert EN["help_title"] in (await replicas.say(0, user, "/help")).text


async def a_broadcast_composed_across_both_reaches_everyone_once(
    replicas: Replicas, url: str
) -> None:
    api = replicas.api
    readers = [User(9400 + n) for n in range(10)]
    for n, reader in enumerate(readers):
        await replicas.say(n, reader, "/subscribe all")
    ask = await replicas.say(0, ADMIN, "/broadcast")
    await replicas.tap(1, ADMIN, ask, "Everyone", "sendMessage")
    hindi = await replicas.say(0, ADMIN, "Namaste from two replicas")
    assert "Hindi text" in hindi.text
    await replicas.tap(1, ADMIN, hindi, "Skip", "sendMessage")  # the preview, then:
    [summary] = await api.wait_for("sendMessage", lambda c: c.chat_id == ADMIN.id and any(
        "Send now" in b["text"] for b in c.buttons))
    queued = await replicas.tap(0, ADMIN, summary, "Send now", "sendMessage")
    assert queued.text.startswith("Broadcast ")
    assert "for 10 subscribers" in queued.text

    def got_it(c: Call) -> bool:
        return "Namaste from two replicas" in c.text and c.chat_id != ADMIN.id

    await api.wait_for("sendMessage", got_it, count=len(readers), timeout=30)
    engine = connect(url)
    try:
        sessions = session_factory(engine)
        for _ in range(100):  # the workers record what they sent a moment later
            with sessions() as session:
                sent = session.scalar(select(func.count()).select_from(Delivery)
                                      .where(Delivery.status == SENT))
            if sent == len(readers):
                break
            await asyncio.sleep(0.1)
    finally:
        engine.dispose()
    assert sent == len(readers)
    got = sorted(c.chat_id for c in api.calls_of("sendMessage") if c.ok and got_it(c))
    assert got == sorted(r.id for r in readers)  # each once, though two workers ran


async def an_officers_update_through_one_is_answered_by_both(replicas: Replicas) -> None:
    ask = await replicas.say(0, OFFICER, "/setstatus")
    assert ask.text == EN["ss_ask_district"]
    steps = await replicas.say(1, OFFICER, "Erode")
    when = await replicas.tap(0, OFFICER, steps, "notified", "editMessageText")
    source = await replicas.tap(1, OFFICER, when, "Today", "editMessageText")
    assert "Erode (Tamil Nadu)" in source.text
    preview = await replicas.say(0, OFFICER, "Gazette notification 42/2026")
    saved = await replicas.tap(1, OFFICER, preview, "Confirm", "editMessageText")
    assert saved.text.startswith("✅ Recorded for Erode (Tamil Nadu)")
    await answered_by_both(replicas, "export plan erode", "Gazette notification 42/2026")


async def an_import_through_the_cli_is_answered_by_both(
    replicas: Replicas, url: str, tmp_path: Path
) -> None:
    original = ROOT / "knowledge" / "data" / "odop_products_v31.csv"
    changed = tmp_path / "products.csv"
    changed.write_bytes(original.read_bytes().replace(
        b"Moradabad Metal Craft,Moradabad,", b"Moradabad Brassware Qzx,Moradabad,"))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "--db", url, "kb", "import", str(changed),
        "--by", "test", cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                             "HOME": str(tmp_path)})
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    assert "Moradabad Brassware Qzx" in out.decode()
    await answered_by_both(replicas, "moradabad", "Moradabad Brassware Qzx")


async def answered_by_both(replicas: Replicas, question: str, expected: str) -> None:
    """Ask both replicas until both answer with `expected`; fail after PROPAGATION seconds."""
    started, waiting, asker = time.monotonic(), {0, 1}, 9500
    while waiting:
        for n in sorted(waiting):
            asker += 1  # a new user each time: flood control stays out of it
            if expected in (await replicas.say(n, User(asker), question)).text:
                waiting.discard(n)
        if waiting:
            assert time.monotonic() - started < PROPAGATION, f"replicas {waiting} still old"
            await asyncio.sleep(0.2)
