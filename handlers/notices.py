"""How a broadcast, an alert or a digest looks in the subscriber's chat (pure; no sending).

The worker (bot/worker.py) sends what `render_notice` returns; the admin's preview uses the
same function, so the preview is exactly what subscribers see.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.strings import Lang, text
from knowledge.delivery.outbox import Claimed

MAX_MESSAGE = 4096
UNSUBSCRIBE_ALL = "f|-*"  # callback data of the one-tap unsubscribe (handlers/following.py)


@dataclass(frozen=True)
class Notice:
    html: str
    keyboard: InlineKeyboardMarkup


def lang_of(code: str) -> Lang:
    return "hi" if code == "hi" else "en"


def unsubscribe_keyboard(lang: Lang) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text(lang, "btn_unsubscribe"), callback_data=UNSUBSCRIBE_ALL)]]
    )


def render_text(body: str, lang: Lang) -> str:
    """The sender's plain text, escaped, with the footer saying why it came."""
    return f"{html.escape(body.strip())}\n\n<i>{text(lang, 'notice_footer')}</i>"


def render_notice(claimed: Claimed) -> Notice:
    """One message for `claimed`: its text in the subscriber's language, or a digest."""
    lang = lang_of(claimed.lang)
    if claimed.kind == "digest":
        items = [f"• {html.escape(claimed.text(i).strip())}" for i in range(len(claimed.texts))]
        body = "\n\n".join([text(lang, "digest_title"), *items])
        footer = f"\n\n<i>{text(lang, 'notice_footer')}</i>"
        if len(body) + len(footer) > MAX_MESSAGE:
            body = body[: MAX_MESSAGE - len(footer) - 1].rsplit("\n", 1)[0] + "\n…"
        return Notice(body + footer, unsubscribe_keyboard(lang))
    return Notice(render_text(claimed.text(), lang), unsubscribe_keyboard(lang))


def fits(body: str) -> bool:
    """Whether `body` as a notice (in either language's footer) stays within Telegram's limit."""
    return all(len(render_text(body, lang)) <= MAX_MESSAGE for lang in ("en", "hi"))
