"""Compose an Answer into a language-aware reply: blocks of styled spans.

The same blocks become plain text here (CLI, `--json` "text") and Telegram HTML in
`handlers/render.py`, so a chat and the command line say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from knowledge import messages, status
from knowledge.answer import Answer, Fact, ProductFact
from knowledge.normalise import MAX_QUESTION_WORDS


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
    if answer.clarify:
        blocks = [_para(_t(lang, "clarify", name=answer.clarify[0].district.name))]
    else:
        blocks = list(_BUILDERS[answer.intent](answer, lang))
    if answer.truncated:
        blocks.append(_para(_t(lang, "truncated", words=MAX_QUESTION_WORDS), italic=True))
    return tuple(blocks)


def _t(lang: str, key: str, **params: object) -> str:
    return messages.text(lang, key, **params)


def _title(text: str) -> Block:
    return Block((Span(text, bold=True),), "title")


def _para(text: str, italic: bool = False) -> Block:
    return Block((Span(text, italic=italic),), "para")


def _item(*spans: Span) -> Block:
    return Block(tuple(spans), "item")


def _sources(answer: Answer, lang: str) -> list[Block]:
    return [Block((Span(_t(lang, "source", source=s), italic=True),), "source")
            for s in answer.sources]


def _gi(p: ProductFact, lang: str) -> str:
    return f" · {_t(lang, 'gi')}" if p.gi else ""


def _status(fact: Fact, lang: str) -> str:
    if status.is_step(fact.value):
        return status.label(fact.value, lang)
    key = f"status_{fact.value}"
    return _t(lang, key) if key in messages.EN else fact.value


def _district_products(answer: Answer, lang: str) -> Iterator[Block]:
    d = answer.districts[0]
    yield _title(_t(lang, "district_title", district=d.name, state=d.state))
    if not answer.products:
        yield _para(_t(lang, "no_products", district=d.name))
    elif answer.topic and not _topic_listed(answer):
        yield _para(_t(lang, "topic_missing", topic=answer.topic, district=d.name))
    for p in answer.products:
        yield _item(Span(p.name, bold=True),
                    Span(f" — {p.category}, {p.sector}{_gi(p, lang)}"))
        if p.description:
            yield _para(_first_sentence(p.description), italic=True)
    plan = answer.facts[0] if answer.facts else None
    if plan is None or plan.value == "unknown":
        yield _para(_t(lang, "plan_unknown"))
    else:
        yield _para(_t(lang, "plan_line", status=f"{_status(plan, lang)} ({plan.as_of})"))
    yield from _sources(answer, lang)


def _product_districts(answer: Answer, lang: str) -> Iterator[Block]:
    topic = answer.topic or answer.query
    if not answer.products:
        yield _para(_t(lang, "products_none", topic=topic))
        yield _para(_t(lang, "unknown_try"))
        return
    count = len(answer.districts)
    missing_in_state = any(f.metric.startswith("districts of this product") for f in answer.facts)
    if len(answer.states) == 1 and not missing_in_state:
        yield _title(_t(lang, "products_title_state", topic=topic.capitalize(),
                        state=answer.states[0].name, count=count))
    else:
        yield _title(_t(lang, "products_title", topic=topic.capitalize(), count=count))
    if missing_in_state:
        asked = next(f.note for f in answer.facts if f.metric.startswith("districts of this"))
        yield _para(_t(lang, "products_none_in_state", state=asked, topic=topic))
    for p in answer.products:
        yield _item(Span(f"{p.district} ({p.state})", bold=True),
                    Span(f": {p.name}{_gi(p, lang)}"))
    yield from _sources(answer, lang)


def _state_overview(answer: Answer, lang: str) -> Iterator[Block]:
    state = answer.states[0].name
    yield _title(_t(lang, "state_title", state=state))
    counts = {f.metric: f.value for f in answer.facts}
    yield _para(_t(lang, "state_counts", products=counts.get("ODOP products", "0"),
                   districts=counts.get("districts with ODOP products", "0"),
                   gi=counts.get("GI-tagged ODOP products", "0")))
    by_district: dict[str, list[str]] = {}
    for p in answer.products:
        by_district.setdefault(p.district, []).append(p.name + _gi(p, lang))
    for district, names in by_district.items():
        yield _item(Span(district, bold=True), Span(": " + "; ".join(names)))
    yield from _sources(answer, lang)


def _plan_status(answer: Answer, lang: str) -> Iterator[Block]:
    local = [f for f in answer.facts if not f.metric.startswith("India:")]
    national = [f for f in answer.facts if f.metric.startswith("India:")]
    if answer.districts and len(answer.districts) == 1 and not _is_state_scope(answer):
        d = answer.districts[0]
        yield _title(_t(lang, "plan_title", district=d.name, state=d.state))
    elif answer.states:
        yield _title(_t(lang, "plan_state_title", state=answer.states[0].name))
        if not local:
            yield _para(_t(lang, "plan_state_none", state=answer.states[0].name))
    else:
        yield _title(_t(lang, "plan_national_title"))
        national = list(answer.facts)
        local = []
    for f in local:
        if f.value == "unknown" and not f.as_of:
            yield _para(_t(lang, "plan_status_unknown"))
            continue
        note = f" — {f.note}" if f.note else ""
        yield _item(Span(_status(f, lang), bold=True), Span(f" ({f.as_of}){note}"))
    yield _para(_t(lang, "plan_how"))
    for f in national:
        yield _item(Span(_t(lang, "national_line", metric=f.metric.removeprefix("India: "),
                             value=f.value, as_of=f.as_of)))
    if answer.contacts:
        yield _para(_t(lang, "who_knows"))
        yield from _contact_items(answer, lang)
    yield from _sources(answer, lang)


def _committee(answer: Answer, lang: str) -> Iterator[Block]:
    if not answer.districts and not answer.states:
        yield _title(_t(lang, "committee_explained_title"))
        for f in answer.facts:
            yield Block((Span(f.metric, bold=True),), "para")
            yield _para(f.value)
        yield from _sources(answer, lang)
        return
    place = _place(answer)
    yield _title(_t(lang, "committee_title", place=place))
    for c in answer.contacts:
        yield _item(Span(c.role, bold=True), Span(f": {c.name} — {c.note}"))
    if not any(c.role.startswith("SEPC") for c in answer.contacts) and answer.states:
        yield _para(_t(lang, "committee_sepc_unknown", state=answer.states[0].name))
    yield from _sources(answer, lang)


def _contact(answer: Answer, lang: str) -> Iterator[Block]:
    if answer.districts or answer.states:
        yield _title(_t(lang, "contact_title", place=_place(answer)))
    else:
        yield _title(_t(lang, "contact_general_title"))
    yield from _contact_items(answer, lang)
    yield from _sources(answer, lang)


def _contact_items(answer: Answer, lang: str) -> Iterator[Block]:
    for c in answer.contacts:
        spans = [Span(c.role, bold=True), Span(f": {c.name}")]
        details = [x for x in (c.address, c.phone, c.email) if x]
        if c.website and c.website != c.address:
            details.append(c.website)
        if not (c.phone or c.email) and c.role != "DGFT helpdesk" and "DEPC" not in c.role:
            details.append(_t(lang, "contact_missing"))
        if c.note:
            details.append(c.note)
        if details:
            spans.append(Span(" — " + "; ".join(details)))
        yield _item(*spans)


def _stats(answer: Answer, lang: str) -> Iterator[Block]:
    yield _title(_t(lang, "stats_title"))
    for f in answer.facts:
        yield _item(Span(f"{f.as_of}: ", bold=True), Span(f"{f.metric} — {f.value}"))
    yield from _sources(answer, lang)


def _about(answer: Answer, lang: str) -> Iterator[Block]:
    yield _title(_t(lang, "about_title"))
    for f in answer.facts:
        yield Block((Span(f.metric, bold=True),), "para")
        yield _para(f.value)
    yield from _sources(answer, lang)


def _help(answer: Answer, lang: str) -> Iterator[Block]:
    yield _title(_t(lang, "help_title"))
    yield _para(_t(lang, "help_examples"))


def _unknown(answer: Answer, lang: str) -> Iterator[Block]:
    yield _para(_t(lang, "unknown"))
    if answer.suggestions:
        yield _para(_t(lang, "unknown_suggest", names=", ".join(answer.suggestions)))
    yield _para(_t(lang, "unknown_try"))


_BUILDERS: dict[str, Callable[[Answer, str], Iterator[Block]]] = {
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


def _place(answer: Answer) -> str:
    if answer.districts:
        d = answer.districts[0]
        return f"{d.name} ({d.state})"
    return answer.states[0].name


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
