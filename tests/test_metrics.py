"""GET /metrics on the health port: what the bot and the worker count, and no chat or user id.

The bot answers real updates from the loopback Bot API, which fails some sends (a 429, a 403);
the worker delivers a broadcast through it with a 403 and a 429 among the sends. The scrape is
parsed with prometheus-client's own parser.
"""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.orm import Session, sessionmaker

from bot.metrics import Metrics, SlidingCount
from bot.worker import WorkerTask, build_worker
from knowledge import version
from knowledge.db import connect, create_schema, session_factory
from knowledge.delivery import outbox, subscriptions
from knowledge.delivery.models import ALL
from knowledge.delivery.outbox import Target
from tests.bot_fixtures import (  # noqa: F401 (fixtures)
    api,
    bot_settings,
    clear_activity,
    knowledge,
    start_bot,
)
from tests.botapi import BotApiServer, User
from tests.test_worker import chat_of, settled

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]
# The labels a metric of ours may carry; ids of chats or users are none of them.
OUR_LABELS = {"kind", "intent", "sender", "method", "outcome", "status", "le"}


def parse(text: str) -> Samples:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


def assert_no_ids(samples: Samples, ids: list[int]) -> None:
    for name, labels in samples:
        if not name.startswith("odop_"):
            continue
        assert {k for k, _ in labels} <= OUR_LABELS, name
        for _, v in labels:
            assert not any(str(i) in v for i in ids), (name, labels)
            assert len(v) <= 40, (name, labels)


async def test_the_bot_counts_updates_questions_and_telegram_errors(
    api: BotApiServer, knowledge
) -> None:
    clear_activity(knowledge)
    runner, _ = await start_bot(api, knowledge, odop_health_port=0,
                                odop_health_listen="127.0.0.1", odop_worker=True)
    users = [User(7_100_000_001), User(7_100_000_002)]
    try:
        assert "Agra" in (await api.reply_to(users[0], "agra")).text
        await api.reply_to(users[1], "xyzzy plugh")  # not answered
        await api.reply_to(users[0], "/help")
        api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        assert "Lucknow" in (await api.reply_to(users[1], "lucknow")).text  # retried after 1 s
        api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
        api.send(users[0], "moradabad")
        await api.wait_for("sendMessage", lambda c: c.status == 403, ok=False)
        url = f"http://127.0.0.1:{runner.health_port}/metrics"
        key = ("odop_updates_total", (("kind", "message"),))
        deadline = time.monotonic() + 10
        async with httpx.AsyncClient() as client:  # the last update may still be finishing
            while parse((response := await client.get(url)).text)[key] < 4:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.05)
    finally:
        await runner.stop()
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    samples = parse(response.text)
    assert value(samples, "odop_updates_total", kind="message") == 4
    assert value(samples, "odop_updates_total", kind="command") == 1
    assert value(samples, "odop_updates_total", kind="callback_query") == 0
    assert value(samples, "odop_update_seconds_count", kind="message") == 4
    assert value(samples, "odop_update_seconds_bucket", kind="message", le="+Inf") == 4
    assert value(samples, "odop_unanswered_questions_total") == 1
    assert value(samples, "odop_questions_total", intent="unknown") == 1
    assert value(samples, "odop_telegram_errors_total", sender="answers",
                 method="sendMessage", kind="flood") == 1
    assert value(samples, "odop_telegram_errors_total", sender="answers",
                 method="sendMessage", kind="forbidden") == 1
    assert value(samples, "odop_flood_wait_seconds_total", sender="answers") == 1
    assert value(samples, "odop_broadcast_rate_configured") == 25
    assert value(samples, "odop_outbox_deliveries", status="pending") == 0
    assert value(samples, "odop_knowledge_products") > 1000
    assert value(samples, "odop_draining") == 0
    assert value(samples, "process_resident_memory_bytes") > 0
    assert_no_ids(samples, [u.id for u in users])


async def test_the_knowledge_version_answering_now_is_a_gauge(
    api: BotApiServer, knowledge
) -> None:
    runner, _ = await start_bot(api, knowledge, odop_health_port=0,
                                odop_health_listen="127.0.0.1", odop_knowledge_poll=0.1)
    url = f"http://127.0.0.1:{runner.health_port}/metrics"
    try:
        async with httpx.AsyncClient() as client:
            before = value(parse((await client.get(url)).text), "odop_knowledge_version")
            assert before == runner.services.knowledge_version
            with knowledge.sessions.begin() as session:  # a change made by another process
                version.bump(session)
            deadline = time.monotonic() + 10
            while value(parse((await client.get(url)).text),
                        "odop_knowledge_version") != before + 1:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.05)
    finally:
        await runner.stop()


def test_only_the_reporting_worker_shows_the_outbox(tmp_path: Path) -> None:
    sessions = fresh(tmp_path)
    with sessions.begin() as session:
        subscriptions.subscribe(session, 8_200_000_001, Target(ALL), label="everything", now=0)
        outbox.create_broadcast(session, targets=[Target(ALL)], audience="all",
                                text_en="Hello", now=time.time(), created_by="test", rate=25)
    shown = {}
    for leading in (True, False):
        metrics = Metrics()
        metrics.watch_worker(25, sessions, lambda leading=leading: leading)
        shown[leading] = parse(generate_latest(metrics.registry).decode())
    assert value(shown[True], "odop_outbox_deliveries", status="pending") == 1
    assert not [key for key in shown[False] if key[0].startswith("odop_outbox_")]


def fresh(tmp_path: Path) -> sessionmaker[Session]:
    engine = connect(f"sqlite:///{tmp_path / 'outbox.sqlite3'}")
    create_schema(engine)
    return session_factory(engine)


async def test_the_worker_counts_outcomes_pace_and_the_outbox(
    api: BotApiServer, tmp_path: Path
) -> None:
    sessions = fresh(tmp_path)
    chats = list(range(8_200_000_001, 8_200_000_021))
    with sessions.begin() as session:
        for chat in chats:
            subscriptions.subscribe(session, chat, Target(ALL), label="everything", now=0)
        bid, _ = outbox.create_broadcast(
            session, targets=[Target(ALL)], audience="all", text_en="Hello",
            now=time.time() - 30, created_by="test", rate=200,
        )
    before = Metrics()
    before.watch_worker(200, sessions)
    queued = parse(generate_latest(before.registry).decode())
    assert value(queued, "odop_outbox_deliveries", status="pending") == 20
    assert 29 < value(queued, "odop_outbox_oldest_due_seconds") < 60
    api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user",
             match=chat_of(chats[3]))
    api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1,
             match=chat_of(chats[5]))
    metrics = Metrics()
    settings = bot_settings(api, odop_quiet_hours="", odop_broadcast_rate=200,
                            odop_worker_concurrency=4)
    metrics.watch_worker(settings.odop_broadcast_rate, sessions)
    worker = build_worker(settings, sessions, name="metrics-test", metrics=metrics)
    worker.idle = 0.05
    task = WorkerTask(worker)
    await task.start()
    try:
        assert await settled(sessions, bid) == {"sent": 19, "blocked": 1}
    finally:
        await task.stop()
    samples = parse(generate_latest(metrics.registry).decode())
    assert value(samples, "odop_deliveries_total", outcome="sent") == 19
    assert value(samples, "odop_deliveries_total", outcome="blocked") == 1
    assert value(samples, "odop_deliveries_total", outcome="released") == 1  # the 429
    assert value(samples, "odop_telegram_errors_total", sender="deliveries",
                 method="sendMessage", kind="flood") == 1
    assert value(samples, "odop_flood_wait_seconds_total", sender="deliveries") == 1
    assert value(samples, "odop_broadcast_rate_configured") == 200
    assert value(samples, "odop_broadcast_rate_achieved") > 0
    assert_no_ids(samples, chats)


def test_the_achieved_rate_counts_the_last_minute_only() -> None:
    now = [1000.0]
    window = SlidingCount(60, lambda: now[0])
    now[0] += 10
    window.add(50)
    assert window.rate() == 5.0  # 50 in the 10 s since it started
    now[0] += 100
    window.add(30)
    assert window.rate() == 0.5  # the first 50 are out of the window


def test_overlapping_flood_waits_count_once() -> None:
    now = [0.0]
    metrics = Metrics(clock=lambda: now[0])
    for _ in range(5):  # five sends in flight get the same 429
        metrics.telegram_error("deliveries", "sendMessage", "flood", 3.0)
    now[0] = 2.0
    metrics.telegram_error("deliveries", "sendMessage", "flood", 3.0)  # 1 s beyond the first
    samples = parse(generate_latest(metrics.registry).decode())
    assert value(samples, "odop_flood_wait_seconds_total", sender="deliveries") == 5.0
    assert value(samples, "odop_telegram_errors_total", sender="deliveries",
                 method="sendMessage", kind="flood") == 6


def test_each_process_has_its_own_registry() -> None:
    one, two = Metrics(), Metrics()
    one.update_done("message", 0.1)
    assert value(parse(generate_latest(two.registry).decode()), "odop_updates_total",
                 kind="message") == 0
