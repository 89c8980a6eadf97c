"""Compose an Answer into a language-aware reply: blocks of styled spans.

The same blocks become plain text here (CLI, `--json` "text") and Telegram HTML in
`handlers/render.py`, so a chat and the command line say the same thing. In Hindi the bot's
own words are Hindi and a source's words stay as written, marked quoted (`knowledge/wording.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from knowledge import messages, status
from knowledge.answer import Answer, Contact, Fact, ProductFact
from knowledge.normalise import MAX_QUESTION_WORDS
from knowledge.wording import Block, Span, Words, quote, source_spans

Reply = tuple[Block, ...]
__all__ = ["Block", "Reply", "Span", "compose", "to_text"]


def compose(answer: Answer, lang: str = "en") -> Reply:
    """Return the reply to `answer` in `lang` ("en" or "hi")."""
    words = Words(answer, lang)
    if answer.clarify:
        blocks = [Block(words.say("clarify", name=quote(answer.clarify[0].district.name)))]
    else:
        blocks = list(_BUILDERS[answer.intent](answer, words))
    if answer.truncated:
        blocks.append(_para(words.say("truncated", italic=True, words=MAX_QUESTION_WORDS)))
    return tuple(blocks)


def _title(spans: tuple[Span, ...]) -> Block:
    return Block(tuple(replace(s, bold=True) for s in spans), "title")


def _para(spans: tuple[Span, ...]) -> Block:
    return Block(spans, "para")


def _item(*spans: Span) -> Block:
    return Block(tuple(s for s in spans if s.text), "item")


def _sources(answer: Answer, words: Words) -> list[Block]:
    return [Block(source_spans(words, s), "source") for s in answer.sources]


def _gi(p: ProductFact, words: Words) -> str:
    return f" · {words.text('gi')}" if p.gi else ""


def _status(fact: Fact, words: Words) -> str:
    if status.is_step(fact.value):
        return status.label(fact.value, words.lang)
    key = f"status_{fact.value}"
    return words.text(key) if key in messages.EN else words.own(fact.value)


def _district_products(answer: Answer, words: Words) -> Iterator[Block]:
    d = answer.districts[0]
    yield _title(words.say("district_title", place=words.district_in(d.name, d.state)))
    if not answer.products:
        yield _para(words.say("no_products", district=words.district(d.name)))
    elif answer.topic and not _topic_listed(answer):
        yield _para(words.say("topic_missing", topic=quote(answer.topic),
                              district=words.district(d.name)))
    for p in answer.products:
        yield _item(replace(quote(p.name), bold=True),
                    Span(f" — {words.own(p.category)}, {words.own(p.sector)}{_gi(p, words)}"))
        if p.description:
            yield _para(words.say("description", italic=True,
                                  text=quote(_first_sentence(p.description))))
    plan = answer.facts[0] if answer.facts else None
    if plan is None or plan.value == "unknown":
        yield _para(words.say("plan_unknown"))
    else:
        yield _para(words.say("plan_line", status=_status(plan, words),
                              as_of=words.own(plan.as_of)))
    yield from _sources(answer, words)


def _product_districts(answer: Answer, words: Words) -> Iterator[Block]:
    topic = answer.topic or answer.query
    if not answer.products:
        yield _para(words.say("products_none", topic=quote(topic)))
        yield _para(words.say("unknown_try"))
        return
    count = len(answer.districts)
    shown = quote(topic if words.hindi else topic.capitalize())
    missing_in_state = any(f.metric.startswith("districts of this product") for f in answer.facts)
    if len(answer.states) == 1 and not missing_in_state:
        yield _title(words.say("products_title_state", topic=shown,
                               state=words.state(answer.states[0].name), count=count))
    else:
        yield _title(words.say("products_title", topic=shown, count=count))
    if missing_in_state:
        asked = next(f.note for f in answer.facts if f.metric.startswith("districts of this"))
        yield _para(words.say("products_none_in_state", state=words.state(asked),
                              topic=quote(topic)))
    for p in answer.products:
        yield _item(Span(words.district_in(p.district, p.state), bold=True), Span(": "),
                    quote(p.name), Span(_gi(p, words)))
    yield from _sources(answer, words)


def _state_overview(answer: Answer, words: Words) -> Iterator[Block]:
    state = answer.states[0].name
    yield _title(words.say("state_title", state=words.state(state)))
    counts = {f.metric: f.value for f in answer.facts}
    yield _para(words.say("state_counts", products=counts.get("ODOP products", "0"),
                          districts=counts.get("districts with ODOP products", "0"),
                          gi=counts.get("GI-tagged ODOP products", "0")))
    by_district: dict[str, list[ProductFact]] = {}
    for p in answer.products:
        by_district.setdefault(p.district, []).append(p)
    for district, products in by_district.items():
        spans: list[Span] = [Span(words.district(district), bold=True), Span(": ")]
        for n, p in enumerate(products):
            spans += [Span("; ")] if n else []
            spans += [quote(p.name), Span(_gi(p, words))]
        yield _item(*spans)
    yield from _sources(answer, words)


def _plan_status(answer: Answer, words: Words) -> Iterator[Block]:
    local = [f for f in answer.facts if not f.metric.startswith("India:")]
    national = [f for f in answer.facts if f.metric.startswith("India:")]
    if answer.districts and len(answer.districts) == 1 and not _is_state_scope(answer):
        d = answer.districts[0]
        yield _title(words.say("plan_title", place=words.district_in(d.name, d.state)))
    elif answer.states:
        state = words.state(answer.states[0].name)
        yield _title(words.say("plan_state_title", state=state))
        if not local:
            yield _para(words.say("plan_state_none", state=state))
    else:
        yield _title(words.say("plan_national_title"))
        national = list(answer.facts)
        local = []
    for f in local:
        if f.value == "unknown" and not f.as_of:
            yield _para(words.say("plan_status_unknown"))
            continue
        yield _item(Span(_status(f, words), bold=True), Span(f" ({words.own(f.as_of)})"),
                    *_notes(f.note, f.quoted, words))
    yield _para(words.say("plan_how"))
    for f in national:
        yield _item(*words.say("national_line",
                               metric=words.own(f.metric.removeprefix("India: ")),
                               value=words.own(f.value), as_of=words.own(f.as_of)))
    if answer.contacts:
        yield _para(words.say("who_knows"))
        yield from _contact_items(answer, words)
    yield from _sources(answer, words)


def _notes(note: str, quoted: str, words: Words) -> list[Span]:
    """` — our note; the source's words` (in Hindi the source's words are marked as such)."""
    out: list[Span] = []
    if note:
        out.append(Span(" — " + words.own(note)))
    if quoted:
        out += words.say("quoted_note", lead="; " if note else " — ", text=quote(quoted))
    return out


def _committee(answer: Answer, words: Words) -> Iterator[Block]:
    if not answer.districts and not answer.states:
        yield _title(words.say("committee_explained_title"))
        yield from _definitions(answer, words)
        yield from _sources(answer, words)
        return
    yield _title(words.say("committee_title", place=_place(answer, words)))
    for c in answer.contacts:
        yield _item(Span(words.own(c.role), bold=True), Span(": "), _name(c, words),
                    *_notes(c.note, c.quoted, words))
    if not any(c.role.startswith("SEPC") for c in answer.contacts) and answer.states:
        yield _para(words.say("committee_sepc_unknown", state=words.state(answer.states[0].name)))
    yield from _sources(answer, words)


def _name(c: Contact, words: Words) -> Span:
    return quote(c.name) if c.quoted_name else Span(words.own(c.name))


def _contact(answer: Answer, words: Words) -> Iterator[Block]:
    if answer.districts or answer.states:
        yield _title(words.say("contact_title", place=_place(answer, words)))
    else:
        yield _title(words.say("contact_general_title"))
    yield from _contact_items(answer, words)
    yield from _sources(answer, words)


def _contact_items(answer: Answer, words: Words) -> Iterator[Block]:
    for c in answer.contacts:
        spans = [Span(words.own(c.role), bold=True), Span(": "), _name(c, words)]
        details: list[tuple[Span, ...]] = [(quote(x),) for x in (c.address, c.phone, c.email)
                                            if x]
        if c.website and c.website != c.address:
            details.append((quote(c.website),))
        if not (c.phone or c.email) and c.role != "DGFT helpdesk" and "DEPC" not in c.role:
            details.append((Span(words.text("contact_missing")),))
        if c.note:
            details.append((Span(words.own(c.note)),))
        if c.quoted:
            details.append(words.say("quoted_note", lead="", text=quote(c.quoted)))
        for n, detail in enumerate(details):
            spans += [Span(" — " if n == 0 else "; "), *detail]
        yield _item(*spans)


def _stats(answer: Answer, words: Words) -> Iterator[Block]:
    yield _title(words.say("stats_title"))
    for f in answer.facts:
        yield _item(Span(f"{words.own(f.as_of)}: ", bold=True),
                    Span(f"{words.own(f.metric)} — {words.own(f.value)}"))
    yield from _sources(answer, words)


def _definitions(answer: Answer, words: Words) -> Iterator[Block]:
    for f in answer.facts:
        hindi = words.hindi and f.metric_hi and f.value_hi
        yield Block((Span(f.metric_hi if hindi else f.metric, bold=True),), "para")
        yield _para((Span(f.value_hi if hindi else f.value),))


def _about(answer: Answer, words: Words) -> Iterator[Block]:
    yield _title(words.say("about_title"))
    yield from _definitions(answer, words)
    yield from _sources(answer, words)


def _help(answer: Answer, words: Words) -> Iterator[Block]:
    yield _title(words.say("help_title"))
    yield _para(words.say("help_examples"))


def _unknown(answer: Answer, words: Words) -> Iterator[Block]:
    yield _para(words.say("unknown"))
    if answer.suggestions:
        names = ", ".join(words.place(n) for n in answer.suggestions)
        yield _para(words.say("unknown_suggest", names=names))
    yield _para(words.say("unknown_try"))


_BUILDERS: dict[str, Callable[[Answer, Words], Iterator[Block]]] = {
    "district_products": _district_products,
    "product_districts": _product_districts,
    "state_overview": _state_overview,
    "plan_status": _plan_status,
    "committee": _committee,
    "contact": _contact,
    "stats": _stats,
    "about": _about,
    "help": _help,
    "unknown": _unknown,
}


def _place(answer: Answer, words: Words) -> str:
    if answer.districts:
        d = answer.districts[0]
        return words.district_in(d.name, d.state)
    return words.state(answer.states[0].name)


def _is_state_scope(answer: Answer) -> bool:
    return answer.query == "" or (bool(answer.states) and len(answer.districts) != 1)


def _topic_listed(answer: Answer) -> bool:
    words = set(answer.topic.lower().split())
    return any(words & set(p.name.lower().split()) for p in answer.products) or any(
        w in p.name.lower() for w in words for p in answer.products
    )


def _first_sentence(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    # A sentence ends after a word, not after an initial or title ("Dr. B. R. Ambedkar").
    end = re.search(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z])", text)
    sentence = text if end is None else text[: end.start()]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def to_text(reply: Reply) -> str:
    """Return the reply as plain text, one block per line."""
    lines: list[str] = []
    for block in reply:
        text = "".join(s.text + (f" ({s.link})" if s.link and s.link != s.text else "")
                       for s in block.spans)
        lines.append(("• " + text) if block.kind == "item" else text)
    return "\n".join(lines).strip()
