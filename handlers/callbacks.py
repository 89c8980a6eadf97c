"""Button presses: open or page an answer, vote on it, or switch language."""

from __future__ import annotations

import zlib

from telegram import CallbackQuery, Update
from telegram.error import BadRequest

from handlers import buttons, render, respond
from handlers.buttons import Noop, SetLanguage, Show
from handlers.context import BotContext
from handlers.strings import Lang, text


async def on_button(update: Update, context: BotContext) -> None:
    """Act on a pressed button; a forged or stale one gets a polite answer."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    services = context.services
    lang = await services.language(user)
    action = buttons.decode(query.data)
    if isinstance(action, Noop):
        await query.answer()
    elif isinstance(action, SetLanguage):
        await services.choose_language(user.id, action.lang)
        await query.answer(text(action.lang, "language_set"))
        await query.edit_message_text(text(action.lang, "language_set"))
    elif isinstance(action, Show) and action.verb in ("up", "down"):
        await _vote(query, context, action, lang)
    elif isinstance(action, Show):
        await _show(query, context, action, lang)
    else:
        await query.answer(text(lang, "stale_button"))


async def _vote(query: CallbackQuery, context: BotContext, action: Show, lang: Lang) -> None:
    message = query.message
    if message is not None:
        chat_id, message_id = message.chat.id, message.message_id
    else:  # a card sent through inline mode has no chat we can see
        chat_id, message_id = 0, zlib.crc32((query.inline_message_id or "").encode()) >> 1
    await context.services.vote(
        user_id=query.from_user.id,
        chat_id=chat_id,
        message_id=message_id,
        up=action.verb == "up",
        subject=action.subject.encode(),
    )
    await query.answer(text(lang, "thanks_vote"))


async def _show(query: CallbackQuery, context: BotContext, action: Show, lang: Lang) -> None:
    answer = context.services.rebuild(action.subject, render.page(action.page))
    if answer.intent == "unknown":
        await query.answer(text(lang, "stale_button"))
        return
    rendered = render.render(answer, lang, action.page)
    await query.answer()
    message = query.message
    if action.verb == "open" and message is not None:
        await respond.send(context.bot, message.chat.id, rendered)
        return
    try:
        await respond.edit(query, rendered)
    except BadRequest:
        if message is None:
            raise
        # Too old to edit (or gone): send the page as a new message instead.
        await respond.send(context.bot, message.chat.id, rendered)
