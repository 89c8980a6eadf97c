"""The engine's decisions and the facts it attaches; tests/test_engine_queries.py has the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine as Database

from bot.bootstrap import Knowledge, open_knowledge
from knowledge import store
from knowledge.answer import INTENTS
from knowledge.engine import Engine
from knowledge.normalise import fold, sound, stem
from knowledge.reply import compose, to_text


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    path = tmp_path_factory.mktemp("engine") / "odop.sqlite3"
    return open_knowledge(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def engine(knowledge: Knowledge) -> Engine:
    return knowledge.engine


def test_fold_keeps_devanagari_vowel_signs_and_drops_punctuation() -> None:
    assert fold("  Mora-dabad!! ") == "mora dabad"
    assert fold("मुरादाबाद का उत्पाद?") == "मुरादाबाद का उत्पाद"
    assert fold("J&K") == "j and k"
    assert fold("Bhārat") == "bharat"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("carpets", "carpet"), ("mangoes", "mango"), ("toys", "toy"), ("glass", "glass"),
     ("products", "product"), ("haldi", "haldi")],
)
def test_stem_strips_english_plurals_only(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_sound_key_joins_spellings_that_sound_alike() -> None:
    assert sound("Raigarh") == sound("Raigad")
    assert sound("Hissar") == sound("Hisar")
    assert sound("Kancheepuram") == sound("Kanchipuram")
    assert sound("Moradabad") != sound("Muradnagar")
    # the Telugu ending -palle is written -palli and -pally too
    assert sound("Anakapalle") == sound("Anakapalli") == sound("Anakapally")
    assert sound("Banaganapalle") == sound("Banaganapalli")
    assert sound("Palleru") != sound("Palliru")  # only the ending


def test_every_intent_is_reachable(engine: Engine) -> None:
    questions = {
        "district_products": "moradabad", "product_districts": "makhana",
        "state_overview": "bihar", "plan_status": "deap status erode",
        "committee": "who chairs the depc", "contact": "dgft contact surat",
        "dgft_office": "which dgft office covers belagavi",
        "stats": "how many districts have export plans", "about": "what is odop",
        "help": "help", "unknown": "qwertyuiop", "outside": "onion price today",
    }
    assert set(questions) == set(INTENTS)
    for intent, text in questions.items():
        assert engine.ask(text).intent == intent, text


def test_shared_name_asks_instead_of_guessing(engine: Engine) -> None:
    answer = engine.ask("Bilaspur")
    assert {(o.district.name, o.district.state) for o in answer.clarify} == {
        ("Bilaspur", "Himachal Pradesh"), ("Bilaspur", "Chhattisgarh")}
    assert answer.districts == ()
    assert answer.clarify[0].label == "Bilaspur (Chhattisgarh)"


def test_state_or_product_settles_a_shared_name(engine: Engine) -> None:
    assert engine.ask("bilaspur hp").districts[0].state == "Himachal Pradesh"
    hamirpur = engine.ask("hamirpur shoes")
    assert not hamirpur.clarify
    assert hamirpur.districts[0].state == "Uttar Pradesh"


def test_clarification_keeps_the_question_kind(engine: Engine) -> None:
    answer = engine.ask("DEPC chairman aurangabad")
    assert answer.intent == "committee"
    assert len(answer.clarify) == 2


def test_nonsense_never_names_a_district(engine: Engine) -> None:
    for text in ("asdfgh", "zzzz qqqq", "🙂", "", "   ", "weather in patna tomorrow"):
        answer = engine.ask(text)
        assert answer.intent == "unknown", text
        assert answer.districts == ()
        assert answer.clarify == ()


def test_unknown_offers_close_names(engine: Engine) -> None:
    answer = engine.ask("varnsy")
    assert answer.intent == "unknown"
    assert "Varanasi (Uttar Pradesh)" in answer.suggestions


def test_district_card_lists_products_with_source_and_date(engine: Engine) -> None:
    answer = engine.ask("मुरादाबाद का उत्पाद")
    assert [p.name for p in answer.products] == ["Moradabad Metal Craft"]
    assert answer.sources
    assert "2025-07-07" in answer.sources[0]
    assert answer.facts[0].metric == "export plan status"


def test_product_words_narrow_each_other(engine: Engine) -> None:
    answer = engine.ask("Where is Lakadong turmeric grown?")
    assert [(p.district, p.name) for p in answer.products] == [
        ("West Jaintia Hills", "Turmeric (Lakadong)")]


def test_product_in_a_state_lists_only_that_state(engine: Engine) -> None:
    answer = engine.ask("carpets in UP")
    assert answer.intent == "product_districts"
    assert {p.state for p in answer.products} == {"Uttar Pradesh"}
    assert "Bhadohi" in {d.name for d in answer.districts}


def test_product_missing_in_the_state_says_so_and_shows_where(engine: Engine) -> None:
    answer = engine.ask("saffron in bihar")
    text = to_text(compose(answer))
    assert "No district of Bihar lists" in text
    assert {p.state for p in answer.products} == {"Jammu and Kashmir"}


def test_unknown_plan_status_says_so_and_names_who_would_know(engine: Engine) -> None:
    answer = engine.ask("export action plan status of Moradabad")
    assert answer.intent == "plan_status"
    assert answer.facts[0].value == "unknown"
    roles = [c.role for c in answer.contacts]
    assert "DEPC convener" in roles
    assert "DGFT helpdesk" in roles
    national = {f.metric: f.value for f in answer.facts if f.metric.startswith("India:")}
    assert "590" in national.values()
    assert "249" in national.values()
    assert "not known" in to_text(compose(answer)).lower()


def test_known_plan_status_carries_the_source(engine: Engine) -> None:
    answer = engine.ask("is the DEAP of Villupuram notified")
    first = answer.facts[0]
    assert (first.value, first.source.startswith("https://docslib.org")) == ("draft", True)


def test_committee_roles_follow_the_handbook_and_say_so(engine: Engine) -> None:
    answer = engine.ask("who chairs the DEPC of Varanasi")
    chair = next(c for c in answer.contacts if c.role == "DEPC chair")
    assert "Collector" in chair.name
    assert "Varanasi" in chair.name
    assert "Handbook" in chair.note
    assert any("eximkey" in s for s in answer.sources)


def test_state_committee_reported_roles(engine: Engine) -> None:
    answer = engine.ask("SEPC tamil nadu")
    assert any(c.role == "SEPC chair" and "Chief Secretary" in c.name for c in answer.contacts)


def test_contact_prefers_the_office_with_evidence_for_the_district(engine: Engine) -> None:
    answer = engine.ask("DGFT contact for Erode")
    offices = [c.name for c in answer.contacts if c.role == "DGFT Regional Authority"]
    assert offices == ["DGFT Regional Authority, Coimbatore"]


def test_contact_for_a_product_names_its_council(engine: Engine) -> None:
    answer = engine.ask("export promotion council for spices")
    assert any("Spices Board" in c.name for c in answer.contacts)
    carpets = engine.ask("whom to contact for exporting carpets from bhadohi")
    assert any("Carpet Export Promotion Council" in c.name for c in carpets.contacts)


def test_stats_are_dated_and_sourced(engine: Engine) -> None:
    answer = engine.ask("odop statistics")
    assert answer.facts
    assert all(f.as_of and f.source for f in answer.facts)


def test_lookups_by_id_and_lgd(engine: Engine) -> None:
    ref = engine.by_lgd(171)
    assert ref is not None
    assert ref.name == "Moradabad"
    assert engine.district(ref.id, "contact").intent == "contact"
    assert engine.by_lgd(99999) is None
    assert engine.district(-1).intent == "unknown"


def test_suggest_offers_cards_for_inline_mode(engine: Engine) -> None:
    cards = engine.suggest("turmeric")
    assert len(cards) >= 10
    assert all(c.intent == "district_products" for c in cards)
    assert len(engine.suggest("uttar pradesh", limit=50)) == 50


def test_hint_forces_the_kind_of_answer(engine: Engine) -> None:
    assert engine.ask("erode", hint="plan_status").intent == "plan_status"
    assert engine.ask("bihar", hint="district_products").intent == "state_overview"
    assert engine.ask("", hint="about").intent == "about"


def test_hindi_reply_uses_hindi_interface_text(engine: Engine) -> None:
    text = to_text(compose(engine.ask("moradabad"), "hi"))
    assert "मुरादाबाद (Moradabad), उत्तर प्रदेश (Uttar Pradesh) — ODOP उत्पाद" in text
    assert "Moradabad Metal Craft" in text  # knowledge text stays as published


def test_reload_swaps_in_a_new_engine(knowledge: Knowledge) -> None:
    before = knowledge.engine
    knowledge.reload()
    assert knowledge.engine is not before
    assert knowledge.engine.ask("moradabad").districts == before.ask("moradabad").districts


@pytest.mark.postgres
def test_postgres_knowledge_answers_like_sqlite(
    pg_url: str, engine: Engine, tmp_path: Path
) -> None:
    from knowledge.db import session_factory
    from knowledge.seed import ensure_seeded
    from tests.conftest import postgres_schema  # the helper that isolates a schema

    with postgres_schema(pg_url) as database:
        pg_engine = _engine_on(database, ensure_seeded, session_factory)
        for text in ("moradabad", "haldi kahan hoti hai", "Aurangabad", "DEAP status Kathua"):
            assert pg_engine.ask(text) == engine.ask(text), text


def _engine_on(database: Database, ensure_seeded: object, session_factory: object) -> Engine:
    ensure_seeded(database)  # type: ignore[operator]
    with session_factory(database)() as session:  # type: ignore[operator]
        return Engine(store.load_catalog(session))


def test_inline_mode_offers_districts_starting_with_what_was_typed(engine: Engine) -> None:
    names = [c.districts[0].name for c in engine.suggest("bara", limit=50)]
    assert names
    assert all(fold(n).startswith("bara") for n in names)
    assert names == sorted(names, key=fold)
    expected = [d.name for d in engine.catalog.districts if fold(d.name).startswith("bara")]
    assert sorted(names) == sorted(expected)
    assert len(engine.suggest("bara", limit=2)) == 2


def test_a_name_read_whole_is_not_widened_by_a_lone_word_beside_it(engine: Engine) -> None:
    # "cups" alone names the areca-leaf products; beside "sal leaf" it is what is made of it
    products = engine.ask("sal leaf cups").products
    assert products
    assert all(p.name.startswith("Sal leaf") for p in products)
    # a list keeps every product it names
    listed = engine.ask("mango pulp and litchi").products
    assert any("Litchi" in p.name for p in listed)
    assert any("Pulp" in p.name for p in listed)


def test_a_narrower_word_before_a_word_the_list_qualifies_narrows_it(engine: Engine) -> None:
    # the list names sarees after what makes them ("Ilkal Sarees"): "kalamkari sarees" is the
    # kalamkari districts, not every saree district
    products = engine.ask("kalamkari sarees").products
    assert products
    assert all("kalamkari" in p.name.lower() for p in products)
    # two products side by side stay two
    both = {p.name for p in engine.ask("litchi mango").products}
    assert "Shahi Litchi" in both
    assert "Mango Pulp" in both
