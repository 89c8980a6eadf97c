"""The bot as it is deployed, `python -m bot.cli run`, in a process of its own.

Used where the process itself is what is measured or read: its memory (/proc, so Linux only)
and everything it writes to stderr. It talks to a `tests.botapi.BotApiServer` running in the
test's event loop, and reads no `.env` (it runs in an empty directory).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from tests.botapi import TOKEN, BotApiServer

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    port: int | None  # the webhook's port, in webhook mode
    secret: str
    stderr: bytearray

    @property
    def pid(self) -> int:
        return self.process.pid

    def status(self, field: str) -> int:
        """A size from /proc/<pid>/status in bytes (VmRSS, VmHWM, ...)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
        raise KeyError(field)

    def rss(self) -> int:
        return self.status("VmRSS")

    def reset_peak(self) -> None:
        """Make VmHWM (the peak RSS) start again from the current RSS."""
        Path(f"/proc/{self.pid}/clear_refs").write_text("5")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_until(
    condition: Callable[[], bool], bot: BotProcess, limit: float = 120
) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if bot.process.returncode is not None:
            raise RuntimeError(f"the bot exited {bot.process.returncode}: {bot.stderr[-3000:]!r}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for the bot: {bot.stderr[-3000:]!r}")
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def bot_process(
    api: BotApiServer, database_url: str, workdir: Path, *, webhook: bool = True,
    env: dict[str, str] | None = None, ready: Callable[[], bool] | None = None,
    root: Path = ROOT,
) -> AsyncIterator[BotProcess]:
    """Start the bot (the code under `root`) and wait until it is ready (its webhook set, or
    `ready()`); stop it after."""
    port = free_port() if webhook else None
    secret = "attack-test-secret_0123456789"
    values = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ODOP_"))}
    values |= {
        "PYTHONPATH": str(root),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_FILE_URL": api.base_file_url,
        "ODOP_DATABASE_URL": database_url,
        "ODOP_RATE_LIMIT_OVERALL": "0",
    }
    if webhook:
        values |= {
            "ODOP_WEBHOOK": "true",
            "ODOP_WEBHOOK_URL": f"http://127.0.0.1:{port}",
            "ODOP_WEBHOOK_LISTEN": "127.0.0.1",
            "ODOP_WEBHOOK_PORT": str(port),
            "ODOP_WEBHOOK_SECRET": secret,
        }
    values |= env or {}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=workdir, env=values,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    bot = BotProcess(process, port, secret, bytearray())

    async def drain() -> None:
        assert process.stderr is not None
        while chunk := await process.stderr.read(65536):
            bot.stderr += chunk

    reading = asyncio.create_task(drain())
    try:
        await wait_until(ready or (lambda: bool(api.webhook.get("url"))), bot)
        yield bot
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
        await reading
