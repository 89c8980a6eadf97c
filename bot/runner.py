"""Running the bot: long polling, or a webhook server with a secret token and /healthz.

`run()` is what `odop-bot run [--webhook]` calls. `BotRunner` starts and stops the Application
the same way in production and in the end-to-end tests.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import secrets
import signal
import sys
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from pydantic import ValidationError
from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.app import BotApplication, build_application, build_services
from bot.bootstrap import open_knowledge
from bot.settings import MissingTokenError, Settings
from handlers.commands import publish
from handlers.services import Services

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "inline_query"]
POLL_TIMEOUT = 30  # seconds Telegram holds a getUpdates open
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


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

    @property
    def services(self) -> Services:
        services = self.app.bot_data.services
        assert services is not None
        return services

    async def start(self) -> None:
        app = self.app
        await app.initialize()
        await self.services.load_languages()
        await publish(app.bot, self.settings.odop_admin_ids)
        await app.start()
        self._flusher = asyncio.create_task(self.services.keep_flushing(), name="question-log")
        if self.settings.odop_health_port is not None:
            routes = [(r"/healthz", _HealthHandler, {"runner": self})]
            self._health, self.health_port = _listen(
                routes, self.settings.odop_health_port, self.settings.odop_health_listen
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
        app = self.app
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        for server in (self._server, self._health):
            if server is not None:
                server.stop()
                await server.close_all_connections()
        self._server = self._health = None
        if app.running:
            await app.stop()
        if self._flusher is not None:
            self._flusher.cancel()
            await asyncio.gather(self._flusher, return_exceptions=True)
            self._flusher = None
        await self.services.close()
        await app.shutdown()
        for close in app.bot_data.on_stop:
            await close()

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
        routes: list[Any] = [
            (rf"{s.odop_webhook_path}/?", _WebhookHandler, {"runner": self}),
            (r"/healthz", _HealthHandler, {"runner": self}),
        ]
        self._server, self.port = _listen(routes, s.odop_webhook_port, s.odop_webhook_listen)
        base = s.odop_webhook_url or f"http://{s.odop_webhook_listen}:{self.port}"
        self.webhook_url = base.rstrip("/") + s.odop_webhook_path
        await self.app.bot.set_webhook(
            self.webhook_url, secret_token=self.secret, allowed_updates=ALLOWED_UPDATES
        )

    async def receive(self, body: bytes) -> None:
        """Queue one update posted to the webhook."""
        update = Update.de_json(json.loads(body), self.app.bot)
        await self.app.update_queue.put(update)


class _WebhookHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, runner: BotRunner) -> None:
        self.runner = runner

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.runner.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            await self.runner.receive(self.request.body)
        except Exception as err:  # whatever the body was, it was not an update
            log.warning("webhook: unreadable update: %s", err)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from err
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: Any) -> None:
        """403s for requests without the secret are expected; they are not server errors."""


def _listen(
    routes: list[Any], port: int, address: str
) -> tuple[tornado.httpserver.HTTPServer, int]:
    """Serve `routes` on `address`:`port` (0: any free port); return the server and its port."""
    server = tornado.httpserver.HTTPServer(
        tornado.web.Application(routes, log_function=_no_access_log)
    )
    sockets = tornado.netutil.bind_sockets(port, address)
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])


class _HealthHandler(tornado.web.RequestHandler):
    def initialize(self, runner: BotRunner) -> None:
        self.runner = runner

    def get(self) -> None:
        app = self.runner.app
        self.set_status(HTTPStatus.OK if app.running else HTTPStatus.SERVICE_UNAVAILABLE)
        self.write({"ok": app.running, "queued_updates": app.update_queue.qsize()})


def _no_access_log(handler: tornado.web.RequestHandler) -> None:
    """Telegram posts often; per-request lines would drown the useful log."""


# --- the command -------------------------------------------------------------------------


class TokenRedactor(logging.Filter):
    """Replace the bot token wherever it would appear in a log line (e.g. a request URL)."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, "<token>"), None
        return True


def configure_logging(token: str) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL at INFO, and Telegram's URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.addFilter(TokenRedactor(token))


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
    configure_logging(token)
    knowledge = open_knowledge(settings.odop_database_url)
    app = build_application(settings, build_services(settings, knowledge))
    try:
        asyncio.run(_serve(BotRunner(app, settings, webhook=use_webhook)))
    except InvalidToken:
        print("odop-bot: Telegram refused TELEGRAM_BOT_TOKEN (check it with @BotFather)",
              file=sys.stderr)
        return 2
    except (NetworkError, OSError) as err:  # TimedOut is a NetworkError; OSError: port taken
        print(f"odop-bot: could not start: {str(err).replace(token, '<token>')}",
              file=sys.stderr)
        return 1
    return 0


async def _serve(runner: BotRunner) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with runner:
        await stop.wait()
    log.info("bot stopped")
