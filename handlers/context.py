"""Typed access to shared services from every handler (PTB's ContextTypes)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from handlers.services import Services


class BotData:
    """The application's bot_data: holds the services the composition root installs."""

    def __init__(self) -> None:
        self.services: Services | None = None
        # Run when the bot stops, even if it never started (e.g. Telegram refused the token):
        # closing what the composition root opened that PTB's shutdown would skip then.
        self.on_stop: list[Callable[[], Awaitable[object]]] = []


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with `.services`."""

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not installed in bot_data")
        return services


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
