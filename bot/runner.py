"""Running the bot: long polling, or a webhook server with a secret token and /healthz.

`run()` is what `odop-bot run [--webhook]` calls. `BotRunner` starts and stops the Application
the same way in production and in the end-to-end tests.

Stopping (SIGTERM or SIGINT) drains: /healthz answers 503 and the webhook refuses new updates
with 503 (Telegram sends them again, to a replica still running), polling stops; the updates
already taken are handled, and the worker's sends in flight finish, for at most
ODOP_DRAIN_TIMEOUT seconds (then what is left is cancelled and logged); the worker hands its
unsent deliveries back; the question log is written; the process exits 0. A second signal
skips the rest of the wait.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import signal
import sys
from typing import Any

import tornado.httpserver
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.app import BotApplication, build_application, build_services
from bot.bootstrap import KnowledgeUnavailable, open_knowledge
from bot.logs import configure_logging
from bot.metrics import Metrics
from bot.processor import TrackedUpdates
from bot.redact import redact, strip_urls
from bot.settings import MissingTokenError, Settings
from bot.webhook import Health, HealthHandler, Limits, WebhookHandler, health_routes, listen
from bot.worker import WorkerTask, build_worker
from handlers.commands import publish
from handlers.services import Services

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "inline_query", "my_chat_member", "channel_post"]
POLL_TIMEOUT = 30  # seconds Telegram holds a getUpdates open


class BotRunner:
    """Start: initialise, publish commands, start handling, then poll or serve the webhook."""

    def __init__(
        self,
        app: BotApplication,
        settings: Settings,
        *,
        webhook: bool,
        poll_timeout: int = POLL_TIMEOUT,
    ) -> None:
        self.app = app
        self.settings = settings
        self.webhook = webhook
        self.poll_timeout = poll_timeout
        secret = settings.odop_webhook_secret
        self.secret = secret.get_secret_value() if secret else secrets.token_urlsafe(32)
        self.port: int | None = None
        self.webhook_url: str | None = None
        self.health_port: int | None = None
        self._server: tornado.httpserver.HTTPServer | None = None
        self._health: tornado.httpserver.HTTPServer | None = None
        self._flusher: asyncio.Task[None] | None = None
        self._reloader: asyncio.Task[None] | None = None
        self.worker: WorkerTask | None = None
        processor = app.update_processor
        self.processor = processor if isinstance(processor, TrackedUpdates) else None
        self.metrics = self.processor.metrics if self.processor is not None else Metrics()
        self.health = Health(
            running=lambda: app.running,
            figures=lambda: {"queued_updates": app.update_queue.qsize()},
        )
        self.hurry = asyncio.Event()  # a second signal: stop waiting for what is in flight

    @property
    def services(self) -> Services:
        services = self.app.bot_data.services
        assert services is not None
        return services

    async def start(self) -> None:
        app = self.app
        await app.initialize()
        await publish(app.bot, self.settings.odop_admin_ids, self.settings.odop_officer_ids)
        await app.start()
        self._flusher = asyncio.create_task(self.services.keep_flushing(), name="question-log")
        self._reloader = asyncio.create_task(self.services.keep_current(), name="knowledge")
        s = self.settings
        if s.odop_worker:  # broadcasts and alerts go out from this process too
            worker = build_worker(s, self.services.sessions, metrics=self.metrics)
            self.worker = WorkerTask(worker, grace=s.odop_drain_timeout)
            self.metrics.watch_worker(s.odop_broadcast_rate, self.services.sessions,
                                      self.worker.leading)
            await self.worker.start()
        if s.odop_health_port is not None:
            self._health, self.health_port = listen(
                health_routes(self.health, self.metrics), s.odop_health_port,
                s.odop_health_listen, self._limits(),
            )
        if self.webhook:
            await self._start_webhook()
        else:
            assert app.updater is not None
            await app.updater.start_polling(
                timeout=self.poll_timeout, allowed_updates=ALLOWED_UPDATES
            )
        mode = "webhook" if self.webhook else "polling"
        log.info("bot @%s running (%s)", app.bot.username, mode)

    async def stop(self) -> None:
        """Drain (see the module's docstring), then close everything."""
        app = self.app
        self.health.draining = True
        self.metrics.draining.set(1)
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        await asyncio.gather(self._stop_handling(), self._stop_worker())
        for server in (self._server, self._health):
            if server is not None:
                server.stop()
                await server.close_all_connections()
        self._server = self._health = None
        for task in (self._flusher, self._reloader):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        self._flusher = self._reloader = None
        await self.services.close()
        await app.shutdown()
        for close in app.bot_data.on_stop:
            await close()

    async def _stop_handling(self) -> None:
        """Handle the updates already taken, for at most the drain timeout."""
        if not self.app.running:
            return
        stopping = asyncio.ensure_future(self.app.stop())
        hurry = asyncio.ensure_future(self.hurry.wait())
        done, _ = await asyncio.wait(
            (stopping, hurry), timeout=self.settings.odop_drain_timeout,
            return_when=asyncio.FIRST_COMPLETED,
        )
        hurry.cancel()
        if stopping not in done and self.processor is not None:
            left = self.processor.cancel()
            log.warning("stopping: %d update(s) still being handled were cancelled", left)
        await asyncio.gather(stopping, return_exceptions=True)

    async def _stop_worker(self) -> None:
        if self.worker is not None:
            await self.worker.stop()
            self.worker = None

    async def __aenter__(self) -> BotRunner:
        try:
            await self.start()
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _start_webhook(self) -> None:
        s = self.settings
        hook = {"secret": self.secret, "max_body": s.odop_webhook_max_body,
                "receive": self.receive, "health": self.health}
        routes: list[Any] = [
            (rf"{s.odop_webhook_path}/?", WebhookHandler, hook),
            (r"/healthz", HealthHandler, {"health": self.health}),
        ]
        self._server, self.port = listen(
            routes, s.odop_webhook_port, s.odop_webhook_listen, self._limits()
        )
        base = s.odop_webhook_url or f"http://{s.odop_webhook_listen}:{self.port}"
        self.webhook_url = base.rstrip("/") + s.odop_webhook_path
        await self.app.bot.set_webhook(
            self.webhook_url, secret_token=self.secret, allowed_updates=ALLOWED_UPDATES
        )

    def _limits(self) -> Limits:
        s = self.settings
        return Limits(
            s.odop_webhook_max_body, s.odop_webhook_idle_timeout, s.odop_webhook_body_timeout
        )

    async def receive(self, body: bytes) -> None:
        """Queue one update posted to the webhook."""
        update = Update.de_json(json.loads(body), self.app.bot)
        await self.app.update_queue.put(update)


# --- the command -------------------------------------------------------------------------


def run(webhook: bool | None = None) -> int:
    """Run the bot until SIGINT/SIGTERM; return the exit status (2: bad configuration)."""
    try:
        settings = Settings()
        token = settings.token()
    except MissingTokenError as err:
        print(f"odop-bot: {err}", file=sys.stderr)
        return 2
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]).upper()
        print(f"odop-bot: bad setting {where}: {first['msg']}", file=sys.stderr)
        return 2
    use_webhook = settings.odop_webhook if webhook is None else webhook
    if use_webhook and not settings.odop_webhook_url:
        print("odop-bot: webhook mode needs ODOP_WEBHOOK_URL (the public https URL)",
              file=sys.stderr)
        return 2
    configure_logging(token, settings.odop_log_level, settings.odop_log_format)
    try:
        knowledge = open_knowledge(settings.odop_database_url)
        services = build_services(settings, knowledge)
    except KnowledgeUnavailable as err:
        print(f"odop-bot: cannot open the knowledge base: {err}", file=sys.stderr)
        return 2
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).splitlines()[0]
        print(f"odop-bot: cannot open the knowledge base: {reason}", file=sys.stderr)
        return 2
    app = build_application(settings, services, Metrics())
    try:
        asyncio.run(_serve(BotRunner(app, settings, webhook=use_webhook)))
    except InvalidToken:
        print("odop-bot: Telegram refused TELEGRAM_BOT_TOKEN (check it with @BotFather)",
              file=sys.stderr)
        return 2
    except (NetworkError, OSError) as err:  # TimedOut is a NetworkError; OSError: port taken
        print(f"odop-bot: could not start: {redact(strip_urls(str(err)), [token])}",
              file=sys.stderr)
        return 1
    return 0


async def _serve(runner: BotRunner) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def signalled(sig: signal.Signals) -> None:
        if stop.is_set():
            log.warning("%s again: not waiting for the work in flight", sig.name)
            runner.hurry.set()
            if runner.worker is not None:
                runner.worker.hurry()
        else:
            log.info("%s: draining (at most %.0f s)", sig.name,
                     runner.settings.odop_drain_timeout)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, signalled, sig)
    async with runner:
        await stop.wait()
    log.info("bot stopped")
