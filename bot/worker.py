"""The delivery worker: turns claimed deliveries into Bot API calls, at the shared pace.

It runs inside `odop-bot run` (a task beside the handlers) or alone as `odop-bot worker`, and
sends through a `Bot` of its own with no rate limiter: a 429 here is handled by moving the
shared pace row (knowledge/delivery/pace.py), never by retrying inside PTB, so a broadcast
waiting out a flood limit does not hold up the answers to people asking questions.

Each message: reserve a pace slot (one UPDATE … RETURNING), wait for it, send (a sender
woken too late for its slot takes a new one: `in_slot`), record the outcome in its own
transaction. Stopping (SIGTERM): no more claims; messages still waiting for their slot go back
to the outbox at once (their lease released, no attempt counted), sends in flight finish
(bounded by ODOP_DRAIN_TIMEOUT), their outcomes are written, then it returns.

Errors by kind, in this order because in PTB `BadRequest` and
`TimedOut` are subclasses of `NetworkError`, and `RetryAfter`/`ChatMigrated` are neither:

    RetryAfter   the whole bot waits retry_after; the delivery goes back, not an attempt
    ChatMigrated the subscriber follows the new chat id; the delivery goes back
    Forbidden    blocked, kicked, deactivated: subscriber inactive, delivery blocked
    BadRequest   "chat not found" as Forbidden; anything else: failed at once
    TimedOut / NetworkError (5xx, connection)  retried with bounded backoff, then failed
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker
from telegram import Bot, Message
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)

from bot import logs
from bot.metrics import Metrics
from bot.settings import Settings
from bot.transport import AiohttpRequest
from handlers.notices import render_notice
from handlers.respond import NO_PREVIEW
from knowledge.delivery import outbox, pace, quiet, subscriptions
from knowledge.delivery.outbox import Claimed

if TYPE_CHECKING:
    from bot.progress import ProgressReporter

log = logging.getLogger(__name__)
T = TypeVar("T")

SEND_TIMEOUT = 10.0  # seconds to wait for Telegram's answer to one send
STOP_GRACE = 15.0  # seconds for in-flight sends to finish when stopping
RECORD_EVERY = 0.1  # seconds between writes of the sent messages' outcomes

GONE = ("chat not found", "user not found", "peer_id_invalid", "bot was kicked",
        "have no rights to send", "chat_write_forbidden")


class Clock(Protocol):
    def now(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


@dataclass
class WorkerStats:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0
    flood_waits: int = 0
    migrated: int = 0


@dataclass
class DeliveryWorker:
    bot: Bot
    sessions: sessionmaker[Session]
    name: str = "worker"
    rate: float = pace.DEFAULT_RATE
    default_quiet: str = quiet.DEFAULT_QUIET
    concurrency: int = 8
    lease: float = outbox.LEASE
    idle: float = 1.0  # seconds between looks at an empty outbox
    backoff: float = outbox.BACKOFF  # first pause after a transient error (then doubled)
    paid: bool = False  # Telegram's allow_paid_broadcast (Stars per message)
    clock: Clock = field(default_factory=SystemClock)
    stats: WorkerStats = field(default_factory=WorkerStats)
    # Called after each settled message (the progress reporter hooks in here).
    on_settled: Callable[[Claimed], Awaitable[None]] | None = None
    metrics: Metrics | None = None
    _hold_until: float = 0.0
    _stop: asyncio.Event = field(default_factory=asyncio.Event)
    _unsent: list[Claimed] = field(default_factory=list)  # given back when stopping
    _sent: list[outbox.Sent] = field(default_factory=list)
    _in_hand: int = 0  # claimed and not yet settled
    _settled: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until `stop` is set; sends in flight finish, unsent messages go back."""
        with logs.bind(logs.worker, self.name):  # its tasks, created below, inherit it
            await self._run(stop)

    async def _run(self, stop: asyncio.Event) -> None:
        self._stop = stop
        await self._db(lambda s: pace.ensure(s, self.rate))
        # Unbounded, but the claims below keep at most 2 × concurrency messages in hand.
        queue: asyncio.Queue[tuple[Claimed, float, float]] = asyncio.Queue()
        senders = [
            asyncio.create_task(self._send_loop(queue), name=f"{self.name}-send-{n}")
            for n in range(self.concurrency)
        ]
        recorder = asyncio.create_task(self._record_loop(stop), name=f"{self.name}-record")
        try:
            while not stop.is_set():
                room = 2 * self.concurrency - self._in_hand
                if room < self.concurrency:  # wait for half the claimed ones to settle
                    self._settled.clear()
                    await _wait(self._settled, self.idle)
                    continue
                claimed = await self.claim(room)
                self._in_hand += len(claimed)
                for c in claimed:
                    queue.put_nowait(c)
                if not claimed:
                    await _wait(stop, self.idle)
            while not queue.empty():  # claimed, not picked up by a sender: back at once
                self._unsent.append(queue.get_nowait()[0])
                self._in_hand -= 1
                queue.task_done()
            await queue.join()
        finally:
            for task in senders:
                task.cancel()
            await asyncio.gather(*senders, return_exceptions=True)
            if not stop.is_set():
                recorder.cancel()
            # Stopping: it ends after the flush it may be in (not cancelled in the middle of
            # writing outcomes, which would leave their deliveries to the leases).
            await asyncio.gather(recorder, return_exceptions=True)
            await self.flush()
            await self.give_back()

    async def give_back(self) -> None:
        """Release the deliveries claimed and not sent (stopping): others may send them now."""
        unsent, self._unsent = self._unsent, []
        if not unsent:
            return
        now = self.clock.now()

        def release(session: Session) -> None:
            for claimed in unsent:
                outbox.release(session, claimed, not_before=now)

        await self._db(release)
        self._count("released", len(unsent))
        log.info("stopping: %d unsent deliveries handed back to the outbox", len(unsent))

    async def claim(self, limit: int) -> list[tuple[Claimed, float, float]]:
        """Lease up to `limit` messages and reserve their pace slots, in one transaction."""
        now = self.clock.now()

        def work(session: Session) -> list[tuple[Claimed, float, float]]:
            claimed = outbox.claim(session, worker=self.name, now=now, limit=limit,
                                   lease=self.lease, default_quiet=self.default_quiet)
            if not claimed:
                return []
            # Not sent after this, so that the lease cannot run out during a send and hand
            # the delivery to another worker while this one still sends it.
            deadline = now + self.lease - min(SEND_TIMEOUT, self.lease / 2)
            slots = pace.reserve_many(session, now, len(claimed))
            return [(c, slot, deadline) for c, slot in zip(claimed, slots, strict=True)]

        return await self._db(work)

    async def _send_loop(self, queue: asyncio.Queue[tuple[Claimed, float, float]]) -> None:
        while True:
            claimed, slot, deadline = await queue.get()
            try:
                await self.deliver(claimed, slot, deadline)
            except Exception:  # a database hiccup: the lease will return the delivery
                log.exception("delivery %s not settled", claimed.delivery_ids)
            finally:
                self._in_hand -= 1
                self._settled.set()
                queue.task_done()

    async def in_slot(self, slot: float) -> bool:
        """Return in `slot`, or at most `late_allowance` after it, and after any 429 wait;
        False if the worker is told to stop meanwhile.

        Checked when the wait is over, not before it: senders woken late all at once (a
        busy CPU, a slow database, the end of a 429 wait) would otherwise go out together,
        a burst over the pace. A late one takes a fresh slot (after everyone else's) instead.
        """
        late = pace.late_allowance(self.rate)
        while True:
            go = await self._pause(slot - self.clock.now())
            # A 429 seen by this process while we waited: everyone waits it out.
            while go and self._hold_until > self.clock.now():
                go = await self._pause(self._hold_until - self.clock.now())
            if not go:
                return False
            if self.clock.now() - slot <= late:
                return True
            slot = await self._db(lambda s: pace.reserve(s, self.clock.now()))

    async def deliver(self, claimed: Claimed, slot: float, deadline: float = math.inf) -> None:
        """Send one claimed message in its pace slot and record what happened."""
        ids = claimed.broadcast_ids
        with logs.bind(logs.broadcast_id, ids[0] if len(ids) == 1 else list(ids)):
            await self._deliver(claimed, slot, deadline)

    async def _deliver(self, claimed: Claimed, slot: float, deadline: float) -> None:
        if not await self.in_slot(slot):  # stopping: not sent, so handed back, not left leased
            self._unsent.append(claimed)
            return
        if self.clock.now() > deadline:
            log.info("lease of %s too near its end; left for the next claim", claimed.delivery_ids)
            return
        try:
            message = await self._send(claimed)
        except TelegramError as err:
            await self._settle_error(claimed, err)
        else:
            self._count("sent")
            self._sent.append(outbox.Sent(claimed, message.chat_id, message.message_id,
                                          self.clock.now()))
        if self.on_settled is not None:
            await self.on_settled(claimed)

    async def _pause(self, seconds: float) -> bool:
        """Wait `seconds`, or less if the worker is told to stop; whether to go on."""
        if seconds > 0 and not self._stop.is_set():
            sleeping = asyncio.ensure_future(self.clock.sleep(seconds))
            stopping = asyncio.ensure_future(self._stop.wait())
            try:
                await asyncio.wait((sleeping, stopping), return_when=asyncio.FIRST_COMPLETED)
            finally:
                sleeping.cancel()
                stopping.cancel()
        return not self._stop.is_set()

    def _count(self, outcome: str, count: int = 1) -> None:
        if outcome == "released":
            pass  # not a WorkerStats figure
        elif outcome == "flood":
            self.stats.flood_waits += count
        else:
            setattr(self.stats, outcome, getattr(self.stats, outcome) + count)
        if self.metrics is not None:
            self.metrics.settled("released" if outcome == "flood" else outcome, count)

    async def _settle_error(self, claimed: Claimed, err: TelegramError) -> None:
        now = self.clock.now()
        if isinstance(err, RetryAfter):
            wait = seconds_of(err.retry_after)
            await self.hold(wait)
            await self._db(lambda s: outbox.release(s, claimed, not_before=now + wait))
        elif isinstance(err, ChatMigrated):
            self._count("migrated")
            new_id = int(err.new_chat_id)

            def follow(session: Session) -> None:
                subscriptions.migrate(session, claimed.chat_id, new_id)
                outbox.release(session, claimed, not_before=now)

            await self._db(follow)
        elif isinstance(err, Forbidden) or (
            isinstance(err, BadRequest) and any(w in err.message.lower() for w in GONE)
        ):
            self._count("blocked")
            await self._db(lambda s: outbox.blocked(s, claimed, reason=err.message, now=now))
        elif isinstance(err, BadRequest):  # before NetworkError: it is one of them
            self._count("failed")
            await self._db(lambda s: outbox.failed(s, claimed, error=err.message, now=now))
        else:
            # TimedOut, NetworkError (5xx, connection), anything else from Telegram. A send
            # that timed out may have arrived (the Bot API has no idempotency key): retrying
            # risks a duplicate, giving up a gap; we retry, boundedly.
            self._count("retried")
            await self._db(lambda s: outbox.retry(s, claimed, error=_describe(err), now=now,
                                                  backoff=self.backoff))

    async def hold(self, wait: float) -> None:
        """A 429: nobody in this process, nor any worker on the shared pace, sends for `wait` s."""
        now = self.clock.now()
        self._hold_until = max(self._hold_until, now + wait)
        self._count("flood")
        log.warning("flood limit: every worker waits %.0f s", wait)
        await self._db(lambda s: pace.hold(s, now + wait))

    async def _send(self, claimed: Claimed) -> Message:
        notice = render_notice(claimed)
        return await self.bot.send_message(
            claimed.chat_id, notice.html, parse_mode=ParseMode.HTML,
            reply_markup=notice.keyboard, link_preview_options=NO_PREVIEW,
            allow_paid_broadcast=self.paid or None,
        )

    async def flush(self) -> None:
        """Write the outcomes of the messages sent since the last flush, in one transaction.

        Until then their deliveries stay leased: a crash before the flush sends them again,
        which is the in-flight window that a crash may repeat anyway.
        """
        done, self._sent = self._sent, []
        if done:
            await self._db(lambda s: outbox.sent_many(s, done))

    async def _record_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await _wait(stop, RECORD_EVERY)
            try:
                await self.flush()
            except Exception:  # the leases will bring these deliveries back
                log.exception("outcomes not recorded")

    async def _db(self, fn: Callable[[Session], T]) -> T:
        def work() -> T:
            with self.sessions.begin() as session:
                return fn(session)

        return await asyncio.to_thread(work)


def seconds_of(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]


def _describe(err: TelegramError) -> str:
    return f"{type(err).__name__}: {err.message}"


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


# --- wiring --------------------------------------------------------------------------------


def build_worker(
    settings: Settings, sessions: sessionmaker[Session], *, name: str | None = None,
    clock: Clock | None = None, send_timeout: float = SEND_TIMEOUT,
    metrics: Metrics | None = None,
) -> DeliveryWorker:
    """A worker with a Bot of its own (its own connections, no rate limiter, no retries),
    reporting to `metrics` if given."""
    quiet.parse(settings.odop_quiet_hours)  # a bad setting fails at start, not at night
    # PTB's v23 durations: otherwise reading RetryAfter.retry_after warns (see bot/app.py).
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    concurrency = settings.odop_worker_concurrency
    if settings.odop_broadcast_rate > pace.FREE_LIMIT and not settings.odop_allow_paid_broadcast:
        log.warning("ODOP_BROADCAST_RATE %g is above Telegram's free %d messages/s: expect "
                    "429s (waited out) unless ODOP_ALLOW_PAID_BROADCAST is on",
                    settings.odop_broadcast_rate, pace.FREE_LIMIT)
    bot = Bot(
        settings.token(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_file_url,
        request=AiohttpRequest(
            concurrency + 2, read_timeout=send_timeout,
            on_error=metrics.error_hook("deliveries") if metrics is not None else None,
        ),
    )
    return DeliveryWorker(
        bot, sessions, name=name or f"{socket.gethostname()}:{os.getpid()}",
        rate=settings.odop_broadcast_rate, default_quiet=settings.odop_quiet_hours,
        concurrency=concurrency, clock=clock or SystemClock(),
        lease=settings.odop_worker_lease, paid=settings.odop_allow_paid_broadcast,
        metrics=metrics,
    )


class WorkerTask:
    """A worker running as a task of the current event loop: start(), stop().

    stop() waits up to `grace` seconds for the sends in flight, then cancels them (their
    deliveries stay leased and go out again when the lease ends: at most those are doubled).
    """

    def __init__(self, worker: DeliveryWorker, grace: float = STOP_GRACE) -> None:
        self.worker = worker
        self.grace = grace
        self._hurry = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._reporter: asyncio.Task[None] | None = None
        # Its `leading` says whether this worker is the one reporting progress and pending
        # counts (one worker of all, by a lease in the database).
        self.reporter: ProgressReporter | None = None

    def leading(self) -> bool:
        """Whether this worker is the one reporting progress and the outbox's counts."""
        return self.reporter is not None and self.reporter.leading

    async def start(self) -> None:
        from bot.progress import ProgressReporter  # it builds on this module

        await self.worker.bot.initialize()
        self.reporter = ProgressReporter(self.worker)
        self._task = asyncio.create_task(self.worker.run(self._stop), name="delivery-worker")
        self._reporter = asyncio.create_task(
            self.reporter.run(self._stop), name="delivery-progress"
        )

    def hurry(self) -> None:
        """Stop waiting for the sends in flight (a second SIGTERM)."""
        self._hurry.set()

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            hurry = asyncio.ensure_future(self._hurry.wait())
            done, _ = await asyncio.wait((self._task, hurry), timeout=self.grace,
                                         return_when=asyncio.FIRST_COMPLETED)
            hurry.cancel()
            if self._task not in done:
                log.warning("stopping: sends still in flight are left to their leases")
                self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            if self._reporter is not None:
                await asyncio.gather(self._reporter, return_exceptions=True)
            self._task = None
        await self.worker.bot.shutdown()
