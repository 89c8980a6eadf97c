"""What /setstatus and /history show: prompts, the preview, the audit log, and their buttons.

Buttons of the /setstatus conversation carry "ss|..." callback data, handled in
`handlers/officers.py` before any other button:

    ss|d:12       the district meant (when a name is shared)
    ss|s:approved the status
    ss|t          today, as the date
    ss|y / ss|n   confirm / cancel
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.render import escape
from handlers.strings import Lang, text
from knowledge import status, updates
from knowledge.answer import DistrictRef
from knowledge.audit import Change
from knowledge.status import Step
from knowledge.wording import district_label

PREFIX = "ss|"
PATTERN = r"^ss\|"
_DATA = re.compile(r"^ss\|(?:(?P<kind>[ds]):(?P<value>[a-z_0-9]{1,20})|(?P<verb>[tyn]))$")


@dataclass(frozen=True)
class Press:
    """A /setstatus button: pick a district or a status, today, confirm or cancel."""

    verb: str  # "district", "status", "today", "confirm", "cancel"
    district_id: int = 0
    step: Step | None = None


def decode(data: str | None) -> Press | None:
    found = _DATA.match(data or "")
    if found is None:
        return None
    verb = found["verb"]
    if verb:
        return Press({"t": "today", "y": "confirm", "n": "cancel"}[verb])
    value = found["value"]
    if found["kind"] == "d":
        return Press("district", int(value)) if value.isdigit() else None
    step = next((s for s in status.STEPS if s == value), None)
    return Press("status", step=step) if step else None


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=PREFIX + data)


def cancel_keyboard(lang: Lang) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(text(lang, "btn_cancel"), "n")]])


def districts_keyboard(options: tuple[DistrictRef, ...], lang: Lang) -> InlineKeyboardMarkup:
    rows = [[_button(district_label(d, lang), f"d:{d.id}")] for d in options]
    return InlineKeyboardMarkup([*rows, [_button(text(lang, "btn_cancel"), "n")]])


def status_keyboard(lang: Lang) -> InlineKeyboardMarkup:
    rows = [[_button(status.label(step, lang), f"s:{step}")] for step in status.STEPS]
    return InlineKeyboardMarkup([*rows, [_button(text(lang, "btn_cancel"), "n")]])


def date_keyboard(lang: Lang) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(text(lang, "btn_today"), "t"),
                                  _button(text(lang, "btn_cancel"), "n")]])


def confirm_keyboard(lang: Lang) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(text(lang, "btn_confirm"), "y"),
                                  _button(text(lang, "btn_cancel"), "n")]])


def ask_status(place: updates.Place, current: str, lang: Lang) -> str:
    return text(lang, "ss_ask_status", district=escape(place.label_in(lang)),
                current=escape(current))


def ask_date(place: updates.Place, step: Step, today: str, lang: Lang) -> str:
    return text(lang, "ss_ask_date", district=escape(place.label_in(lang)),
                status=escape(status.label(step, lang)), today=today)


def ask_source(place: updates.Place, step: Step, day: str, lang: Lang) -> str:
    return text(lang, "ss_ask_source", district=escape(place.label_in(lang)),
                status=escape(status.label(step, lang)), date=day)


def preview(
    place: updates.Place, old: str, step: Step, day: str, source: str, name: str, lang: Lang
) -> str:
    return text(lang, "ss_preview", district=escape(place.label_in(lang)), old=escape(old),
                new=escape(updates.describe(step, day, lang)), source=escape(source),
                name=escape(name))


def history(place: updates.Place, changes: list[Change], lang: Lang) -> str:
    district = escape(place.label_in(lang))
    if not changes:
        return text(lang, "history_none", district=district)
    lines = [text(lang, "history_title", district=district)]
    for c in changes:
        lines.append("")
        plan = c.what == "plan status"
        lines.append(text(lang, "history_line", at=f"{c.at:%Y-%m-%d %H:%M} UTC",
                          who=escape(c.actor.describe()),
                          what=escape(text(lang, "history_plan_status") if plan else c.what),
                          old=escape(_step_in(c.old, lang) if plan else c.old),
                          new=escape(_step_in(c.new, lang) if plan else c.new),
                          source=escape(c.source)))
    return fit("\n".join(lines))


_DESCRIBED = re.compile(r"^(?P<label>[^()]+?)(?: \((?P<day>\d{4}-\d{2}-\d{2})\))?$")


def _step_in(value: str, lang: Lang) -> str:
    """A plan status as the audit log keeps it ("notified (2025-05-01)", "nothing recorded",
    in English) in `lang`; anything else as it is."""
    if lang == "en":
        return value
    if value == updates.describe(None, ""):
        return updates.describe(None, "", lang)
    found = _DESCRIBED.match(value)
    step = found and next((s for s in status.STEPS if status.label(s) == found["label"]), None)
    if not found or step is None:
        return value
    return updates.describe(step, found["day"] or "", lang)


def fit(html_text: str, limit: int = 4096) -> str:
    """Trim to Telegram's limit at a blank line (whole entries only)."""
    if len(html_text) <= limit:
        return html_text
    return html_text[: html_text.rfind("\n\n", 0, limit - 2)] + "\n…"
