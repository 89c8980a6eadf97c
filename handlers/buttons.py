"""Callback data: what a button asks for, packed into Telegram's 64 bytes and checked on return.

A button names an answer by how to rebuild it (its `Subject`), plus what to do with it:

    o|d:12:c     open (send as a new message) district 12's contacts
    e3|s:5:o     edit this message to page 3 of state 5's overview
    o|t:4:turmeric|haldi   open where turmeric is made in state 4, asked as "haldi"
    u|p:812      👍 on the answer about product 812 (w is 👎)
    l|hi         switch the interface to Hindi
    x            a label that does nothing (the page counter)

Anything that does not parse is forged or from an older version; the handler answers it politely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from knowledge.answer import INTENTS, Answer, Intent

MAX_BYTES = 64
MAX_PAGE = 999
MAX_ID = 10**9

# One letter per intent, so a subject stays short.
INTENT_CODES: dict[Intent, str] = {
    "district_products": "p",
    "product_districts": "d",
    "state_overview": "o",
    "plan_status": "s",
    "committee": "m",
    "contact": "c",
    "dgft_office": "r",
    "stats": "t",
    "about": "a",
    "help": "h",
    "outside": "f",
    "unknown": "u",
}
CODE_INTENTS: dict[str, Intent] = {v: k for k, v in INTENT_CODES.items()}
assert set(INTENT_CODES) == set(INTENTS)

Kind = Literal["d", "s", "p", "t", "g"]


@dataclass(frozen=True)
class Subject:
    """How to rebuild an answer: a district, a state, a product, a product word, or general."""

    kind: Kind
    ident: int = 0  # district, state or product id; for "t" the state id or 0
    intent: Intent = "district_products"
    topic: str = ""
    written: str = ""  # for "t": the topic as the question wrote it (Answer.written), if not so

    def encode(self) -> str:
        code = INTENT_CODES[self.intent]
        if self.kind in ("d", "s"):
            return f"{self.kind}:{self.ident}:{code}"
        if self.kind == "p":
            return f"p:{self.ident}"
        if self.kind == "t":
            written = f"|{self.written}" if self.written else ""
            return f"t:{self.ident or ''}:{self.topic}{written}"
        return f"g:{code}"


Verb = Literal["open", "page", "up", "down"]


@dataclass(frozen=True)
class Show:
    verb: Verb
    subject: Subject
    page: int = 0


@dataclass(frozen=True)
class SetLanguage:
    lang: Literal["en", "hi"]


@dataclass(frozen=True)
class Noop:
    pass


Action = Show | SetLanguage | Noop

_INT = r"(\d{1,9})"
_SUBJECT = re.compile(
    rf"^(?:(?P<ds>[ds]):{_INT}:(?P<code>[a-z])|p:(?P<pid>\d{{1,9}})"
    rf"|t:(?P<sid>\d{{1,9}})?:(?P<topic>.+)|g:(?P<gcode>[a-z]))$",
    re.DOTALL,
)
_ACTION = re.compile(r"^(?P<verb>o|e\d{1,3}|u|w)\|(?P<subject>.+)$", re.DOTALL)


def encode(action: Action) -> str:
    """Return the callback data for `action`; raise ValueError if it exceeds 64 bytes."""
    if isinstance(action, Noop):
        data = "x"
    elif isinstance(action, SetLanguage):
        data = f"l|{action.lang}"
    else:
        verb = {"open": "o", "page": f"e{action.page}", "up": "u", "down": "w"}[action.verb]
        data = f"{verb}|{action.subject.encode()}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> Action | None:
    """Return the action `data` stands for, or None if it is not one of ours."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    if data == "x":
        return Noop()
    if data in ("l|en", "l|hi"):
        return SetLanguage("hi" if data.endswith("hi") else "en")
    m = _ACTION.match(data)
    if not m:
        return None
    subject = _subject(m.group("subject"))
    if subject is None:
        return None
    verb = m.group("verb")
    if verb.startswith("e"):
        page = int(verb[1:])
        return Show("page", subject, page) if page <= MAX_PAGE else None
    return Show({"o": "open", "u": "up", "w": "down"}[verb], subject)  # type: ignore[arg-type]


def _subject(text: str) -> Subject | None:
    m = _SUBJECT.match(text)
    if not m:
        return None
    if m.group("ds"):
        intent = CODE_INTENTS.get(m.group("code"))
        if intent is None:
            return None
        return Subject(m.group("ds"), int(m.group(2)), intent)  # type: ignore[arg-type]
    if m.group("pid"):
        return Subject("p", int(m.group("pid")), "product_districts")
    if m.group("topic") is not None:
        topic, _, written = (part.strip() for part in m.group("topic").partition("|"))
        if not topic or "\n" in topic or "|" in written:
            return None
        return Subject("t", int(m.group("sid") or 0), "product_districts", topic, written)
    intent = CODE_INTENTS.get(m.group("gcode"))
    return None if intent is None else Subject("g", 0, intent)


def fits(subject: Subject) -> bool:
    """Return whether every action on `subject` (the longest is a page edit) fits."""
    return len(f"e{MAX_PAGE}|{subject.encode()}".encode()) <= MAX_BYTES


def subject_of(answer: Answer) -> Subject | None:
    """Return how to rebuild `answer`, or None if it cannot be named in a button."""
    intent = answer.intent
    if answer.clarify or intent == "unknown":
        return None
    if intent == "outside":
        # the one button of a side question opens where the product is listed
        where = Subject("t", 0, "product_districts", answer.topic)
        return where if answer.topic and fits(where) else None
    if intent in ("district_products", "plan_status", "committee", "contact", "dgft_office"):
        if len(answer.districts) == 1:
            return Subject("d", answer.districts[0].id, intent)
        if len(answer.states) == 1 and intent != "district_products":
            return Subject("s", answer.states[0].id, intent)
        if not answer.districts and not answer.states:
            return Subject("g", 0, intent)
        return None
    if intent == "state_overview":
        return Subject("s", answer.states[0].id, intent) if len(answer.states) == 1 else None
    if intent == "product_districts":
        state = answer.states[0].id if len(answer.states) == 1 else 0
        if answer.topic:
            written = Subject("t", state, intent, answer.topic, answer.written)
            topical = Subject("t", state, intent, answer.topic)
            for subject in (written, topical):
                if fits(subject):
                    return subject
        if answer.one_product_name:
            return Subject("p", answer.products[0].id, intent)
        return None
    return Subject("g", 0, intent)


_DEEP_LINK = re.compile(r"^d_(\d{1,7})$")


def district_link(bot_username: str, lgd_code: int) -> str:
    """Return the t.me link (for a QR code) that opens a district's card in the bot."""
    return f"https://t.me/{bot_username}?start=d_{lgd_code}"


def deep_link_code(payload: str) -> int | None:
    """Return the LGD code in a /start payload "d_<lgd code>", else None."""
    m = _DEEP_LINK.match(payload)
    return int(m.group(1)) if m else None
