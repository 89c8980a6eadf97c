"""Long lists asked for one page at a time (Engine.ask(..., page)) read exactly as the page of
the whole list: same header and counts, same items in the same order, same buttons, in English
and Hindi; and a paged answer carries only its page, with the whole list's totals."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench_scale import scaled
from bot.bootstrap import Knowledge, open_knowledge
from handlers import buttons, render
from knowledge.answer import Answer, Page
from knowledge.engine import Engine
from knowledge.listing import ANSWER_ORDER, Ranking
from knowledge.reply import compose, to_text
from tests.test_engine_queries import load_rows

# Lists that grow with the catalog, of every kind the engine pages: a product word, a sector in
# a State, GI in a State, all GI products, a State's overview (English, Hinglish, Devanagari).
LONG = [
    ("handloom", None),
    ("GI products", None),
    ("GI tagged products of Bihar", None),
    ("GI products of UP", None),
    ("marine products of kerala", None),
    ("handicrafts", None),
    ("Uttar Pradesh", None),
    ("UP odop", None),
    ("एमपी का ओडीओपी", None),
    ("bihar", "state_overview"),
    ("GI products of UP", "state_overview"),  # a narrowed overview
    ("handicrafts in uttar pradesh", "state_overview"),
    ("rice", "product_districts"),
    ("bamboo", None),
    ("cashew", None),
    ("textiles", None),
]


@pytest.fixture(scope="module")
def knowledge(
    seeded_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Knowledge]:
    path = tmp_path_factory.mktemp("paging") / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, path)
    kb = open_knowledge(f"sqlite:///{path}")
    yield kb
    kb.db.dispose()


@pytest.fixture(scope="module")
def engine(knowledge: Knowledge) -> Engine:
    return knowledge.engine


@pytest.fixture(scope="module")
def grown(knowledge: Knowledge) -> Engine:
    """Today's knowledge three times over (renamed copies, as benchmarks/bench_scale.py)."""
    return Engine(scaled(knowledge.catalog, 3))


def shown(rendered: render.Rendered) -> tuple[Any, ...]:
    keyboard = rendered.keyboard.to_dict() if rendered.keyboard is not None else None
    return rendered.chunks, keyboard, rendered.page, rendered.pages


def same_pages(engine: Engine, query: str, hint: Any, lang: str) -> int:
    """Check every page of `query` asked paged against the page of the whole answer; return
    the number of pages."""
    whole = engine.ask(query, hint)
    pages = render.render(whole, lang).pages  # type: ignore[arg-type]
    for k in [*range(pages), pages, 999]:  # past the end: the last page, as before
        paged = engine.ask(query, hint, render.page(k))
        assert shown(render.render(paged, lang, k)) == shown(  # type: ignore[arg-type]
            render.render(whole, lang, k)  # type: ignore[arg-type]
        ), (query, lang, k)
        assert paged.intent == whole.intent
        assert paged.states == whole.states
        assert buttons.subject_of(paged) == buttons.subject_of(whole)
    return pages


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize(("query", "hint"), LONG)
def test_each_page_asked_is_the_page_of_the_whole_list(
    engine: Engine, query: str, hint: Any, lang: str
) -> None:
    assert same_pages(engine, query, hint, lang) > 1


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize(("query", "hint"), LONG[:12])
def test_pages_agree_on_a_grown_catalog(grown: Engine, query: str, hint: Any, lang: str) -> None:
    """Three times the lists: more pages, and lists long and short against the catalog, so a
    page is found both by walking the ranked products and by sorting the match."""
    assert same_pages(grown, query, hint, lang) > 1


def test_every_question_of_the_table_reads_the_same_paged(engine: Engine) -> None:
    for row in load_rows():
        for lang in ("en", "hi"):
            whole = render.render(engine.ask(row.query), lang)  # type: ignore[arg-type]
            paged = render.render(engine.ask(row.query, None, render.page(0)), lang)  # type: ignore[arg-type]
            assert shown(paged) == shown(whole), (row.line, row.query, lang)


def test_a_paged_answer_carries_its_page_and_the_whole_lists_totals(engine: Engine) -> None:
    whole = engine.ask("handloom")
    page = engine.ask("handloom", None, Page(2, 10))
    assert page.paged is not None
    assert page.products == whole.products[20:30]
    assert page.paged.number == 2
    assert page.paged.items == len(whole.products)
    assert page.paged.pages == -(-len(whole.products) // 10)
    assert page.district_count == len(whole.districts)
    assert page.districts == tuple(dict.fromkeys(
        d for p in page.products for d in whole.districts if d.name == p.district
        and d.state == p.state))
    assert page.states == whole.states
    # The CLI and --json ask for no page: the whole list, unchanged.
    assert whole.paged is None
    assert list(whole.products) == sorted(whole.products, key=ANSWER_ORDER)


def test_a_short_list_asked_paged_is_the_whole_answer(engine: Engine) -> None:
    for query in ("moradabad", "carpets in UP", "DEAP status Erode", "what is ODOP"):
        assert engine.ask(query, None, render.page(0)) == engine.ask(query)


def test_a_states_overview_page_holds_its_districts_lines(engine: Engine) -> None:
    whole = engine.ask("uttar pradesh")
    first = engine.ask("uttar pradesh", None, render.page(0))
    assert first.paged is not None
    assert first.paged.pages == 5
    assert len({p.district for p in first.products}) == render.PAGE_SIZE
    assert first.facts == whole.facts  # the State's counts head every page
    assert {d.name for d in first.districts} == {p.district for p in first.products}
    last = engine.ask("uttar pradesh", None, render.page(4))
    assert last.products == whole.products[-len(last.products):]


def test_paged_hindi_text_names_places_as_the_whole_answer_does(engine: Engine) -> None:
    """The Hindi names of the districts on a page come with the page."""
    whole = engine.ask("handloom")
    for k in range(3):
        paged = engine.ask("handloom", None, render.page(k))
        page_text = to_text(render.paginate(compose(whole, "hi"), k)[0])
        assert to_text(compose(paged, "hi")) == page_text


def test_button_pages_ask_the_engine_for_one_page(grown: Engine) -> None:
    """A State's, a product's and a product word's button rebuild only the page pressed."""
    state = grown.catalog.state_by_name["Uttar Pradesh"].id
    for rebuild in (
        lambda page: grown.state(state, page=page),
        lambda page: grown.product("handloom", page=page),
        lambda page: grown.product("handicrafts", state, page),
    ):
        whole: Answer = rebuild(None)
        answer: Answer = rebuild(render.page(1))
        assert answer.paged is not None
        assert answer.paged.number == 1
        size = render.PAGE_SIZE
        if whole.intent == "product_districts":
            assert answer.products == whole.products[size : 2 * size]
        else:
            names = list(dict.fromkeys(p.district for p in whole.products))[size : 2 * size]
            assert answer.products == tuple(p for p in whole.products if p.district in names)


@pytest.mark.parametrize("wanted", [set(), {"handloom"}, {"export", "council", "for", "handloom"},
                                    {"cashew", "contact"}, {"silk", "saree"}, {"a"},
                                    {"product", "and"}, {"zzz"}])
@pytest.mark.parametrize("scope", ["all", "handloom", "every third"])
def test_the_words_a_council_is_chosen_by_are_those_of_each_product_mentioning_one(
    engine: Engine, grown: Engine, wanted: set[str], scope: str
) -> None:
    """The words of the products that mention a wanted word, as the index reads them (from
    the words that start with one, or each name once when many do) and as `_words_of` reads
    product objects, are those read product by product (name and sector together)."""
    from knowledge.facts import _mentions, _stems, _words_of

    for e in (engine, grown):
        products = e.catalog.products
        ids = {"all": set(range(len(products))),
               "handloom": e.index.products_for_targets(("handloom", "silk", "carpet")),
               "every third": set(range(0, len(products), 3))}[scope]
        assert ids
        one_by_one: set[str] = set()
        for i in ids:
            p = products[i]
            if not wanted or _mentions(p, wanted):
                one_by_one |= _stems(f"{p.name} {p.sector}")
        assert e.index.words_of(ids, wanted) == one_by_one
        # only the words a caller compares them with (the councils'), from each product's own
        for among in (e.facts._council_vocabulary, frozenset({"silk", "and", "handloom"})):
            assert e.index.words_of(ids, wanted, among) == one_by_one & among
        assert _words_of([products[i] for i in ids], wanted, e.index.name_stems) == one_by_one


def test_a_council_question_reads_the_products_named_from_the_words_they_start_with(
    grown: Engine,
) -> None:
    """The products of a match mentioning a wanted word are found from the few words that
    start with it, or (when very many do: "a") not at all, and the names read instead."""
    ids = set(range(len(grown.catalog.products)))
    said = grown.index.mentioning(ids, {"handloom"})
    assert said == {i for i in ids if any(w.startswith("handloom") for w in
                                          grown.index.name_stems[grown.catalog.products[i].name])}
    small = set(list(ids)[:50])
    assert grown.index.mentioning(small, {"a"}) is None


SIDE = ["haldi ki mandi", "kisan credit card for turmeric farmers", "pm kisan for mango growers",
        "onion price today", "how to grow mango", "हल्दी का भाव", "rice price in punjab",
        "turmeric price in erode", "bhadohi carpet rate"]


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize("query", SIDE)
def test_a_side_question_asked_paged_names_the_same_places(
    engine: Engine, grown: Engine, query: str, lang: str
) -> None:
    """A side question names the first places where the product is listed and counts the
    rest: asked paged it carries only those places' products, and reads the same."""
    for e in (engine, grown):
        whole = e.ask(query)
        paged = e.ask(query, None, render.page(0))
        assert paged.intent == whole.intent
        assert shown(render.render(paged, lang)) == shown(render.render(whole, lang))  # type: ignore[arg-type]
        if whole.intent == "outside":
            assert paged.paged is not None
            assert paged.products == whole.products[: len(paged.products)]
            assert paged.paged.districts == len({p.district_id for p in whole.products})


def test_a_window_is_the_slice_of_the_ordered_match_however_the_match_lies(
    engine: Engine,
) -> None:
    """Matches spread evenly, bunched at the end of the ranked list, in one State, small and
    large, over a catalog 30x today's: every page, found by walking or by stretches, is that
    slice of the sorted match."""
    ranking = Ranking(scaled(engine.catalog, 30).products)
    n = len(ranking.order)
    rng = random.Random(7)
    tail = sorted(ranking.order[-n // 5 :])
    state, ranked = max(ranking._state_order.items(), key=lambda kv: len(kv[1]))
    matches = [
        set(rng.sample(range(n), 900)),  # spread
        set(rng.sample(tail, 400)),  # bunched far down the list
        set(ranking.order[:40]) | set(rng.sample(tail, 300)),  # a few early, the rest late
        set(rng.sample(range(n), 100)),  # small: sorted
        # one dense bunch far down (found from its first product), and two bunches far apart
        set(ranking.order[n // 2 : n // 2 + 900 : 2]),
        set(ranking.order[n // 2 : n // 2 + 290]) | set(ranking.order[-300:]),
        set(range(n)),  # everything
    ]
    for ids in matches:
        ordered = ranking.ordered(ids)
        for start in (0, 15, 30, 45, len(ids) - 10, len(ids) + 5):
            assert ranking.window(ids, start, start + 15) == ordered[start : start + 15]
    in_state = set(rng.sample(ranked, len(ranked) // 3))
    ordered = ranking.ordered(in_state)
    for start in (0, 15, len(in_state) - 20):
        assert ranking.window(in_state, start, start + 15, state) == ordered[start : start + 15]
