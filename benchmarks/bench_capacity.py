"""How far one instance goes on this machine, and what a second one adds, on one PostgreSQL.

    ODOP_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_capacity.py   # 2.7 min at load 10 on 2 cores
    .venv/bin/python benchmarks/bench_capacity.py --postgres URL --updates 500 --deliveries 500

Everything runs as deployed (`python -m bot.cli run --webhook`, `python -m bot.cli worker`) on
one PostgreSQL schema made for the run and dropped after; the loopback Bot API server of the
tests (`tests/botapi.py`) stands in for Telegram in this process, which also plays Telegram
posting updates to the webhooks.

1. updates: N real questions (bench_bot.py's workload: answered in one message) from 500
   users, POSTed to the webhook with Telegram's secret header over at most 40 connections
   (Telegram's default max_connections); updates/s = N / seconds until N replies were sent.
   First one replica, then two sharing the same N round robin (as the proxy does). Outgoing
   rate cap off (ODOP_RATE_LIMIT_OVERALL=0), delivery worker off (ODOP_WORKER=false).
2. deliveries: one broadcast to M subscribers sent by one `odop-bot worker` with the pace
   set high (ODOP_BROADCAST_RATE=1000, no quiet hours), then another by two workers;
   deliveries/s = sends after the first / seconds from the first to the last, as the fake
   Bot API received them.
3. memory: each process's resident set (VmRSS) after its round, and its peak (VmHWM).

Ratios are against the one-instance figure of the same run. The machine's cores are shared
by every process here (PostgreSQL, the replicas, the workers and this load generator), so a
second process adds what the cores left over allow: run it at a quiet moment.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from sqlalchemy import text  # noqa: E402

from benchmarks.bench_bot import cpu_seconds, workload  # noqa: E402
from benchmarks.bench_broadcast import fan_out, populate  # noqa: E402
from knowledge.db import connect  # noqa: E402
from knowledge.delivery.models import create_tables as create_delivery_tables  # noqa: E402
from tests.botapi import TOKEN, BotApiServer, User  # noqa: E402

SECRET = "capacity-bench-secret_0123456789"
CONNECTIONS = 40  # Telegram's default max_connections for a webhook


@dataclass
class Proc:
    name: str
    process: asyncio.subprocess.Process
    log: bytearray
    port: int | None = None  # the webhook's
    rss: tuple[float, float] = (0.0, 0.0)  # MB resident and peak, read after its round
    cpu: float | None = None  # CPU seconds since it started, read after its round

    def status(self, field: str) -> int:
        """A size from /proc/<pid>/status, in bytes (VmRSS, VmHWM)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
        raise KeyError(field)

    def memory(self) -> tuple[float, float]:
        return self.status("VmRSS") / 2**20, self.status("VmHWM") / 2**20


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(api: BotApiServer, url: str, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ODOP_"))}
    return (
        env
        | {
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_FILE_URL": api.base_file_url,
            "ODOP_DATABASE_URL": url,
            "ODOP_LOG_LEVEL": "WARNING",
        }
        | extra
    )


@contextlib.asynccontextmanager
async def started(
    name: str, args: list[str], env: dict[str, str], port: int | None = None
) -> AsyncIterator[Proc]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    proc = Proc(name, process, bytearray(), port)

    async def drain() -> None:
        assert process.stderr is not None
        while chunk := await process.stderr.read(65536):
            proc.log += chunk

    reading = asyncio.create_task(drain())
    try:
        yield proc
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
        await reading


async def until(condition, procs: list[Proc], limit: float = 300, api=None) -> None:
    deadline = time.monotonic() + limit
    while not await condition():
        for p in procs:
            if p.process.returncode is not None:
                raise RuntimeError(f"{p.name} exited {p.process.returncode}: {p.log[-2000:]!r}")
        if time.monotonic() > deadline:
            calls = api.method_counts if api is not None else ""
            raise RuntimeError(f"timed out; calls {calls}; log: {procs[0].log[-2000:]!r}")
        await asyncio.sleep(0.05)


# --- 1. updates through the webhook --------------------------------------------------------


async def healthy(session: aiohttp.ClientSession, port: int) -> bool:
    try:
        async with session.get(f"http://127.0.0.1:{port}/healthz") as answer:
            return answer.status == 200
    except aiohttp.ClientError:
        return False


async def post_all(
    session: aiohttp.ClientSession,
    api: BotApiServer,
    ports: list[int],
    texts: list[str],
    first_user: int,
) -> None:
    """POST one update per text, round robin over `ports`, at most CONNECTIONS at a time."""
    users = [User(first_user + i) for i in range(500)]
    gate = asyncio.Semaphore(CONNECTIONS)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}

    async def one(i: int, question: str) -> None:
        update = api.make_update(api.message_payload(users[i % len(users)], question))
        url = f"http://127.0.0.1:{ports[i % len(ports)]}/telegram"
        async with gate, session.post(url, data=json.dumps(update), headers=headers) as answer:
            if answer.status != 200:
                raise RuntimeError(f"webhook answered {answer.status}")

    await asyncio.gather(*(one(i, q) for i, q in enumerate(texts)))


async def updates_round(
    api: BotApiServer, url: str, texts: list[str], replicas: int, first_user: int
) -> tuple[float, list[Proc], float | None]:
    """Updates/s answered by `replicas` webhook processes; the processes (for memory)."""
    ports = [free_port() for _ in range(replicas)]
    async with contextlib.AsyncExitStack() as stack:
        procs = []
        for i, port in enumerate(ports):
            env = environment(
                api,
                url,
                {
                    "ODOP_WEBHOOK": "true",
                    "ODOP_WEBHOOK_URL": f"http://127.0.0.1:{port}",
                    "ODOP_WEBHOOK_LISTEN": "127.0.0.1",
                    "ODOP_WEBHOOK_PORT": str(port),
                    "ODOP_WEBHOOK_SECRET": SECRET,
                    "ODOP_WORKER": "false",
                    "ODOP_RATE_LIMIT_OVERALL": "0",
                },
            )
            procs.append(
                await stack.enter_async_context(
                    started(f"replica{i + 1}", ["run", "--webhook"], env, port)
                )
            )
        connector = aiohttp.TCPConnector(limit=CONNECTIONS)
        session = await stack.enter_async_context(aiohttp.ClientSession(connector=connector))

        async def all_healthy() -> bool:
            return all([await healthy(session, port) for port in ports])

        await until(all_healthy, procs, limit=180)
        sent = lambda: api.method_counts.get("sendMessage", 0)  # noqa: E731
        warm = min(100, len(texts)) * replicas  # the first answers build what is lazy
        start = sent()
        await post_all(
            session, api, ports, [texts[i % len(texts)] for i in range(warm)], first_user
        )

        async def warmed() -> bool:
            return sent() >= start + warm

        await until(warmed, procs, 60, api)
        cpu0 = [cpu_seconds(p.process.pid) for p in procs]
        start, t0 = sent(), time.perf_counter()
        await post_all(session, api, ports, texts, first_user + 1000)

        async def answered() -> bool:
            return sent() >= start + len(texts)

        await until(answered, procs)
        elapsed = time.perf_counter() - t0
        cpu1 = [cpu_seconds(p.process.pid) for p in procs]
        cpu = None
        if None not in cpu0 and None not in cpu1:
            cpu = sum(b - a for a, b in zip(cpu0, cpu1, strict=True)) * 1000 / len(texts)
        for p in procs:
            p.rss = p.memory()
    return len(texts) / elapsed, procs, cpu


# --- 2. deliveries by workers --------------------------------------------------------------


async def deliveries_round(
    api: BotApiServer, url: str, engine, subscribers: int, workers: int
) -> tuple[float, list[Proc]]:
    before = len(api.calls)
    await asyncio.to_thread(fan_out, engine)
    env = environment(
        api,
        url,
        {
            "ODOP_BROADCAST_RATE": "1000",
            "ODOP_QUIET_HOURS": "",
        },
    )
    async with contextlib.AsyncExitStack() as stack:
        procs = [
            await stack.enter_async_context(started(f"worker{i + 1}", ["worker"], env))
            for i in range(workers)
        ]

        async def sent() -> bool:
            return (
                sum(1 for c in api.calls[before:] if c.method == "sendMessage" and c.ok)
                >= subscribers
            )

        await until(sent, procs)
        for p in procs:
            p.rss = p.memory()
            p.cpu = cpu_seconds(p.process.pid)
    sends = sorted(c.at for c in api.calls[before:] if c.method == "sendMessage" and c.ok)
    return (len(sends) - 1) / (sends[-1] - sends[0]), procs


# --- the run -------------------------------------------------------------------------------


async def bench(args: argparse.Namespace, url: str, engine) -> dict[str, float]:
    out: dict[str, float] = {}
    texts = await asyncio.to_thread(workload, url, args.updates)
    async with BotApiServer(validate=False) as api:
        for replicas in (1, 2):
            rate, procs, cpu = await updates_round(api, url, texts, replicas, 10_000 * replicas)
            out[f"updates_per_s_{replicas}"] = rate
            out[f"cpu_ms_per_update_{replicas}"] = cpu if cpu is not None else float("nan")
            out[f"replica_rss_mb_{replicas}"] = max(p.rss[0] for p in procs)
            out[f"replica_peak_mb_{replicas}"] = max(p.rss[1] for p in procs)
        await asyncio.to_thread(create_delivery_tables, engine)
        await asyncio.to_thread(populate, engine, args.deliveries)
        api.calls.clear()
        for workers in (1, 2):
            rate, procs = await deliveries_round(api, url, engine, args.deliveries, workers)
            out[f"deliveries_per_s_{workers}"] = rate
            cpus = [p.cpu for p in procs]  # start-up included: an upper bound
            out[f"cpu_ms_per_delivery_{workers}"] = (
                sum(cpus) * 1000 / args.deliveries if None not in cpus else float("nan")
            )
            out[f"worker_rss_mb_{workers}"] = max(p.rss[0] for p in procs)
            out[f"worker_peak_mb_{workers}"] = max(p.rss[1] for p in procs)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--postgres",
        default=os.environ.get("ODOP_TEST_POSTGRES_URL"),
        help="server URL (default: ODOP_TEST_POSTGRES_URL); a schema is made",
    )
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--deliveries", type=int, default=1000)
    args = parser.parse_args()
    if not args.postgres:
        parser.error("needs PostgreSQL: --postgres URL or ODOP_TEST_POSTGRES_URL")
    schema = f"bench_capacity_{uuid.uuid4().hex[:10]}"
    admin = connect(args.postgres)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in args.postgres else "?"
    url = f"{args.postgres}{separator}options={quote(f'-csearch_path={schema}')}"
    engine = connect(url)
    started_at = time.monotonic()
    try:
        r = asyncio.run(bench(args, url, engine))
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    load = os.getloadavg()[0]
    print(
        f"{os.cpu_count()} CPUs, load average {load:.1f} at the end; "
        f"{args.updates} updates, {args.deliveries} deliveries a round; "
        f"{time.monotonic() - started_at:.0f} s"
    )
    print(
        f"updates/s, 1 replica:    {r['updates_per_s_1']:.0f} "
        f"({r['cpu_ms_per_update_1']:.2f} CPU ms/update)"
    )
    print(
        f"updates/s, 2 replicas:   {r['updates_per_s_2']:.0f} "
        f"({r['cpu_ms_per_update_2']:.2f} CPU ms/update) = "
        f"{r['updates_per_s_2'] / r['updates_per_s_1']:.2f}x one"
    )
    print(
        f"deliveries/s, 1 worker:  {r['deliveries_per_s_1']:.0f} "
        f"(<= {r['cpu_ms_per_delivery_1']:.2f} CPU ms/delivery)"
    )
    print(
        f"deliveries/s, 2 workers: {r['deliveries_per_s_2']:.0f} "
        f"(<= {r['cpu_ms_per_delivery_2']:.2f} CPU ms/delivery) = "
        f"{r['deliveries_per_s_2'] / r['deliveries_per_s_1']:.2f}x one"
    )
    print(
        f"memory: replica {r['replica_rss_mb_1']:.0f} MB RSS (peak "
        f"{r['replica_peak_mb_1']:.0f} MB), worker {r['worker_rss_mb_1']:.0f} MB "
        f"(peak {r['worker_peak_mb_1']:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
