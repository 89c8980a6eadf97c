"""The admin's view of a broadcast: one message edited as it goes, then a report with a chart;
and recall, which deletes a broadcast's sent messages (Telegram allows it for 48 hours).

Runs beside the delivery worker (bot/worker.py), through the worker's own Bot. Every worker
runs one, but only the holder of the "progress" lease (knowledge/delivery/leases.py) reports:
the figures, the pending count and the final report reach the admin once, not once per
worker; if that worker stops or dies, another takes over within LEASE seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from telegram.error import BadRequest, RetryAfter, TelegramError

from bot.chart import broadcast_chart
from bot.worker import DeliveryWorker, seconds_of
from handlers.broadcast_texts import progress_html, report_caption
from handlers.strings import language_of
from knowledge import activity
from knowledge.delivery import leases, pace, reports
from knowledge.delivery.models import PAUSED, Broadcast

log = logging.getLogger(__name__)

EVERY = 3.0  # seconds between edits of a progress message
LEASE = 10.0  # seconds the reporting worker holds the lease without renewing it
RECALL_BATCH = 25


@dataclass
class ProgressReporter:
    worker: DeliveryWorker
    every: float = EVERY
    lease: float = LEASE
    leading: bool = False  # whether this worker is the one reporting (a metric may say so)
    _shown: dict[int, str] = field(default_factory=dict)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:  # a report is not worth stopping deliveries for
                log.exception("progress report failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.every)
        if self.leading:
            await self.worker._db(lambda s: leases.release(s, leases.PROGRESS, self.worker.name))
            self.leading = False

    async def lead(self) -> bool:
        """Take or renew the reporting lease; True while this worker holds it."""
        worker, now = self.worker, self.worker.clock.now()
        leading = await worker._db(
            lambda s: leases.hold(s, leases.PROGRESS, worker.name, now, self.lease))
        if leading != self.leading:
            log.info("%s %s reporting broadcasts", worker.name,
                     "is now" if leading else "stopped")
            self._shown.clear()  # another worker may have shown something else meanwhile
        self.leading = leading
        return leading

    async def tick(self) -> None:
        """Edit each unfinished broadcast's progress message; report the finished ones (only
        the worker holding the lease)."""
        if not await self.lead():
            return
        worker = self.worker
        for bid in await worker._db(reports.reported):
            await self.update(bid)
        await self.recall_some()

    async def update(self, bid: int) -> None:
        worker, bot = self.worker, self.worker.bot
        p = await worker._db(lambda s: reports.progress(s, bid))
        row = await worker._db(lambda s: s.get(Broadcast, bid))
        if p is None or row is None or row.progress_chat_id is None:
            return
        chat, message = row.progress_chat_id, row.progress_message_id
        # The admin's /language (a private chat's id is the user's id); English otherwise.
        lang = language_of(await worker._db(lambda s: activity.get_language(s, chat)))
        shown = progress_html(p, lang)
        if shown != self._shown.get(bid):
            with contextlib.suppress(BadRequest):  # "not modified", or deleted by the admin
                await bot.edit_message_text(shown, chat, message, parse_mode="HTML")
            self._shown[bid] = shown
        if p.done and p.status != PAUSED:
            series = await worker._db(lambda s: reports.sent_per_second(s, bid))
            png = broadcast_chart(series, p.rate, p.counts, f"broadcast {bid}")
            await bot.send_photo(chat, png, caption=report_caption(p, lang), parse_mode="HTML")
            now = worker.clock.now()
            await worker._db(lambda s: reports.finish(s, bid, now))
            self._shown.pop(bid, None)

    async def recall_some(self) -> None:
        """Delete up to RECALL_BATCH recalled messages, each in a slot of the shared pace."""
        worker, bot = self.worker, self.worker.bot
        now = worker.clock.now()
        rows = await worker._db(lambda s: reports.to_recall(s, now, RECALL_BATCH))
        if not rows:
            await worker._db(lambda s: reports.close_recalls(s, now))
            return
        slots = await worker._db(lambda s: pace.reserve_many(s, now, len(rows)))
        done: list[int] = []
        for (delivery_id, chat_id, message_id), slot in zip(rows, slots, strict=True):
            await worker.in_slot(slot)
            try:
                await bot.delete_message(chat_id, message_id)
            except RetryAfter as err:  # binds the whole bot: every sender waits it out
                await worker.hold(seconds_of(err.retry_after))
                break  # the next tick goes on
            except TelegramError as err:  # already deleted, too old, chat gone: nothing to do
                log.info("recall of %s/%s: %s", chat_id, message_id, err)
            done.append(delivery_id)
        await worker._db(lambda s: reports.recalled(s, done))
