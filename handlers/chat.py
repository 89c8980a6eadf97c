"""Commands and free text: read the input, ask the engine, send the rendered answer."""

from __future__ import annotations

from telegram import Update

from handlers import render, respond, texts
from handlers.buttons import deep_link_code
from handlers.context import BotContext
from handlers.strings import Lang, text
from knowledge.answer import Answer, Intent


async def _reply(update: Update, context: BotContext, answer: Answer, lang: Lang) -> None:
    chat = update.effective_chat
    if chat is not None:
        await respond.send(context.bot, chat.id, render.render(answer, lang))


async def _ask(update: Update, context: BotContext, query: str, hint: Intent | None) -> None:
    """Answer `query` (a command's argument or free text) and log the question."""
    services = context.services
    lang = await services.language(update.effective_user)
    answer = services.ask(query, hint, render.page(0))
    message = update.effective_message
    asked = message.text if message is not None and message.text else query
    services.log_question("text" if hint is None else "command", lang, asked, answer)
    await _reply(update, context, answer, lang)


async def _prompt_or_ask(
    update: Update, context: BotContext, hint: Intent, prompt: str
) -> None:
    query = " ".join(context.args or [])
    if query:
        await _ask(update, context, query, hint)
        return
    chat = update.effective_chat
    if chat is not None:
        lang = await context.services.language(update.effective_user)
        await respond.send_html(context.bot, chat.id, text(lang, prompt))


async def start(update: Update, context: BotContext) -> None:
    """Greet the user, or open the district card a deep link (d_<lgd code>) names."""
    services, chat, user = context.services, update.effective_chat, update.effective_user
    lang = await services.language(user)
    if chat is None:
        return
    code = deep_link_code(context.args[0]) if context.args else None
    if code is None:
        name = user.first_name if user else ""
        await respond.send_html(context.bot, chat.id, texts.welcome(lang, name))
        return
    ref = services.by_lgd(code)
    if ref is None:
        await respond.send_html(context.bot, chat.id, text(lang, "deep_link_unknown"))
        return
    await _reply(update, context, services.district(ref.id), lang)


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands (from the command table) in the user's language."""
    services, chat, user = context.services, update.effective_chat, update.effective_user
    if chat is None:
        return
    lang = await services.language(user)
    admin = user is not None and user.id in services.admin_ids
    officer = user is not None and user.id in services.officer_ids
    body = texts.help_text(lang, context.bot.username, admin=admin, officer=officer)
    await respond.send_html(context.bot, chat.id, body)


async def district(update: Update, context: BotContext) -> None:
    """Show the products of the district named after /district."""
    await _prompt_or_ask(update, context, "district_products", "ask_district")


async def product(update: Update, context: BotContext) -> None:
    """Show the districts with the product named after /product."""
    await _prompt_or_ask(update, context, "product_districts", "ask_product")


async def state(update: Update, context: BotContext) -> None:
    """Show the overview of the state named after /state."""
    await _prompt_or_ask(update, context, "state_overview", "ask_state")


async def status(update: Update, context: BotContext) -> None:
    """Show a district's or state's plan status; alone, the national figures over time."""
    query = " ".join(context.args or [])
    await _ask(update, context, query, "plan_status" if query else "stats")


async def contact(update: Update, context: BotContext) -> None:
    """Show whom to contact about a district, state or product (or in general)."""
    await _ask(update, context, " ".join(context.args or []), "contact")


async def about(update: Update, context: BotContext) -> None:
    """Explain ODOP and where the bot's facts come from."""
    await _ask(update, context, " ".join(context.args or []), "about")


async def ask(update: Update, context: BotContext) -> None:
    """Answer a free-text question."""
    message = update.effective_message
    if message is not None and message.text:
        await _ask(update, context, message.text, None)
