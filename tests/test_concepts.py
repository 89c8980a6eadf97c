"""Product concepts: what following a product word means, and that alerts (by name terms in
SQL) and answers (by the engine's index) agree on which official products a word names."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge import concepts
from knowledge.vocabulary import name_terms
from tests.bot_fixtures import knowledge  # noqa: F401 (fixture)

WORDS = ["pyaz", "makhana", "foxnut", "मखाना", "brass", "pital", "haldi", "हल्दी", "प्याज",
         "onions", "kele", "carpet", "red rice", "Makhana (Foxnut)", "Bastar Craft", "mango",
         "आम", "leather", "silk", "pickle", "अचार"]


@pytest.mark.parametrize("word", WORDS)
def test_a_word_names_the_products_its_question_lists(knowledge: Any, word: str) -> None:  # noqa: F811
    index = knowledge.engine.index
    found = concepts.concept(word, index)
    assert found is not None
    listed = {(p.name, p.district) for p in knowledge.engine.ask(word).products}
    named = {(index.catalog.products[i].name, index.catalog.products[i].district)
             for i in concepts.products(found, index)}
    assert named == listed


@pytest.mark.parametrize("word", WORDS)
def test_name_terms_find_exactly_the_products_a_concept_names(knowledge: Any, word: str) -> None:  # noqa: F811
    """What an alert matches in SQL (a concept's terms against `name_terms` of the product)
    is what the engine's index names."""
    index = knowledge.engine.index
    found = concepts.concept(word, index)
    assert found is not None
    by_terms = {i for i, p in enumerate(index.catalog.products)
                if set(found.terms) & name_terms(p.name)}
    assert by_terms == concepts.products(found, index)


@pytest.mark.parametrize(("words", "key"), [
    (("makhana", "foxnut", "मखाना", "phoolmakhana", "makhane", "MAKHANA"), "makhana"),
    (("pyaz", "pyaaz", "प्याज", "onion", "onions"), "onion"),
    (("haldi", "हल्दी", "haldee"), "haladi|turmeric"),
    (("brass", "pital"), "brass"),
])
def test_every_spelling_is_one_key(knowledge: Any, words: tuple[str, ...], key: str) -> None:  # noqa: F811
    index = knowledge.engine.index
    for word in words:
        found = concepts.concept(word, index)
        assert found is not None, word
        assert found.key == key, word


def test_nothing_and_typos(knowledge: Any) -> None:  # noqa: F811
    index = knowledge.engine.index
    assert concepts.concept("", index) is None
    assert concepts.concept("what is", index) is None
    assert concepts.concept("qwertyuiop", index) is None
    assert concepts.suggestions("makhna", index) == ["Makhana"]
    assert concepts.suggestions("qwertyuiop", index) == []
