"""Text lengths as Telegram counts them: in UTF-16 code units.

Telegram's limits (4,096 for a message, 1,024 for a caption, 200 for a callback answer, ...)
count UTF-16 units, so an emoji or any other character outside the Basic Multilingual Plane
counts twice: 2,040 emoji are 2,040 Python characters but 4,080 units. Python strings hold
whole code points, so cutting one between characters never splits a surrogate pair.
"""

from __future__ import annotations

ELLIPSIS = "…"


def count(text: str) -> int:
    """The length of `text` in UTF-16 code units (a lone surrogate counts one, as it would)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def prefix(text: str, limit: int) -> str:
    """The longest start of `text` that is at most `limit` units, cut between characters."""
    if limit <= 0:
        return ""
    encoded = text.encode("utf-16-le", "surrogatepass")[: 2 * limit]
    cut = encoded.decode("utf-16-le", "surrogatepass")
    # The first half of a character whose second half did not fit decodes to a lone surrogate
    # that `text` does not have there: drop it.
    return cut if text.startswith(cut) else cut[:-1]


def clip(text: str, limit: int, tail: str = ELLIPSIS) -> str:
    """`text` if it fits in `limit` units, else as much of it as fits followed by `tail`."""
    if count(text) <= limit:
        return text
    return prefix(text, limit - count(tail)).rstrip() + tail
