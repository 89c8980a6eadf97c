"""The Bot API transport: aiohttp (the default) and PTB's httpx, over real loopback sockets.

The end-to-end scenarios run once per backend, so switching ODOP_HTTP_BACKEND changes nothing a
user sees. The rest drives `bot.transport.AiohttpRequest` directly against servers that answer,
refuse, or never answer, and checks each failure becomes PTB's own exception.
"""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from bot.transport import AiohttpRequest, HttpxRequest
from tests.bot_fixtures import api, clear_activity, knowledge, start_bot  # noqa: F401 (fixtures)
from tests.botapi import TOKEN, BotApiServer, User

BACKENDS = ["aiohttp", "httpx"]


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_question_a_button_and_a_flood_wait_on_each_backend(
    api: BotApiServer, knowledge, backend: str
) -> None:
    clear_activity(knowledge)
    runner, bot = await start_bot(api, knowledge, odop_http_backend=backend)
    try:
        user = User(1501)
        card = await bot.api.reply_to(user, "मुरादाबाद <b>&")
        assert "Moradabad Metal Craft" in card.text
        assert "👍" in [b["text"] for b in card.buttons]
        # JSON bodies from aiohttp; PTB's form encoding from httpx. The server reads both alike.
        sent_as = api.content_types["sendMessage"]
        assert sent_as.startswith("application/json" if backend == "aiohttp" else
                                  "application/x-www-form-urlencoded")

        await bot.api.click(user, card, "Contacts")
        contacts = (await bot.api.wait_for("sendMessage", lambda c: c.chat_id == user.id, 2))[1]
        assert "DEPC" in contacts.text

        api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1,
                 match=lambda p: p.get("chat_id") == str(user.id))
        again = await bot.api.reply_to(user, "agra")
        assert "Agra" in again.text
        statuses = [c.status for c in api.calls_of("sendMessage", user.id)]
        assert statuses[-2:] == [429, 200]
    finally:
        await runner.stop()


# --- AiohttpRequest on its own -----------------------------------------------------------------


@contextlib.asynccontextmanager
async def silent_server() -> AsyncIterator[tuple[str, asyncio.Event]]:
    """A server that accepts connections and reads requests but never answers; the event is
    set once a client has connected."""
    writers: list[asyncio.StreamWriter] = []
    connected = asyncio.Event()

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        connected.set()
        with contextlib.suppress(ConnectionError):
            while await reader.read(65536):
                pass

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/bot{TOKEN}/getMe", connected
    finally:
        for writer in writers:
            writer.close()
        server.close()
        await server.wait_closed()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_a_plain_call_returns_status_and_body(api: BotApiServer) -> None:
    async with AiohttpRequest() as request:
        status, body = await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")
    assert status == 200
    assert json.loads(body)["result"]["is_bot"] is True


async def test_a_refused_connection_is_a_network_error() -> None:
    async with AiohttpRequest(connect_timeout=2) as request:
        with pytest.raises(NetworkError, match="aiohttp"):
            await request.do_request(f"http://127.0.0.1:{closed_port()}/botX/getMe", "POST")


async def test_no_answer_is_a_timeout_by_default_or_per_call() -> None:
    async with silent_server() as (url, _), AiohttpRequest(read_timeout=0.2) as request:
        with pytest.raises(TimedOut):
            await request.do_request(url, "POST")
    async with silent_server() as (url, _), AiohttpRequest(read_timeout=60) as request:
        with pytest.raises(TimedOut):
            await request.do_request(url, "POST", read_timeout=0.2)


async def test_waiting_for_a_pooled_connection_is_bounded_by_pool_timeout() -> None:
    async with silent_server() as (url, connected), AiohttpRequest(
        connection_pool_size=1, read_timeout=30, connect_timeout=0.2, pool_timeout=0.2
    ) as request:
        first = asyncio.create_task(request.do_request(url, "POST"))
        await connected.wait()  # the only connection is now taken by a request that hangs
        with pytest.raises(TimedOut):
            await request.do_request(url, "POST")
        first.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await first


async def test_a_request_before_initialize_or_after_shutdown_is_refused() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/botX/getMe", "POST")
    await request.initialize()
    await request.shutdown()
    await request.shutdown()  # twice is harmless
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/botX/getMe", "POST")


async def test_uploads_go_as_multipart_with_the_other_parameters(api: BotApiServer) -> None:
    bot = Bot(
        TOKEN,
        base_url=api.base_url,
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(1),
    )
    async with bot:
        message = await bot.send_document(
            1502, document=b"district,product\nAgra,Leather\n", filename="agra.csv",
            caption="Agra <export> list",
        )
    assert api.content_types["sendDocument"].startswith("multipart/form-data")
    assert message.document is not None
    assert message.document.file_name == "agra.csv"
    assert message.document.file_size == len(b"district,product\nAgra,Leather\n")
    assert message.caption == "Agra <export> list"


async def test_a_proxy_from_the_environment_is_used_unless_no_proxy_names_the_host(
    api: BotApiServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake Bot API doubles as an HTTP proxy: it answers the absolute-form request a client
    # sends to a proxy. Without the proxy, "telegram.invalid" cannot be resolved at all.
    url = f"http://telegram.invalid/bot{TOKEN}/getMe"
    monkeypatch.setenv("HTTP_PROXY", api.base_url.removesuffix("/bot"))
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with AiohttpRequest() as request:
        status, _ = await request.do_request(url, "POST")
    assert status == 200
    monkeypatch.setenv("NO_PROXY", "telegram.invalid")
    async with AiohttpRequest(connect_timeout=2) as request:
        with pytest.raises(NetworkError):
            await request.do_request(url, "POST")


@pytest.mark.parametrize("transport", [AiohttpRequest, HttpxRequest])
async def test_errors_name_no_path_and_chain_no_exception_that_would(transport) -> None:
    async def half_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(half_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    urls = [f"http://127.0.0.1:{closed_port()}/bot{TOKEN}/getMe",
            f"http://127.0.0.1:{port}/bot{TOKEN}/getMe"]
    try:
        async with transport(connect_timeout=2) as request:
            for url in urls:
                with pytest.raises(NetworkError) as caught:
                    await request.do_request(url, "POST")
                assert TOKEN not in str(caught.value)
                assert caught.value.__cause__ is None
                assert caught.value.__suppress_context__
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize("transport", [AiohttpRequest, HttpxRequest])
async def test_a_redirect_is_not_followed_and_an_error_body_loses_the_token(transport) -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        path = head.split()[1]
        if path.endswith(b"/getMe"):
            writer.write(b"HTTP/1.1 302 Found\r\nLocation: " + path + b"\r\n"
                         b"Connection: close\r\nContent-Length: 0\r\n\r\n")
        else:
            body = b"502: upstream failed for " + path
            writer.write(b"HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/bot{TOKEN}"
    try:
        async with transport() as request:
            assert (await request.do_request(f"{base}/getMe", "POST"))[0] == 302
            status, body = await request.do_request(f"{base}/getUpdates", "POST")
    finally:
        server.close()
        await server.wait_closed()
    assert status == 502
    assert body == b"502: upstream failed for /bot<token>/getUpdates"
