"""Answers to Telegram: escaped HTML in chunks of at most 4,096 units, and keyboards.

Lengths are counted in UTF-16 code units, as Telegram counts them (handlers/units.py), and
measured on the HTML, which is never shorter than the text Telegram shows for it.

Pure: no I/O. Every string from the knowledge base or a user goes through `html.escape`; the
only markup is what this module writes (<b>, <i>, <a href>). A long list whose length grows
with the catalog (a product's districts, a State's overview) is paged by the engine when asked
for a page (`page(n)`), so its work is the page's; any other reply with more than PAGE_SIZE
items is paged here, over the composed reply's items. Either way a page reads the same.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers import buttons, follow_data, units
from handlers.buttons import Noop, SetLanguage, Show, Subject
from handlers.strings import Lang, text
from knowledge.activity import is_answered
from knowledge.answer import Answer, Intent, Page
from knowledge.reply import Block, Reply, Span, compose
from knowledge.wording import district_label, state_label

LIMIT = 4096  # UTF-16 units
PAGE_SIZE = 15
MAX_OPTIONS = 20
# A single word longer than this (in characters) is cut, so even fully escaped ("&" ->
# "&amp;", 5 units; an astral character is 2) it fits.
MAX_WORD = 500
SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:")
DISTRICT_INTENTS: tuple[Intent, ...] = ("district_products", "plan_status", "contact")


@dataclass(frozen=True)
class Rendered:
    chunks: tuple[str, ...]
    keyboard: InlineKeyboardMarkup | None = None
    page: int = 0
    pages: int = 1


# --- HTML ----------------------------------------------------------------------------------


def escape(value: object) -> str:
    """Escape text for Telegram HTML (<, > and &; quotes only matter inside attributes)."""
    return html.escape(str(value), quote=False)


def span_html(span: Span, body: str | None = None) -> str:
    """Return `span` as HTML; `body` replaces its text (already escaped) when given."""
    out = escape(span.text) if body is None else body
    if span.italic:
        out = f"<i>{out}</i>"
    if span.bold:
        out = f"<b>{out}</b>"
    if span.link and span.link.startswith(SAFE_SCHEMES):
        out = f'<a href="{html.escape(span.link, quote=True)}">{out}</a>'
    return out


def _frame(block: Block, inner: str) -> str:
    if block.kind == "title":
        return f"<b>{inner}</b>"
    if block.kind == "item":
        return f"• {inner}"
    if block.kind == "source":
        return f"<i>{inner}</i>"
    return inner


def _spans(block: Block) -> tuple[Span, ...]:
    """Drop the style the block's frame already gives, so tags are never nested twice."""
    if block.kind == "title":
        return tuple(replace(s, bold=False) for s in block.spans)
    if block.kind == "source":
        return tuple(replace(s, italic=False) for s in block.spans)
    return block.spans


def block_html(block: Block) -> str:
    if block.kind == "gap":
        return ""
    return _frame(block, "".join(span_html(s) for s in _spans(block)))


def to_chunks(reply: Reply, limit: int = LIMIT) -> tuple[str, ...]:
    """Return `reply` as HTML messages of at most `limit` UTF-16 units, split between blocks."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for block in reply:
        line = block_html(block)
        pieces = [line] if units.count(line) <= limit else _split_block(block, limit)
        for piece in pieces:
            extra = units.count(piece) + (1 if current else 0)
            if current and size + extra > limit:
                chunks.append("\n".join(current))
                current, size = [], 0
                extra = units.count(piece)
            current.append(piece)
            size += extra
    if current:
        chunks.append("\n".join(current))
    cleaned = [c.strip("\n") for c in chunks]
    return tuple(c for c in cleaned if c.strip())


def _split_block(block: Block, limit: int) -> list[str]:
    """Cut one over-long block at spaces into pieces that each fit, tags closed in each.

    Sizes are kept as running sums (escaping is per character, so a run's size is the sum of
    its words'), which keeps this linear in the block's length.
    """
    atoms: list[tuple[Span, str]] = []
    for span in _spans(block):
        for word in _words(span.text):
            atoms.append((span, word))
    budget = limit - units.count(_frame(block, ""))
    pieces: list[str] = []
    runs: list[str] = []  # finished runs of the current piece
    runs_size = 0
    run_span: Span | None = None
    run_words: list[str] = []
    run_size = 0  # of the run's escaped text, without its tags

    def run_html() -> str:
        return span_html(run_span, escape("".join(run_words))) if run_span is not None else ""

    def tags(span: Span | None) -> int:
        return units.count(span_html(span, "")) if span is not None else 0

    for span, word in atoms:
        same = run_span is not None and (span.bold, span.italic, span.link) == (
            run_span.bold, run_span.italic, run_span.link)
        size = units.count(escape(word))
        if same:
            needed = runs_size + tags(span) + run_size + size
        else:
            needed = runs_size + tags(run_span) + run_size + tags(span) + size
        if needed > budget and (runs or run_words):
            pieces.append(_frame(block, "".join([*runs, run_html()])))
            word = word.lstrip()
            runs, runs_size = [], 0
            run_span, run_words, run_size = span, [word], units.count(escape(word))
            continue
        if same:
            run_words.append(word)
            run_size += size
        else:
            if run_span is not None:
                runs.append(run_html())
                runs_size += tags(run_span) + run_size
            run_span, run_words, run_size = span, [word], size
    if run_words or runs:
        pieces.append(_frame(block, "".join([*runs, run_html()])))
    return pieces


def _words(value: str) -> list[str]:
    """Split text into words that keep their leading space, none longer than MAX_WORD."""
    out: list[str] = []
    for i, word in enumerate(value.split(" ")):
        word = word if i == 0 else " " + word
        out.extend(word[j : j + MAX_WORD] for j in range(0, len(word), MAX_WORD) if word[j:])
    return out


# --- answers -------------------------------------------------------------------------------


def paginate(reply: Reply, page: int, size: int = PAGE_SIZE) -> tuple[Reply, int, int]:
    """Return page `page` (0-based, clamped) of a long list in `reply`, and the page count.

    The list is the reply's items (each with the italic lines under it); what comes before the
    first item (the title, the counts) heads every page and everything else (plan line,
    sources) closes every page. A reply with `size` items or fewer is one page.
    """
    head: list[Block] = []
    groups: list[list[Block]] = []
    tail: list[Block] = []
    attach = False
    for block in reply:
        if block.kind == "item":
            groups.append([block])
            attach = True
        elif attach and block.kind == "para" and block.spans and all(
            s.italic for s in block.spans
        ):
            groups[-1].append(block)
        elif not groups:
            head.append(block)
        else:
            tail.append(block)
            attach = False
    if len(groups) <= size:
        return reply, 0, 1
    pages = -(-len(groups) // size)
    page = max(0, min(page, pages - 1))
    shown = [b for g in groups[page * size : (page + 1) * size] for b in g]
    return (*head, *shown, *tail), page, pages


def page(number: int = 0) -> Page:
    """The page of a long list to ask the engine for: page `number` (from 0) of PAGE_SIZE."""
    return Page(number, PAGE_SIZE)


def render(answer: Answer, lang: Lang, page: int = 0) -> Rendered:
    """Return page `page` of `answer` as HTML chunks, with its buttons on the last chunk.

    An answer the engine already paged (`answer.paged`) is that page: it shows as it is, with
    the engine's page number and count.
    """
    answer = replace(answer, clarify=answer.clarify[:MAX_OPTIONS])
    if answer.paged is not None:
        reply, page, pages = compose(answer, lang), answer.paged.number, answer.paged.pages
    else:
        reply, page, pages = paginate(compose(answer, lang), page)
    if pages > 1:
        note = text(lang, "page_of", page=page + 1, pages=pages)
        reply = (*reply, Block((Span(note, italic=True),), "para"))
    return Rendered(to_chunks(reply), keyboard(answer, lang, page, pages), page, pages)


# A button as (label, callback data): cheap to build and compare, unlike PTB's objects.
Button = tuple[str, str]


def keyboard(
    answer: Answer, lang: Lang, page: int = 0, pages: int = 1
) -> InlineKeyboardMarkup | None:
    """Return the buttons under `answer`: options, paging, follow-ups and 👍/👎."""
    rows = _rows(answer, lang, page, pages)
    return markup(tuple(tuple(row) for row in rows)) if rows else None


@lru_cache(maxsize=4096)
def markup(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """The keyboard of `rows`, built once per distinct keyboard: PTB's button objects cost
    more to build than the rest of a reply, and they are immutable, so one is shared by every
    message that shows the same buttons (a popular district's card, say)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def _rows(answer: Answer, lang: Lang, page: int, pages: int) -> list[list[Button]]:
    rows: list[list[Button]] = []
    if answer.clarify:
        keep = answer.intent in DISTRICT_INTENTS
        intent: Intent = answer.intent if keep else "district_products"
        for option in answer.clarify:
            choice = Subject("d", option.district.id, intent)
            label = option.label if lang == "en" else district_label(option.district, lang)
            rows.append([_button(label, Show("page", choice, 0))])
        return rows
    subject = buttons.subject_of(answer)
    if subject is None:
        return []
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(_button(text(lang, "btn_prev"), Show("page", subject, page - 1)))
        nav.append(_button(text(lang, "btn_page", page=page + 1, pages=pages), Noop()))
        if page < pages - 1:
            nav.append(_button(text(lang, "btn_next"), Show("page", subject, page + 1)))
        rows.append(nav)
    rows.extend(_follow_ups(answer, lang, subject))
    # a side question ("onion price") answers where it is made: not a thing to follow
    topic = (subject.written or subject.topic) if answer.intent != "outside" else ""
    follow = follow_data.of_subject(subject.kind, subject.ident, topic)
    if follow is not None:
        rows.append([(text(lang, "btn_follow"), follow)])
    if is_answered(answer) and answer.intent not in ("help",):
        rows.append(
            [
                _button(text(lang, "btn_up"), Show("up", subject)),
                _button(text(lang, "btn_down"), Show("down", subject)),
            ]
        )
    return rows


def _follow_ups(answer: Answer, lang: Lang, subject: Subject) -> list[list[Button]]:
    rows: list[list[Button]] = []
    if answer.intent == "outside":
        label = text(lang, "btn_where", product=_short(answer.topic))
        return [[_button(label, Show("open", subject))]]
    if answer.intent == "stats" and answer.focus:
        # the figure asked for came first; the whole series is one tap away
        return [[_button(text(lang, "btn_series"), Show("open", subject))]]
    if subject.kind == "d":
        labels = {
            "district_products": "btn_products",
            "contact": "btn_contacts",
            "plan_status": "btn_status",
        }
        row = [
            _button(text(lang, labels[i]), Show("open", Subject("d", subject.ident, i)))
            for i in DISTRICT_INTENTS
            if i != subject.intent
        ]
        rows.append(row)
        if subject.intent == "district_products":
            seen: set[str] = set()
            for product in answer.products:
                if product.name not in seen and len(seen) < 2:
                    seen.add(product.name)
                    label = text(lang, "btn_others", product=_short(product.name))
                    others = Subject("p", product.id, "product_districts")
                    rows.append([_button(label, Show("open", others))])
    if len(answer.states) == 1 and answer.intent != "state_overview":
        state = answer.states[0]
        name = state_label(state.name, lang)
        overview = Subject("s", state.id, "state_overview")
        rows.append([_button(text(lang, "btn_state", state=_short(name)), Show("open", overview))])
    return rows


def _short(name: str, width: int = 28) -> str:
    return units.clip(name, width)


def _button(label: str, action: buttons.Action) -> Button:
    return label, buttons.encode(action)


def language_keyboard() -> InlineKeyboardMarkup:
    return markup(((_button("English", SetLanguage("en")), _button("हिन्दी", SetLanguage("hi"))),))
