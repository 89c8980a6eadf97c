"""All handler registration, in order: flood control, commands, buttons, inline, text."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import (
    admin,
    broadcasting,
    callbacks,
    chat,
    follow_data,
    following,
    guard,
    inline,
    language,
    officer_texts,
    officers,
)
from handlers.commands import COMMANDS
from handlers.context import BotContext

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, None]]

# Every command in the table, and nothing else, has a handler.
COMMAND_HANDLERS: dict[str, Callback] = {
    "start": chat.start,
    "help": chat.help_command,
    "district": chat.district,
    "product": chat.product,
    "state": chat.state,
    "status": chat.status,
    "contact": chat.contact,
    "about": chat.about,
    "language": language.language,
    "stats": admin.stats,
    "setstatus": officers.setstatus,
    "history": officers.history,
    "subscribe": following.subscribe,
    "subscriptions": following.subscriptions_command,
    "unsubscribe": following.unsubscribe,
    "quiet": following.quiet_hours,
    "digest": following.digest,
    "forget": following.forget,
    "broadcast": broadcasting.broadcast,
    "broadcasts": broadcasting.broadcasts,
}
if set(COMMAND_HANDLERS) != {c.name for c in COMMANDS}:
    raise RuntimeError("the command table and COMMAND_HANDLERS disagree")

FLOOD_GROUP = -1


def register(app: Application[Any, BotContext, Any, Any, Any, Any]) -> None:
    """Add every handler to `app`, in the order they are tried."""
    app.add_handler(TypeHandler(Update, guard.check_flood), group=FLOOD_GROUP)
    for command in COMMANDS:
        app.add_handler(CommandHandler(command.name, COMMAND_HANDLERS[command.name]))
    # A channel has no sender: its posts reach the following commands only.
    channel = filters.UpdateType.CHANNEL_POST
    app.add_handler(CommandHandler("subscribe", following.subscribe, filters=channel))
    app.add_handler(CommandHandler("unsubscribe", following.unsubscribe, filters=channel))
    app.add_handler(ChatMemberHandler(following.on_my_chat_member,
                                      ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, following.on_migrate))
    app.add_handler(CallbackQueryHandler(following.on_follow_button,
                                         pattern=f"^{follow_data.PREFIX.replace('|', '[|]')}"))
    app.add_handler(CallbackQueryHandler(broadcasting.on_button, pattern=broadcasting.PATTERN))
    app.add_handler(CallbackQueryHandler(officers.on_button, pattern=officer_texts.PATTERN))
    app.add_handler(CallbackQueryHandler(callbacks.on_button))
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    # Free text and unknown /commands only in private chats: in a group, other people's
    # messages (and commands for other bots) are not questions for us.
    private = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
    # An admin's text may be the next step of a /broadcast being composed, an officer's the
    # next step of a /setstatus (both kept in the database, so any replica continues them);
    # only their messages look there, so nobody else's question costs a database read.
    services = app.bot_data.services
    admin_ids = services.admin_ids if services else frozenset()
    if admin_ids:
        draft = filters.TEXT & (~filters.COMMAND | filters.Regex(r"^/cancel"))
        app.add_handler(MessageHandler(private & filters.User(user_id=admin_ids) & draft,
                                       broadcasting.on_text))
    officer_ids = (services.officer_ids | admin_ids) if services else frozenset()
    if officer_ids:
        officer = filters.User(user_id=officer_ids)
        app.add_handler(MessageHandler(private & officer & filters.TEXT & ~filters.COMMAND,
                                       officers.on_text))
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, chat.ask))
    app.add_handler(MessageHandler(private & filters.COMMAND, chat.help_command))
    app.add_error_handler(guard.on_error)
