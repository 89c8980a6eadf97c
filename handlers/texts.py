"""The bot's own messages (welcome, /help, /stats), as opposed to answers: escaped HTML."""

from __future__ import annotations

from handlers import units
from handlers.commands import help_lines
from handlers.render import LIMIT, escape
from handlers.strings import Lang, text
from knowledge.activity import Summary


def welcome(lang: Lang, first_name: str) -> str:
    return text(lang, "welcome", name=escape(first_name or "🙏"))


def help_text(
    lang: Lang, bot_username: str, *, admin: bool = False, officer: bool = False
) -> str:
    lines = [text(lang, "help_title"),
             *map(escape, help_lines(lang, admin=admin, officer=officer))]
    lines += ["", text(lang, "help_footer", bot=escape(bot_username))]
    return "\n".join(lines)


def stats_text(summary: Summary, lang: Lang) -> str:
    s = summary
    none = text(lang, "stats_none")
    lines = [
        text(lang, "stats_title"),
        text(lang, "stats_queries", total=s.total, answered=s.answered,
             unanswered=s.unanswered_total),
        text(lang, "stats_week", total=s.week_total, unanswered=s.week_unanswered),
        text(lang, "stats_feedback", up=s.up, down=s.down),
        text(lang, "stats_users", users=s.languages_saved),
        "",
        text(lang, "stats_unanswered"),
        *([f"• {escape(q)} ×{n}" for q, n in s.unanswered] or [none]),
        "",
        text(lang, "stats_intents"),
        *([f"• {escape(i)}: {n}" for i, n in s.by_intent] or [none]),
        "",
        text(lang, "stats_downvoted"),
        *([f"• {escape(k)} ×{n}" for k, n in s.downvoted] or [none]),
    ]
    return _fit("\n".join(lines))


def _fit(html_text: str) -> str:
    """Trim the bot's own multi-line HTML to the limit (in UTF-16 units) at a line break."""
    if units.count(html_text) <= LIMIT:
        return html_text
    head = units.prefix(html_text, LIMIT - 2)
    return head[: head.rfind("\n")] + "\n…"
