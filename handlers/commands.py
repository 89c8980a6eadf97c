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
    # Shown in the command menu and /help; admin commands are left out of both for others,
    # officer commands for everyone but officers and admins.
    admin: bool = False
    officer: bool = False

    def description(self, lang: Lang) -> str:
        return text(lang, f"cmd_{self.name}")

    def shown(self, *, admin: bool, officer: bool) -> bool:
        if self.admin:
            return admin
        return admin or officer if self.officer else True


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
    Command("setstatus", officer=True),
    Command("history", officer=True),
    Command("subscribe"),
    Command("subscriptions"),
    Command("unsubscribe"),
    Command("quiet"),
    Command("digest"),
    Command("forget"),
    Command("broadcast", admin=True),
    Command("broadcasts", admin=True),
)


def menu(lang: Lang, *, admin: bool = False, officer: bool = False) -> list[BotCommand]:
    """Return the commands Telegram shows in the menu for `lang`."""
    return [BotCommand(c.name, c.description(lang)) for c in COMMANDS
            if c.shown(admin=admin, officer=officer)]


def help_lines(lang: Lang, *, admin: bool = False, officer: bool = False) -> list[str]:
    """Return one "/name — description" line per command, for /help."""
    return [f"/{c.name} — {c.description(lang)}" for c in COMMANDS
            if c.shown(admin=admin, officer=officer)]


async def publish(
    bot: Bot, admin_ids: Iterable[int] = (), officer_ids: Iterable[int] = ()
) -> None:
    """Set the command menu for each language (English is the default), admins' and
    officers' too."""
    for lang in LANGS:
        code = None if lang == "en" else lang
        await bot.set_my_commands(menu(lang), language_code=code)
    admins = set(admin_ids)
    for user_id in sorted(admins | set(officer_ids)):
        for lang in LANGS:
            code = None if lang == "en" else lang
            commands = menu(lang, admin=user_id in admins, officer=True)
            try:
                await bot.set_my_commands(
                    commands, scope=BotCommandScopeChat(user_id), language_code=code
                )
            except TelegramError as err:  # e.g. the admin has not started the bot yet
                log.warning("could not set the menu of admin/officer %s: %s", user_id, err)
