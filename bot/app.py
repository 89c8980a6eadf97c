"""The composition root of the bot: settings + knowledge in, a ready PTB Application out."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ExtBot
from telegram.request import BaseRequest

from bot.bootstrap import Knowledge
from bot.metrics import Metrics
from bot.processor import TrackedUpdates
from bot.settings import Settings
from bot.transport import AiohttpRequest, HttpxRequest
from handlers.context import CONTEXT_TYPES, BotContext, BotData
from handlers.flood import FloodGate
from handlers.registry import register
from handlers.services import Services
from knowledge import activity
from knowledge.delivery import models as delivery_tables

BotApplication = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any
]


def build_services(
    settings: Settings, knowledge: Knowledge, clock: Callable[[], float] | None = None
) -> Services:
    """Return the services handlers use; creates the bot's own tables if they are missing.

    A `clock` given (a test's) serves both the flood gate and the wall-clock readings of
    handlers (a broadcast's schedule); by default those are time.monotonic and time.time."""
    activity.create_tables(knowledge.db)
    delivery_tables.create_tables(knowledge.db)
    return Services(
        engine=knowledge.engine,
        knowledge_version=knowledge.version,
        knowledge_poll=settings.odop_knowledge_poll,
        sessions=knowledge.sessions,
        admin_ids=settings.odop_admin_ids,
        officer_ids=settings.odop_officer_ids,
        broadcast_rate=settings.odop_broadcast_rate,
        paid_broadcast=settings.odop_allow_paid_broadcast,
        flood=FloodGate(settings.odop_flood_burst, settings.odop_flood_rate,
                        clock=clock or time.monotonic),
        clock=clock or time.time,
    )


def build_application(
    settings: Settings, services: Services, metrics: Metrics | None = None
) -> BotApplication:
    """Return the Application: Bot API URLs, rate limiter, concurrency, typed context, handlers,
    and its metrics (`metrics`, or a registry of its own)."""
    metrics = metrics or Metrics()
    processor = TrackedUpdates(settings.odop_concurrent_updates, metrics)
    # Opt in to PTB's timedelta durations (the v23 behaviour): otherwise every 429 makes PTB
    # warn while building RetryAfter. Nothing of ours reads those durations as numbers.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    overall = settings.odop_rate_limit_overall
    limiter = AIORateLimiter(
        overall_max_rate=overall,
        overall_time_period=1 if overall else 0,
        max_retries=settings.odop_rate_limit_retries,
    )
    builder = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(processor)
        .rate_limiter(limiter)
    )
    # One pool for the handlers' calls, one connection for long polling (as PTB does).
    pool = settings.odop_pool_timeout
    hook = metrics.error_hook("answers")
    transports: list[BaseRequest]
    if settings.odop_http_backend == "aiohttp":
        transports = [
            AiohttpRequest(settings.odop_http_connections, pool_timeout=pool, on_error=hook),
            AiohttpRequest(1, pool_timeout=pool, on_error=hook),
        ]
    else:
        transports = [
            HttpxRequest(settings.odop_http_connections, pool_timeout=pool, on_error=hook),
            HttpxRequest(1, on_error=hook),  # PTB's own default for getUpdates
        ]
    builder = builder.request(transports[0]).get_updates_request(transports[1])
    app: BotApplication = builder.build()
    app.bot_data.services = services
    services.on_question = metrics.question
    metrics.watch_updates(app.update_queue.qsize, lambda: processor.in_flight)
    metrics.watch_knowledge(lambda: len(services.engine.catalog.products),
                            lambda: services.knowledge_version)
    # PTB closes the transports only if the bot got as far as a successful getMe.
    app.bot_data.on_stop += [t.shutdown for t in transports]
    register(app)
    return app
