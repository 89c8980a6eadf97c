"""knowledge/activity.py on real databases: language choices, the question log, votes, /stats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from knowledge import activity
from knowledge.answer import Answer, DistrictRef, Option, ProductFact
from knowledge.db import session_factory

NOW = datetime(2025, 8, 1, 12, 0, tzinfo=UTC)
AGRA = DistrictRef("Agra", "Uttar Pradesh", 118, id=1)
PRODUCT = ProductFact("Leather", "Agra", "Uttar Pradesh", True, "Leather", "Primary")


@pytest.fixture
def sessions(fresh_engine: Engine):
    activity.create_tables(fresh_engine)
    activity.create_tables(fresh_engine)  # idempotent
    return session_factory(fresh_engine)


@pytest.mark.parametrize(
    ("answer", "answered"),
    [
        (Answer("x", "unknown"), False),
        (Answer("x", "product_districts"), False),
        (Answer("x", "product_districts", products=(PRODUCT,)), True),
        (Answer("x", "district_products", clarify=(Option("Agra", AGRA),)), True),
        (Answer("", "about"), True),
        (Answer("", "help"), True),
    ],
)
def test_is_answered(answer, answered) -> None:
    assert activity.is_answered(answer) is answered


def test_language_choice_is_stored_and_replaced(sessions) -> None:
    with sessions.begin() as s:
        assert activity.get_language(s, 5_000_000_000) is None  # ids beyond 32 bits
        activity.set_language(s, 5_000_000_000, "hi")
    with sessions.begin() as s:
        activity.set_language(s, 5_000_000_000, "en")
    with sessions() as s:
        assert activity.get_language(s, 5_000_000_000) == "en"


def test_the_choices_of_several_users_are_read_in_one_query(sessions) -> None:
    with sessions.begin() as s:
        assert activity.languages(s, [5_000_000_000, 7]) == {}
        activity.set_language(s, 5_000_000_000, "hi")
        activity.set_language(s, 7, "en")
        activity.set_language(s, 8, "hi")
    with sessions() as s:
        assert activity.languages(s, [5_000_000_000, 7, 9]) == {5_000_000_000: "hi", 7: "en"}
        assert activity.languages(s, []) == {}


def log(s: Session, text: str, answer: Answer, at: datetime = NOW) -> None:
    activity.record_queries(s, [activity.asked("text", "en", text, answer, at=at)])


def test_summary_counts_questions_unanswered_and_votes(sessions) -> None:
    found = Answer("agra", "district_products", districts=(AGRA,), products=(PRODUCT,))
    with sessions.begin() as s:
        log(s, "agra", found)
        log(s, "Mars weather", Answer("Mars weather", "unknown"))
        log(s, "mars WEATHER", Answer("mars WEATHER", "unknown"))
        log(s, "old question", Answer("old question", "unknown"), at=NOW - timedelta(days=30))
        activity.record_vote(s, user_id=1, chat_id=1, message_id=10, vote=1, subject="d:1:p")
        activity.record_vote(s, user_id=2, chat_id=2, message_id=11, vote=-1, subject="d:1:p")
        activity.set_language(s, 1, "hi")
    with sessions.begin() as s:  # a second vote on the same message replaces the first
        activity.record_vote(s, user_id=1, chat_id=1, message_id=10, vote=-1, subject="d:1:p")
    with sessions() as s:
        summary = activity.summary(s, now=NOW)
    assert (summary.total, summary.answered, summary.unanswered_total) == (4, 1, 3)
    assert (summary.week_total, summary.week_unanswered) == (3, 2)
    assert summary.unanswered[0][1] == 2  # "Mars weather" asked twice, any case
    assert summary.unanswered[0][0].lower() == "mars weather"
    assert dict(summary.by_intent) == {"unknown": 3, "district_products": 1}
    assert (summary.up, summary.down) == (0, 2)
    assert summary.downvoted == (("d:1:p", 2),)
    assert summary.languages_saved == 1


def test_questions_are_trimmed(sessions) -> None:
    with sessions.begin() as s:
        log(s, "  " + "x" * 2000 + "  ", Answer("x", "unknown"))
    with sessions() as s:
        summary = activity.summary(s, now=NOW)
    assert len(summary.unanswered[0][0]) == activity.QUERY_TEXT_MAX


def test_votes_must_be_plus_or_minus_one(sessions) -> None:
    with sessions.begin() as s, pytest.raises(ValueError, match="vote"):
        activity.record_vote(s, user_id=1, chat_id=1, message_id=1, vote=0, subject="x")


def test_empty_summary(sessions) -> None:
    with sessions() as s:
        summary = activity.summary(s, now=NOW)
    assert summary.total == summary.up == summary.down == 0
    assert summary.unanswered == ()


def raw(text: str) -> activity.Asked:
    """A logged question as it would be without cleaning (built directly, not by asked())."""
    return activity.Asked(NOW, "text", "en", text, "unknown", False)


def test_a_refused_row_is_dropped_and_counted_and_the_rest_stored(sessions) -> None:
    rows = [raw("agra"), raw("nul\x00here"), raw("lone\ud800"), raw("kanpur")]
    written = activity.write_queries(sessions, rows)
    with sessions() as s:
        stored = [r.text for r in s.scalars(select(activity.QueryLog).order_by(
            activity.QueryLog.id))]
    assert written.left == []
    assert written.stored == len(stored)
    assert written.dropped == len(rows) - len(stored) >= 1  # SQLite keeps NUL, Postgres not
    assert stored[0] == "agra"
    assert stored[-1] == "kanpur"
    assert "lone\ud800" not in stored
    assert written.error


def test_cleaned_questions_are_all_stored(sessions) -> None:
    texts = ["nul\x00here", "lone\ud800", "\udcff", "pair😀ok"]
    rows = [activity.asked("text", "en", t, Answer(t, "unknown"), at=NOW) for t in texts]
    written = activity.write_queries(sessions, rows)
    assert (written.stored, written.dropped) == (4, 0)
    with sessions() as s:
        stored = list(s.scalars(select(activity.QueryLog.text).order_by(activity.QueryLog.id)))
    assert stored == ["nul\ufffdhere", "lone\ufffd", "\ufffd", "pair😀ok"]


def test_an_unreachable_database_hands_the_batch_back(tmp_path) -> None:
    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:9/none")
    rows = [raw("agra"), raw("kanpur")]
    written = activity.write_queries(session_factory(engine), rows)
    assert (written.stored, written.dropped, written.left) == (0, 0, rows)
    assert "OperationalError" in written.error
