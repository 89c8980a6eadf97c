"""/language: choose the interface language; the choice is remembered."""

from __future__ import annotations

from telegram import Update

from handlers import render, respond
from handlers.context import BotContext
from handlers.strings import Lang, text

_NAMES: dict[str, Lang] = {
    "en": "en", "english": "en", "अंग्रेज़ी": "en", "अंग्रेजी": "en",
    "hi": "hi", "hindi": "hi", "हिन्दी": "hi", "हिंदी": "hi",
}


def parse_language(word: str) -> Lang | None:
    return _NAMES.get(word.strip().lower())


async def language(update: Update, context: BotContext) -> None:
    """Switch to the language named after /language, or offer the choice."""
    services, chat, user = context.services, update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    chosen = parse_language(" ".join(context.args or []))
    if chosen is None:
        lang = await services.language(user)
        await context.bot.send_message(
            chat.id, text(lang, "choose_language"), reply_markup=render.language_keyboard()
        )
        return
    await services.choose_language(user.id, chosen)
    await respond.send_html(context.bot, chat.id, text(chosen, "language_set"))
