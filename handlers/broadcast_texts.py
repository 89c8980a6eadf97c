"""The figures of a broadcast as the admin sees them (chat) and `broadcast show` prints (CLI)."""

from __future__ import annotations

import html

from knowledge.delivery.reports import Progress

PAID_STARS_PER_MESSAGE = 0.1  # Telegram's fee per message with allow_paid_broadcast


def duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def progress_lines(p: Progress) -> list[str]:
    c = p.counts
    return [
        f"broadcast {p.broadcast_id}: {p.status}, {p.total} recipients",
        f"sent {c.get('sent', 0)}, blocked {c.get('blocked', 0)}, failed {c.get('failed', 0)}, "
        f"skipped {c.get('skipped', 0)}, cancelled {c.get('cancelled', 0)}, "
        f"pending {p.pending}",
        f"pace {p.rate:g}/s; time left about {duration(p.seconds_left())}",
    ]


def progress_html(p: Progress) -> str:
    first, *rest = progress_lines(p)
    return "\n".join([f"<b>{html.escape(first)}</b>", *map(html.escape, rest)])


def report_caption(p: Progress) -> str:
    return "\n".join(["<b>Finished.</b>", *map(html.escape, progress_lines(p))])


def preview_summary(label: str, size: int, rate: float, paid: bool) -> str:
    """What the admin reads under the preview, before confirming."""
    lines = [
        f"<b>Audience:</b> {html.escape(label)} — {size} subscribers",
        f"About {duration(size / rate)} at {rate:g} messages a second.",
    ]
    if paid:
        lines.append(f"Paid broadcast is on: up to {size * PAID_STARS_PER_MESSAGE:g} "
                     "Telegram Stars.")
    return "\n".join(lines)
