"""Following: /subscribe, /subscriptions, /unsubscribe, /quiet, /digest, /forget, the 🔔 and
🔕 buttons, and the chat events that change a subscriber (blocked, unblocked, migrated).

Thin: the rules live in knowledge/delivery; database calls run in a worker thread.
"""

from __future__ import annotations

import html
import time

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.constants import ChatMemberStatus, ChatType

from handlers import follow_data, respond
from handlers.context import BotContext
from handlers.follow_data import Drop, Follow, FollowWord, Forget
from handlers.strings import Lang, text
from knowledge.answer import Answer
from knowledge.delivery import audience as audiences
from knowledge.delivery import quiet, subscriptions
from knowledge.delivery.models import ALL, DISTRICT, PRODUCT, STATE
from knowledge.delivery.outbox import Target
from knowledge.wording import district_label, followed_label

KINDS = {"a": ALL, "d": DISTRICT, "s": STATE, "P": PRODUCT}
ADMINS = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def _lang(context: BotContext, user: User | None) -> Lang:
    return await context.services.language(user) if user is not None else "en"


async def _may_manage(context: BotContext, chat: Chat, user: User | None, *,
                      tapped: bool = False) -> bool:
    """In a group or channel only its administrators change what it follows."""
    if chat.type == ChatType.PRIVATE:
        return True
    if chat.type == ChatType.CHANNEL and not tapped:
        return True  # a command: in a channel only its administrators can post at all
    # a button under a channel post can be tapped by any reader of the channel
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ADMINS


async def _refuse_if_not_allowed(update: Update, context: BotContext, lang: Lang) -> bool:
    chat = update.effective_chat
    assert chat is not None
    if await _may_manage(context, chat, update.effective_user):
        return False
    await respond.send_html(context.bot, chat.id, text(lang, "follow_group_admins"))
    return True


async def subscribe(update: Update, context: BotContext) -> None:
    """Follow everything, a district, a State or a product; without a name, offer buttons."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = await _lang(context, user)
    if await _refuse_if_not_allowed(update, context, lang):
        return
    words = " ".join(context.args or []).strip()
    if not words:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(
            text(lang, "btn_follow_all"), callback_data=follow_data.follow("a"))]])
        await context.bot.send_message(chat.id, text(lang, "subscribe_how"),
                                       parse_mode="HTML", reply_markup=keyboard)
        return
    first, _, rest = words.partition(" ")
    kind = first.lower()
    if kind in ("all", "everything", "सब"):
        spec = "all"
    elif kind in ("state", "राज्य") and rest:
        spec = f"state:{rest}"
    elif kind in ("product", "उत्पाद") and rest:
        await _subscribe_product(context, chat, rest, lang)
        return
    else:
        await _subscribe_district(update, context, words, lang)
        return
    try:
        target = await context.services.write(lambda s: audiences.parse(s, spec))
    except audiences.BadAudience:
        await respond.send_html(context.bot, chat.id,
                                text(lang, "follow_unknown", name=html.escape(rest or words)))
        return
    label = "everything" if spec == "all" else target.label.partition(":")[2]
    await _follow(context, chat, target.targets[0], label, lang)


async def _subscribe_district(update: Update, context: BotContext, words: str, lang: Lang
                              ) -> None:
    """A district by name, understood like a question (typos, Hindi); ambiguity asks back."""
    chat = update.effective_chat
    assert chat is not None
    answer = context.services.ask(words, "district_products")
    if answer.clarify:
        rows = [[InlineKeyboardButton(district_label(option.district, lang),
                                      callback_data=follow_data.follow("d", option.district.id))]
                for option in answer.clarify[:8]]
        await context.bot.send_message(chat.id, text(lang, "clarify_pick"),
                                       reply_markup=InlineKeyboardMarkup(rows))
        return
    target = await _place(context, answer)
    if target is not None:
        await _follow(context, chat, target.targets[0], target.label, lang)
        return
    # "/subscribe pyaz": a product word without the word "product"
    await _subscribe_product(context, chat, words, lang)


async def _place(context: BotContext, answer: Answer) -> audiences.Audience | None:
    """The one district (or else State) a question read as a place names, if any."""
    if len(answer.districts) == 1 and not answer.clarify:
        did = answer.districts[0].id
        return await context.services.write(lambda s: audiences.followable(s, DISTRICT, did))
    if not answer.districts and len(answer.states) == 1 and not answer.topic:
        sid = answer.states[0].id
        return await context.services.write(lambda s: audiences.followable(s, STATE, sid))
    return None


async def _subscribe_product(context: BotContext, chat: Chat, words: str, lang: Lang) -> None:
    """A product word (any spelling, Hindi too); a word it cannot read asks back."""
    found = context.services.product_concept(words)
    if found is not None:
        target = audiences.followable_product(found)
        await _follow(context, chat, target.targets[0], target.label, lang)
        return
    rows = [[InlineKeyboardButton(f"🔔 {word}", callback_data=data)]
            for word in context.services.product_suggestions(words)
            if (data := follow_data.follow_word(word)) is not None]
    if rows:
        await context.bot.send_message(chat.id, text(lang, "follow_which_product",
                                                     name=html.escape(words)),
                                       parse_mode="HTML", reply_markup=InlineKeyboardMarkup(rows))
        return
    await respond.send_html(context.bot, chat.id,
                            text(lang, "follow_unknown", name=html.escape(words)))


def _shown(context: BotContext, label: str, lang: Lang) -> str:
    """A followed thing as stored (English), in the reader's language."""
    return followed_label(label, lang, context.services.engine.catalog)


async def _follow(context: BotContext, chat: Chat, target: Target, label: str,
                  lang: Lang) -> None:
    kind = "channel" if chat.type == ChatType.CHANNEL else str(chat.type)
    added = await context.services.write(lambda s: subscriptions.subscribe(
        s, chat.id, target, label=label, now=time.time(), kind=kind, lang=lang))
    key = "follow_added" if added else "follow_already"
    what = html.escape(_shown(context, label, lang))
    await respond.send_html(context.bot, chat.id, text(lang, key, what=what))


async def subscriptions_command(update: Update, context: BotContext) -> None:
    """List what this chat follows, with a remove button each."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = await _lang(context, user)
    follows = await context.services.write(lambda s: subscriptions.followed(s, chat.id))
    if not follows:
        await respond.send_html(context.bot, chat.id, text(lang, "follow_none"))
        return
    rows = [[InlineKeyboardButton(f"✖ {_shown(context, f.label, lang)}"[:60],
                                  callback_data=follow_data.drop(f.id))]
            for f in follows[:20]]
    rows.append([InlineKeyboardButton(text(lang, "btn_unsubscribe_all"),
                                      callback_data=follow_data.drop(None))])
    lines = "\n".join(f"• {html.escape(_shown(context, f.label, lang))}" for f in follows)
    await context.bot.send_message(chat.id, f"{text(lang, 'follow_list')}\n{lines}",
                                   parse_mode="HTML", reply_markup=InlineKeyboardMarkup(rows))


async def unsubscribe(update: Update, context: BotContext) -> None:
    """`/unsubscribe all` stops everything; without it, show the list to pick from."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = await _lang(context, user)
    if await _refuse_if_not_allowed(update, context, lang):
        return
    words = " ".join(context.args or []).strip()
    if words.lower() in ("all", "everything", "सब"):
        await context.services.write(lambda s: subscriptions.unsubscribe(s, chat.id))
        await respond.send_html(context.bot, chat.id, text(lang, "follow_dropped_all"))
        return
    if words:
        named = await _named(context, words)
        removed = 0
        if named is not None:
            target = named.targets[0]
            removed = await context.services.write(
                lambda s: subscriptions.unsubscribe(s, chat.id, target))
        if removed:
            await respond.send_html(context.bot, chat.id, text(lang, "follow_dropped"))
            return
        await respond.send_html(context.bot, chat.id,
                                text(lang, "follow_unsub_which", name=html.escape(words)))
    await subscriptions_command(update, context)


async def _named(context: BotContext, words: str) -> audiences.Audience | None:
    """What `/unsubscribe NAME` names, read as /subscribe reads it (no ask-back: the list of
    what the chat follows is shown instead)."""
    first, _, rest = words.partition(" ")
    kind = first.lower()
    if kind in ("state", "राज्य") and rest:
        try:
            return await context.services.write(lambda s: audiences.parse(s, f"state:{rest}"))
        except audiences.BadAudience:
            return None
    if kind in ("product", "उत्पाद") and rest:
        words = rest
    else:
        place = await _place(context, context.services.ask(words, "district_products"))
        if place is not None:
            return place
    found = context.services.product_concept(words)
    return None if found is None else audiences.followable_product(found)


async def quiet_hours(update: Update, context: BotContext) -> None:
    """Set this chat's quiet hours: `/quiet 22:00-07:00`, `/quiet off`, `/quiet default`."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = await _lang(context, user)
    if await _refuse_if_not_allowed(update, context, lang):
        return
    spec = " ".join(context.args or []).strip()
    if not spec:
        await respond.send_html(context.bot, chat.id, text(lang, "quiet_how"))
        return
    value: str | None = None if spec.lower() == "default" else spec
    try:
        await context.services.write(lambda s: subscriptions.set_quiet(s, chat.id, value))
    except quiet.BadQuietHours:
        await respond.send_html(context.bot, chat.id, text(lang, "quiet_how"))
        return
    shown = html.escape(spec)
    await respond.send_html(context.bot, chat.id, text(lang, "quiet_set", hours=shown))


async def digest(update: Update, context: BotContext) -> None:
    """`/digest on`: alerts come once a day in one message; `/digest off`: as they happen."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = await _lang(context, user)
    if await _refuse_if_not_allowed(update, context, lang):
        return
    choice = " ".join(context.args or []).strip().lower()
    if choice not in ("on", "off"):
        await respond.send_html(context.bot, chat.id, text(lang, "digest_how"))
        return
    await context.services.write(lambda s: subscriptions.set_digest(s, chat.id, choice == "on"))
    await respond.send_html(context.bot, chat.id, text(lang, f"digest_{choice}"))


async def forget(update: Update, context: BotContext) -> None:
    """Offer to delete everything stored about this chat (after a confirm)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = await _lang(context, user)
    keyboard = InlineKeyboardMarkup([[
        InlineKeyboardButton(text(lang, "btn_forget"), callback_data=follow_data.FORGET),
        InlineKeyboardButton(text(lang, "btn_keep"), callback_data=follow_data.KEEP),
    ]])
    await context.bot.send_message(chat.id, text(lang, "forget_confirm"),
                                   reply_markup=keyboard)


async def on_follow_button(update: Update, context: BotContext) -> None:
    """🔔, ✖, 🔕 and /forget's buttons."""
    query = update.callback_query
    if query is None or query.message is None:
        if query is not None:
            await query.answer()
        return
    chat = query.message.chat
    lang = await _lang(context, query.from_user)
    action = follow_data.decode(query.data)
    if action is None:
        await query.answer(text(lang, "stale_button"))
        return
    if not isinstance(action, Forget) and not await _may_manage(
            context, chat, query.from_user, tapped=True):
        await query.answer(text(lang, "follow_group_admins"), show_alert=True)
        return
    if isinstance(action, Follow | FollowWord):
        target = await _followable(context, action)
        if target is None:
            await query.answer(text(lang, "stale_button"))
            return
        kind_name = "channel" if chat.type == ChatType.CHANNEL else str(chat.type)
        added = await context.services.write(lambda s: subscriptions.subscribe(
            s, chat.id, target.targets[0], label=target.label, now=time.time(),
            kind=kind_name, lang=lang))
        key = "follow_added" if added else "follow_already"
        await query.answer(text(lang, key, what=_shown(context, target.label, lang))[:200])
    elif isinstance(action, Drop):
        sid = action.subscription_id
        if sid is None:
            await context.services.write(lambda s: subscriptions.unsubscribe(s, chat.id))
            await query.answer(text(lang, "follow_dropped_all")[:200])
        else:
            await context.services.write(lambda s: subscriptions.unsubscribe_id(s, chat.id, sid))
            await query.answer(text(lang, "follow_dropped")[:200])
    elif action.confirmed:
        user_id = query.from_user.id
        # a group's member deletes their own data; what the group follows is its admins' call
        whole = await _may_manage(context, chat, query.from_user, tapped=True)
        chat_id = chat.id if whole else None
        await context.services.write(lambda s: subscriptions.forget(s, chat_id, person=user_id))
        await query.answer()
        await query.edit_message_text(text(lang, "forgotten" if whole else "forget_group_admins"))
    else:
        await query.answer()
        await query.edit_message_text(text(lang, "forget_kept"))


async def _followable(context: BotContext, action: Follow | FollowWord
                      ) -> audiences.Audience | None:
    """What a 🔔 button names, if it still names something."""
    services = context.services
    if isinstance(action, FollowWord):
        found = services.product_concept(action.word)
    elif action.kind == "P":
        found = services.product_concept_by_id(action.ident)
    else:
        kind, ident = KINDS[action.kind], action.ident
        return await services.write(lambda s: audiences.followable(s, kind, ident))
    return None if found is None else audiences.followable_product(found)


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """Blocked or removed: the subscriber goes inactive (kept); unblocked or re-added: active."""
    change = update.my_chat_member
    if change is None:
        return
    chat_id, status = change.chat.id, change.new_chat_member.status
    if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        reason = "blocked" if change.chat.type == ChatType.PRIVATE else "kicked"
        await context.services.write(lambda s: subscriptions.deactivate(s, chat_id, reason))
    elif status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR):
        await context.services.write(lambda s: subscriptions.reactivate(s, chat_id))


async def on_migrate(update: Update, context: BotContext) -> None:
    """A group became a supergroup: what it followed moves to the new chat id."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    old, new = message.chat.id, int(message.migrate_to_chat_id)
    await context.services.write(lambda s: subscriptions.migrate(s, old, new))
