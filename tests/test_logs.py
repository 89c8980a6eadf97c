"""ODOP_LOG_FORMAT=json: one JSON object per line, ids bound, the token in no line at any level.

The process test runs `python -m bot.cli run` at DEBUG on both HTTP backends (httpx logs every
request's URL, which holds the token), answers one question and fails on another (so the error
handler logs a traceback), and reads every line the process wrote to stderr.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from bot import logs
from bot.logs import JsonFormatter
from tests.bot_process import bot_process
from tests.botapi import TOKEN, BotApiServer, User

SECRET_PART = TOKEN.split(":", 1)[1]


def record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("bot.test", logging.WARNING, __file__, 1, message, args, info)


def test_a_json_line_has_the_fields_and_the_ids_bound() -> None:
    formatter = JsonFormatter((TOKEN,))
    with logs.bind(logs.update_id, 77), logs.bind(logs.broadcast_id, 5), \
            logs.bind(logs.worker, "host:1"):
        line = json.loads(formatter.format(record("sent %d", 3)))
    assert line["level"] == "WARNING"
    assert line["logger"] == "bot.test"
    assert line["message"] == "sent 3"
    assert (line["update_id"], line["broadcast_id"], line["worker"]) == (77, 5, "host:1")
    assert line["time"].endswith("Z")
    unbound = json.loads(formatter.format(record("idle")))
    assert "update_id" not in unbound
    assert "broadcast_id" not in unbound


def test_the_token_is_masked_in_the_message_the_arguments_and_the_traceback() -> None:
    formatter = JsonFormatter((TOKEN,))
    try:
        raise RuntimeError(f"GET http://api/bot{TOKEN}/getMe failed")
    except RuntimeError as err:
        text = formatter.format(record("url %s and %s", f"/bot{TOKEN}/x", quote(TOKEN), exc=err))
    for secret in (TOKEN, SECRET_PART, quote(TOKEN, safe="")):
        assert secret not in text
    line = json.loads(text)
    assert "<token>" in line["message"]
    assert "RuntimeError" in line["exc"]
    assert "<token>" in line["exc"]


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
async def test_json_logs_at_debug_never_show_the_token(
    backend: str, seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, db)
    env = {"ODOP_LOG_FORMAT": "json", "ODOP_LOG_LEVEL": "DEBUG", "ODOP_HTTP_BACKEND": backend}
    asker, failing = User(5101, first_name="Kavya"), User(5102, first_name="Ishaan")
    async with BotApiServer() as api:
        ready = lambda: bool(api.calls_of("getUpdates"))  # noqa: E731
        async with bot_process(api, f"sqlite:///{db}", tmp_path, webhook=False, env=env,
                               ready=ready) as bot:
            assert "Agra" in (await api.reply_to(asker, "agra")).text
            api.fail("sendMessage", 400, "Bad Request: message is too long",
                     match=lambda p: str(p.get("chat_id")) == str(failing.id))
            failed = api.send(failing, "kanpur")
            await api.wait_for("sendMessage", lambda c: c.chat_id == failing.id, count=2, ok=None)
            await asyncio.sleep(0.3)  # the error's line is written after the apology
            bot.process.terminate()
            assert await asyncio.wait_for(bot.process.wait(), 60) == 0
    output = bot.stderr.decode()
    for secret in (TOKEN, SECRET_PART, quote(TOKEN, safe="")):
        assert secret not in output
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    assert {line["level"] for line in lines} >= {"DEBUG", "INFO", "ERROR"}
    if backend == "httpx":  # its request lines were there, with the URL masked
        requests = [line for line in lines if line["logger"] == "httpx"]
        assert requests
        assert all("<token>" in line["message"] for line in requests)
    error = next(line for line in lines if line["level"] == "ERROR"
                 and line["message"].startswith("error while handling update"))
    assert error["update_id"] == failed["update_id"]
    assert "kanpur" in error["message"]
    assert "BadRequest" in error["exc"]
    # Who asked is nobody's business in the log (PTB's own DEBUG lines aside).
    assert all("Ishaan" not in line["message"] for line in lines if line["level"] != "DEBUG")
