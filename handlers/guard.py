"""Flood control before any handler, and the error handler after every failure."""

from __future__ import annotations

import json
import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop

from handlers.context import BotContext
from handlers.strings import text

log = logging.getLogger(__name__)


async def check_flood(update: Update, context: BotContext) -> None:
    """Stop updates from a user over their rate; tell them once per burst."""
    user = update.effective_user
    if user is None:
        return
    verdict = context.services.flood.check(user.id)
    if verdict == "ok":
        return
    if verdict == "warn":
        lang = await context.services.language(user)
        if update.callback_query is not None:
            await update.callback_query.answer(text(lang, "slow_down"))
        elif update.effective_chat is not None and update.inline_query is None:
            await context.bot.send_message(update.effective_chat.id, text(lang, "slow_down"))
    raise ApplicationHandlerStop


MAX_LOGGED_TEXT = 200


def describe(update: object) -> str:
    """What an operator needs to reproduce a failure: the update's id, its kind and its text
    or button data (cut short), as JSON; not who sent it (no names, usernames or chat ids)."""
    if not isinstance(update, Update):
        return repr(update)[:MAX_LOGGED_TEXT]
    shown: dict[str, object] = {"update_id": update.update_id}
    if update.callback_query is not None:
        shown |= {"kind": "callback_query", "data": update.callback_query.data}
    elif update.inline_query is not None:
        shown |= {"kind": "inline_query", "text": update.inline_query.query}
    elif update.effective_message is not None:
        message = update.effective_message
        shown |= {"kind": "message", "chat_type": message.chat.type,
                  "text": message.text or message.caption}
    else:
        shown["kind"] = "other"
    for key in ("data", "text"):
        if isinstance(shown.get(key), str):
            shown[key] = str(shown[key])[:MAX_LOGGED_TEXT]
    return json.dumps(shown, ensure_ascii=False)


async def on_error(update: object, context: BotContext) -> None:
    """Log the exception with the update, and tell the user something went wrong."""
    error = context.error
    shown = describe(update)
    if isinstance(error, Forbidden):
        # The user blocked the bot or left the chat: nothing to tell them, nothing to fix.
        log.info("forbidden while handling %s: %s", shown, error)
        return
    log.error("error while handling update %s", shown, exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        lang = await context.services.language(update.effective_user)
        if update.callback_query is not None:
            try:
                await update.callback_query.answer(text(lang, "error"), show_alert=True)
                return
            except TelegramError:
                pass  # already answered before the failure: say it in the chat instead
        if update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text(lang, "error"))
    except TelegramError as err:
        log.warning("could not tell the user about the error: %s", err)
