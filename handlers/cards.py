"""Inline-mode cards: one district or product answer as an InlineQueryResultArticle (pure)."""

from __future__ import annotations

import hashlib

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions
from telegram.constants import ParseMode

from handlers import buttons, render, units
from handlers.strings import Lang
from knowledge.answer import Answer
from knowledge.normalise import ascii_int
from knowledge.wording import district_label

MAX_OFFSET = 10_000
DESCRIPTION_MAX = 180  # UTF-16 units, as Telegram counts
TITLE_MAX = 100


def offset_of(raw: str) -> int:
    """Return the page offset Telegram echoes back; anything odd restarts at 0."""
    offset = ascii_int(raw)
    return offset if offset is not None and offset <= MAX_OFFSET else 0


def title_of(answer: Answer, lang: Lang) -> str:
    if answer.intent == "district_products" and answer.districts:
        d = answer.districts[0]
        return district_label(d, lang) if lang == "hi" else f"{d.name}, {d.state}"
    if answer.products:
        return answer.topic or answer.products[0].name
    return answer.query or "ODOP"


def description_of(answer: Answer, lang: Lang = "en") -> str:
    if answer.intent == "district_products":
        names = list(dict.fromkeys(p.name for p in answer.products))
    else:
        names = [district_label(d, lang) for d in answer.districts]
    out = "; ".join(names)
    return units.clip(out, DESCRIPTION_MAX)


def card(answer: Answer, lang: Lang, index: int) -> InlineQueryResultArticle:
    """Return `answer` as an inline result; its message is the first page of the answer."""
    rendered = render.render(answer, lang)
    subject = buttons.subject_of(answer)
    key = subject.encode() if subject else f"{answer.intent}:{answer.query}"
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]
    one_message = len(rendered.chunks) == 1
    return InlineQueryResultArticle(
        id=f"{index}-{digest}",
        title=units.clip(title_of(answer, lang), TITLE_MAX),
        description=description_of(answer, lang) or None,
        input_message_content=InputTextMessageContent(
            rendered.chunks[0],
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        reply_markup=rendered.keyboard if one_message else None,
    )
