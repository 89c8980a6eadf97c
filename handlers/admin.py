"""/stats for the bot's administrators: questions answered and not, and feedback."""

from __future__ import annotations

from telegram import Update

from handlers import respond, texts
from handlers.context import BotContext
from handlers.strings import text


async def stats(update: Update, context: BotContext) -> None:
    """Show an admin what people ask, what went unanswered and how answers were rated."""
    services, chat, user = context.services, update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    lang = await services.language(user)
    if user.id not in services.admin_ids:
        await respond.send_html(context.bot, chat.id, text(lang, "not_admin"))
        return
    summary = await services.stats()
    await respond.send_html(context.bot, chat.id, texts.stats_text(summary, lang))
