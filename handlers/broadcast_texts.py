"""The figures of a broadcast as the admin sees them (chat, in the admin's language) and
`broadcast show` prints (CLI, English). The words come from handlers/strings.py."""

from __future__ import annotations

import html

from handlers.strings import Lang, text
from knowledge.delivery.reports import Progress

PAID_STARS_PER_MESSAGE = 0.1  # Telegram's fee per message with allow_paid_broadcast


def duration(seconds: float, lang: Lang = "en") -> str:
    seconds = round(seconds)
    if seconds < 60:
        return text(lang, "bc_seconds", s=seconds)
    if seconds < 3600:
        return text(lang, "bc_minutes", m=seconds // 60, s=seconds % 60)
    return text(lang, "bc_hours", h=seconds // 3600, m=seconds % 3600 // 60)


def status_word(status: str, lang: Lang = "en") -> str:
    key = f"bc_status_{status}"
    return text(lang, key) if key in _KNOWN else status


def progress_lines(p: Progress, lang: Lang = "en") -> list[str]:
    c = p.counts
    return [
        text(lang, "bc_head", id=p.broadcast_id, status=status_word(p.status, lang),
             total=p.total),
        text(lang, "bc_counts", sent=c.get("sent", 0), blocked=c.get("blocked", 0),
             failed=c.get("failed", 0), skipped=c.get("skipped", 0),
             cancelled=c.get("cancelled", 0), pending=p.pending),
        text(lang, "bc_pace", rate=f"{p.rate:g}", left=duration(p.seconds_left(), lang)),
    ]


def progress_html(p: Progress, lang: Lang = "en") -> str:
    first, *rest = progress_lines(p, lang)
    return "\n".join([f"<b>{html.escape(first)}</b>", *map(html.escape, rest)])


def report_caption(p: Progress, lang: Lang = "en") -> str:
    return "\n".join([text(lang, "bc_finished"), *map(html.escape, progress_lines(p, lang))])


def queued_text(broadcast_id: int, total: int, rate: float, lang: Lang = "en") -> str:
    return text(lang, "bc_queued", id=broadcast_id, total=total,
                left=duration(total / rate, lang))


def recall_text(broadcast_id: int, recallable: int, too_old: int, lang: Lang = "en") -> str:
    said = text(lang, "bc_recall", id=broadcast_id, recallable=recallable)
    if too_old:
        said += "\n" + text(lang, "bc_recall_old", old=too_old)
    return said


def preview_summary(label: str, size: int, rate: float, paid: bool, lang: Lang = "en") -> str:
    """What the admin reads under the preview, before confirming."""
    lines = [
        text(lang, "bc_summary_audience", label=html.escape(audience_label(label, lang)),
             size=size),
        text(lang, "bc_summary_time", left=duration(size / rate, lang), rate=f"{rate:g}"),
    ]
    if paid:
        lines.append(text(lang, "bc_summary_paid", stars=f"{paid_stars(size):g}"))
    return "\n".join(lines)


def audience_label(label: str, lang: Lang = "en") -> str:
    """An audience label as stored ("all", "state:Bihar", ...) in the admin's words."""
    if lang == "en":
        return label
    if label == "all":
        return text(lang, "bc_all")
    kind, sep, name = label.partition(":")
    if sep and kind in ("state", "district", "product"):
        return text(lang, f"bc_label_{kind}", name=name)
    return label


def kind_word(kind: str, lang: Lang = "en") -> str:
    return text(lang, f"bc_kind_{kind}") if kind in ("broadcast", "alert") else kind


def paid_stars(size: int) -> float:
    """The most a paid broadcast to `size` chats costs, in Telegram Stars."""
    return round(size * PAID_STARS_PER_MESSAGE, 1)


_KNOWN = {f"bc_status_{s}" for s in ("active", "paused", "cancelled", "recalling", "recalled")}
