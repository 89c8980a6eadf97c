"""The webhook under attack: the bot's memory under huge POSTs, and connections it keeps.

Runs the bot as deployed (`python -m bot.cli run --webhook`) in its own process against the fake
Bot API of tests/botapi.py, then
1. sends `--posts` parallel POSTs of `--mb` MB each without the secret header (half with a
   wrong one) and reports the bot's RSS before and its peak during the attack (/proc, Linux
   only), the answers, and how long the slowest answer took;
2. opens `--idle` connections that send nothing and reports how many the bot still holds
   `--wait` seconds later (default: the idle timeout, ODOP_WEBHOOK_IDLE_TIMEOUT, plus 2 s).

    .venv/bin/python benchmarks/bench_webhook.py                       # 10 x 95 MB, 2,000 idle
    .venv/bin/python benchmarks/bench_webhook.py --root /tmp/old-odop  # another checkout's bot
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.db import connect  # noqa: E402
from knowledge.seed import ensure_seeded  # noqa: E402
from tests.bot_process import bot_process  # noqa: E402
from tests.botapi import BotApiServer  # noqa: E402
from tests.hostile_http import big_post  # noqa: E402

MB = 2**20


async def held(port: int, count: int, wait: float) -> int:
    """Open `count` connections that send nothing; return how many are open after `wait` s."""
    loop = asyncio.get_running_loop()
    socks = []
    for _ in range(count):
        sock = socket.socket()
        sock.setblocking(False)
        await loop.sock_connect(sock, ("127.0.0.1", port))
        socks.append(sock)
    await asyncio.sleep(wait)
    still = 0
    for sock in socks:
        try:
            still += sock.recv(1, socket.MSG_PEEK) != b""
        except BlockingIOError:
            still += 1  # nothing to read and not closed
        except OSError:
            pass
        sock.close()
    return still


async def bench(args: argparse.Namespace, database_url: str, workdir: Path) -> None:
    async with BotApiServer() as api, bot_process(
        api, database_url, workdir, root=args.root,
        env={"ODOP_WEBHOOK_IDLE_TIMEOUT": str(args.idle_timeout)},
    ) as bot:
        assert bot.port is not None
        await asyncio.sleep(1)  # let start-up work settle
        before = bot.rss()
        bot.reset_peak()
        start = time.monotonic()
        secrets = [None, "wrong"] * (args.posts // 2) + [None] * (args.posts % 2)
        outcomes = await asyncio.gather(
            *(big_post(bot.port, "/telegram", args.mb * MB, s) for s in secrets)
        )
        took = time.monotonic() - start
        peak = bot.status("VmHWM")
        statuses = sorted({str(o.status) for o in outcomes})
        sent = sum(o.sent for o in outcomes) / MB
        print(f"{args.posts} POSTs of {args.mb} MB without the secret: answers {statuses}, "
              f"slowest after {max(o.seconds for o in outcomes):.2f} s (all in {took:.2f} s), "
              f"{sent:.0f} MB sent before the answers")
        print(f"bot RSS before {before / MB:.0f} MB, peak during the attack {peak / MB:.0f} MB "
              f"(+{(peak - before) / MB:.0f} MB)")
        still = await held(bot.port, args.idle, args.wait)
        print(f"{args.idle} silent connections: {still} still open after {args.wait:.0f} s")
        alive = bot.process.returncode is None
        print(f"bot RSS at the end {bot.rss() / MB:.0f} MB, still running: {alive}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10)
    parser.add_argument("--mb", type=int, default=95)
    parser.add_argument("--idle", type=int, default=2000)
    parser.add_argument("--idle-timeout", type=float, default=10.0,
                        help="the bot's ODOP_WEBHOOK_IDLE_TIMEOUT (default: its default)")
    parser.add_argument("--wait", type=float, help="seconds to wait before counting "
                        "(default: the idle timeout + 2)")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout whose bot is run (to compare with an older one)")
    args = parser.parse_args()
    if args.wait is None:
        args.wait = args.idle_timeout + 2
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'odop.sqlite3'}"
        engine = connect(database_url)
        ensure_seeded(engine)
        engine.dispose()
        asyncio.run(bench(args, database_url, workdir))
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
