"""Prometheus metrics of one process, served at GET /metrics on the health port.

Built by the composition root (`Metrics()` in bot/runner.py and `odop-bot worker`), each in a
registry of its own: nothing is registered at import time, and two bots in one test process do
not share counters. No label carries a chat or user id; every label's values are a short fixed
set (kinds of update, intents, Bot API method names the code calls, error kinds, outcomes).

Metric (type; labels): what
- `odop_updates_total` (counter; kind): updates handled; kind is message, command,
  callback_query, inline_query, chat_member, channel_post or other
- `odop_update_seconds` (histogram; kind): seconds to handle one update, first handler to
  last reply
- `odop_updates_in_flight`, `odop_updates_queued` (gauges): being handled now; received and
  not yet started
- `odop_questions_total` (counter; intent): questions the engine answered, by what it understood
- `odop_unanswered_questions_total` (counter): questions it could not answer
- `odop_telegram_errors_total` (counter; sender, method, kind): failed Bot API calls; sender is
  answers (the bot's replies) or deliveries (the worker); kind is flood, forbidden,
  bad_request, migrated, unauthorized, not_found, conflict, server_error, timeout, network,
  other
- `odop_flood_wait_seconds_total` (counter; sender): seconds halted by 429 retry_after
  (overlapping waits counted once)
- `odop_deliveries_total` (counter; outcome): messages this process's worker settled: sent,
  blocked, failed, retried (a transient error, tried again later), released (handed back
  unsent: a 429, a stop), migrated
- `odop_broadcast_rate_configured` (gauge): ODOP_BROADCAST_RATE, messages/s over all workers
- `odop_broadcast_rate_achieved` (gauge): messages/s this worker sent over the last minute
  (sum it over the workers)
- `odop_outbox_deliveries` (gauge; status): deliveries pending or leased (database; only the
  worker that reports progress, so the figure comes once however many workers run)
- `odop_outbox_oldest_due_seconds` (gauge): how long the oldest due delivery of an active
  broadcast has waited, 0 if none (database; the reporting worker)
- `odop_knowledge_products` (gauge): products in the knowledge snapshot answering now
- `odop_knowledge_version` (gauge): the knowledge version this process answers from (every
  replica shows the same number within seconds of a change)
- `odop_draining` (gauge): 1 after SIGTERM, while the work in flight finishes

plus prometheus-client's `process_*` (memory, CPU, open files) and `python_gc_*`.
The outbox gauges come from the one worker holding the progress lease (the others show none;
`max` over the workers reads them whatever the lease does). They are read at most every
OUTBOX_EVERY seconds, with two index range scans, in a thread (a scrape never blocks the
event loop).
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy.orm import Session, sessionmaker

from knowledge.delivery import reports

log = logging.getLogger(__name__)
UPDATE_KINDS = ("message", "command", "callback_query", "inline_query", "chat_member",
                "channel_post", "other")
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
OUTBOX_EVERY = 5.0  # seconds a reading of the outbox is reused
RATE_WINDOW = 60.0  # seconds over which the achieved pace is measured
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    """Every metric of one process, in its own registry (`self.registry`)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.registry = r = CollectorRegistry()
        self.updates = Counter("odop_updates", "Updates handled, by kind", ["kind"], registry=r)
        self.update_seconds = Histogram(
            "odop_update_seconds", "Seconds to handle one update, by kind", ["kind"],
            buckets=BUCKETS, registry=r,
        )
        self.in_flight = Gauge("odop_updates_in_flight", "Updates being handled now", registry=r)
        self.queued = Gauge("odop_updates_queued", "Updates received, not yet started",
                            registry=r)
        self.questions = Counter("odop_questions", "Questions answered, by intent", ["intent"],
                                 registry=r)
        self.unanswered = Counter("odop_unanswered_questions",
                                  "Questions the bot could not answer", registry=r)
        self.telegram_errors = Counter(
            "odop_telegram_errors", "Failed Bot API calls, by sender, method and kind",
            ["sender", "method", "kind"], registry=r,
        )
        self.flood_wait = Counter("odop_flood_wait_seconds",
                                  "Seconds halted by 429 retry_after", ["sender"], registry=r)
        self.deliveries = Counter("odop_deliveries", "Messages the worker settled, by outcome",
                                  ["outcome"], registry=r)
        self.rate_configured = Gauge("odop_broadcast_rate_configured",
                                     "Configured pace, messages/s over all workers", registry=r)
        self.rate_achieved = Gauge("odop_broadcast_rate_achieved",
                                   "Messages/s this worker sent over the last minute",
                                   registry=r)
        self.knowledge_products = Gauge("odop_knowledge_products",
                                        "Products in the knowledge snapshot", registry=r)
        self.knowledge_version = Gauge("odop_knowledge_version",
                                       "Knowledge version answering now", registry=r)
        self.draining = Gauge("odop_draining", "1 while stopping (in-flight work finishing)",
                              registry=r)
        for kind in UPDATE_KINDS:  # every kind shows from the start, at 0
            self.updates.labels(kind)
        self.unanswered.inc(0)
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        GCCollector(registry=r)
        self._held_until: dict[str, float] = {}
        self._sent = SlidingCount(RATE_WINDOW, clock)
        self._lock = threading.Lock()

    # --- what the rest of the process reports ------------------------------------------------

    def update_done(self, kind: str, seconds: float) -> None:
        self.updates.labels(kind).inc()
        self.update_seconds.labels(kind).observe(seconds)

    def question(self, intent: str, answered: bool) -> None:
        self.questions.labels(intent).inc()
        if not answered:
            self.unanswered.inc()

    def telegram_error(self, sender: str, method: str, kind: str, retry_after: float) -> None:
        """A failed Bot API call; a 429's wait counts once however many calls overlap it."""
        self.telegram_errors.labels(sender, method, kind).inc()
        if retry_after > 0:
            with self._lock:
                now = self.clock()
                until = max(self._held_until.get(sender, now), now)
                end = now + retry_after
                if end > until:
                    self.flood_wait.labels(sender).inc(end - until)
                    self._held_until[sender] = end

    def error_hook(self, sender: str) -> Callable[[str, str, float], None]:
        """The transports' callback for failed calls of one Bot (bot/transport.py)."""

        def hook(method: str, kind: str, retry_after: float) -> None:
            self.telegram_error(sender, method, kind, retry_after)

        return hook

    def settled(self, outcome: str, count: int = 1) -> None:
        self.deliveries.labels(outcome).inc(count)
        if outcome == "sent":
            self._sent.add(count)

    # --- read on scrape -------------------------------------------------------------------

    def watch_worker(self, rate: float, sessions: sessionmaker[Session] | None,
                     leading: Callable[[], bool] = lambda: True) -> None:
        """Report the configured and achieved pace, and the outbox (from the database) while
        `leading` says this worker is the one reporting."""
        self.rate_configured.set(rate)
        self.rate_achieved.set_function(self._sent.rate)
        for outcome in ("sent", "blocked", "failed", "retried", "released", "migrated"):
            self.deliveries.labels(outcome)
        if sessions is not None:
            self.registry.register(OutboxCollector(sessions, leading))

    def watch_updates(self, queued: Callable[[], int], in_flight: Callable[[], int]) -> None:
        self.queued.set_function(lambda: float(queued()))
        self.in_flight.set_function(lambda: float(in_flight()))

    def watch_knowledge(self, products: Callable[[], int],
                        version: Callable[[], int] = lambda: 0) -> None:
        self.knowledge_products.set_function(lambda: float(products()))
        self.knowledge_version.set_function(lambda: float(version()))

    async def exposition(self) -> bytes:
        """The text a scrape gets; collected in a thread (the outbox reads the database)."""
        return await asyncio.to_thread(generate_latest, self.registry)


class SlidingCount:
    """How many events per second over the last `window` seconds (per-second buckets)."""

    def __init__(self, window: float, clock: Callable[[], float]) -> None:
        self.window = window
        self.clock = clock
        self.started = clock()
        self._buckets: deque[list[float]] = deque()  # [second, count]
        self._lock = threading.Lock()

    def add(self, count: int = 1) -> None:
        second = math.floor(self.clock())
        with self._lock:
            if self._buckets and self._buckets[-1][0] == second:
                self._buckets[-1][1] += count
            else:
                self._buckets.append([second, count])
            self._trim(second)

    def rate(self) -> float:
        now = self.clock()
        with self._lock:
            self._trim(math.floor(now))
            total = sum(count for _second, count in self._buckets)
        span = min(self.window, max(now - self.started, 1.0))
        return total / span

    def _trim(self, second: int) -> None:
        while self._buckets and self._buckets[0][0] <= second - self.window:
            self._buckets.popleft()


class OutboxCollector(Collector):
    """Deliveries pending and leased, and the oldest due one's wait, read from the database."""

    def __init__(self, sessions: sessionmaker[Session], leading: Callable[[], bool],
                 every: float = OUTBOX_EVERY) -> None:
        self.sessions = sessions
        self.leading = leading
        self.every = every
        self._read_at = -math.inf
        self._backlog: reports.Backlog | None = None
        self._lock = threading.Lock()

    def collect(self) -> Iterable[Metric]:
        if not self.leading():
            return []  # another worker reports the outbox: one figure, not one per worker
        backlog = self._read()
        counts = GaugeMetricFamily("odop_outbox_deliveries",
                                   "Deliveries pending or leased (database)", labels=["status"])
        oldest = GaugeMetricFamily("odop_outbox_oldest_due_seconds",
                                   "Seconds the oldest due delivery has waited (database)")
        if backlog is not None:
            counts.add_metric(["pending"], backlog.pending)
            counts.add_metric(["leased"], backlog.leased)
            oldest.add_metric([], backlog.oldest_due)
        return [counts, oldest]

    def describe(self) -> Iterable[Metric]:
        return []  # collected only on scrape, never at registration

    def _read(self) -> reports.Backlog | None:
        with self._lock:
            if time.monotonic() - self._read_at >= self.every:
                try:
                    with self.sessions() as session:
                        self._backlog = reports.backlog(session, time.time())
                except Exception as err:  # a scrape must not fail for the database: show none
                    log.warning("metrics: the outbox could not be read (%s)", err)
                    self._backlog = None
                self._read_at = time.monotonic()
            return self._backlog


def update_kind(update: Any) -> str:
    """The kind label of an update: a fixed set, nothing from its content but a leading '/'."""
    for attr in ("callback_query", "inline_query", "channel_post"):
        if getattr(update, attr, None) is not None:
            return attr
    if getattr(update, "my_chat_member", None) or getattr(update, "chat_member", None):
        return "chat_member"
    message = getattr(update, "message", None) or getattr(update, "edited_message", None)
    if message is not None:
        text = getattr(message, "text", None) or ""
        return "command" if text.startswith("/") else "message"
    return "other"
