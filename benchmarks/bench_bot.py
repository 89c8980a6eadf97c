"""Updates handled per second end to end: our bot beside a bare echo bot, same fake Bot API.

Each bot runs as its own process and long-polls the loopback Bot API server from
`tests/botapi.py`, which runs in this process (it stands in for Telegram, so its work is not
charged to the bot). All are python-telegram-bot with the same concurrent_updates:

- echo: one handler that sends the text back, PTB as shipped (its httpx transport): the
  framework's own ceiling on this machine, the baseline the target is set against;
- rich: the same, but it always sends one fixed reply the size and shape of ours (a district card
  in HTML with its buttons, rendered once at start): the framework's cost of replies like ours;
- echo-aiohttp, rich-aiohttp: the same two on our transport (bot/transport.py), the ceiling for
  a bot that talks to the Bot API the way ours does;
- odop-httpx: ours on PTB's httpx transport (ODOP_HTTP_BACKEND=httpx);
- odop: ours as shipped, started the way it is deployed, `python -m bot.cli run`.

A round queues N text messages (real questions) from many users at once and times until N
replies have been sent; rounds alternate between the bots, and the median is reported, with
the CPU time each bot process spent per update (read from /proc, so Linux only).

    .venv/bin/python benchmarks/bench_bot.py                  # 2,000 updates, 3 rounds each
    .venv/bin/python benchmarks/bench_bot.py --updates 5000 --rounds 5 --no-json --verbose
    .venv/bin/python benchmarks/bench_bot.py --set ODOP_CONCURRENT_UPDATES=64  # try a setting
    .venv/bin/python benchmarks/bench_bot.py --bots echo,odop   # only some bots

Our bot runs as shipped (flood control, AIORateLimiter retries, the question log, database work
in threads) except for the outgoing rate cap (ODOP_RATE_LIMIT_OVERALL=0): at its default of 30
messages a second it would measure Telegram's limit, not our code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from tests.botapi import TOKEN, BotApiServer, User  # noqa: E402

CONCURRENCY = 16  # the echo bots' concurrent_updates: our default (ODOP_CONCURRENT_UPDATES)
BOTS = ("echo", "rich", "echo-aiohttp", "rich-aiohttp", "odop-httpx", "odop")
# (ours, baseline): odop/echo is the target (>= 0.80); the others say where the time goes.
RATIOS = (
    ("odop", "echo"),
    ("odop", "echo-aiohttp"),
    ("odop", "rich-aiohttp"),
    ("odop-httpx", "echo"),
    ("odop-httpx", "rich"),
)


def serve_echo(rich: bool, aiohttp: bool) -> None:
    """The echo bot: the least a PTB bot can do per update.

    `rich` sends, instead of the text, one fixed reply the size and shape of ours (a district
    card in HTML with its buttons, rendered once at start): what the framework costs for
    replies like ours with none of our work per update. `aiohttp` puts it on our transport.
    """
    from telegram import Update
    from telegram.constants import ParseMode
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    if rich:
        from bot.bootstrap import open_knowledge
        from handlers import render

        kb = open_knowledge(os.environ["ODOP_DATABASE_URL"])
        card = render.render(kb.engine.ask("moradabad"), "en")
        text, markup = card.chunks[0], card.keyboard

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        if rich:
            await message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
        else:
            await message.reply_text(message.text or "")

    builder = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .concurrent_updates(CONCURRENCY)
    )
    if aiohttp:
        from bot.transport import AiohttpRequest

        builder = builder.request(AiohttpRequest()).get_updates_request(AiohttpRequest(1))
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling(timeout=10)


@dataclass
class Round:
    updates_per_s: float
    cpu_ms_per_update: float | None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process `pid` (Linux /proc), or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def workload(database_url: str, n: int) -> list[str]:
    """Real questions (district names in English and Hindi, Hinglish, products, plans), kept to
    those answered in one message, so that one update means one sendMessage."""
    from bot.bootstrap import open_knowledge
    from handlers import render

    kb = open_knowledge(database_url)  # seeds the file both bots' rounds use
    candidates: list[str] = []
    for d in kb.catalog.districts:
        candidates.append(d.name)
        if d.name_hi:
            candidates.append(d.name_hi)
        candidates.append(f"{d.name.lower()} ka product kya hai")
    candidates += ["carpets", "turmeric", "gi products in kerala", "export plan of agra"]
    single = [q for q in candidates if len(render.render(kb.engine.ask(q), "en").chunks) == 1]
    kb.db.dispose()
    return [single[i % len(single)] for i in range(n)]


async def one_round(
    command: list[str],
    env: dict[str, str],
    texts: list[str],
    users: int,
    warmup: int,
    verbose: bool = False,
) -> Round:
    async with BotApiServer(record=False, validate=False) as api:
        env = {**env, "TELEGRAM_API_BASE_URL": api.base_url,
               "TELEGRAM_API_FILE_URL": api.base_file_url}
        process = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )
        try:
            await _until(lambda: api.method_counts.get("getUpdates", 0) > 0, process)
            for i in range(warmup):
                api.send(User(1 + i), texts[i % len(texts)])
            await _until(lambda: api.method_counts.get("sendMessage", 0) >= warmup, process)
            people = [User(10_000 + i) for i in range(users)]
            cpu0, t0 = cpu_seconds(process.pid), time.perf_counter()
            for i, text in enumerate(texts):
                api.send(people[i % users], text)
            target = warmup + len(texts)
            await _until(lambda: api.method_counts.get("sendMessage", 0) >= target, process)
            elapsed, cpu1 = time.perf_counter() - t0, cpu_seconds(process.pid)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            _, err = await process.communicate()
        if verbose:
            print(f"  {command[-1]}: {len(api.peers)} connections, calls {api.method_counts},"
                  f" {len(err.splitlines())} log lines")
        if process.returncode not in (0, -signal.SIGTERM):
            raise RuntimeError(f"{command} exited {process.returncode}: {err.decode()[-2000:]}")
    cpu = None if cpu0 is None or cpu1 is None else (cpu1 - cpu0) * 1000 / len(texts)
    return Round(len(texts) / elapsed, cpu)


async def _until(condition: Any, process: asyncio.subprocess.Process, limit: float = 300) -> None:
    deadline = time.perf_counter() + limit
    while not condition():
        if process.returncode is not None:
            _, err = await process.communicate()
            raise RuntimeError(f"the bot exited {process.returncode}: {err.decode()[-2000:]}")
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out waiting for the bot")
        await asyncio.sleep(0.002)


async def bench(args: argparse.Namespace, database_url: str) -> dict[str, Any]:
    texts = workload(database_url, args.updates)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ODOP_"))}
    base |= {"TELEGRAM_BOT_TOKEN": TOKEN, "PYTHONPATH": str(ROOT)}
    echo = [sys.executable, str(HERE), "--serve-echo"]
    db = {"ODOP_DATABASE_URL": database_url}
    ours = base | db | {"ODOP_RATE_LIMIT_OVERALL": "0"} | dict(
        item.split("=", 1) for item in args.set
    )
    run = [sys.executable, "-m", "bot.cli", "run"]
    every = {
        "echo": ([*echo, "bare"], base),
        "rich": ([*echo, "rich"], base | db),
        "echo-aiohttp": ([*echo, "bare-aiohttp"], base),
        "rich-aiohttp": ([*echo, "rich-aiohttp"], base | db),
        "odop-httpx": (run, ours | {"ODOP_HTTP_BACKEND": "httpx"}),
        "odop": (run, ours),
    }
    bots = {name: every[name] for name in BOTS if name in args.bots}
    rounds: dict[str, list[Round]] = {name: [] for name in bots}
    for _ in range(args.rounds):  # alternate, so drift on the machine hits both alike
        for name, (command, env) in bots.items():
            rounds[name].append(
                await one_round(command, env, texts, args.users, args.warmup, args.verbose)
            )
    out: dict[str, Any] = {
        "updates_per_round": args.updates,
        "rounds": args.rounds,
        "users": args.users,
        "distinct_questions": len(set(texts)),
        "concurrent_updates": CONCURRENCY,
    }
    for name, runs in rounds.items():
        out[f"{name}_updates_per_s"] = [r.updates_per_s for r in runs]
        out[f"{name}_median"] = statistics.median(r.updates_per_s for r in runs)
        cpus = [r.cpu_ms_per_update for r in runs if r.cpu_ms_per_update is not None]
        out[f"{name}_cpu_ms_per_update"] = statistics.median(cpus) if cpus else None
    for ours, base_name in RATIOS:
        if f"{ours}_median" in out and f"{base_name}_median" in out:
            out[f"ratio_{ours}_to_{base_name}"] = (
                out[f"{ours}_median"] / out[f"{base_name}_median"]
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--no-json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="connections and calls a round")
    parser.add_argument("--set", action="append", default=[], metavar="VAR=VALUE",
                        help="a setting for our bot (e.g. ODOP_CONCURRENT_UPDATES=32)")
    parser.add_argument("--bots", type=lambda v: v.split(","), default=list(BOTS),
                        help=f"comma-separated, of {','.join(BOTS)} (default: all)")
    parser.add_argument("--serve-echo", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_echo:
        serve_echo(args.serve_echo.startswith("rich"), args.serve_echo.endswith("-aiohttp"))
        return 0
    unknown = set(args.bots) - set(BOTS)
    if unknown:
        parser.error(f"unknown bots: {', '.join(sorted(unknown))}")
    tmp = Path(tempfile.mkdtemp(prefix="odop-bench-"))
    try:
        result = asyncio.run(bench(args, f"sqlite:///{tmp / 'odop.sqlite3'}"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{args.updates} updates a round from {args.users} users; {args.rounds} rounds each;"
          f" {os.cpu_count()} CPUs")
    print(f"{'bot':<13} {'median upd/s':>12} {'CPU ms/upd':>11}   rounds (upd/s)")
    for name in (b for b in BOTS if b in args.bots):
        runs = ", ".join(f"{r:.0f}" for r in result[f"{name}_updates_per_s"])
        cpu = result[f"{name}_cpu_ms_per_update"]
        cpu_text = f"{cpu:.2f}" if cpu is not None else "n/a"
        print(f"{name:<13} {result[f'{name}_median']:>12.0f} {cpu_text:>11}   {runs}")
    for ours, base_name in RATIOS:
        ratio = result.get(f"ratio_{ours}_to_{base_name}")
        if ratio is not None:
            target = " (target >= 0.80)" if (ours, base_name) == ("odop", "echo") else ""
            print(f"ratio {ours}/{base_name}: {ratio:.2f}{target}")
    if not args.no_json:
        out = ROOT / "benchmarks" / "results"
        out.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        result |= {"commit": commit, "python": platform.python_version(),
                   "machine": platform.platform(), "cpus": os.cpu_count(), "at": stamp}
        path = out / f"bench-bot-{stamp}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
