"""Compose an Answer into a language-aware reply: blocks of styled spans.

The same blocks become plain text here (CLI, `--json` "text") and Telegram HTML in
`handlers/render.py`, so a chat and the command line say the same thing. In Hindi the bot's
own words are Hindi and a source's words stay as written, marked quoted (`knowledge/wording.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from knowledge import dgft, messages, plans, status
from knowledge.answer import OUTSIDE_PLACES, Answer, Contact, Fact, ProductFact
from knowledge.normalise import MAX_QUESTION_WORDS
from knowledge.wording import Block, Span, Words, quote, source_spans

Reply = tuple[Block, ...]
__all__ = ["Block", "Reply", "Span", "compose", "to_text"]


def compose(answer: Answer, lang: str = "en") -> Reply:
    """Return the reply to `answer` in `lang` ("en" or "hi")."""
    words = Words(answer, lang)
    if answer.clarify:
        # An ask-back quotes what was typed ("24 parganas"), not one of the options.
        asked = quote(answer.asked or answer.clarify[0].district.name)
        if answer.divided:
            blocks = [Block(words.say("clarify_divided", name=asked, year=answer.divided,
                                      count=len(answer.clarify)))]
        else:
            blocks = [Block(words.say("clarify", name=asked))]
        blocks += _sources(answer, words)
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
    if answer.lgd_asked:
        yield _para(words.say("district_lgd", code=str(d.lgd_code)) if d.lgd_code is not None
                    else words.say("district_lgd_none"))
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
        yield _para(words.say("plan_line", status=_step_text(plan, words),
                              as_of=_when(plan, words) + _strength(plan, words)))
        if answer.conflicts:
            yield _para(words.say("plan_conflict_hint"))
    yield from _sources(answer, words)


def _step_text(fact: Fact, words: Words) -> Span:
    """The step in the reader's language; a row stating no step shows the source's words."""
    if fact.value == status.NONE and fact.words:
        return quote(f"“{fact.words}”")
    return Span(_status(fact, words))


def _when(fact: Fact, words: Words) -> str:
    return words.own(fact.as_of) if fact.as_of else words.text("undated")


def _strength(fact: Fact, words: Words) -> str:
    """"; news report — weak evidence" beside what a weak source said."""
    key = f"evidence_{fact.evidence}"
    if fact.evidence in ("report", "statement", "officer") and key in messages.EN:
        return f"; {words.text(key)}"
    return ""


def _plan_item(fact: Fact, words: Words, detail: bool) -> Block:
    """One evidence row: step, date, strength; the source's own words when they differ."""
    spans: list[Span] = []
    place = plans.place_of(fact)
    if place:
        spans += [Span(words.place(place), bold=True), Span(": ", bold=True)]
    spans += [replace(_step_text(fact, words), bold=True),
              Span(f" ({_when(fact, words)}{_strength(fact, words)})")]
    said = bool(fact.words and fact.value != status.NONE and fact.words.casefold()
                != status.label(fact.value).casefold())
    if said:
        spans += [Span(" — "), *words.say("source_words", words=quote(fact.words))]
    if fact.evidence == "officer":
        # Beside the published evidence, an officer's word names its own source.
        spans += [Span(" — "), *words.say("plan_officer_source", source=quote(fact.source))]
    if detail:
        # the source's further words follow its words above without a second label
        spans += _notes(fact.note, fact.quoted, words, more=said)
    return _item(*spans)


def _conflict_blocks(answer: Answer, words: Words) -> Iterator[Block]:
    for c in answer.conflicts:
        yield _para(words.say(
            "plan_conflict", earlier=status.label(c.earlier.step, words.lang),
            earlier_as_of=words.own(c.earlier.as_of), earlier_source=quote(c.earlier.source),
            later=status.label(c.later.step, words.lang), later_as_of=words.own(c.later.as_of),
            later_source=quote(c.later.source),
        ))


def _product_districts(answer: Answer, words: Words) -> Iterator[Block]:
    if not answer.products:
        # "No product matches “…”" quotes what was typed
        yield _para(words.say("products_none", topic=quote(answer.topic or answer.query)))
        yield _para(words.say("unknown_try"))
        return
    # A title names what was found, never the question echoed back.
    generic = "gi_products" if answer.all_gi else "odop_products"
    topic = answer.topic or words.text(generic)
    count = answer.district_count
    shown = quote(topic if words.hindi else topic[:1].upper() + topic[1:])
    missing_in_state = any(f.metric.startswith("districts of this product") for f in answer.facts)
    # A State goes in the title only when the question named it.
    if answer.asked and len(answer.states) == 1 and not missing_in_state:
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
        national = [f for f in answer.facts if not plans.is_plan(f)]
        local = [f for f in answer.facts if plans.is_plan(f)]
    for f in local:
        if f.value == "unknown" and not f.as_of:
            yield _para(words.say("plan_status_unknown"))
            continue
        yield _plan_item(f, words, detail=not plans.place_of(f))
    yield from _conflict_blocks(answer, words)
    yield _para(words.say("plan_how"))
    for f in national:
        yield _item(*words.say("national_line",
                               metric=words.own(f.metric.removeprefix("India: ")),
                               value=words.own(f.value), as_of=words.own(f.as_of)))
    if answer.contacts:
        yield _para(words.say("who_knows"))
        yield from _contact_items(answer, words)
    yield from _sources(answer, words)


def _notes(note: str, quoted: str, words: Words, more: bool = False) -> list[Span]:
    """` — our note; the source's words` (in Hindi the source's words are marked as such);
    `more`: the source's words were already introduced, so these only continue them."""
    out: list[Span] = []
    if note:
        out.append(Span(" — " + words.own(note)))
    if quoted:
        lead = "; " if note or more else " — "
        out += words.say("quoted_more" if more else "quoted_note", lead=lead, text=quote(quoted))
    return out


def _definition(answer: Answer, words: Words) -> Iterator[Block]:
    """"What is a DEPC": the term and its full name, then the definition and its source."""
    key = f"define_{answer.defines}"
    if key in messages.EN:
        yield _title(words.say(key))
    for f in answer.facts:
        yield _para((Span(f.value_hi if words.hindi and f.value_hi else f.value),))
    yield from _sources(answer, words)


def _committee(answer: Answer, words: Words) -> Iterator[Block]:
    if answer.defines:
        yield from _definition(answer, words)
        return
    if not answer.districts and not answer.states:
        yield _title(words.say("committee_explained_title"))
        yield from _definitions(answer, words)
        yield from _sources(answer, words)
        return
    yield _title(words.say("committee_title", place=_place(answer, words)))
    for c in answer.contacts:
        yield _item(Span(words.own(c.role), bold=True), Span(": "), *_name(c, words),
                    *_notes(c.note, c.quoted, words))
    if not any(c.role.startswith("SEPC") for c in answer.contacts) and answer.states:
        yield _para(words.say("committee_sepc_unknown", state=words.state(answer.states[0].name)))
    records = [f for f in answer.facts if plans.is_plan(f)]
    if records:
        yield _para(words.say("committee_records"))
        for f in records:
            yield _plan_item(f, words, detail=True)
    yield from _sources(answer, words)


def _name(c: Contact, words: Words) -> tuple[Span, ...]:
    """Our name for a contact, or a source's words for it: a council's own name as is, an
    office-holder as a report gave them in quotation marks (in Hindi)."""
    if not c.quoted_name:
        return (Span(words.own(c.name)),)
    if c.role == "Export Promotion Council":
        return (quote(c.name),)
    return words.say("quoted_name", text=quote(c.name))


def _contact(answer: Answer, words: Words) -> Iterator[Block]:
    if answer.districts or answer.states:
        yield _title(words.say("contact_title", place=_place(answer, words)))
    else:
        yield _title(words.say("contact_general_title"))
    yield from _contact_items(answer, words)
    yield from _sources(answer, words)


def _contact_items(answer: Answer, words: Words) -> Iterator[Block]:
    for c in answer.contacts:
        spans = [Span(words.own(c.role), bold=True), Span(": "), *_name(c, words)]
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


def _more(count: int, words: Words) -> str:
    return words.text("and_more", count=count) if count > 0 else ""


def _dgft_office(answer: Answer, words: Words) -> Iterator[Block]:
    """The office covering a place, each finding saying how it is known, then its contacts."""
    if not (answer.districts or answer.states):
        yield _title(words.say("dgft_offices_title" if answer.facts else "dgft_general_title"))
        if answer.suggestions:
            yield _para(words.say("unknown_suggest", names=", ".join(
                words.place(n) for n in answer.suggestions)))
        listed = {f.metric: f.value for f in answer.facts}
        if listed.get(dgft.ZONAL):
            yield _para(words.say("dgft_zonal", offices=listed[dgft.ZONAL],
                                  count=len(listed[dgft.ZONAL].split(", "))))
        if listed.get(dgft.LISTED):
            yield _para(words.say("dgft_listed", offices=listed[dgft.LISTED],
                                  count=len(listed[dgft.LISTED].split(", "))))
        yield _para(words.say("dgft_ask_place"))
        yield _para(words.say("dgft_check"))
        yield from _sources(answer, words)
        return
    if answer.districts:
        d = answer.districts[0]
        place = words.district_in(d.name, d.state)
    else:
        place = words.state(answer.states[0].name)
    state = words.state(answer.states[0].name) if answer.states else place
    yield _title(words.say("dgft_title", place=place))
    findings = [f for f in answer.facts if dgft.how_of(f)]
    several = [f.value for f in findings if dgft.how_of(f) == dgft.STATE_OFFICES]
    more = sum(int(f.note) for f in findings if dgft.how_of(f) == dgft.MORE_OFFICES)
    if not findings:
        yield _para(words.say("dgft_unknown", place=place))
    elif several:
        yield _para(words.say("dgft_state_offices", state=state, place=place,
                              offices=", ".join(several) + _more(more, words)))
    for f in findings:
        how = dgft.how_of(f)
        if how in (dgft.STATE_OFFICES, dgft.MORE_OFFICES):
            continue
        office = words.text("dgft_office_name", city=f.value) if f.value else ""
        when = f" ({words.own(f.as_of)})" if f.as_of else ""
        yield _item(*words.say(f"dgft_{how}", office=office, place=place, state=state,
                               detail=quote(f.note), when=when, as_of=words.own(f.as_of),
                               via=f.words))
    if more and not several:
        yield _para(words.say("dgft_more_offices", state=state, count=more))
    yield _para(words.say("dgft_check"))
    if answer.contacts:
        yield _para(words.say("who_knows"))
        yield from _contact_items(answer, words)
    yield from _sources(answer, words)


def _stats(answer: Answer, words: Words) -> Iterator[Block]:
    if answer.focus:
        # "how many ...": the figure asked for first, with its date; then a little history.
        spans: list[Span] = []
        for n, f in enumerate(answer.facts[: answer.focus]):
            spans += [Span("; ")] if n else []
            spans += words.say("figure_line", value=words.own(f.value),
                               metric=words.own(f.metric), as_of=_date(f.as_of, words))
        yield _title(tuple(spans))
        earlier = answer.facts[answer.focus :]
        if earlier:
            yield _para(words.say("figure_earlier"))
        for f in earlier:
            yield _item(Span(f"{_date(f.as_of, words)}: ", bold=True),
                        Span(f"{words.own(f.metric)} — {words.own(f.value)}"))
        yield from _sources(answer, words)
        return
    yield _title(words.say("stats_title"))
    for f in answer.facts:
        yield _item(Span(f"{words.own(f.as_of)}: ", bold=True),
                    Span(f"{words.own(f.metric)} — {words.own(f.value)}"))
    yield from _sources(answer, words)


def _date(as_of: str, words: Words) -> str:
    """"2025-07-21" -> "21 July 2025" (Hindi month names in Hindi); other dates as written."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", as_of)
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return words.own(as_of)
    month = words.text("months").split()[int(m.group(2)) - 1]
    day = f"{int(m.group(3))} " if m.group(3) else ""
    return f"{day}{month} {m.group(1)}"


def _definitions(answer: Answer, words: Words) -> Iterator[Block]:
    for f in answer.facts:
        hindi = words.hindi and f.metric_hi and f.value_hi
        yield Block((Span(f.metric_hi if hindi else f.metric, bold=True),), "para")
        yield _para((Span(f.value_hi if hindi else f.value),))


def _about(answer: Answer, words: Words) -> Iterator[Block]:
    if answer.defines:
        yield from _definition(answer, words)
        return
    yield _title(words.say("about_title"))
    yield from _definitions(answer, words)
    yield from _sources(answer, words)


def _help(answer: Answer, words: Words) -> Iterator[Block]:
    yield _title(words.say("help_title"))
    yield _para(words.say("help_examples"))


def _outside(answer: Answer, words: Words) -> Iterator[Block]:
    """A side question: what we do not know, then the one thing we do."""
    yield _para(words.say(f"outside_{answer.side}"))
    if not answer.products and answer.paged is None:
        # about ODOP itself ("loan for an ODOP unit"): no product to point to
        yield _para(words.say("unknown_try"))
        return
    places = list(dict.fromkeys(words.district_in(p.district, p.state) for p in answer.products))
    # a paged answer carries the products of its first places only, and counts them all
    count = answer.paged.districts if answer.paged is not None else len(places)
    more = count - OUTSIDE_PLACES
    # "; " between places: in Hindi a place is "शेखपुरा (Sheikhpura), बिहार (Bihar)"
    shown = "; ".join(places[:OUTSIDE_PLACES]) + (
        words.text("and_more", count=more) if more > 0 else "")
    yield _para(words.say("outside_known", topic=quote(answer.topic), count=count,
                          places=shown))
    yield from _sources(answer, words)


def _unknown(answer: Answer, words: Words) -> Iterator[Block]:
    if answer.asked:
        # the words we could not place, quoted as typed
        key = "unknown_place" if answer.side == "place" else "unknown_word"
        yield _para(words.say(key, name=quote(answer.asked)))
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
    "dgft_office": _dgft_office,
    "stats": _stats,
    "about": _about,
    "help": _help,
    "outside": _outside,
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
