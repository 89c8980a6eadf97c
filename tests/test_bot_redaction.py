"""The token never reaches the output, however the Bot API fails, on both HTTP backends.

Each case runs `python -m bot.cli run` (polling, all logging at DEBUG) against a hostile Bot API
on loopback that starts normally (getMe, setMyCommands, one update to answer) and then fails
every call one way: connections refused, closed mid-response, never answered (timeouts), 502
with a body quoting the URL, redirected to itself for ever, or answered with what is not JSON.
Everything the process writes to stderr is read: the token appears nowhere in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.bot_process import ROOT, BotProcess, bot_process, free_port
from tests.botapi import BOT_ID, BOT_USERNAME, TOKEN

SECRET_PART = TOKEN.split(":", 1)[1]
STARTUP = {"getMe", "setMyCommands", "deleteMyCommands", "deleteWebhook", "getMyCommands"}
MODES = ["refused", "closed", "slow", "5xx", "redirect-loop", "invalid-json"]
BACKENDS = ["aiohttp", "httpx"]


class HostileApi:
    """A Bot API that answers the start-up calls and one getUpdates, then fails as `mode`."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.hits = 0  # calls failed so far
        self.failing_since: float | None = None
        self.served_update = False
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def __aenter__(self) -> HostileApi:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._refuse()

    def _refuse(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; return whether to read another on this connection."""
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        path = lines[0].split()[1]
        length = next((int(v) for k, _, v in (h.partition(":") for h in lines[1:])
                       if k.lower() == "content-length"), 0)
        await reader.readexactly(length)
        method = path.rsplit("/", 1)[-1]
        if method in STARTUP or (method == "getUpdates" and not self.served_update):
            await self._ok(writer, method)
            return True
        self.hits += 1
        if self.failing_since is None:
            self.failing_since = time.monotonic()
        mode = self.mode
        if mode == "refused":
            self._refuse()  # from now on nothing listens: every connection is refused
            return False
        if mode == "closed":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 500\r\n\r\n{\"ok\": tr")
            await writer.drain()
            return False
        if mode == "slow":
            await reader.read()  # never answer; wait for the client to give up
            return False
        if mode == "5xx":
            body = f"<html>502 Bad Gateway: upstream failed for {path}</html>".encode()
            await self._send(writer, "502 Bad Gateway", body, "text/html")
            return True
        if mode == "redirect-loop":
            writer.write(f"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{self.port}{path}"
                         f"\r\nContent-Length: 0\r\n\r\n".encode())
            await writer.drain()
            return True
        await self._send(writer, "200 OK", f"<html>{path}</html>".encode(), "application/json")
        return True

    async def _ok(self, writer: asyncio.StreamWriter, method: str) -> None:
        result: object = True
        if method == "getMe":
            result = {"id": BOT_ID, "is_bot": True, "first_name": "ODOP",
                      "username": BOT_USERNAME}
        elif method == "getUpdates":
            self.served_update = True
            user = {"id": 1901, "is_bot": False, "first_name": "Asha", "language_code": "en"}
            result = [{"update_id": 1, "message": {
                "message_id": 1, "date": int(time.time()), "text": "agra", "from": user,
                "chat": {"id": 1901, "type": "private", "first_name": "Asha"}}}]
        body = json.dumps({"ok": True, "result": result}).encode()
        await self._send(writer, "200 OK", body, "application/json")

    @staticmethod
    async def _send(writer: asyncio.StreamWriter, status: str, body: bytes, kind: str) -> None:
        writer.write(f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n"
                     f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        await writer.drain()


def assert_no_token(output: str) -> None:
    for secret in (TOKEN, SECRET_PART, quote(TOKEN, safe="")):
        assert secret not in output, f"the token is in the output:\n{output[-3000:]}"


def environment(backend: str, base_url: str) -> dict[str, str]:
    return {"ODOP_HTTP_BACKEND": backend, "ODOP_LOG_LEVEL": "DEBUG",
            "TELEGRAM_API_BASE_URL": base_url}


async def stop(bot: BotProcess) -> str:
    """SIGTERM, and everything the bot wrote to stderr."""
    if bot.process.returncode is None:
        bot.process.terminate()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(bot.process.wait(), 30)
    return bot.stderr.decode(errors="replace")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("mode", MODES)
async def test_no_failure_of_the_bot_api_puts_the_token_in_the_output(
    mode: str, backend: str, seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, db)
    async with HostileApi(mode) as api:
        env = environment(backend, api.base_url)

        def failed_enough() -> bool:
            # a few failed calls (a timeout takes a while: one is enough), or a while refusing
            since = api.failing_since
            if mode == "refused":
                return since is not None and time.monotonic() - since > 2
            return api.hits >= (2 if mode == "slow" else 3)

        async with bot_process(api, f"sqlite:///{db}", tmp_path, webhook=False, env=env,
                               ready=failed_enough) as bot:  # type: ignore[arg-type]
            await asyncio.sleep(0.5)
            output = await stop(bot)
    assert_no_token(output)
    assert "DEBUG" in output  # all of the log was there to be read
    assert "agra" in output  # the update, as the error handler logs it


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_bot_api_that_cannot_be_reached_at_start_is_one_line_without_the_token(
    backend: str, seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, db)
    closed = f"http://127.0.0.1:{free_port()}/bot"
    values = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ODOP_"))}
    values |= {"PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN,
               "ODOP_DATABASE_URL": f"sqlite:///{db}", **environment(backend, closed)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=values,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    output = (out + err).decode(errors="replace")
    assert process.returncode == 1, output
    assert output.splitlines()[-1].startswith("odop-bot: could not start")
    assert_no_token(output)
