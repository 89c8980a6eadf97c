"""Keeping the bot token out of every output: log records, tracebacks, error messages.

The token is part of every Bot API URL (".../bot<token>/getMe"), so any error or log line that
quotes a URL would carry it: aiohttp's and httpx's errors, a 5xx body that echoes the path,
httpx's request log. Two layers, so that one missed path is not a leak:
- `strip_urls` cuts the path off every URL in a transport error's message (bot/transport.py);
- `RedactingFormatter` rewrites the whole formatted log line (message, arguments, exception
  text and traceback, stack info), replacing the token, its URL-encoded form and anything
  shaped like a bot token with "<token>". `bot.logs.configure_logging` installs it (or its
  JSON twin) on every handler.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

MASK = "<token>"
# What BotFather issues: the bot's numeric id, a colon, 35 characters of [A-Za-z0-9_-].
TOKEN_SHAPE = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")
TOKEN_SHAPE_BYTES = re.compile(TOKEN_SHAPE.pattern.encode())
URL = re.compile(r"\b(https?://[^/\s'\"<>]+)[^\s'\"<>]*")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with each of `secrets` (and its URL-encoded form) and any token-shaped string
    replaced by <token>."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK).replace(quote(secret, safe=""), MASK)
    return TOKEN_SHAPE.sub(MASK, text)


def redact_bytes(payload: bytes, secrets: Iterable[str] = ()) -> bytes:
    """`payload` with the secrets and token-shaped strings replaced, as `redact` does."""
    for secret in secrets:
        if secret:
            payload = payload.replace(secret.encode(), MASK.encode())
    return TOKEN_SHAPE_BYTES.sub(MASK.encode(), payload)


def strip_urls(text: str) -> str:
    """`text` with every URL cut to its origin ("http://host:port/…"): the path is where the
    token is, and the origin is what helps to find a network fault."""
    return URL.sub(r"\1/…", text)


class RedactingFormatter(logging.Formatter):
    """A formatter whose output never contains the secrets it was given (or a token)."""

    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)

    def formatException(self, ei: Any) -> str:
        # Cached on the record as exc_text, which other formatters would reuse as it is.
        return redact(super().formatException(ei), self.secrets)

    def formatStack(self, stack_info: str) -> str:
        return redact(super().formatStack(stack_info), self.secrets)
