"""The HTTP servers the bot listens with: the webhook Telegram posts to, /healthz, /metrics.

While the process drains (after SIGTERM) /healthz answers 503, so that a load balancer stops
sending, and the webhook refuses updates with 503, which Telegram delivers again later (to a
replica still running); /metrics keeps answering until the process exits.

Anyone can reach them, so what a stranger can make them hold is bounded:
- the webhook checks Telegram's secret-token header before it reads a byte of the body
  (`stream_request_body`: `prepare()` runs as soon as the headers are in), and refuses a body
  over `max_body` with 413 (a declared Content-Length at once, a chunked one as it passes
  the cap); a refused request's connection is closed, so the rest of its body is never read;
- a connection must deliver its request headers within `idle_timeout` seconds (the same limit
  closes a kept-alive connection that sends nothing more) and its body within `body_timeout`;
- every other route (/healthz) reads at most `max_body` bytes of body, as tornado enforces it.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from tornado.http1connection import HTTP1Connection

from bot.metrics import CONTENT_TYPE, Metrics

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Health:
    """What /healthz reports: running (200) or not, draining (503 either way), and figures."""

    running: Callable[[], bool]
    figures: Callable[[], dict[str, int]] = field(default=lambda: {})
    draining: bool = False

    def ok(self) -> bool:
        return self.running() and not self.draining


@dataclass(frozen=True)
class Limits:
    max_body: int  # bytes
    idle_timeout: float  # seconds to deliver the request headers, or to idle between requests
    body_timeout: float  # seconds to deliver the body


def listen(
    routes: list[Any], port: int, address: str, limits: Limits
) -> tuple[tornado.httpserver.HTTPServer, int]:
    """Serve `routes` on `address`:`port` (0: any free port); return the server and its port."""
    server = tornado.httpserver.HTTPServer(
        tornado.web.Application(routes, log_function=_no_access_log),
        max_body_size=limits.max_body,
        idle_connection_timeout=limits.idle_timeout,
        body_timeout=limits.body_timeout,
    )
    sockets = tornado.netutil.bind_sockets(port, address)
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])


@tornado.web.stream_request_body
class WebhookHandler(tornado.web.RequestHandler):
    """POST of one update: the secret first, then a body of at most `max_body` bytes."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(
        self, secret: str, max_body: int, receive: Callable[[bytes], Awaitable[None]],
        health: Health,
    ) -> None:
        self.secret = secret
        self.max_body = max_body
        self.receive = receive
        self.health = health
        self.body = bytearray()
        self.refused = False

    def prepare(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if self.health.draining:  # Telegram sends it again later, to a replica still running
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)
        declared = self.request.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if isinstance(self.request.connection, HTTP1Connection):
            # Above the server's own cap, so that a chunked body over ours gets our 413
            # (from data_received) rather than tornado's 400.
            self.request.connection.set_max_body_size(2 * self.max_body)

    def data_received(self, chunk: bytes) -> None:
        if self.refused:
            return
        self.body += chunk
        if len(self.body) > self.max_body:
            self.refused = True
            self.body.clear()
            # Finishing before the body is read makes tornado close the connection.
            self.send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)

    async def post(self) -> None:
        if self.refused:
            return
        if self.health.draining:  # its body came in after the drain began: not taken either
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)
        try:
            await self.receive(bytes(self.body))
        except Exception as err:  # whatever the body was, it was not an update
            log.warning("webhook: unreadable update: %s", err)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from err
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: Any) -> None:
        """403s and 413s from strangers are expected; they are not server errors."""


class HealthHandler(tornado.web.RequestHandler):
    def initialize(self, health: Health) -> None:
        self.health = health

    def get(self) -> None:
        ok = self.health.ok()
        self.set_status(HTTPStatus.OK if ok else HTTPStatus.SERVICE_UNAVAILABLE)
        body: dict[str, Any] = {"ok": ok, **self.health.figures()}
        if self.health.draining:
            body["draining"] = True
        self.write(body)


class MetricsHandler(tornado.web.RequestHandler):
    """Prometheus' text format of the process's registry."""

    def initialize(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def get(self) -> None:
        body = await self.metrics.exposition()
        self.set_header("Content-Type", CONTENT_TYPE)
        self.write(body)


def health_routes(health: Health, metrics: Metrics) -> list[Any]:
    """The routes of a health port: /healthz and /metrics."""
    return [
        (r"/healthz", HealthHandler, {"health": health}),
        (r"/metrics", MetricsHandler, {"metrics": metrics}),
    ]


def _no_access_log(handler: tornado.web.RequestHandler) -> None:
    """Telegram posts often; per-request lines would drown the useful log."""
