"""handlers/render.py: escaping, 4,096-character chunks, paging and keyboards."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

from typing import Any

import pytest

from handlers import buttons, follow_data, render
from knowledge.reply import Block, Span, compose
from tests.bot_fixtures import knowledge  # noqa: F401 (fixture)
from tests.botapi import visible_text

HOSTILE = '<script>alert("x")</script> & <b>unclosed </i> &amp; ]]>'


def test_every_string_is_escaped() -> None:
    html = render.block_html(Block((Span(HOSTILE, bold=True), Span(HOSTILE, italic=True))))
    assert visible_text(html) == HOSTILE * 2
    assert "<script>" not in html


def test_links_are_kept_only_for_safe_schemes_and_escaped() -> None:
    good = render.span_html(Span("site", link='https://e.org/?a=1&b="2"'))
    assert good == '<a href="https://e.org/?a=1&amp;b=&quot;2&quot;">site</a>'
    assert visible_text(good) == "site"
    assert render.span_html(Span("x", link="javascript:alert(1)")) == "x"


def test_title_and_source_frames_do_not_nest_tags_twice() -> None:
    title = render.block_html(Block((Span("T", bold=True),), "title"))
    source = render.block_html(Block((Span("S", italic=True),), "source"))
    assert (title, source) == ("<b>T</b>", "<i>S</i>")


def test_long_replies_split_between_blocks() -> None:
    lines = [f"line {i} & <more> text " * 8 for i in range(300)]
    reply = tuple(Block((Span(t),), "item") for t in lines)
    chunks = render.to_chunks(reply)
    assert len(chunks) > 1
    assert all(len(c) <= render.LIMIT for c in chunks)
    shown = [line for c in chunks for line in visible_text(c).split("\n")]
    assert shown == [f"• {t}" for t in lines]


def test_one_huge_block_is_cut_at_spaces_with_tags_closed() -> None:
    spans = tuple(
        Span(f"word{i} & more ", bold=i % 3 == 0, italic=i % 5 == 0) for i in range(2000)
    )
    chunks = render.to_chunks((Block(spans, "para"),))
    assert len(chunks) > 2
    assert all(len(c) <= render.LIMIT for c in chunks)
    joined = " ".join(visible_text(c) for c in chunks)
    assert joined.split() == "".join(s.text for s in spans).split()


def test_a_word_longer_than_a_message_is_cut_too() -> None:
    chunks = render.to_chunks((Block((Span("&" * 9000),)),))
    assert all(len(c) <= render.LIMIT for c in chunks)
    assert "".join(visible_text(c) for c in chunks) == "&" * 9000


def test_custom_limits_hold() -> None:
    reply = tuple(Block((Span("ab " * 30),)) for _ in range(10))
    assert all(len(c) <= 100 for c in render.to_chunks(reply, limit=100))


QUERIES = [
    ("moradabad", None),
    ("uttar pradesh", None),
    ("carpets", None),
    ("aurangabad", None),
    ("export plan of agra", None),
    ("jammu and kashmir", "plan_status"),
    ("", "stats"),
    ("", "about"),
    ("", "help"),
    ("varanasi", "contact"),
    ("agra", "committee"),
    ("qwzx plorb", None),
    (HOSTILE, "product_districts"),
]


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize(("query", "hint"), QUERIES)
def test_real_answers_render_to_valid_html_within_limits(knowledge, query, hint, lang) -> None:
    answer = knowledge.engine.ask(query, hint)
    first = render.render(answer, lang)
    for page in range(first.pages):
        rendered = render.render(answer, lang, page)
        assert rendered.chunks
        for chunk in rendered.chunks:
            assert len(chunk) <= render.LIMIT
            visible_text(chunk)  # raises as Telegram would on bad HTML
        if rendered.keyboard:
            for row in rendered.keyboard.inline_keyboard:
                for button in row:
                    data = button.callback_data
                    assert (buttons.decode(data) or follow_data.decode(data)) is not None


def test_pages_cover_every_item_once_with_head_and_tail_on_each(knowledge) -> None:
    answer = knowledge.engine.ask("uttar pradesh")
    full = compose(answer, "en")
    items = [b for b in full if b.kind == "item"]
    reply, page, pages = render.paginate(full, 0)
    assert (page, pages) == (0, -(-len(items) // render.PAGE_SIZE))
    seen = []
    for p in range(pages):
        reply, page, _ = render.paginate(full, p)
        assert page == p
        assert reply[0] == full[0]  # the title
        assert reply[-1] == full[-1]  # the source
        seen += [b for b in reply if b.kind == "item"]
    assert seen == items
    assert render.paginate(full, 999)[1] == pages - 1  # clamped


def test_clarification_buttons_name_each_district(knowledge) -> None:
    answer = knowledge.engine.ask("aurangabad")
    assert answer.clarify
    rendered = render.render(answer, "en")
    rows = rendered.keyboard.inline_keyboard
    assert [r[0].text for r in rows] == [o.label for o in answer.clarify]
    actions = [buttons.decode(r[0].callback_data) for r in rows]
    assert [a.subject.ident for a in actions] == [o.district.id for o in answer.clarify]


def test_unanswered_questions_get_no_vote_buttons(knowledge) -> None:
    assert render.render(knowledge.engine.ask("qwzx plorb"), "en").keyboard is None


def test_the_same_buttons_share_one_keyboard_and_different_ones_never_do(knowledge) -> None:
    ask = knowledge.engine.ask
    agra, agra_again = (render.render(ask(q), "en").keyboard for q in ("agra", "Agra ka ODOP"))
    moradabad = render.render(ask("moradabad"), "en").keyboard
    agra_hi = render.render(ask("agra"), "hi").keyboard
    assert agra is not None
    assert moradabad is not None
    assert agra_hi is not None
    assert agra is agra_again  # built once, shared: PTB's keyboards are immutable
    for other in (moradabad, agra_hi):
        assert other is not agra
        assert other.inline_keyboard != agra.inline_keyboard
    datas = [b.callback_data for row in moradabad.inline_keyboard for b in row]
    district = knowledge.engine.ask("moradabad").districts[0].id
    assert all(f":{district}:" in d for d in datas if d.startswith(("o|d:", "u|", "w|")))


# --- Telegram counts length in UTF-16 code units: an emoji or other astral character is two ---

ASTRAL = "😀🇮🇳𝔘𝔫𝔦𓀀🀄"  # emoji, a flag (two regional indicators), math letters, a hieroglyph


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_astral_text_is_cut_by_utf16_units_into_valid_html_losing_nothing() -> None:
    echo = "😀" * 2040  # 2,040 code points, 4,080 units: under the limit only if counted wrong
    reply = (
        Block((Span("No ODOP product matches “", bold=True), Span(echo), Span("”")), "para"),
        *(Block((Span(f"{ASTRAL * 30} & <{i}>", italic=i % 2 == 0),), "item")
          for i in range(200)),
        Block((Span(" ".join([ASTRAL * 40] * 60), bold=True),), "para"),
    )
    chunks = render.to_chunks(reply)
    assert len(chunks) > 3
    assert all(units(c) <= render.LIMIT for c in chunks)
    shown = "".join(visible_text(c) for c in chunks)  # valid HTML, or this raises
    for block in reply:
        for span in block.spans:
            for word in span.text.split():
                assert word in shown.replace("\n", " ") or word == echo
    assert shown.count("😀") == 2040 + 200 * 30 + 60 * 40
    assert shown.count("🇮🇳") == 200 * 30 + 60 * 40


def test_a_long_run_of_emoji_is_cut_between_characters(knowledge) -> None:
    answer = knowledge.engine.ask("😀" * 5000, "product_districts")
    chunks = render.render(answer, "en").chunks
    assert all(units(c) <= render.LIMIT for c in chunks)
    shown = "".join(visible_text(c) for c in chunks)
    asked = answer.topic or answer.query
    assert shown.count("😀") == asked.count("😀")
    assert "\ufffd" not in shown


def test_custom_limits_hold_in_utf16_units() -> None:
    reply = tuple(Block((Span("😀b " * 30),)) for _ in range(10))
    chunks = render.to_chunks(reply, limit=100)
    assert all(units(c) <= 100 for c in chunks)
    assert sum(c.count("😀") for c in chunks) == 300


def test_stats_are_trimmed_to_the_limit_in_utf16_units() -> None:
    from handlers.texts import stats_text
    from knowledge.activity import Summary

    asked = tuple((f"{i} " + "😀" * 400, 1) for i in range(40))
    summary = Summary(total=40, answered=0, week_total=40, week_unanswered=40, by_intent=(),
                      unanswered=asked, up=0, down=0, downvoted=(), languages_saved=0)
    html = stats_text(summary, "en")
    assert units(html) <= render.LIMIT
    visible_text(html)
    assert html.endswith("\n…")


def test_inline_card_texts_fit_in_utf16_units(knowledge) -> None:
    from handlers import cards

    answer = knowledge.engine.ask("agra")
    long = replace_products(answer, "𝔘" * 300)
    assert units(cards.description_of(long)) <= cards.DESCRIPTION_MAX
    assert cards.description_of(long).endswith("…")


def replace_products(answer, name: str):
    from dataclasses import replace

    return replace(answer, products=tuple(replace(p, name=name) for p in answer.products))


def _labels_and_data(markup: object) -> list[tuple[str, str]]:
    rows = getattr(markup, "inline_keyboard", ())
    return [(b.text, b.callback_data) for row in rows for b in row]


def test_a_side_question_has_one_button_to_where_the_product_is_listed(
    knowledge: Any,
) -> None:
    answer = knowledge.engine.ask("onion price today")
    labels = _labels_and_data(render.keyboard(answer, "en"))
    assert [label for label, _ in labels] == ["🗺 Where “onion” is listed"]
    action = buttons.decode(labels[0][1])
    assert isinstance(action, buttons.Show)
    assert action.subject == buttons.Subject("t", 0, "product_districts", "onion")


def test_a_count_offers_the_full_series_one_tap_away(knowledge: Any) -> None:
    answer = knowledge.engine.ask("how many DEAPs have been notified")
    labels = [label for label, _ in _labels_and_data(render.keyboard(answer, "en"))]
    assert "📈 All figures over time" in labels


FOLLOWABLE = [
    # product answers reached by a word, in English, Hinglish and Hindi
    "pyaz", "makhana", "brass", "haldi", "प्याज", "मखाना", "foxnut", "onion in bihar",
    "where is carpet made", "red rice",
    # districts, States, a product by its official name
    "moradabad", "मुरादाबाद", "bihar", "odop of uttar pradesh", "Makhana (Foxnut)",
]


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize("query", FOLLOWABLE)
def test_every_district_state_and_product_answer_has_a_follow_button(
    knowledge: Any, query: str, lang: str
) -> None:
    answer = knowledge.engine.ask(query)
    assert answer.intent in ("product_districts", "district_products", "state_overview")
    follows = [(label, data) for label, data in _labels_and_data(render.keyboard(answer, lang))
               if data.startswith("f|+")]
    assert len(follows) == 1, query
    label, data = follows[0]
    assert label == ("🔔 Follow" if lang == "en" else "🔔 फ़ॉलो करें")
    assert follow_data.decode(data) is not None


def test_every_spelling_of_a_product_word_follows_one_concept(knowledge: Any) -> None:
    from knowledge import concepts

    keys = set()
    for query in ("makhana", "foxnut", "मखाना", "phoolmakhana", "makhane", "Makhana"):
        [(_label, data)] = [(label, data) for label, data in _labels_and_data(
            render.keyboard(knowledge.engine.ask(query), "en")) if data.startswith("f|+")]
        action = follow_data.decode(data)
        assert isinstance(action, follow_data.FollowWord), query
        found = concepts.concept(action.word, knowledge.engine.index)
        assert found is not None
        keys.add(found.key)
    assert keys == {"makhana"}


def test_a_side_question_offers_no_follow_button(knowledge: Any) -> None:
    answer = knowledge.engine.ask("onion price today")
    assert not [d for _l, d in _labels_and_data(render.keyboard(answer, "en"))
                if d.startswith("f|")]
