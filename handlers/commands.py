"""The one command table: it feeds /help, set_my_commands (per language) and registration."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from handlers.strings import LANGS, Lang, text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Command:
    name: str
    # Shown in the command menu and /help; admin commands are left out of both for others.
    admin: bool = False

    def description(self, lang: Lang) -> str:
        return text(lang, f"cmd_{self.name}")


COMMANDS: tuple[Command, ...] = (
    Command("start"),
    Command("help"),
    Command("district"),
    Command("product"),
    Command("state"),
    Command("status"),
    Command("contact"),
    Command("about"),
    Command("language"),
    Command("stats", admin=True),
)


def menu(lang: Lang, *, admin: bool = False) -> list[BotCommand]:
    """Return the commands Telegram shows in the menu for `lang`."""
    return [BotCommand(c.name, c.description(lang)) for c in COMMANDS if admin or not c.admin]


def help_lines(lang: Lang, *, admin: bool = False) -> list[str]:
    """Return one "/name — description" line per command, for /help."""
    return [f"/{c.name} — {c.description(lang)}" for c in COMMANDS if admin or not c.admin]


async def publish(bot: Bot, admin_ids: Iterable[int] = ()) -> None:
    """Set the command menu for each language (English is the default), admins' too."""
    for lang in LANGS:
        code = None if lang == "en" else lang
        await bot.set_my_commands(menu(lang), language_code=code)
    for admin_id in admin_ids:
        for lang in LANGS:
            code = None if lang == "en" else lang
            try:
                await bot.set_my_commands(
                    menu(lang, admin=True), scope=BotCommandScopeChat(admin_id), language_code=code
                )
            except TelegramError as err:  # e.g. the admin has not started the bot yet
                log.warning("could not set the admin menu for %s: %s", admin_id, err)
