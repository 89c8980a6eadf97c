"""The product vocabulary (knowledge/vocabulary.py, data/product_synonyms.csv).

Every row of the synonym table leads to the products it names, and every product of the
official list is found by its name, its plural and each synonym that points at it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from bot.bootstrap import Knowledge, open_knowledge
from knowledge import lexicon
from knowledge.normalise import fold, latin_of_devanagari, stem
from knowledge.reply import compose, to_text
from knowledge.vocabulary import (
    SYNONYMS_FILE,
    TOWNS_FILE,
    is_common_english,
    load_splits,
    load_state_forms,
    load_synonyms,
    spelling_key,
    variants,
)

ROWS = load_synonyms()


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    path = tmp_path_factory.mktemp("vocabulary") / "odop.sqlite3"
    return open_knowledge(f"sqlite:///{path}")


def _names_target(name: str, target: str) -> bool:
    words = [stem(w) for w in fold(name).split()]
    wanted = [stem(w) for w in target.split()]
    if len(wanted) > 1:
        return " ".join(wanted) in " ".join(words)
    return any(w.startswith(wanted[0]) for w in words)


def test_table_has_its_columns_and_a_source_on_every_row() -> None:
    with SYNONYMS_FILE.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["word", "script", "lang", "products", "source"]
        rows = list(reader)
    assert all(r["source"].strip() and r["products"].strip() for r in rows)
    assert {r["script"] for r in rows} == {"latin", "devanagari"}
    assert len({fold(r["word"]) for r in rows}) == len(rows), "a word listed twice"


@pytest.mark.parametrize("row", ROWS, ids=[r.word for r in ROWS])
def test_every_synonym_leads_to_the_products_it_names(knowledge: Knowledge, row) -> None:
    answer = knowledge.engine.ask(row.word)
    assert answer.products, f"{row.word!r} found nothing (intent {answer.intent})"
    # the word itself names the products of the list spelt with it (achaar: Achar-Muraba)
    own = _own_word(row.word)
    stray = [p.name for p in answer.products
             if not any(_names_target(p.name, t) for t in (*row.products, *own))]
    assert not stray, f"{row.word!r} -> {row.products} also found {stray[:3]}"


def _own_word(word: str) -> tuple[str, ...]:
    """The synonym word as the list would spell it: long vowels once, Hindi read aloud."""
    folded = fold(word)
    if not folded.isascii():
        folded = latin_of_devanagari(folded)
    return (folded, re.sub(r"([aeiou])\1", r"\1", folded))


def _plural(name: str) -> str:
    head, _, last = name.rpartition(" ")
    if last.endswith(("s", "ware", "ing")) or not last.isalpha():
        return name
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("ch", "sh", "x", "o")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}".strip()


def _products(knowledge: Knowledge) -> list[str]:
    return sorted({p.name for p in knowledge.catalog.products})


def test_every_product_is_found_by_its_name_and_its_plural(knowledge: Knowledge) -> None:
    missed = []
    for name in _products(knowledge):
        for asked in dict.fromkeys((name, _plural(name))):
            answer = knowledge.engine.ask(asked)
            listed = {p.name for p in answer.products}
            options = bool(answer.clarify)
            if name not in listed and not options:
                missed.append(f"{asked!r} -> {answer.intent}")
    assert not missed, f"{len(missed)} product names not found: {missed}"


@pytest.mark.parametrize(
    ("word", "forms"),
    [("onions", ["onions", "onion"]), ("strawberries", ["strawberries", "strawberry"]),
     ("kele", ["kele", "kela"]), ("chudiyan", ["chudiyan", "chudiyan"[:-1], "chudi"]),
     ("प्याज", ["प्याज"])],
)
def test_variants_cover_plurals_and_hinglish_endings(word: str, forms: list[str]) -> None:
    assert set(variants(word)) >= {forms[0], forms[-1]}


def test_spellings_of_one_word_share_a_key() -> None:
    assert spelling_key("pyaaz") == spelling_key("pyaaj")
    assert spelling_key("heeng") == spelling_key("hiing")
    assert spelling_key("haldee") == spelling_key("haldi")
    assert spelling_key("gur") is None  # too short to guess at
    assert spelling_key("bara") is None


def test_words_of_the_synonym_file_are_what_the_index_reads(knowledge: Knowledge) -> None:
    assert knowledge.catalog.synonyms["pyaz"] == ("onion",)
    assert Path(SYNONYMS_FILE).name == "product_synonyms.csv"


def test_every_state_short_form_names_a_loaded_state(knowledge: Knowledge) -> None:
    states = {s.name for s in knowledge.catalog.states}
    forms = load_state_forms()
    assert {f.kind for f in forms} == {"name", "code", "code_capitals"}
    assert all(f.source for f in forms)
    assert [f.short for f in forms if f.state not in states] == []


@pytest.mark.parametrize(
    ("question", "district", "state"),
    [("Aurangabad (Bih.)", "Aurangabad", "Bihar"),
     ("Balrampur, C.G.", "Balrampur", "Chhattisgarh"),
     ("hamirpur (u.p.)", "Hamirpur", "Uttar Pradesh"),
     ("Aurangabad MH", "Aurangabad", "Maharashtra")],
)
def test_a_state_short_form_after_a_district_picks_the_state(
    knowledge: Knowledge, question: str, district: str, state: str
) -> None:
    answer = knowledge.engine.ask(question)
    assert [(d.name, d.state) for d in answer.districts][:1] == [(district, state)]


@pytest.mark.parametrize("question", ["as", "or", "kya tum meri madad kar sakte ho"])
def test_codes_that_are_ordinary_words_stay_words(knowledge: Knowledge, question: str) -> None:
    assert knowledge.engine.ask(question).states == ()


def test_every_town_that_is_no_district_is_answered_as_a_place_we_do_not_know(
    knowledge: Knowledge,
) -> None:
    """data/towns_not_districts.csv: each town has its State and a source, is neither a
    district nor an alias of one (else it would be that district), and a question about it
    names no district: not the district one slip away ("bhiwandi" is not Bhiwani)."""
    with TOWNS_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    states = {d.state for d in knowledge.catalog.districts}
    assert rows
    wrong = []
    for r in rows:
        assert r["source"], r
        assert r["state"] in states, r
        answer = knowledge.engine.ask(f"{r['town'].lower()} ka odop")
        if answer.districts or answer.clarify or answer.intent != "unknown":
            wrong.append((r["town"], answer.intent, [d.name for d in answer.districts]))
    assert wrong == []


def test_every_divided_district_names_todays_districts(knowledge: Knowledge) -> None:
    known = {(d.state, d.name) for d in knowledge.catalog.districts}
    for split in load_splits():
        assert split.source
        assert split.year.isdigit()
        assert [n for n in split.successors if (split.state, n) not in known] == []


def test_a_divided_district_asks_back_quoting_the_words_typed(knowledge: Knowledge) -> None:
    answer = knowledge.engine.ask("undivided 24 parganas")
    assert {o.district.name for o in answer.clarify} == {"24 Paraganas North",
                                                          "24 Paraganas South"}
    text = to_text(compose(answer, "en"))
    assert text.startswith("“24 parganas” was divided into 2 districts (from 1986).")
    assert "Source: " in text
    assert "“24 parganas”" in to_text(compose(answer, "hi"))


@pytest.mark.parametrize(
    ("word", "latin"),
    [("फुलकारी", "phulkaarii"), ("मखाना", "makhaanaa"), ("कटहल", "kathal"),
     ("पश्मीना", "pashmiinaa"), ("सरसों", "sarson"), ("बांस", "baans")],
)
def test_a_devanagari_word_reads_aloud_in_latin_letters(word: str, latin: str) -> None:
    assert latin_of_devanagari(fold(word)) == latin


@pytest.mark.parametrize(
    ("word", "latin"),
    [("नवांशहर", "navaanshahar"), ("कटहल", "katahal"), ("मखाना", "makhaanaa")],
)
def test_a_second_reading_keeps_the_medial_a_where_a_compound_meets(word: str,
                                                                    latin: str) -> None:
    # navan-shahar: the deletion rule, blind to the join, reads navaansh-har
    assert latin_of_devanagari(fold(word), medial=False) == latin


@pytest.mark.parametrize(
    ("word", "latin"),
    [("बासमती", "baasmatii"), ("फुलकारी", "phulkaarii"), ("कटहल", "kathal"),
     ("मखाना", "makhaanaa")],
)
def test_a_third_reading_drops_the_schwa_from_the_left(word: str, latin: str) -> None:
    # baas-matii: read from the right, the rule drops the second "a" (baasam-tii)
    assert latin_of_devanagari(fold(word), forward=True) == latin


@pytest.mark.parametrize(
    ("word", "english"),
    [("sleep", True), ("belly", True), ("carped", True), ("rubier", True), ("tumeric", False),
     ("jaggary", False), ("moradabd", False), ("pashmeena", False), ("una", False)],
)
def test_common_english_words_and_their_inflections_are_known(word: str, english: bool) -> None:
    assert is_common_english(word) is english


@pytest.mark.parametrize(
    ("question", "qualifier"),
    [("kala chawal", "black"), ("काला चावल", "black"), ("sukhi machhli", "dry"),
     ("hari chai", "green"), ("meetha santra", "sweet"), ("काला नमक चावल", "kalanamak"),
     ("जैविक चाय", "organic"), ("jaivik chai", "organic"), ("ऑर्गेनिक चाय असम", "organic"),
     ("आर्गेनिक चाय", "organic"),
     # "chillies" is the plural of the list's "Chilli", not of "chilly": the qualifier
     # before it still narrows (the plain stem reads it as "chilly", a run no name has)
     ("king chillies", "king chilli"), ("mizo chillies", "mizo"),
     ("king chillies manipur", "king")],
)
def test_a_qualifier_narrows_in_hindi_and_before_an_ies_plural(
    knowledge: Knowledge, question: str, qualifier: str
) -> None:
    products = knowledge.engine.ask(question).products
    assert products
    assert [p.name for p in products if qualifier not in p.name.lower()] == []


@pytest.mark.parametrize("word", sorted(lexicon.UNLISTED_CROPS))
def test_an_unlisted_crop_names_no_product(knowledge: Knowledge, word: str) -> None:
    # the list read as it is shipped: a crop that a new list names is no longer unlisted
    assert not knowledge.engine.index.products_for_word(stem(word))
