"""How the bot talks HTTP to the Bot API: python-telegram-bot's `BaseRequest` over aiohttp.

PTB ships one transport, `HTTPXRequest`. Under load it is most of what a bot spends per update:
in benchmarks/bench_bot.py a bare PTB echo bot spends about 70% of its CPU time in
httpx/httpcore, and the same bot on this transport handles 3-4 times as many updates a second.
PTB documents `BaseRequest` as the place to plug in another HTTP library; this is that.

What it does differently from `HTTPXRequest`:
- bodies are JSON (`application/json`, which the Bot API accepts for every method without a
  file), not form-encoded strings of JSON; uploads are still multipart/form-data;
- one `aiohttp.ClientSession` per request object, with a bounded connection pool;
- proxies from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as httpx takes them, read
  once per host rather than on every request.

Timeouts keep PTB's meaning as far as aiohttp allows: `read_timeout` bounds each read of the
response, `connect_timeout` opening a connection, and getting a connection at all (waiting for a
free one, then opening it) takes at most `pool_timeout + connect_timeout`. aiohttp has no write
timeout, so `write_timeout` is accepted and not applied. Failures come back as PTB's
own errors (`TimedOut`, `NetworkError`), so handlers, the rate limiter and the runner see the
same exceptions as with httpx. `ODOP_HTTP_BACKEND=httpx` switches back to PTB's transport,
as `HttpxRequest`.

Every Bot API URL carries the token, so on both transports an error never quotes one: URLs in
an error's message are cut to their origin, the underlying exception (whose message has the
whole URL) is not chained, and a token in the body of an error response is masked before PTB
puts that body into its exception. Redirects are not followed (as httpx does not): the Bot API
does not send them, and a request carrying the token has no business going elsewhere.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.redact import redact, redact_bytes, strip_urls

# PTB's defaults for HTTPXRequest, kept so that switching transports changes nothing else.
READ_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0
POOL_TIMEOUT = 1.0

# Told of every failed call: (Bot API method, kind of failure, retry_after seconds or 0).
ErrorHook = Callable[[str, str, float], None]
KINDS = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         409: "conflict", 429: "flood"}


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` on one aiohttp session with at most `connection_pool_size` connections."""

    __slots__ = ("_connect", "_limit", "_on_error", "_pool", "_proxies", "_read", "_session")

    def __init__(
        self,
        connection_pool_size: int = 32,
        read_timeout: float | None = READ_TIMEOUT,
        connect_timeout: float | None = CONNECT_TIMEOUT,
        pool_timeout: float | None = POOL_TIMEOUT,
        on_error: ErrorHook | None = None,
    ) -> None:
        self._on_error = on_error
        self._limit = connection_pool_size
        self._read = read_timeout
        self._connect = connect_timeout
        self._pool = pool_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._limit),
                headers={"User-Agent": self.USER_AGENT},
            )
            self._proxies.clear()  # the environment is read again for a new session

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        read = _given(read_timeout, self._read)
        connect = _given(connect_timeout, self._connect)
        pool = _given(pool_timeout, self._pool)
        timeout = aiohttp.ClientTimeout(
            total=None,
            # aiohttp's `connect` covers waiting for a pooled connection and opening one.
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=read,
        )
        body = _body(request_data) if request_data is not None else {}
        proxy = self._proxy(url)
        try:
            async with session.request(
                method, url, timeout=timeout, proxy=proxy, allow_redirects=False, **body
            ) as response:
                status, payload = response.status, await response.read()
        except TimeoutError as err:  # aiohttp's timeouts are asyncio.TimeoutError (= TimeoutError)
            _report(self._on_error, url, "timeout")
            raise TimedOut from err
        except aiohttp.ClientError as err:
            _report(self._on_error, url, "network")
            # `from None`: aiohttp's exception names the whole URL, token and all.
            raise NetworkError(strip_urls(f"aiohttp.{type(err).__name__}: {err}")) from None
        if status >= 300:
            _report_status(self._on_error, url, status, payload)
        return status, _scrubbed(status, payload, url)

    def _proxy(self, url: str) -> str | None:
        """The proxy the environment names for `url` (HTTPS_PROXY, NO_PROXY, ...), if any.

        Looked up once per scheme and host: aiohttp's own `trust_env` reads the environment
        and ~/.netrc in a worker thread on every request, which cost more than the request.
        """
        start = url.find("//") + 2
        end = url.find("/", start)
        origin = url if end < 0 else url[:end]
        if origin not in self._proxies:
            parts = urlsplit(url)
            bypass = urllib.request.proxy_bypass(parts.hostname or "")
            chosen = None if bypass else urllib.request.getproxies().get(parts.scheme)
            self._proxies[origin] = chosen
        return self._proxies[origin]


class HttpxRequest(HTTPXRequest):
    """PTB's own transport, with the token kept out of its errors as above."""

    __slots__ = ("_on_error",)

    def __init__(self, *args: Any, on_error: ErrorHook | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._on_error = on_error

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        try:
            status, payload = await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout,
                pool_timeout,
            )
        except NetworkError as err:  # TimedOut too; the cause (httpx's error) is not chained
            kind = "timeout" if isinstance(err, TimedOut) else "network"
            _report(self._on_error, url, kind)
            raise type(err)(strip_urls(redact(err.message))) from None
        if status >= 300:
            _report_status(self._on_error, url, status, payload)
        return status, _scrubbed(status, payload, url)


def _report(hook: ErrorHook | None, url: str, kind: str, retry_after: float = 0.0) -> None:
    if hook is not None:
        method = url.rsplit("/", 1)[-1]  # the URL's last part; a label, so a short fixed set
        hook(method if method.isalpha() and len(method) <= 40 else "other", kind, retry_after)


def _report_status(hook: ErrorHook | None, url: str, status: int, payload: bytes) -> None:
    """Tell `hook` of an error response: its kind, and a 429's retry_after."""
    if hook is None:
        return
    kind = "server_error" if status >= 500 else KINDS.get(status, "other")
    retry_after = 0.0
    if status in (400, 429):
        try:
            parameters = json.loads(payload).get("parameters") or {}
        except (ValueError, AttributeError):
            parameters = {}
        if status == 400 and "migrate_to_chat_id" in parameters:
            kind = "migrated"
        if status == 429:
            retry_after = float(parameters.get("retry_after") or 0)
    _report(hook, url, kind, retry_after)


def _scrubbed(status: int, payload: bytes, url: str) -> bytes:
    """An error response's body without the token: PTB quotes the body in its exception."""
    if status < 300:
        return payload
    start = url.find("/bot") + 4
    token = url[start : url.find("/", start)] if start > 3 else ""
    return redact_bytes(payload, [token])


def _given(value: object, default: float | None) -> float | None:
    """A timeout PTB passed (a number, or None for no limit); its DefaultValue means ours."""
    if value is None or isinstance(value, int | float):
        return value
    return default


def _body(request_data: RequestData) -> dict[str, Any]:
    """The keyword arguments that send `request_data`: JSON, or a form when it has files."""
    files = request_data.multipart_data
    if not files:
        payload = json.dumps(request_data.parameters, ensure_ascii=False).encode()
        return {"data": payload, "headers": {"Content-Type": "application/json"}}
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, upload in files.items():
        filename, content, mime = upload
        form.add_field(name, content, filename=filename, content_type=mime)
    return {"data": form}
