"""Sending and editing rendered answers: chunks in order, buttons under the last one."""

from __future__ import annotations

from telegram import Bot, CallbackQuery, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

from handlers.render import Rendered

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send(bot: Bot, chat_id: int, rendered: Rendered) -> Message | None:
    """Send every chunk of `rendered` to `chat_id`; return the last message."""
    last: Message | None = None
    for i, chunk in enumerate(rendered.chunks):
        final = i == len(rendered.chunks) - 1
        last = await bot.send_message(
            chat_id,
            chunk,
            parse_mode=ParseMode.HTML,
            reply_markup=rendered.keyboard if final else None,
            link_preview_options=NO_PREVIEW,
        )
    return last


async def send_html(bot: Bot, chat_id: int, html_text: str) -> Message:
    """Send one message of the bot's own (already escaped) HTML."""
    return await bot.send_message(
        chat_id, html_text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
    )


async def edit(query: CallbackQuery, rendered: Rendered) -> None:
    """Replace the message the button sits on with `rendered` (extra chunks follow it)."""
    first, *rest = rendered.chunks
    try:
        await query.edit_message_text(
            first,
            parse_mode=ParseMode.HTML,
            reply_markup=rendered.keyboard if not rest else None,
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as err:
        # Pressing the button for the page already shown: nothing to change.
        if "not modified" not in err.message.lower():
            raise
    message = query.message
    if rest and message is not None:
        await send(query.get_bot(), message.chat.id, Rendered(tuple(rest), rendered.keyboard))
