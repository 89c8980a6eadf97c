"""Logging for `odop-bot run` and `odop-bot worker`: text or JSON lines, the token never shown.

`ODOP_LOG_FORMAT=json` writes one JSON object per line:

    {"time": "2026-11-29T18:55:30.123Z", "level": "INFO", "logger": "bot.worker",
     "message": "...", "update_id": 12, "broadcast_id": 7, "worker": "host:123"}

`update_id`, `broadcast_id` and `worker` are there when the line was written while handling an
update, sending a broadcast's message, or inside a delivery worker: they are bound with
`bind()` in context variables, which asyncio tasks and `asyncio.to_thread` inherit, so a line
logged deep in the store carries them too. A traceback is in `exc`. Both formats go through
`bot.redact`: the token (and anything shaped like one) is masked in every field.

What is logged stays what an operator needs: ids, counts, kinds, errors; a question's text only
in the line of an error it caused (to reproduce it), never names or usernames.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from bot.redact import FORMAT, RedactingFormatter, redact

CHATTY = ("httpx", "httpcore", "aiohttp.client")  # log every request's URL at INFO and below

update_id: ContextVar[int | None] = ContextVar("update_id", default=None)
broadcast_id: ContextVar[int | None] = ContextVar("broadcast_id", default=None)
worker: ContextVar[str | None] = ContextVar("worker", default=None)
BOUND = (update_id, broadcast_id, worker)


@contextlib.contextmanager
def bind(var: ContextVar[Any], value: Any) -> Iterator[None]:
    """Bind `value` to `var` for the log lines written inside the block (and its tasks)."""
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, every string in it masked as RedactingFormatter masks."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        seconds = int(record.created)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        line: dict[str, Any] = {
            "time": f"{stamp}.{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage(), self.secrets),
        }
        for var in BOUND:
            value = var.get()
            if value is not None:
                line[var.name] = value
        if record.exc_info:
            line["exc"] = redact(self.formatException(record.exc_info), self.secrets)
        if record.stack_info:
            line["stack"] = redact(self.formatStack(record.stack_info), self.secrets)
        # Masked again whole: a field this function did not think of cannot carry it either.
        return redact(json.dumps(line, ensure_ascii=False, default=str), self.secrets)


def configure_logging(token: str, level: str = "INFO", fmt: str = "text") -> None:
    """Log to stderr at `level`, as text or JSON lines, masking `token`; warnings included."""
    logging.basicConfig(level=level, format=FORMAT)
    root = logging.getLogger()
    root.setLevel(level)
    logging.captureWarnings(True)
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
    formatter: logging.Formatter = (
        JsonFormatter((token,)) if fmt == "json" else RedactingFormatter([token])
    )
    for handler in root.handlers:
        handler.setFormatter(formatter)
