"""`odop-bot worker` as a process: the delivery worker, its health port, and its stop.

The health port (ODOP_HEALTH_PORT) serves /healthz (200 while it delivers, 503 once it drains)
and /metrics, the outbox gauges included. SIGTERM or SIGINT: no more claims, the unsent
deliveries go back to the outbox, sends in flight finish (ODOP_DRAIN_TIMEOUT at most; a second
signal stops waiting), then it returns and the process exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from sqlalchemy.orm import Session, sessionmaker

from bot.metrics import Metrics
from bot.settings import Settings
from bot.webhook import Health, Limits, health_routes, listen
from bot.worker import WorkerTask, build_worker

log = logging.getLogger(__name__)


async def serve_worker(settings: Settings, sessions: sessionmaker[Session]) -> None:
    """Deliver until SIGTERM/SIGINT, then drain and return."""
    metrics = Metrics()
    task = WorkerTask(build_worker(settings, sessions, metrics=metrics),
                      grace=settings.odop_drain_timeout)
    metrics.watch_worker(settings.odop_broadcast_rate, sessions, task.leading)
    stop = asyncio.Event()
    health = Health(running=lambda: not stop.is_set())
    loop = asyncio.get_running_loop()

    def signalled(sig: signal.Signals) -> None:
        if stop.is_set():
            log.warning("%s again: not waiting for the sends in flight", sig.name)
            task.hurry()
        else:
            log.info("%s: draining (at most %.0f s)", sig.name, settings.odop_drain_timeout)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, signalled, sig)
    server = None
    if settings.odop_health_port is not None:
        limits = Limits(settings.odop_webhook_max_body, settings.odop_webhook_idle_timeout,
                        settings.odop_webhook_body_timeout)
        server, port = listen(health_routes(health, metrics), settings.odop_health_port,
                              settings.odop_health_listen, limits)
        log.info("health and metrics on port %d", port)
    await task.start()
    log.info("worker %s running", task.worker.name)
    try:
        await stop.wait()
        health.draining = True
        metrics.draining.set(1)
        await task.stop()
    finally:
        if server is not None:
            server.stop()
            await server.close_all_connections()
    log.info("worker stopped")
