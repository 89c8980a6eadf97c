"""Plan-status answers: the source's own step, weak evidence labelled, conflicts shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from knowledge import store
from knowledge.db import connect
from knowledge.engine import Engine
from knowledge.reply import compose, to_text


@pytest.fixture(scope="module")
def engine(seeded_sqlite_template: Path) -> Engine:
    database = connect(f"sqlite:///{seeded_sqlite_template}")
    with Session(database) as session:
        catalog = store.load_catalog(session)
    database.dispose()
    return Engine(catalog)


def text(engine: Engine, question: str, lang: str = "en") -> str:
    return to_text(compose(engine.ask(question), lang))


def test_each_row_keeps_its_own_step_newest_first(engine: Engine) -> None:
    answer = engine.ask("DEAP status Kathua")
    plan = [(f.value, f.as_of) for f in answer.facts if f.metric == "export plan status"]
    assert plan == [("draft", "2023-07-27"), ("published", "2022-07-15")]


def test_a_later_source_saying_less_is_shown_as_a_conflict(engine: Engine) -> None:
    answer = engine.ask("DEAP status Kathua")
    assert [(c.earlier.step, c.earlier.as_of, c.later.step, c.later.as_of)
            for c in answer.conflicts] == [("published", "2022-07-15", "draft", "2023-07-27")]
    reply = text(engine, "DEAP status Kathua")
    conflict = next(line for line in reply.splitlines() if line.startswith("Sources disagree"))
    assert "published (2022-07-15; https://www.dailyexcelsior.com" in conflict
    assert "draft prepared (2023-07-27; https://tvn-media.com" in conflict
    hindi = text(engine, "DEAP status Kathua", "hi")
    assert "स्रोतों में मतभेद" in hindi
    assert "मसौदा तैयार (2023-07-27" in hindi


def test_the_district_card_hints_at_the_conflict(engine: Engine) -> None:
    reply = text(engine, "Kathua")
    assert "Export action plan: draft prepared (2023-07-27; news report — weak evidence)" in reply
    assert "Sources disagree about this plan" in reply
    assert "Sources disagree" not in text(engine, "Villupuram")


def test_unveiled_and_published_are_never_notified(engine: Engine) -> None:
    for question in ("DEAP status East Godavari", "DEAP status Anantnag", "Anantnag"):
        reply = text(engine, question)
        assert "published" in reply
        assert not re.search(r"\bnotified \(", reply)


def test_weak_evidence_is_labelled(engine: Engine) -> None:
    reply = text(engine, "DEAP status Baramulla")
    assert ("approved/finalised by the DEPC (2024-01-18; news report — weak evidence) — the "
            "source's words: “approved (by DC in DLEPC)”") in reply
    assert ("published (2022-07-15; a statement about the whole State/UT — weak evidence for "
            "one district)") in reply
    # a plan document is not weak evidence
    assert "weak" not in text(engine, "DEAP status Villupuram").split("DGFT Regional")[0]


def test_a_meeting_is_depc_met_not_a_plan(engine: Engine) -> None:
    reply = text(engine, "DEAP status Namsai")
    assert "DEPC met (c. 2020-11-20/21 (reported 2020-11-22); news report — weak evidence)" in (
        reply)
    assert "draft" not in reply.split("DGFT Regional Authorities draft")[0]


def test_rows_stating_no_step_show_the_sources_words(engine: Engine) -> None:
    reply = text(engine, "DEAP status Visakhapatnam")
    assert "“shortlisted by GoI under Districts as Export Hubs (not a DEAP status)”" in reply
    assert "no plan step stated" not in reply


def test_state_and_national_statements(engine: Engine) -> None:
    reply = text(engine, "export plan status Uttar Pradesh")
    assert "Uttar Pradesh: draft prepared (2021-04-07; news report — weak evidence)" in reply
    assert "Mirzapur: DEPC met (2022-05-12; news report — weak evidence)" in reply
    national = text(engine, "DEAP status")
    assert "“DGFT to build online monitoring portal for DEAPs" in national


def test_hindi_plan_answer_uses_hindi_step_labels(engine: Engine) -> None:
    reply = text(engine, "DEAP status Baramulla", "hi")
    assert "DEPC द्वारा अनुमोदित/अंतिम रूप दिया गया (2024-01-18; समाचार रिपोर्ट — कमज़ोर साक्ष्य)" in (
        reply)
    assert "approved/finalised" not in reply
    assert "news report" not in reply


def test_attending_a_meeting_never_makes_a_co_chair(engine: Engine) -> None:
    answer = engine.ask("who is on the DEPC of Erode")
    reported = [c for c in answer.contacts if "reported" in c.note and "DEPC" in c.role]
    assert [c.role for c in reported] == ["attended a meeting of the DEPC"]
    assert not any("Coimbatore" in c.name for c in answer.contacts if "co-chair" in c.role)


def test_district_industries_centres_are_contacts(engine: Engine) -> None:
    answer = engine.ask("who to contact in Ri Bhoi")
    dic = next(c for c in answer.contacts if c.role == "District Industries Centre")
    assert (dic.phone, dic.quoted.split(";")[0]) == ("03638-232318",
                                                     "2025-03-17 (portal build)")
    assert "Sangem1985/MeghalayaUIP" in dic.source
    assert "03638-232318" in text(engine, "who to contact in Ri Bhoi")
    state = engine.ask("contact Chhattisgarh")
    offices = [c.name for c in state.contacts if c.role == "State industries / export office"]
    assert any(name.startswith("Directorate of Industries") for name in offices)
    # a district of that State with no centre of its own gets the State's offices
    raipur = engine.ask("who to contact in Raipur")
    assert any(c.role == "State industries / export office" for c in raipur.contacts)


@pytest.mark.parametrize(
    ("question", "dated"),
    [("when did the DEPC of Pilibhit meet", None),
     ("DEPC Udham Singh Nagar meeting", None),
     ("depc of sirmaur", None),
     ("who chairs the DEPC of Bharuch", "2021-08"),
     ("erode depc", "2020-10-21")],
)
def test_a_committee_answer_names_the_meetings_the_sources_record(
    engine: Engine, question: str, dated: str | None
) -> None:
    """A DEPC's recorded meetings and decisions are the committee's own evidence: a question
    about the committee shows them, dated, at the step the source states (a meeting is not a
    plan)."""
    answer = engine.ask(question)
    assert answer.intent == "committee"
    steps = [f.value for f in answer.facts if f.metric == "export plan status"]
    assert steps
    reply = text(engine, question)
    assert "Recorded meetings and decisions of this DEPC" in reply
    if dated:
        assert dated in reply
    assert "इस DEPC की दर्ज बैठकें" in text(engine, question, "hi")


def test_a_committee_answer_without_records_says_only_the_rules(engine: Engine) -> None:
    answer = engine.ask("who chairs the DEPC of Varanasi")
    assert not [f for f in answer.facts if f.metric == "export plan status"]
    assert "Recorded meetings" not in text(engine, "who chairs the DEPC of Varanasi")
