"""Officers' plan-status updates and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from knowledge import audit, messages, status, store, updates
from knowledge.audit import Actor, AuditEntry
from knowledge.engine import Engine as QueryEngine
from knowledge.models import District, PlanEvidence, State
from knowledge.reply import compose, to_text
from knowledge.updates import InvalidUpdate, Reported

TODAY = date(2025, 8, 1)
OFFICER = Actor("telegram", "Asha", 7001)


def place(session: Session, name: str, state: str) -> updates.Place:
    ident = session.scalar(
        select(District.id).join(State).where(District.name == name, State.name == state)
    )
    assert ident is not None
    found = updates.place(session, ident)
    assert found is not None
    return found


@pytest.mark.parametrize(("typed", "expected"), [
    ("2025-07-21", date(2025, 7, 21)),
    ("2025-7-1", date(2025, 7, 1)),
    ("21-07-2025", date(2025, 7, 21)),
    ("21/07/2025", date(2025, 7, 21)),
    ("21.07.2025", date(2025, 7, 21)),
    (" today ", TODAY),
    ("आज", TODAY),
])
def test_dates_people_write_are_read(typed: str, expected: date) -> None:
    assert updates.parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(("typed", "reason"), [
    ("2025-08-02", "in the future"),
    ("2017-12-31", "before ODOP began"),
    ("31-02-2025", "not a calendar date"),
    ("yesterday", "not a date"),
    ("2025", "not a date"),
    ("", "not a date"),
])
def test_bad_dates_are_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(InvalidUpdate, match=reason):
        updates.parse_date(typed, TODAY)


@pytest.mark.parametrize(("typed", "step"), [
    ("approved", "approved"),
    ("DEPC met", "depc_met"),
    ("depc_met", "depc_met"),
    ("draft prepared", "draft"),
    ("Notified", "notified"),
    ("प्रकाशित", "published"),
])
def test_status_words_are_steps_of_the_one_vocabulary(typed: str, step: str) -> None:
    assert updates.parse_step(typed) == step


def test_an_unknown_status_word_lists_the_steps() -> None:
    with pytest.raises(InvalidUpdate, match="identified, depc_met, in_preparation"):
        updates.parse_step("sanctioned")


@pytest.mark.parametrize(("typed", "ok"), [
    ("https://dgft.gov.in/notice.pdf", True),
    ("DEPC minutes no. 12/2025 of 2025-07-21", True),
    ("ftp://example.org/plan.pdf", False),
    ("   ", False),
    ("x" * 501, False),
])
def test_a_source_is_a_link_or_a_reference(typed: str, ok: bool) -> None:
    if ok:
        assert updates.check_source(typed) == typed
    else:
        with pytest.raises(InvalidUpdate):
            updates.check_source(typed)


@pytest.mark.parametrize("step", status.STEPS)
def test_an_officer_row_reads_back_as_the_step_reported(step: status.Step) -> None:
    # Officer rows are stored with the step's label as their wording; answers classify the
    # wording again, so each label must lead back to its own step.
    label = status.label(step, "en")
    assert status.classify(label, "", updates.OFFICER_SCOPE).step == step


def test_an_update_adds_evidence_and_an_audit_entry(db_engine: Engine) -> None:
    with Session(db_engine) as session, session.begin():
        erode = place(session, "Erode", "Tamil Nadu")
        before = updates.latest(session, erode.id)
        change = updates.record(session, erode, Reported("approved", "2025-07-21",
                                                         "DEPC minutes 3/2025"), OFFICER)
    assert change is not None
    assert (change.old, change.old_as_of) == before
    with Session(db_engine) as session:
        assert updates.latest(session, erode.id) == ("approved", "2025-07-21")
        row = session.scalars(select(PlanEvidence).where(
            PlanEvidence.district_id == erode.id, PlanEvidence.scope == updates.OFFICER_SCOPE
        )).one()
        assert (row.status, row.as_of, row.source) == ("approved", "2025-07-21",
                                                       "DEPC minutes 3/2025")
        [entry] = audit.history(session, erode.id)
    assert entry.actor == OFFICER
    assert entry.subject == "Erode (Tamil Nadu)"
    assert entry.what == "plan status"
    assert entry.old == updates.describe(*before)
    assert entry.new == "approved/finalised by the DEPC (2025-07-21)"
    assert entry.source == "DEPC minutes 3/2025"
    assert entry.at.tzinfo is not None


def test_reporting_what_is_recorded_changes_nothing(db_engine: Engine) -> None:
    reported = Reported("draft", "2025-06-01", "https://example.org/deap.pdf")
    with Session(db_engine) as session, session.begin():
        agra = place(session, "Agra", "Uttar Pradesh")
        assert updates.record(session, agra, reported, OFFICER) is not None
    with Session(db_engine) as session, session.begin():
        evidence = session.scalar(select(func.count()).select_from(PlanEvidence))
        assert updates.record(session, agra, reported, OFFICER) is None
        assert session.scalar(select(func.count()).select_from(PlanEvidence)) == evidence
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_history_is_newest_first_and_each_change_knows_the_one_before(
    db_engine: Engine,
) -> None:
    cli = Actor("cli", "R. Kumar")
    with Session(db_engine) as session, session.begin():
        agra = place(session, "Agra", "Uttar Pradesh")
        updates.record(session, agra, Reported("depc_met", "2025-01-10", "minutes 1"), cli)
        updates.record(session, agra, Reported("draft", "2025-03-02", "minutes 2"), OFFICER)
        updates.record(session, agra, Reported("approved", "2025-05-20", "minutes 3"), cli)
    with Session(db_engine) as session:
        changes = audit.history(session, agra.id)
    assert [c.new for c in changes] == [
        "approved/finalised by the DEPC (2025-05-20)", "draft prepared (2025-03-02)",
        "DEPC met (2025-01-10)",
    ]
    assert [c.old for c in changes[:2]] == ["draft prepared (2025-03-02)",
                                            "DEPC met (2025-01-10)"]
    assert [c.actor.describe() for c in changes] == [
        "R. Kumar (command line)", "Asha (Telegram 7001)", "R. Kumar (command line)"]


def test_history_of_another_district_is_separate(db_engine: Engine) -> None:
    with Session(db_engine) as session, session.begin():
        agra = place(session, "Agra", "Uttar Pradesh")
        erode = place(session, "Erode", "Tamil Nadu")
        updates.record(session, agra, Reported("draft", "2025-03-02", "minutes 2"), OFFICER)
    with Session(db_engine) as session:
        assert audit.history(session, erode.id) == []
        assert len(audit.history(session, agra.id)) == 1


def test_answers_show_an_officers_update_newest_first_with_its_source(
    sqlite_engine: Engine,
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        erode = place(session, "Erode", "Tamil Nadu")
        updates.record(session, erode, Reported("approved", "2025-07-21", "DEPC minutes 3/2025"),
                       OFFICER)
    with Session(sqlite_engine) as session:
        engine = QueryEngine(store.load_catalog(session))
    answer = engine.ask("export plan erode")
    english = [line for line in to_text(compose(answer, "en")).splitlines()
               if line.startswith("• ")]
    assert english[0] == ("• approved/finalised by the DEPC (2025-07-21; reported by an "
                          "officer) — source: DEPC minutes 3/2025")
    assert english[1].startswith("• DEPC met (2020-10-21; ")  # the published evidence
    hindi = to_text(compose(answer, "hi"))
    officer_hi = messages.text("hi", "evidence_officer")
    assert (f"{status.label('approved', 'hi')} (2025-07-21; {officer_hi}) — स्रोत: DEPC "
            "minutes 3/2025") in hindi


def test_undated_evidence_comes_after_dated_evidence(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        thanjavur = place(session, "Thanjavur", "Tamil Nadu")
        updates.record(session, thanjavur, Reported("draft", "2024-02-01", "ref"), OFFICER)
    with Session(sqlite_engine) as session:
        engine = QueryEngine(store.load_catalog(session))
    lines = [line for line in to_text(compose(engine.ask("export plan thanjavur"), "en"))
             .splitlines() if line.startswith("• ")]
    assert lines[0].startswith("• draft prepared (2024-02-01; ")
    assert "undated" in lines[1]
