"""How the Application runs each update: at most N at once, timed, counted, bound to the logs.

python-telegram-bot hands every update to an update processor; this one (PTB's documented
`BaseUpdateProcessor` seam) also binds the update's id for the log lines written while it is
handled, reports its kind and duration to the metrics, and keeps the tasks in flight so that a
stop can wait for them (bounded) and then cancel what is left.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot import logs
from bot.metrics import Metrics, update_kind


class TrackedUpdates(BaseUpdateProcessor):
    """PTB's SimpleUpdateProcessor, plus log binding, metrics and the set of tasks in flight."""

    def __init__(self, max_concurrent_updates: int, metrics: Metrics) -> None:
        super().__init__(max_concurrent_updates)
        self.metrics = metrics
        self.tasks: set[asyncio.Task[Any]] = set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        task = asyncio.current_task()
        if task is not None:
            self.tasks.add(task)
        ident = update.update_id if isinstance(update, Update) else None
        start = time.perf_counter()
        try:
            with logs.bind(logs.update_id, ident):
                await coroutine
        finally:
            self.metrics.update_done(update_kind(update), time.perf_counter() - start)
            if task is not None:
                self.tasks.discard(task)

    @property
    def in_flight(self) -> int:
        return len(self.tasks)

    def cancel(self) -> int:
        """Cancel the updates still being handled (a stop that ran out of time); how many."""
        tasks = [t for t in self.tasks if not t.done()]
        for task in tasks:
            task.cancel()
        return len(tasks)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
