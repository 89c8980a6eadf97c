"""Compose an Answer into a language-aware reply: blocks of styled spans.

The same blocks become plain text here (CLI, `--json` "text") and Telegram HTML in
`handlers/render.py`, so a chat and the command line say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.answer import Answer


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Block:
    """One line or paragraph. `kind` is "title", "item", "para", "source" or "gap"."""

    spans: tuple[Span, ...]
    kind: str = "para"


Reply = tuple[Block, ...]


def compose(answer: Answer, lang: str = "en") -> Reply:
    """Return the reply to `answer` in `lang` ("en" or "hi")."""
    raise NotImplementedError  # filled in with the engine


def to_text(reply: Reply) -> str:
    """Return the reply as plain text, one block per line."""
    lines: list[str] = []
    for block in reply:
        text = "".join(s.text + (f" ({s.link})" if s.link and s.link != s.text else "")
                       for s in block.spans)
        lines.append(("• " + text) if block.kind == "item" else text)
    return "\n".join(lines).strip()
