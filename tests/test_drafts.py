"""A /setstatus in progress, kept in the database: each step moves on once, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from knowledge import drafts

T0 = datetime(2025, 8, 1, 10, 0, tzinfo=UTC)


def test_a_draft_moves_through_its_stages(db_engine: Engine) -> None:
    with Session(db_engine) as session, session.begin():
        drafts.start(session, 5_000_000_001, T0)  # Telegram ids exceed 32 bits
        assert drafts.advance(session, 5_000_000_001, "district", "status", T0, district_id=3)
        assert drafts.advance(session, 5_000_000_001, "status", "date", T0, step="draft")
        assert drafts.advance(session, 5_000_000_001, "date", "source", T0, as_of="2025-07-01")
        assert drafts.advance(session, 5_000_000_001, "source", "confirm", T0, source="ref")
    with Session(db_engine) as session:
        draft = drafts.get(session, 5_000_000_001, T0)
    assert draft == drafts.Draft(5_000_000_001, "confirm", 3, "draft", "2025-07-01", "ref")


def test_a_step_taken_twice_moves_on_once(db_engine: Engine) -> None:
    with Session(db_engine) as session, session.begin():
        drafts.start(session, 1, T0)
        assert drafts.advance(session, 1, "district", "status", T0, district_id=3)
        # A second tap on the same district button (or another replica handling it).
        assert not drafts.advance(session, 1, "district", "status", T0, district_id=4)
    with Session(db_engine) as session:
        draft = drafts.get(session, 1, T0)
    assert draft is not None
    assert draft.district_id == 3


def test_confirm_is_taken_once(db_engine: Engine) -> None:
    with Session(db_engine) as session, session.begin():
        drafts.start(session, 2, T0)
        assert drafts.take(session, 2, T0) is None  # not ready to confirm yet
        for expected, to in (("district", "status"), ("status", "date"), ("date", "source"),
                             ("source", "confirm")):
            drafts.advance(session, 2, expected, to, T0)
    with Session(db_engine) as session, session.begin():
        assert drafts.take(session, 2, T0) is not None
    with Session(db_engine) as session, session.begin():
        assert drafts.take(session, 2, T0) is None
        assert drafts.get(session, 2, T0) is None


def test_a_draft_left_alone_expires_and_a_new_one_replaces_it(db_engine: Engine) -> None:
    later = T0 + drafts.EXPIRES_AFTER + timedelta(seconds=1)
    with Session(db_engine) as session, session.begin():
        drafts.start(session, 3, T0)
    with Session(db_engine) as session, session.begin():
        assert drafts.get(session, 3, later) is None
        assert not drafts.advance(session, 3, "district", "status", later, district_id=1)
        drafts.start(session, 3, later)
        assert drafts.advance(session, 3, "district", "status", later, district_id=1)
    with Session(db_engine) as session, session.begin():
        assert drafts.drop(session, 3)
        assert not drafts.drop(session, 3)
