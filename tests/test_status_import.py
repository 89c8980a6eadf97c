"""`kb import-status`: a file of plan evidence, all or nothing, audited, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from knowledge import audit
from knowledge.audit import Actor, AuditEntry
from knowledge.models import PlanEvidence
from knowledge.seed import DATA_DIR
from knowledge.status_import import StatusImportFailed, import_status

HEADER = ("district,state,lgd_code,status,date,prepared_or_held_by,evidence_scope,note,"
          "source\n")
OPERATOR = Actor("cli", "ops")


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "status.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        return (session.scalar(select(func.count()).select_from(PlanEvidence)) or 0,
                session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


GOOD = (
    'Agra,Uttar Pradesh,,approved (by the DEPC),2025-05-20,"DEPC, Agra",district news,'
    "paraphrase: DEPC approved the plan,https://example.org/agra",
    "Erode,Tamil Nadu,573,notified,2025-06-30,DEPC Erode,district document,,"
    "Notification 4/2025",
    "(state-level),Meghalaya,,DEPCs required,2025-02-11,Govt of Meghalaya,state notification,,"
    "https://example.org/meghalaya",
)


def test_a_file_adds_evidence_with_audit_entries(db_engine: Engine, tmp_path: Path) -> None:
    before = counts(db_engine)
    with Session(db_engine) as session, session.begin():
        report = import_status(session, write(tmp_path, *GOOD), OPERATOR)
    assert [(c.place.label, c.new.step) for c in report.changes] == [
        ("Agra (Uttar Pradesh)", "approved"), ("Erode (Tamil Nadu)", "notified")]
    assert [i.line for i in report.skipped] == [4]  # the State-level statement
    assert counts(db_engine) == (before[0] + 2, before[1] + 2)
    with Session(db_engine) as session:
        [entry] = audit.history(session, report.changes[1].place.id)
        row = session.scalars(select(PlanEvidence).where(
            PlanEvidence.source == "Notification 4/2025")).one()
    assert entry.actor == OPERATOR
    assert entry.new == "notified (2025-06-30)"
    assert entry.source == "Notification 4/2025"
    # The source's own words are kept; the step is read from them.
    assert (row.status_text, row.status, row.prepared_by) == ("notified", "notified",
                                                              "DEPC Erode")
    assert "Agra (Uttar Pradesh): nothing recorded -> approved/finalised by the DEPC" in (
        report.format())


def test_importing_the_same_file_again_changes_nothing(db_engine: Engine,
                                                       tmp_path: Path) -> None:
    path = write(tmp_path, *GOOD)
    with Session(db_engine) as session, session.begin():
        import_status(session, path, OPERATOR)
    after_first = counts(db_engine)
    with Session(db_engine) as session, session.begin():
        report = import_status(session, path, OPERATOR)
    assert report.changes == []
    assert report.unchanged == 2
    assert counts(db_engine) == after_first
    assert "Already up to date: nothing was written." in report.format()


def test_the_shipped_evidence_is_already_recorded(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        report = import_status(session, DATA_DIR / "plan_status_evidence.csv", OPERATOR)
    assert report.changes == []
    assert report.unchanged == report.rows


def test_one_bad_row_rejects_the_file_and_names_every_bad_line(
    db_engine: Engine, tmp_path: Path
) -> None:
    path = write(
        tmp_path, GOOD[0],
        "Nowhereville,Uttar Pradesh,,draft,2025-01-01,,,,https://example.org/x",
        "Agra,Uttar Pradesh,,draft,,,,,https://example.org/y",
        "Agra,Atlantis,,draft,2025-01-01,,,,https://example.org/z",
        "Agra,Uttar Pradesh,12a,draft,2025-01-01,,,,https://example.org/z",
        "Agra,Uttar Pradesh,,draft,2025-01-01,,,,ftp://example.org/z",
        "Agra,Uttar Pradesh,,draft",
    )
    before = counts(db_engine)
    with Session(db_engine) as session, session.begin(), pytest.raises(
        StatusImportFailed
    ) as failed:
        import_status(session, path, OPERATOR)
    errors = failed.value.status_report.errors
    assert [e.line for e in errors] == [3, 4, 5, 6, 7, 8]
    assert "Nowhereville" in errors[0].message
    assert errors[1].message == "date is empty"
    assert "Atlantis" in errors[2].message
    assert "not a number" in errors[3].message
    assert "http" in errors[4].message
    assert "4 fields where the header has 9" in errors[5].message
    assert str(failed.value).startswith("line 3: ")
    assert counts(db_engine) == before


@pytest.mark.parametrize(("content", "reason"), [
    ("", "the file is empty"),
    ("district,state,status\nAgra,Uttar Pradesh,draft\n", "missing columns 'date', 'source'"),
    (HEADER, "no data rows"),
])
def test_a_file_that_is_not_a_status_file_is_refused(
    sqlite_engine: Engine, tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "status.csv"
    path.write_text(content, encoding="utf-8")
    with Session(sqlite_engine) as session, session.begin(), pytest.raises(
        StatusImportFailed if content == HEADER else Exception, match=reason
    ):
        import_status(session, path, OPERATOR)
