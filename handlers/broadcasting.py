"""/broadcast and /broadcasts for the bot's admins: compose, preview exactly as subscribers
will see it, confirm (now, urgent, or later: in an hour, today or tomorrow at 09:00 or 18:00
IST, or a time typed in IST), then pause, resume, cancel or recall.

Each step of the draft is kept in the database (`knowledge.delivery.drafts`), so the next
message may reach another replica or a restarted bot; once confirmed it is a row in the outbox.
"""

from __future__ import annotations

import html
import logging
import time

from sqlalchemy.orm import Session
from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update

from handlers import chat as chat_handlers
from handlers import officers, respond
from handlers.broadcast_texts import (
    audience_label,
    kind_word,
    preview_summary,
    queued_text,
    recall_text,
    status_word,
)
from handlers.context import BotContext
from handlers.notices import fits, render_notice
from handlers.strings import Lang, text
from knowledge.delivery import audience as audiences
from knowledge.delivery import drafts, outbox, quiet, reports, schedule
from knowledge.delivery.drafts import Draft
from knowledge.delivery.models import ACTIVE, CANCELLED, PAUSED
from knowledge.delivery.outbox import Claimed, Target

log = logging.getLogger(__name__)
PREFIX = "b|"
PATTERN = r"^b[|]"


def _is_admin(update: Update, context: BotContext) -> bool:
    user = update.effective_user
    allowed = user is not None and user.id in context.services.admin_ids
    if not allowed:
        log.warning("refused %s to user %s", "broadcasting", user.id if user else None)
    return allowed


async def _admin_chat(update: Update, context: BotContext) -> tuple[Chat, Lang] | None:
    """The chat and language of an admin's command; anyone else is told it is for admins
    (and logged)."""
    chat = update.effective_chat
    if chat is None:
        return None
    lang = await context.services.language(update.effective_user)
    if not _is_admin(update, context):
        await respond.send_html(context.bot, chat.id, text(lang, "not_admin"))
        return None
    return chat, lang


def _buttons(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


async def broadcast(update: Update, context: BotContext) -> None:
    """Start composing a broadcast (admins only; anyone else is refused and logged)."""
    admin = await _admin_chat(update, context)
    if admin is None:
        return
    chat, lang = admin
    assert update.effective_user is not None
    user_id, now = update.effective_user.id, context.services.clock()
    await context.services.write(lambda s: drafts.start(s, user_id, now))
    await context.bot.send_message(
        chat.id, text(lang, "bc_ask_audience"), parse_mode="HTML",
        reply_markup=_buttons([(text(lang, "btn_everyone"), "b|all"),
                               (text(lang, "btn_cancel"), "b|stop")]),
    )


async def on_text(update: Update, context: BotContext) -> None:
    """An admin's message: the next piece of a draft (audience, English text, Hindi text, a
    time), else an officer's step or a question."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    now = context.services.clock()
    draft = await context.services.read(lambda s: drafts.get(s, user.id, now))
    body = (message.text or "").strip()
    if draft is None:
        if body.startswith("/"):
            await chat_handlers.help_command(update, context)  # /cancel with nothing to cancel
        else:
            await officers.on_text(update, context)
        return
    chat_id = message.chat.id
    lang = await context.services.language(user)
    if body.lower() in ("/cancel", "cancel", "रद्द"):
        await context.services.write(lambda s: drafts.drop(s, user.id))
        await respond.send_html(context.bot, chat_id, text(lang, "bc_cancelled"))
        return
    if draft.stage == "audience":
        await _choose_audience(context, chat_id, user.id, body, lang)
    elif draft.stage in ("confirm", "when"):
        await _schedule_typed(context, chat_id, user.id, body, lang)
    elif draft.stage in ("text_en", "text_hi"):
        if not body or not fits(body):
            await respond.send_html(context.bot, chat_id, text(lang, "bc_text_bad"))
            return
        if draft.stage == "text_en":
            if await _advance(context, user.id, "text_en", "text_hi", text_en=body):
                await context.bot.send_message(
                    chat_id, text(lang, "bc_ask_hi"),
                    reply_markup=_buttons([(text(lang, "btn_skip"), "b|skip")]))
        elif await _advance(context, user.id, "text_hi", "confirm", text_hi=body):
            await _preview(context, chat_id, user.id, lang)


async def _advance(context: BotContext, user_id: int, expected: drafts.Stage, to: drafts.Stage,
                   **values: object) -> bool:
    now = context.services.clock()
    return await context.services.write(
        lambda s: drafts.advance(s, user_id, expected, to, now, **values))


async def _choose_audience(context: BotContext, chat_id: int, user_id: int, spec: str,
                           lang: Lang) -> None:
    index = context.services.engine.index  # product words read as questions read them
    now = context.services.clock()

    def work(session: Session) -> tuple[audiences.Audience, int] | None:
        chosen = audiences.parse(session, spec, index)
        size = outbox.audience_size(session, chosen.targets)
        target = chosen.targets[0]
        moved = drafts.advance(session, user_id, "audience", "text_en", now,
                               target_kind=target.kind, target_key=target.key,
                               label=chosen.label, size=size)
        return (chosen, size) if moved else None

    try:
        done = await context.services.write(work)
    except audiences.BadAudience as err:
        await respond.send_html(context.bot, chat_id, _escape(_bad_audience(err, lang)))
        return
    if done is None:
        return  # the draft moved on (a double tap) or was cancelled meanwhile
    chosen, size = done
    await respond.send_html(context.bot, chat_id, text(
        lang, "bc_audience_chosen", label=_escape(audience_label(chosen.label, lang)),
        size=size))


def _bad_audience(err: audiences.BadAudience, lang: Lang) -> str:
    """Why an audience was refused, in the admin's language."""
    values = {k: repr(v) if k in ("spec", "name") else v for k, v in err.values.items()}
    try:
        said = text(lang, f"bc_bad_{err.reason}", **values)
    except (KeyError, IndexError):
        return str(err)
    if err.values.get("near"):
        said += text(lang, "bc_bad_near", near=err.values["near"])
    return said


async def _preview(context: BotContext, chat_id: int, user_id: int, lang: Lang) -> None:
    """Send the message as subscribers will see it (each language), then the summary."""
    now = context.services.clock()
    draft = await context.services.read(lambda s: drafts.get(s, user_id, now))
    if draft is None:
        return
    for reader, body in (("en", draft.text_en), ("hi", draft.text_hi)):
        if body:
            sample = Claimed((0,), (0,), 0, chat_id, "private", reader, "broadcast",
                             ((draft.text_en, draft.text_hi),), 0)
            notice = render_notice(sample)
            await context.bot.send_message(chat_id, notice.html, parse_mode="HTML",
                                           reply_markup=notice.keyboard)
    summary = preview_summary(draft.label, draft.size, context.services.broadcast_rate,
                              context.services.paid_broadcast, lang)
    later = [(text(lang, f"sched_{c.key}"), f"b|at:{int(c.at)}")
             for c in schedule.choices(context.services.clock())]
    await context.bot.send_message(chat_id, summary, parse_mode="HTML", reply_markup=_buttons(
        [(text(lang, "btn_send_now"), "b|go"), (text(lang, "btn_urgent"), "b|urgent")],
        later[:2], later[2:],
        [(text(lang, "sched_other"), "b|when"), (text(lang, "btn_cancel"), "b|stop")],
    ))


async def _schedule_typed(context: BotContext, chat_id: int, user_id: int, typed: str,
                          lang: Lang) -> None:
    """A time typed after the preview: IST; one that has passed is refused, the draft kept."""
    now = context.services.clock()
    try:
        at = schedule.parse(typed, now)
    except schedule.BadTime as err:
        if err.reason == "past":
            said = text(lang, "sched_past", when=schedule.shown(err.at),
                        now=schedule.shown(now))
        elif err.reason == "far":
            said = text(lang, "sched_far")
        else:
            said = text(lang, "sched_bad", typed=_escape(typed[:40]))
        await respond.send_html(context.bot, chat_id, said)
        return
    await _take_and_queue(context, chat_id, user_id, "b|later", lang, send_at=at)


async def on_button(update: Update, context: BotContext) -> None:
    """The draft's buttons, and /broadcasts' pause, resume, cancel and recall."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    chat_id, data = query.message.chat.id, query.data or ""
    lang = await context.services.language(query.from_user)
    if not _is_admin(update, context):
        await query.answer(text(lang, "bc_admins_only"), show_alert=True)
        return
    await query.answer()
    user_id = query.from_user.id
    if data == "b|stop":
        await context.services.write(lambda s: drafts.drop(s, user_id))
        await respond.send_html(context.bot, chat_id, text(lang, "bc_cancelled"))
    elif data == "b|all":
        await _choose_audience(context, chat_id, user_id, "all", lang)
    elif data == "b|skip":
        if await _advance(context, user_id, "text_hi", "confirm", text_hi=None):
            await _preview(context, chat_id, user_id, lang)
    elif data in ("b|go", "b|urgent", "b|later"):
        await _take_and_queue(context, chat_id, user_id, data, lang)
    elif data == "b|when":
        if await _advance(context, user_id, "confirm", "when") or await _advance(
                context, user_id, "when", "when"):
            await respond.send_html(context.bot, chat_id, text(lang, "sched_ask"))
    elif data.startswith("b|at:") and data[5:].isdigit():
        # the time the button was made for; tapped after it passed, it is refused
        now = context.services.clock()
        draft = await context.services.read(lambda s: drafts.get(s, user_id, now))
        if draft is not None and draft.stage in ("confirm", "when"):
            await _schedule_typed(context, chat_id, user_id, _typed(float(data[5:])), lang)
    elif data.startswith(("b|p:", "b|r:", "b|c:", "b|x:")):
        await _manage(context, chat_id, data, lang)


async def _take_and_queue(context: BotContext, chat_id: int, user_id: int, how: str,
                          lang: Lang, send_at: float | None = None) -> None:
    """Queue the draft if it is waiting for a decision; only one tap of many gets it."""
    now = context.services.clock()
    draft = await context.services.write(lambda s: drafts.take(s, user_id, now))
    if draft is not None:
        await _queue(context, chat_id, user_id, draft, how, lang, send_at)


async def _queue(context: BotContext, chat_id: int, user_id: int, draft: Draft, how: str,
                 lang: Lang, send_at: float | None = None) -> None:
    now = context.services.clock()
    if how == "b|later" and send_at is None:
        send_at = quiet.next_digest(now)  # a button of an older version: 09:00 IST
    assert draft.target_kind is not None
    target = Target(draft.target_kind, draft.target_key)
    rate = context.services.broadcast_rate
    bid, total = await context.services.write(lambda s: outbox.create_broadcast(
        s, targets=[target], audience=draft.label, text_en=draft.text_en,
        text_hi=draft.text_hi, now=now, send_at=send_at, urgent=how == "b|urgent",
        created_by=f"admin:{user_id}", rate=rate))
    if send_at is not None:
        said = text(lang, "sched_queued", id=bid, when=schedule.shown(send_at), total=total)
    else:
        said = queued_text(bid, total, rate, lang)
    progress = await context.bot.send_message(chat_id, said)
    await context.services.write(lambda s: reports.set_progress_message(s, bid, chat_id,
                                                             progress.message_id))


async def broadcasts(update: Update, context: BotContext) -> None:
    """List recent broadcasts with pause, resume, cancel and recall buttons."""
    admin = await _admin_chat(update, context)
    if admin is None:
        return
    chat, lang = admin
    rows = await context.services.write(lambda s: [(b.id, b.status, b.total, b.audience, b.kind)
                                         for b in reports.recent(s)])
    if not rows:
        await respond.send_html(context.bot, chat.id, text(lang, "bc_none"))
        return
    lines, keys = [], []
    for bid, status, total, label, kind in rows:
        lines.append(text(lang, "bc_list_line", id=bid, kind=kind_word(kind, lang),
                          status=_escape(status_word(status, lang)), total=total,
                          label=_escape(audience_label(label, lang))))
        keys.append([("⏸", f"b|p:{bid}"), ("▶", f"b|r:{bid}"), ("✖", f"b|c:{bid}"),
                     (f"↩ #{bid}", f"b|x:{bid}")])
    await context.bot.send_message(chat.id, "\n".join(lines), parse_mode="HTML",
                                   reply_markup=_buttons(*keys))


async def _manage(context: BotContext, chat_id: int, data: str, lang: Lang) -> None:
    verb, bid = data[2], int(data[4:])
    now = context.services.clock()
    if verb == "x":
        recall = await context.services.write(lambda s: reports.request_recall(s, bid, now))
        said = (recall_text(bid, recall.recallable, recall.too_old, lang) if recall
                else text(lang, "bc_no_such"))
    else:
        status = {"p": PAUSED, "r": ACTIVE, "c": CANCELLED}[verb]
        ok = await context.services.write(lambda s: reports.set_status(s, bid, status, now))
        said = (text(lang, "bc_status_set", id=bid, status=status_word(status, lang)) if ok
                else text(lang, "bc_no_such"))
    await respond.send_html(context.bot, chat_id, said)


def _escape(value: str) -> str:
    return html.escape(value)


def _typed(at: float) -> str:
    """A button's time written as an admin would type it, so both take one path."""
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(at + 5.5 * 3600))
