"""Broadcast delivery: achieved send rate against the pace, memory while queueing, fan-out time.

    .venv/bin/python benchmarks/bench_broadcast.py                      # all three
    .venv/bin/python benchmarks/bench_broadcast.py --only rate --subscribers 5000 --rate 25
    ODOP_TEST_POSTGRES_URL=postgresql://... ... --only fanout           # PostgreSQL too

1. rate: the real worker (bot/worker.py, real PTB over HTTP) sends one broadcast to N
   subscribers through the loopback fake Bot API (tests/botapi.py), which runs in a thread
   with an event loop of its own, as Telegram would: a pause of the worker's loop must not
   bunch up the server's clock readings. Achieved rate = messages after the first / seconds
   from the first to the last, as the server received them; the busiest 1-second window is
   reported against the pace + its documented burst (knowledge/delivery/pace.py) and
   Telegram's ~30/s (a window over it would have drawn a 429 from Telegram).
2. memory: a fresh process creates N subscribers, then queues one broadcast to all of them;
   peak RSS (whole process) before and after the fan-out, for 10k and 100k.
3. fanout: seconds for create_broadcast (one INSERT … SELECT) over 100k subscribers, on SQLite
   and, if ODOP_TEST_POSTGRES_URL is set, PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, create_engine, insert, text  # noqa: E402

from knowledge.db import connect, create_schema, normalise_url, session_factory  # noqa: E402
from knowledge.delivery import outbox, pace  # noqa: E402
from knowledge.delivery.models import Subscriber, Subscription  # noqa: E402
from knowledge.delivery.outbox import Target  # noqa: E402

TELEGRAM_LIMIT = 30  # messages per second, Telegram Bot FAQ


def populate(engine: Engine, n: int, chunk: int = 10_000) -> None:
    """N subscribers following everything (executemany in chunks: the setup stays small)."""
    with engine.begin() as conn:
        for start in range(1, n + 1, chunk):
            ids = range(start, min(start + chunk, n + 1))
            conn.execute(insert(Subscriber.__table__), [
                {"id": i, "chat_id": i, "kind": "private", "active": True, "lang": "en",
                 "digest": False, "next_send_at": 0.0, "created_at": 0.0} for i in ids])
            conn.execute(insert(Subscription.__table__), [
                {"subscriber_id": i, "kind": "all", "key": "", "label": "everything",
                 "created_at": 0.0} for i in ids])


def fan_out(engine: Engine) -> tuple[int, float]:
    sessions = session_factory(engine)
    started = time.perf_counter()
    with sessions.begin() as session:
        _, total = outbox.create_broadcast(session, targets=[Target("all")], audience="all",
                                           text_en="bench", now=0, created_by="bench")
    return total, time.perf_counter() - started


def sqlite_engine(directory: str) -> Engine:
    engine = connect(f"sqlite:///{directory}/bench.sqlite3")
    create_schema(engine)
    return engine


# --- 1. achieved rate ----------------------------------------------------------------------


async def measure_rate(n: int, rate: float, concurrency: int) -> None:
    from bot.worker import WorkerTask, build_worker
    from tests.bot_fixtures import bot_settings
    from tests.botapi import BotApiServer

    with tempfile.TemporaryDirectory() as directory:
        engine = sqlite_engine(directory)
        populate(engine, n)
        fan_out(engine)
        sessions = session_factory(engine)
        api = BotApiServer(validate=False)
        loop = asyncio.new_event_loop()
        ready = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(api.start())
            ready.set()
            loop.run_forever()

        server = threading.Thread(target=serve, name="fake-telegram", daemon=True)
        server.start()
        ready.wait()
        settings = bot_settings(api, odop_quiet_hours="", odop_broadcast_rate=rate,
                                odop_worker_concurrency=concurrency)
        task = WorkerTask(build_worker(settings, sessions, name="bench"))
        await task.start()
        deadline = time.monotonic() + n / rate * 3 + 60
        while True:  # the server counts in its own thread: no event of this loop to await
            if api.method_counts.get("sendMessage", 0) >= n or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        await task.stop()
        asyncio.run_coroutine_threadsafe(api.stop(), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        server.join()
        calls = [c for c in api.calls if c.method == "sendMessage"]
        sends = sorted(c.at for c in calls if c.ok)
        errors = sum(1 for c in calls if not c.ok)
        span = sends[-1] - sends[0]
        achieved = (len(sends) - 1) / span
        busiest, j = 0, 0
        for i, start in enumerate(sends):
            while j < len(sends) and sends[j] < start + 1.0:
                j += 1
            busiest = max(busiest, j - i)
        print(f"rate: {len(sends)} sent to {n} subscribers in {span:.1f} s: {achieved:.2f}/s "
              f"against a pace of {rate:g}/s = {achieved / rate:.1%}; busiest second "
              f"{busiest} (pace + burst {rate + pace.BURST:g}, Telegram ~{TELEGRAM_LIMIT}/s); "
              f"errors {errors}")
        engine.dispose()


# --- 2. memory -----------------------------------------------------------------------------


def peak_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the
    parent through fork and exec, so a child started after the rate run would report the
    parent's peak (170 MB seen), not its own."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def memory_child(n: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = sqlite_engine(directory)
        populate(engine, n)
        before = peak_mb()
        total, seconds = fan_out(engine)
        print(f"memory: {total} deliveries queued: peak RSS {before:.0f} MB before the "
              f"fan-out, {peak_mb():.0f} MB after ({seconds:.2f} s)")


def measure_memory(sizes: list[int]) -> None:
    for n in sizes:
        subprocess.run([sys.executable, __file__, "--memory-child", str(n)], check=True)


# --- 3. fan-out time -----------------------------------------------------------------------


def measure_fanout(n: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        engine = sqlite_engine(directory)
        populate(engine, n)
        total, seconds = fan_out(engine)
        print(f"fanout sqlite: {total} deliveries in {seconds:.2f} s")
        engine.dispose()
    url = os.environ.get("ODOP_TEST_POSTGRES_URL")
    if not url:
        print("fanout postgresql: skipped (ODOP_TEST_POSTGRES_URL not set)")
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = connect(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        engine = create_engine(normalise_url(url),
                               connect_args={"options": f"-csearch_path={schema}"})
        create_schema(engine)
        populate(engine, n)
        total, seconds = fan_out(engine)
        print(f"fanout postgresql: {total} deliveries in {seconds:.2f} s")
        engine.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("rate", "memory", "fanout"))
    parser.add_argument("--subscribers", type=int, default=5000, help="for the rate")
    parser.add_argument("--rate", type=float, default=25.0, help="the configured pace")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--memory-sizes", default="10000,100000")
    parser.add_argument("--fanout", type=int, default=100_000)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    if args.only in (None, "rate"):
        asyncio.run(measure_rate(args.subscribers, args.rate, args.concurrency))
    if args.only in (None, "memory"):
        measure_memory([int(n) for n in args.memory_sizes.split(",")])
    if args.only in (None, "fanout"):
        measure_fanout(args.fanout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
