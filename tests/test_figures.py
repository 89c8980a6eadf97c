"""Answering the exact question first (knowledge/figures.py and the replies built on it):
counts lead with the number asked for and its date, definitions with the definition, side
questions say what we do not know, and titles name what was found."""

from __future__ import annotations

import pytest

from bot.bootstrap import Knowledge, open_knowledge
from knowledge.figures import FAMILIES, families
from knowledge.reply import compose, to_text


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    path = tmp_path_factory.mktemp("figures") / "odop.sqlite3"
    return open_knowledge(f"sqlite:///{path}")


def _lines(knowledge: Knowledge, question: str, lang: str = "en") -> list[str]:
    return to_text(compose(knowledge.engine.ask(question), lang)).splitlines()


def test_every_family_names_metrics_that_are_loaded(knowledge: Knowledge) -> None:
    loaded = {s.metric for s in knowledge.catalog.stats}
    for family, metrics in FAMILIES.items():
        assert set(metrics) & loaded, family


@pytest.mark.parametrize(
    ("words", "expected"),
    [("how many deaps notified", ["plans_notified"]),
     ("kitne draft plan bane", ["plans_drafted"]),
     ("how many districts have export plans", ["plans_notified", "plans_drafted"]),
     ("how many products on gem bazaar", ["gem"]),
     # a figure named by its own word outranks a plan verb ("prepared", "approved")
     ("how many states prepared an export strategy", ["strategy"]),
     ("kitne district me depc meeting hui aur approved", ["meetings"]),
     ("how many plans were prepared after the strategy", ["plans_drafted"]),
     ("कितने जिलों में ओडीओपी है", ["districts"]),
     ("how many", []),
     # the word after "how many" names what is counted
     ("how many districts have odop products", ["districts"]),
     ("kitne products kitne districts me", ["products"]),
     # English words written in Devanagari
     ("कितने प्लान नोटिफाई हुए", ["plans_notified"]),
     ("कितने ड्राफ्ट प्लान बने", ["plans_drafted"]),
     ("कितने डिस्ट्रिक्ट में ओडीओपी है", ["districts"]),
     ("कुल कितने प्रोडक्ट्स हैं", ["products"])],
)
def test_a_counting_question_picks_its_figures(words: str, expected: list[str]) -> None:
    assert families(words.split()) == expected


@pytest.mark.parametrize(
    ("question", "lead"),
    [("how many DEAPs have been notified",
      "249 District Export Action Plans formally notified by DEPCs (as of 21 July 2025)"),
     ("how many districts have export plans", "; 590 draft District Export Action Plans"),
     ("kitne DEAP notify hue hai", "249 "),
     ("how many odop products are there", "1241 ODOP products in the official list"),
     ("how many GI tagged products", "256 GI-tagged products"),
     # a year asked for: that year's figure (or the latest before it) leads
     ("how many plans were notified in 2022", "218 "),
     ("draft plans 2021 me kitne the", "451 "),
     ("how many odop products were there in 2023", "1068 "),
     ("how many districts had export products identified by 2021", "725 ")],
)
def test_a_count_leads_with_the_number_and_its_date(
    knowledge: Knowledge, question: str, lead: str
) -> None:
    lines = _lines(knowledge, question)
    assert lead in lines[0]
    # a few lines of history, not the whole series (that is one button away)
    assert sum(line.startswith("• ") for line in lines) <= 3


def test_a_count_in_hindi_has_hindi_dates(knowledge: Knowledge) -> None:
    assert "21 जुलाई 2025" in _lines(knowledge, "how many DEAPs have been notified", "hi")[0]


@pytest.mark.parametrize(
    ("question", "title", "says"),
    [("what is a DEAP", "DEAP — District Export Action Plan", "drafts it"),
     ("DEPC kya hai", "DEPC — District Export Promotion Committee", "convener"),
     ("एसईपीसी क्या है", "SEPC — State Export Promotion Committee", "Chief Secretary"),
     ("GI tag kya hota hai", "GI — Geographical Indication tag", "Geographical Indication"),
     ("what is ODOP", "ODOP — One District One Product", "One District One Product"),
     # Hinglish and Devanagari ways of asking, and the district-level committee's other name
     ("deap kise kehte hain", "DEAP — District Export Action Plan", "drafts it"),
     ("what is DLEPC", "DEPC — District Export Promotion Committee", "convener"),
     ("डीईपीसी का फुल फॉर्म", "DEPC — District Export Promotion Committee", "convener"),
     ("भौगोलिक संकेत क्या है", "GI — Geographical Indication tag", "Geographical Indication"),
     # the offices and codes officials name by initials (faq.csv)
     ("DIC ka matlab", "DIC — District Industries Centre", "convener"),
     ("dgft kya hai", "DGFT — Directorate General of Foreign Trade", "Regional Authorities"),
     ("full form of RA", "RA — Regional Authority (DGFT)", "co-chairs"),
     ("lgd code kya hota hai", "LGD — Local Government Directory", "LGD 187")],
)
def test_a_definition_is_answered_with_the_definition_and_its_source(
    knowledge: Knowledge, question: str, title: str, says: str
) -> None:
    lines = _lines(knowledge, question)
    assert lines[0] == title
    assert says in lines[1]
    assert lines[-1].startswith("Source: ")


def test_a_devanagari_definition_of_export_hubs(knowledge: Knowledge) -> None:
    lines = _lines(knowledge, "निर्यात हब क्या है")
    assert lines[0] == "Districts as Export Hubs"
    assert "export hub" in lines[1]


def test_a_definition_keeps_its_hindi_title(knowledge: Knowledge) -> None:
    assert _lines(knowledge, "DEPC kya hai", "hi")[0].startswith("DEPC — ज़िला निर्यात")


@pytest.mark.parametrize(
    ("question", "kind"),
    [("onion price today", "Market prices"), ("pyaz ka bhav", "Market prices"),
     ("how to grow makhana", "How to grow"), ("GST on carpets", "Taxes"),
     ("mudra loan for handloom", "Loans"), ("buy kannauj perfume online", "Where to buy"),
     ("turmeric rate in erode mandi", "Market prices")],
)
def test_a_side_question_says_what_we_do_not_know_and_what_we_do(
    knowledge: Knowledge, question: str, kind: str
) -> None:
    answer = knowledge.engine.ask(question)
    assert answer.intent == "outside"
    assert answer.districts == ()
    lines = _lines(knowledge, question)
    assert lines[0].startswith(kind)
    assert lines[1].startswith("What I do know: ")
    assert "ODOP product of" in lines[1]


def test_a_side_question_about_a_district_names_that_district(knowledge: Knowledge) -> None:
    answer = knowledge.engine.ask("turmeric rate in erode mandi")
    assert {p.district for p in answer.products} == {"Erode"}


@pytest.mark.parametrize("question", ["odop of london", "products of dubai", "tokyo ka odop"])
def test_a_place_we_do_not_know_is_said_so(knowledge: Knowledge, question: str) -> None:
    answer = knowledge.engine.ask(question)
    assert answer.intent == "unknown"
    assert _lines(knowledge, question)[0].startswith("I don't know a place called “")


@pytest.mark.parametrize(
    ("question", "title"),
    [("achaar kahan banta hai", "Pickle"), ("kala namak rice", "Kala namak rice — "),
     ("GI products of bihar", "GI-tagged ODOP products in Bihar")],
)
def test_a_title_names_what_was_found_and_adds_no_state(
    knowledge: Knowledge, question: str, title: str
) -> None:
    first = _lines(knowledge, question)[0]
    assert first.startswith(title) or title in first
    assert question not in first


@pytest.mark.parametrize(
    ("question", "code"),
    [("lgd code of varanasi", "187"), ("bhagalpur ka lgd code", "192"),
     ("district code 573", "573"), ("LGD 118", "118")],
)
def test_a_district_card_asked_for_its_code_shows_its_lgd_code(
    knowledge: Knowledge, question: str, code: str
) -> None:
    """"lgd code of X" names the district's LGD code (districts.csv) in the first lines."""
    lines = _lines(knowledge, question)
    assert f"LGD code: {code}" in " ".join(lines[:2])


def test_a_district_card_not_asked_for_its_code_does_not_show_it(knowledge: Knowledge) -> None:
    assert "LGD code" not in " ".join(_lines(knowledge, "varanasi"))


def test_a_district_without_an_lgd_code_says_so(knowledge: Knowledge) -> None:
    """Districts made after the LGD snapshot (Tirupati, AP 2022) have no code in districts.csv."""
    lines = _lines(knowledge, "tirupati lgd code")
    assert "LGD code: not in our copy" in " ".join(lines[:2])


@pytest.mark.parametrize("question", ["dgft zonal office list", "how many dgft regional offices",
                                      "list of RAs"])
def test_dgft_offices_without_a_place_are_listed(knowledge: Knowledge, question: str) -> None:
    """The four zonal offices (citizen charter) and the open offices of our list
    (dgft_regional_authorities.csv), without the closed ones."""
    text = " ".join(_lines(knowledge, question))
    assert "New Delhi, Mumbai, Kolkata, Chennai" in text or all(
        c in text for c in ("New Delhi", "Mumbai", "Kolkata", "Chennai"))
    assert "Ludhiana" in text
    assert "Amritsar" not in text


def test_dgft_office_for_an_unknown_place_lists_no_offices(knowledge: Knowledge) -> None:
    lines = _lines(knowledge, "which dgft office covers wakandapur")
    assert lines[0] == "Which DGFT office covers a place"
    assert "Ludhiana" not in " ".join(lines)
