"""Updates handled per second end to end: our bot beside a bare echo bot, same fake Bot API.

Both bots are real python-telegram-bot Applications long-polling the loopback Bot API server from
`tests/botapi.py` in the same process and run; the echo bot (one handler that sends the text
back) is the framework's own ceiling on this machine. A round queues N text messages from many
users at once and times until N replies have been sent.

    .venv/bin/python benchmarks/bench_bot.py                  # 2,000 updates, 3 rounds each
    .venv/bin/python benchmarks/bench_bot.py --updates 5000 --rounds 5 --no-json

Our bot runs as shipped (flood control, AIORateLimiter retries, the question log, engine work
off the event loop) except for the outgoing rate cap (ODOP_RATE_LIMIT_OVERALL=0): at its
default of 30 messages a second it would measure Telegram's limit, not our code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.app import build_application, build_services  # noqa: E402
from bot.bootstrap import Knowledge, open_knowledge  # noqa: E402
from bot.runner import BotRunner  # noqa: E402
from handlers import render  # noqa: E402
from tests.bot_fixtures import bot_settings  # noqa: E402
from tests.botapi import TOKEN, BotApiServer, User  # noqa: E402

Start = Callable[[BotApiServer], Awaitable[Callable[[], Awaitable[None]]]]


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text back: the least a handler can do."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


def echo_starter(concurrency: int) -> Start:
    async def start(api: BotApiServer) -> Callable[[], Awaitable[None]]:
        app: Application[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(api.base_url)
            .base_file_url(api.base_file_url)
            .concurrent_updates(concurrency)
            .build()
        )
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=10)

        async def stop() -> None:
            assert app.updater is not None
            await app.updater.stop()
            await app.stop()
            await app.shutdown()

        return stop

    return start


def odop_starter(kb: Knowledge) -> Start:
    async def start(api: BotApiServer) -> Callable[[], Awaitable[None]]:
        settings = bot_settings(
            api,
            odop_admin_ids="",
            odop_flood_burst=12,
            odop_flood_rate=1.0,
            odop_rate_limit_overall=0,
        )
        runner = BotRunner(
            build_application(settings, build_services(settings, kb)), settings, webhook=False,
            poll_timeout=10,
        )
        await runner.start()
        return runner.stop

    return start


def workload(kb: Knowledge, n: int) -> list[str]:
    """Real questions (district names in English and Hindi, Hinglish, products, states),
    kept to those answered in one message so that one update means one sendMessage."""
    candidates: list[str] = []
    for d in kb.catalog.districts:
        candidates.append(d.name)
        if d.name_hi:
            candidates.append(d.name_hi)
        candidates.append(f"{d.name.lower()} ka product kya hai")
    candidates += ["carpets", "turmeric", "gi products in kerala", "export plan of agra"]
    single = [q for q in candidates if len(render.render(kb.engine.ask(q), "en").chunks) == 1]
    return [single[i % len(single)] for i in range(n)]


async def one_round(start: Start, texts: list[str], users: int, warmup: int) -> float:
    async with BotApiServer(record=False, validate=False) as api:
        stop = await start(api)
        try:
            people = [User(10_000 + i) for i in range(users)]
            for i in range(warmup):
                api.send(User(1 + i), texts[i % len(texts)])
            await _sent(api, warmup)
            t0 = time.perf_counter()
            for i, text in enumerate(texts):
                api.send(people[i % users], text)
            await _sent(api, warmup + len(texts))
            return len(texts) / (time.perf_counter() - t0)
        finally:
            await stop()


async def _sent(api: BotApiServer, count: int, limit: float = 300.0) -> None:
    deadline = time.perf_counter() + limit
    while api.method_counts.get("sendMessage", 0) < count:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"only {api.method_counts.get('sendMessage', 0)}/{count} sent")
        await asyncio.sleep(0.002)


async def bench(args: argparse.Namespace, kb: Knowledge) -> dict[str, Any]:
    texts = workload(kb, args.updates)
    starters = {"echo": echo_starter(args.concurrency), "odop": odop_starter(kb)}
    rates: dict[str, list[float]] = {"echo": [], "odop": []}
    for _ in range(args.rounds):  # alternate, so drift on the machine hits both alike
        for name, start in starters.items():
            rates[name].append(await one_round(start, texts, args.users, args.warmup))
    echo_rate = statistics.median(rates["echo"])
    odop_rate = statistics.median(rates["odop"])
    return {
        "updates_per_round": args.updates,
        "rounds": args.rounds,
        "users": args.users,
        "distinct_questions": len(set(texts)),
        "echo_updates_per_s": rates["echo"],
        "odop_updates_per_s": rates["odop"],
        "echo_median": echo_rate,
        "odop_median": odop_rate,
        "ratio": odop_rate / echo_rate,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=64, help="echo bot (ours: settings)")
    parser.add_argument("--no-json", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="odop-bench-"))
    try:
        kb = open_knowledge(f"sqlite:///{tmp / 'odop.sqlite3'}")
        result = asyncio.run(bench(args, kb))
        kb.db.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"updates per round: {args.updates} from {args.users} users, {args.rounds} rounds")
    print(f"{'bot':<6} {'median upd/s':>12}   rounds")
    for name in ("echo", "odop"):
        runs = ", ".join(f"{r:.0f}" for r in result[f"{name}_updates_per_s"])
        print(f"{name:<6} {result[f'{name}_median']:>12.0f}   {runs}")
    print(f"ratio odop/echo: {result['ratio']:.2f} (target >= 0.80)")
    if not args.no_json:
        out = ROOT / "benchmarks" / "results"
        out.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        result |= {"commit": commit, "python": platform.python_version(),
                   "machine": platform.platform(), "at": stamp}
        path = out / f"bench-bot-{stamp}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
