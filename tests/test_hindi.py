"""Hindi answers read as Hindi: every kind of answer, through the engine and the Telegram
renderer, carries no English sentence of the bot's own (tests/english.py says what counts)."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.bootstrap import Knowledge
from handlers import render, strings, texts
from handlers.commands import help_lines, menu
from knowledge import glossary, messages, status
from knowledge.activity import Summary
from knowledge.answer import INTENTS, Answer, Intent
from knowledge.reply import compose, to_text
from knowledge.wording import followed_label
from tests.bot_fixtures import knowledge  # noqa: F401 (fixture)
from tests.english import english_runs, visible

# One question per kind of answer (and per branch a kind has); every intent must appear.
QUESTIONS = [
    "moradabad",                              # district card, plan status unknown
    "erode",                                  # district card with plan evidence
    "carpet in moradabad",                    # a product the district does not list
    "carpets in UP",                          # districts of a product in a State
    "haldi",                                  # districts of a product, many pages
    "carpets in Kerala",                      # none in the State asked: shown elsewhere
    "Bihar",                                  # State overview, paged
    "DEAP status Erode",                      # plan status with evidence
    "DEAP status Moradabad",                  # plan status unknown
    "export plans in Tamil Nadu",             # a State's plans
    "export plans in Goa",                    # a State with no plan recorded
    "how many districts have export plans",   # national figures
    "what is a DEAP",                         # definitions
    "what is a DEPC",
    "who chairs the DEPC of Varanasi",        # committee of a district
    "SEPC of Tamil Nadu",                     # committee of a State
    "DGFT contact Ludhiana",                  # contacts of a district
    "which DGFT office covers Belagavi",      # the DGFT office of a district (merged office)
    "DGFT office for Thanjavur",              # ... stated by a source, quoted
    "DGFT office for Agra",                   # ... several offices in the State
    "DGFT office for Kangra",                 # ... not known
    "DGFT office Goa",                        # ... of a State
    "which dgft office covers xyzpur",        # ... of a place we don't know
    "DEAP status Kathua",                     # conflicting plan evidence
    "DEAP status Visakhapatnam",              # evidence stating no plan step
    "export plans in Uttar Pradesh",          # a State's own statements beside its districts
    "who to contact in Ri Bhoi",              # a District Industries Centre
    "contact Bihar",                          # contacts of a State
    "export promotion council for spices",    # councils
    "stats",                                  # figures over time
    "what is ODOP",                           # about
    "what is GI",
    "help",
    "Aurangabad",                             # clarification
    "xyzzy",                                  # unknown
    "moradabd ka odopp plz",                  # unknown with suggestions, or an answer
    "moradabad " * 45,                        # a long question, read only in part
    "onion price today",                      # a side question (outside)
    "how many DEAPs have been notified",      # a count: the figure asked for first
    "24 parganas",                            # a divided district asks back
    "odop of london",                         # a place we do not know
    "kala namak rice",                        # a product named by a phrase
]


QUERY_TABLE = Path(__file__).parent / "queries.tsv"
# The initiatives' own names, given in English beside their Hindi at first mention.
INITIATIVES = {"One District One Product", "Districts as Export Hubs"}


def _names(kb: Knowledge) -> set[str]:
    """Proper names the bot may write in Latin script beside their Devanagari form."""
    out = {d.name for d in kb.catalog.districts} | {s.name for s in kb.catalog.states}
    return out | {a.city.split("(")[0].strip() for a in kb.catalog.authorities} | INITIATIVES


def _quoted(answer: Answer) -> list[str]:
    return [s.text for b in compose(answer, "hi") for s in b.spans if getattr(s, "quoted", False)]


def _answers(kb: Knowledge) -> list[Answer]:
    out = [kb.engine.ask(q) for q in QUESTIONS]
    out += [kb.engine.ask("", hint) for hint in ("help", "about")]
    out += [kb.engine.ask("Varanasi", "contact"), kb.engine.ask("", "plan_status")]
    return out


def test_the_questions_cover_every_kind_of_answer(knowledge: Knowledge) -> None:
    answers = _answers(knowledge)
    assert {a.intent for a in answers} >= set(INTENTS)
    assert any(a.clarify for a in answers)
    assert any(render.render(a, "hi").pages > 1 for a in answers)


def test_engine_answers_in_hindi_have_no_english_of_their_own(knowledge: Knowledge) -> None:
    names = _names(knowledge)
    found = {}
    for answer in _answers(knowledge):
        runs = english_runs(to_text(compose(answer, "hi")), _quoted(answer), names)
        if runs:
            found[answer.query or answer.intent] = runs
    assert found == {}


def test_telegram_answers_in_hindi_have_no_english_of_their_own(knowledge: Knowledge) -> None:
    names = _names(knowledge)
    found = {}
    for answer in _answers(knowledge):
        first = render.render(answer, "hi")
        pages = [first, *(render.render(answer, "hi", p) for p in range(1, first.pages))]
        for shown in pages:
            labels = [b.text for row in (shown.keyboard.inline_keyboard if shown.keyboard
                                         else ()) for b in row]
            body = "\n".join([*map(visible, shown.chunks), *labels])
            # a button shows a product's name shortened, as the renderer cuts it
            quoted = [*(q := _quoted(answer)), *(render._short(x) for x in q)]
            runs = english_runs(body, quoted, names)
            if runs:
                found[f"{answer.query or answer.intent} p{shown.page}"] = runs
    assert found == {}


def test_every_question_of_the_query_table_in_hindi(knowledge: Knowledge) -> None:
    """The ~500 questions of tests/queries.tsv, answered in Hindi, in the chat and on the CLI."""
    rows = QUERY_TABLE.read_text(encoding="utf-8").splitlines()[1:]
    names = _names(knowledge)
    found = {}
    for question in (r.split("\t")[0] for r in rows if r.strip() and not r.startswith("#")):
        answer = knowledge.engine.ask(question)
        quoted = _quoted(answer)
        shown = render.render(answer, "hi")
        labels = [b.text for row in (shown.keyboard.inline_keyboard if shown.keyboard else ())
                  for b in row]
        text = "\n".join([to_text(compose(answer, "hi")), *map(visible, shown.chunks), *labels])
        runs = english_runs(text, [*quoted, *(render._short(x) for x in quoted)], names)
        if runs:
            found[question] = runs
    assert found == {}


@pytest.mark.parametrize("intent", ["plan_status", "contact", "committee"])
def test_every_districts_status_contacts_and_committee_in_hindi(
    knowledge: Knowledge, intent: Intent
) -> None:
    """Every evidence row, office and committee reaches some district's answer: all of them."""
    names = _names(knowledge)
    found = {}
    for d in knowledge.catalog.districts:
        answer = knowledge.engine.district(d.id, intent)
        runs = english_runs(to_text(compose(answer, "hi")), _quoted(answer), names)
        if runs:
            found[d.name] = runs
    states = {}
    for s in knowledge.catalog.states:
        answer = knowledge.engine.state(s.id, intent)
        runs = english_runs(to_text(compose(answer, "hi")), _quoted(answer), names)
        if runs:
            states[s.name] = runs
    assert (found, states) == ({}, {})


def test_the_bots_own_messages_in_hindi_have_no_english() -> None:
    summary = Summary(total=3, answered=2, week_total=3, week_unanswered=1,
                      by_intent=(("district_products", 2),), unanswered=(("xyz", 1),), up=1,
                      down=0, downvoted=(), languages_saved=1)
    own = [visible(texts.welcome("hi", "Asha")), visible(texts.help_text("hi", "odopbot")),
           visible(texts.stats_text(summary, "hi")), *help_lines("hi", admin=True),
           *(c.description for c in menu("hi", admin=True))]
    own += [visible(strings.text("hi", k, **_fill(v))) for k, v in strings.HI.items()]
    found = [r for line in own for r in english_runs(line)]
    assert found == []


def test_every_hindi_example_the_bot_gives_is_answered(knowledge: Knowledge) -> None:
    examples = re.findall(r"“([^”]+)”", messages.HI["help_examples"] + messages.HI["unknown_try"])
    examples += re.findall(r"<i>([^<]+)</i>", strings.HI["welcome"])
    examples += [strings.HI[k].split()[-1].removesuffix("</code>")
                 for k in ("cmd_product", "cmd_district", "cmd_state", "ask_product")]
    asked = [e for e in examples if e]
    assert len(asked) >= 12
    assert [q for q in asked if knowledge.engine.ask(q).intent == "unknown"] == []


# One spelling per term: ज़िला with its nukta, acronyms in Latin letters as officials write
# them in Hindi (not डीईपीसी), आँकड़े with chandrabindu.
INCONSISTENT = re.compile(r"जिल|डीईपीसी|डीजीएफटी|ओडीओपी|एसईपीसी|डीईएपी|डीआईसी|जीआई|आंकड")


def test_hindi_terms_are_written_one_way_everywhere(knowledge: Knowledge) -> None:
    tables = {"messages": messages.HI, "strings": strings.HI, "status": status.LABELS["hi"],
              "glossary": glossary.TERMS_HI,
              "faq": {f.topic: f.question_hi + " " + f.answer_hi for f in knowledge.catalog.faqs}}
    found = [(name, key, m.group()) for name, table in tables.items()
             for key, value in table.items() for m in INCONSISTENT.finditer(value)]
    assert found == []


@pytest.mark.parametrize("module", [messages, strings])
def test_english_and_hindi_tables_have_the_same_keys_and_placeholders(module: object) -> None:
    en, hi = module.EN, module.HI  # type: ignore[attr-defined]
    assert set(en) == set(hi)
    for key in en:
        assert _fields(en[key]) == _fields(hi[key]), key


def test_places_named_outside_the_answers_list_are_in_hindi_too(knowledge: Knowledge) -> None:
    side = to_text(compose(knowledge.engine.ask("onion price today"), "hi"))
    assert "शेखपुरा (Sheikhpura), बिहार (Bihar)" in side
    unknown = to_text(compose(knowledge.engine.ask("odop of london"), "hi"))
    assert "लोंगडिंग (Longding), अरुणाचल प्रदेश (Arunachal Pradesh)" in unknown


def test_what_a_chat_follows_is_named_in_its_language(knowledge: Knowledge) -> None:
    catalog = knowledge.catalog
    assert followed_label("district:Agra (Uttar Pradesh)", "hi", catalog) == (
        "आगरा (Agra), उत्तर प्रदेश (Uttar Pradesh)")
    assert followed_label("state:Bihar", "hi", catalog) == "बिहार (Bihar)"
    assert followed_label("all", "hi", catalog) == "सब कुछ"
    assert followed_label("everything", "en", catalog) == "everything"
    assert followed_label("product:Makhana", "hi", catalog) == "मखाना (Makhana)"
    assert followed_label("Turmeric", "hi", catalog) == "हल्दी (Turmeric)"
    assert followed_label("Makhana (Foxnut)", "hi", catalog) == "Makhana (Foxnut)"
    assert followed_label("Turmeric", "en", catalog) == "Turmeric"
    assert followed_label("district:Agra (Uttar Pradesh)", "en", catalog) == (
        "Agra (Uttar Pradesh)")


def test_the_detector_finds_english_and_spares_the_exceptions() -> None:
    assert english_runs("Export action plan: status not known to us") == [
        "Export action plan", "status not known to us"]
    assert english_runs("स्थिति: डीईपीसी (DEPC) — https://www.dgft.gov.in/about-us ") == []
    assert english_runs("ई-मेल chennai-dgft[at]nic[dot]in या a.b@nic.in") == []
    assert english_runs("मुरादाबाद (Moradabad), उत्तर प्रदेश (Uttar Pradesh)",
                        names={"Moradabad", "Uttar Pradesh"}) == []
    assert english_runs("विवरण: “Renowned for its metal crafts”",
                        quoted=["Renowned for its metal crafts"]) == []
    assert english_runs("DGFT RAs drafted DEAPs") == []
    assert english_runs("Dadra and Nagar Haveli") == ["Dadra and Nagar Haveli"]


def _fields(template: str) -> set[str]:
    import string

    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def _fill(template: str) -> dict[str, str]:
    return {f: "१" for f in _fields(template)}


@pytest.mark.parametrize(("count", "districts"), [(1, "1 ज़िले में"), (2, "2 ज़िलों में"),
                                                 (11, "11 ज़िलों में")])
def test_a_count_of_one_takes_the_singular_in_hindi(count: int, districts: str) -> None:
    said = messages.text("hi", "products_title", topic="फुलकारी", count=count)
    assert districts in said
    assert messages.text("en", "products_title", topic="Phulkari", count=1).endswith(
        "in 1 district(s)")  # English is left as it was


def test_a_product_of_one_district_is_titled_in_the_singular(knowledge: Knowledge) -> None:
    answer = knowledge.engine.ask("फुलकारी")
    assert len(answer.districts) == 1
    title = to_text(compose(answer, "hi")).splitlines()[0]
    assert "1 ज़िले में" in title
    assert "ज़िलों" not in title
