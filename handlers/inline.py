"""Inline mode: `@bot moradabad` in any chat offers district and product cards, paged."""

from __future__ import annotations

from telegram import InlineQueryResultsButton, Update

from handlers import cards, units
from handlers.context import BotContext
from handlers.strings import text

PAGE = 10
MAX_CARDS = 50
CACHE_SECONDS = 300


async def on_inline_query(update: Update, context: BotContext) -> None:
    """Offer cards for what the user is typing, PAGE at a time via next_offset."""
    query = update.inline_query
    if query is None:
        return
    services = context.services
    lang = await services.language(update.effective_user)
    offset = cards.offset_of(query.offset)
    found = services.suggest(query.query, MAX_CARDS) if query.query.strip() else []
    page = found[offset : offset + PAGE]
    results = [cards.card(answer, lang, offset + i) for i, answer in enumerate(page)]
    more = offset + PAGE < len(found)
    hint = None
    if not found:
        typed = query.query.strip()
        shown = units.clip(typed, 40)
        label = text(lang, "inline_none", query=shown) if typed else text(lang, "inline_hint")
        hint = InlineQueryResultsButton(units.clip(label, 64), start_parameter="inline")
    await query.answer(
        results,
        next_offset=str(offset + PAGE) if more else "",
        cache_time=CACHE_SECONDS,
        is_personal=True,
        button=hint,
    )
