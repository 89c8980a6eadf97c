"""Callback data of the following buttons, prefixed "f|" (answers' buttons use other letters).

    f|+a  f|+d:12  f|+s:5  f|+P:812   follow everything / district / State / product 812's name
    f|+t:makhana  f|+t:मखाना           follow a product word (knowledge.concepts)
    f|-#34                            stop following subscription 34
    f|-*                              stop following everything (under every broadcast)
    f|forget  f|keep                  /forget confirmed / called off
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PREFIX = "f|"
_FOLLOW = re.compile(r"^f\|\+(?:(a)|([dsP]):(\d{1,9}))$")
_TOPIC = re.compile(r"^f\|\+t:([^\n]+)$")
MAX_BYTES = 64
_DROP = re.compile(r"^f\|-(?:\*|#(\d{1,12}))$")


@dataclass(frozen=True)
class Follow:
    kind: Literal["a", "d", "s", "P"]
    ident: int = 0


@dataclass(frozen=True)
class FollowWord:
    """A product word, as an answer's topic holds it ("onion", "मखाना")."""

    word: str


@dataclass(frozen=True)
class Drop:
    subscription_id: int | None  # None: everything


@dataclass(frozen=True)
class Forget:
    confirmed: bool


FollowAction = Follow | FollowWord | Drop | Forget


def follow(kind: Literal["a", "d", "s", "P"], ident: int = 0) -> str:
    return "f|+a" if kind == "a" else f"f|+{kind}:{ident}"


def drop(subscription_id: int | None) -> str:
    return "f|-*" if subscription_id is None else f"f|-#{subscription_id}"


FORGET, KEEP = "f|forget", "f|keep"


def follow_word(word: str) -> str | None:
    """The data of a button following a product word, or None if it does not fit."""
    data = f"f|+t:{word.strip()}"
    fits = word.strip() and "\n" not in word and len(data.encode()) <= MAX_BYTES
    return data if fits else None


def of_subject(kind: str, ident: int, topic: str = "") -> str | None:
    """The 🔔 Follow button's data for an answer about a district, State or product (by id
    or by the product word it was asked with)."""
    if kind in ("d", "s") and ident:
        return follow(kind, ident)  # type: ignore[arg-type]
    if kind == "p" and ident:
        return follow("P", ident)
    if kind == "t" and topic:
        return follow_word(topic)
    return None


def decode(data: str | None) -> FollowAction | None:
    if not data or not data.startswith(PREFIX):
        return None
    if data in (FORGET, KEEP):
        return Forget(data == FORGET)
    m = _FOLLOW.match(data)
    if m:
        return Follow("a") if m.group(1) else Follow(m.group(2), int(m.group(3)))  # type: ignore[arg-type]
    m = _TOPIC.match(data)
    if m and len(data.encode()) <= MAX_BYTES and m.group(1).strip():
        return FollowWord(m.group(1).strip())
    m = _DROP.match(data)
    if m:
        return Drop(int(m.group(1)) if m.group(1) else None)
    return None
