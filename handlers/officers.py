"""/setstatus and /history: officers keep a district's plan status current from the chat.

/setstatus asks district → status → date → source, shows a preview, and records on Confirm.
Each step is kept in the database (`knowledge.drafts`), so the next message may reach another
replica or a restarted bot. Anyone who is neither an officer nor an admin is refused, and the
attempt is logged.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session
from telegram import CallbackQuery, Chat, InlineKeyboardMarkup, Update, User
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from handlers import chat as chat_handlers
from handlers import officer_texts as view
from handlers import respond
from handlers.context import BotContext
from handlers.officer_texts import Press
from handlers.render import escape
from handlers.strings import Lang, text
from knowledge import audit, drafts, status, updates
from knowledge.audit import Actor
from knowledge.drafts import Draft
from knowledge.status import Step
from knowledge.updates import InvalidUpdate, Place, Reported, StatusChange

log = logging.getLogger(__name__)


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().date()


async def _officer(
    update: Update, context: BotContext, command: str
) -> tuple[Chat, User, Lang] | None:
    """The chat, user and language if the user may use an officer command; else refuse."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return None
    lang = await context.services.language(user)
    if not context.services.is_officer(user.id):
        log.warning("refused /%s from user %s (not an officer or admin)", command, user.id)
        await respond.send_html(context.bot, chat.id, text(lang, "not_officer"))
        return None
    if chat.type != ChatType.PRIVATE:
        await respond.send_html(context.bot, chat.id, text(lang, "private_only"))
        return None
    return chat, user, lang


async def _say(
    context: BotContext, chat_id: int, html_text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    await context.bot.send_message(chat_id, html_text, parse_mode=ParseMode.HTML,
                                   reply_markup=keyboard, link_preview_options=respond.NO_PREVIEW)


async def setstatus(update: Update, context: BotContext) -> None:
    """Start an officer's status update (the district may follow the command)."""
    allowed = await _officer(update, context, "setstatus")
    if allowed is None:
        return
    chat, user, lang = allowed
    at = now()
    await context.services.write(lambda s: drafts.start(s, user.id, at))
    typed = " ".join(context.args or [])
    if typed:
        await _district_typed(context, chat.id, user.id, typed, lang)
    else:
        await _say(context, chat.id, text(lang, "ss_ask_district"), view.cancel_keyboard(lang))


async def history(update: Update, context: BotContext) -> None:
    """Show the changes people made to the district named after /history, newest first."""
    allowed = await _officer(update, context, "history")
    if allowed is None:
        return
    chat, _user, lang = allowed
    typed = " ".join(context.args or [])
    found = updates.find_district(context.services.engine, typed)
    district = found.district
    if district is None:
        if not typed:
            reply = text(lang, "ask_history")
        elif found.options:
            names = ", ".join(f"{d.name}, {d.state}" for d in found.options)
            reply = text(lang, "history_pick", text=_quote(typed), names=escape(names))
        else:
            reply = text(lang, "history_unknown", text=_quote(typed))
        await respond.send_html(context.bot, chat.id, reply)
        return
    district_id = district.id
    place, changes = await context.services.read(
        lambda s: (updates.place(s, district_id), audit.history(s, district_id)))
    if place is not None:
        await respond.send_html(context.bot, chat.id, view.history(place, changes, lang))


async def on_text(update: Update, context: BotContext) -> None:
    """An officer's message: the next answer of a /setstatus in progress, else a question."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or user is None or message is None or not message.text:
        return
    at = now()
    draft = await context.services.read(lambda s: drafts.get(s, user.id, at))
    if draft is None or draft.stage not in ("district", "date", "source"):
        await chat_handlers.ask(update, context)
        return
    lang = await context.services.language(user)
    typed = message.text.strip()
    if draft.stage == "district":
        await _district_typed(context, chat.id, user.id, typed, lang)
    elif draft.stage == "date":
        await _date_typed(context, chat.id, draft, typed, lang)
    else:
        await _source_typed(context, chat.id, user, draft, typed, lang)


async def on_button(update: Update, context: BotContext) -> None:
    """A /setstatus button: a district, a status, today, confirm or cancel."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    lang = await context.services.language(user)
    press = view.decode(query.data)
    if press is None or not context.services.is_officer(user.id):
        if press is not None:
            log.warning("refused a /setstatus button from user %s", user.id)
        await query.answer(text(lang, "stale_button"))
        return
    if press.verb == "cancel":
        await context.services.write(lambda s: drafts.drop(s, user.id))
        await query.answer()
        await _edit(query, text(lang, "ss_cancelled"))
    elif press.verb == "confirm":
        await _confirm(query, context, user, lang)
    else:
        await _advance_by_button(query, context, user, press, lang)


# --- the steps -------------------------------------------------------------------------------


async def _district_typed(
    context: BotContext, chat_id: int, user_id: int, typed: str, lang: Lang
) -> None:
    found = updates.find_district(context.services.engine, typed)
    if found.options:
        await _say(context, chat_id, text(lang, "ss_pick_district", text=_quote(typed)),
                   view.districts_keyboard(found.options, lang))
    elif found.district is None:
        await _say(context, chat_id, text(lang, "ss_no_district", text=_quote(typed)),
                   view.cancel_keyboard(lang))
    else:
        body = await _choose_district(context, user_id, found.district.id, lang)
        await _say(context, chat_id, *(body or (text(lang, "ss_expired"), None)))


async def _choose_district(
    context: BotContext, user_id: int, district_id: int, lang: Lang
) -> tuple[str, InlineKeyboardMarkup] | None:
    """Store the district; return the status question (None if the draft moved on)."""
    at = now()

    def work(session: Session) -> tuple[Place, str] | None:
        place = updates.place(session, district_id)
        if place is None or not drafts.advance(session, user_id, "district", "status", at,
                                               district_id=district_id):
            return None
        return place, updates.describe(*updates.latest(session, district_id), lang)

    done = await context.services.write(work)
    if done is None:
        return None
    return view.ask_status(done[0], done[1], lang), view.status_keyboard(lang)


async def _advance_by_button(
    query: CallbackQuery, context: BotContext, user: User, press: Press, lang: Lang
) -> None:
    at = now()
    draft = await context.services.read(lambda s: drafts.get(s, user.id, at))
    body: tuple[str, InlineKeyboardMarkup] | None = None
    if draft is not None and press.verb == "district":
        body = await _choose_district(context, user.id, press.district_id, lang)
    elif draft is not None and press.verb == "status" and press.step is not None:
        step = press.step
        if await context.services.write(lambda s: drafts.advance(
                s, user.id, "status", "date", at, step=step)):
            place = await _place(context, draft)
            body = view.ask_date(place, step, today().isoformat(), lang), view.date_keyboard(lang)
    elif draft is not None and press.verb == "today":
        body = await _store_date(context, user.id, draft, today(), lang)
    if body is None:
        await query.answer(text(lang, "ss_expired"))
        return
    await query.answer()
    await _edit(query, *body)


async def _date_typed(
    context: BotContext, chat_id: int, draft: Draft, typed: str, lang: Lang
) -> None:
    try:
        day = updates.parse_date(typed, today())
    except InvalidUpdate:
        await _say(context, chat_id, text(lang, "ss_bad_date", text=_quote(typed),
                                          today=today().isoformat()), view.date_keyboard(lang))
        return
    body = await _store_date(context, draft.user_id, draft, day, lang)
    await _say(context, chat_id, *(body or (text(lang, "ss_expired"), None)))


async def _store_date(
    context: BotContext, user_id: int, draft: Draft, day: date, lang: Lang
) -> tuple[str, InlineKeyboardMarkup] | None:
    at, iso, step = now(), day.isoformat(), _step(draft)
    if step is None or not await context.services.write(
            lambda s: drafts.advance(s, user_id, "date", "source", at, as_of=iso)):
        return None
    place = await _place(context, draft)
    return view.ask_source(place, step, iso, lang), view.cancel_keyboard(lang)


async def _source_typed(
    context: BotContext, chat_id: int, user: User, draft: Draft, typed: str, lang: Lang
) -> None:
    try:
        source = updates.check_source(typed)
    except InvalidUpdate:
        await _say(context, chat_id, text(lang, "ss_bad_source"), view.cancel_keyboard(lang))
        return
    at = now()

    def work(session: Session) -> tuple[Place, str] | None:
        if draft.district_id is None or not drafts.advance(
                session, user.id, "source", "confirm", at, source=source):
            return None
        place = updates.place(session, draft.district_id)
        old = updates.describe(*updates.latest(session, draft.district_id), lang)
        return None if place is None else (place, old)

    step = _step(draft)
    done = await context.services.write(work)
    if done is None or step is None or draft.as_of is None:
        await _say(context, chat_id, text(lang, "ss_expired"))
        return
    place, old = done
    body = view.preview(place, old, step, draft.as_of, source, user.full_name, lang)
    await _say(context, chat_id, body, view.confirm_keyboard(lang))


async def _confirm(query: CallbackQuery, context: BotContext, user: User, lang: Lang) -> None:
    at = now()
    actor = Actor("telegram", user.full_name, user.id)

    def work(session: Session) -> tuple[Place, StatusChange | None] | None:
        draft = drafts.take(session, user.id, at)
        step = None if draft is None else _step(draft)
        if draft is None or step is None or draft.as_of is None or draft.source is None:
            return None
        place = None if draft.district_id is None else updates.place(session, draft.district_id)
        if place is None:
            return None
        reported = Reported(step, draft.as_of, draft.source)
        return place, updates.record(session, place, reported, actor)

    done = await context.services.write(work)
    if done is None:
        await query.answer(text(lang, "ss_expired"))
        return
    place, change = done
    await query.answer()
    if change is None:
        await _edit(query, text(lang, "ss_same", district=escape(place.label_in(lang))))
        return
    await context.services.reload()
    new = updates.describe(change.new.step, change.new.as_of, lang)
    await _edit(query, text(lang, "ss_saved", district=escape(place.label_in(lang)),
                            new=escape(new), followers=change.alerted))


# --- helpers ---------------------------------------------------------------------------------


def _step(draft: Draft) -> Step | None:
    return next((s for s in status.STEPS if s == draft.step), None)


async def _place(context: BotContext, draft: Draft) -> Place:
    district_id = draft.district_id
    place = None if district_id is None else await context.services.read(
        lambda s: updates.place(s, district_id))
    if place is None:
        raise RuntimeError(f"draft of user {draft.user_id} names no district")
    return place


async def _edit(
    query: CallbackQuery, html_text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    try:
        await query.edit_message_text(html_text, parse_mode=ParseMode.HTML, reply_markup=keyboard,
                                      link_preview_options=respond.NO_PREVIEW)
    except BadRequest as err:
        if "not modified" not in err.message.lower():
            raise


def _quote(typed: str) -> str:
    short = typed if len(typed) <= 60 else typed[:59] + "…"
    return escape(short)
