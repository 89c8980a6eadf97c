"""Import a file of plan-status evidence (`odop-bot kb import-status FILE.csv`).

The format is that of `plan_status_evidence.csv`: district, state, lgd_code, status, date,
prepared_or_held_by, evidence_scope, note, source. Like the product import it is all or
nothing: every row is checked and placed on a district first, every bad row is reported with
its line, and only a file without errors is written, in one transaction with its audit
entries and alerts. Rows already recorded are skipped, so importing a file twice changes
nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from knowledge import status, store, updates
from knowledge.audit import Actor
from knowledge.importer import ImportFailed, decode, records
from knowledge.reconcile import SECTORS, DistrictIndex, Issue, Reconciler, Row, Unplaced
from knowledge.updates import Place, Reported, StatusChange

COLUMNS = ("district", "state", "lgd_code", "status", "date", "prepared_or_held_by",
           "evidence_scope", "note", "source")
REQUIRED = ("district", "state", "status", "date", "source")
# A statement about a whole State names no district's plan: kept out, and said so.
STATE_LEVEL = "(state-level)"
TEXT_MAX = 2000


@dataclass
class StatusImportReport:
    file: str
    rows: int = 0
    changes: list[StatusChange] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Issue] = field(default_factory=list)
    guesses: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)

    def format(self) -> str:
        lines = [f"File: {self.file}", f"Rows: {self.rows}; {len(self.changes)} new, "
                 f"{self.unchanged} already recorded, {len(self.skipped)} skipped"]
        for title, issues in (("Errors", self.errors), ("Skipped", self.skipped),
                              ("Guesses", self.guesses)):
            if issues:
                lines.append(f"{title} ({len(issues)}):")
                lines.extend(f"  line {i.line}: {i.message}" for i in issues)
        for c in self.changes:
            lines.append(f"{c.place.label}: {updates.describe(c.old, c.old_as_of)} -> "
                         f"{updates.describe(c.new.step, c.new.as_of)}")
        if self.errors:
            lines.append("Rejected: nothing was written.")
        elif not self.changes:
            lines.append("Already up to date: nothing was written.")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Parsed:
    line: int
    where: Place
    reported: Reported


def import_status(session: Session, path: Path, actor: Actor) -> StatusImportReport:
    """Import the file in the caller's transaction; raise ImportFailed if any row is bad."""
    raw = path.read_bytes()
    text, _encoding = decode(raw)
    report = StatusImportReport(path.name)
    parsed = _parse(session, text, report)
    if report.errors:
        first = report.errors[0]
        raise StatusImportFailed(first.line, first.message, report)
    for row in parsed:
        change = updates.record(session, row.where, row.reported, actor)
        if change is None:
            report.unchanged += 1
        else:
            report.changes.append(change)
    return report


class StatusImportFailed(ImportFailed):
    """A bad row: nothing was written; `status_report` lists every error with its line."""

    def __init__(self, line: int, reason: str, report: StatusImportReport) -> None:
        super().__init__(line, reason)
        self.status_report = report


def _parse(session: Session, text: str, report: StatusImportReport) -> list[_Parsed]:
    it = records(text)
    first = next(it, None)
    if first is None:
        raise ImportFailed(1, "the file is empty")
    header = [h.strip().casefold() for h in first[1]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed(1, "missing column" + ("s " if len(missing) > 1 else " ")
                           + ", ".join(repr(c) for c in missing))
    districts = store.district_rows(session)
    reconciler = Reconciler(DistrictIndex(districts), store.state_names(session))
    states = updates.state_ids(session)
    out: list[_Parsed] = []
    for line, fields in it:
        if not fields:
            continue
        report.rows += 1
        if len(fields) != len(header):
            report.errors.append(Issue(line, "error", f"{len(fields)} fields where the header "
                                       f"has {len(header)}"))
            continue
        row = {name: " ".join(value.split()) for name, value in zip(header, fields, strict=True)}
        try:
            parsed = _row(line, row, reconciler, states)
        except Unplaced as exc:
            report.errors.append(Issue(line, "error", exc.reason))
            continue
        if parsed is None:
            report.skipped.append(Issue(line, "state_level", f"{row['state']}: a State-level "
                                        "statement names no district's plan; not loaded"))
            continue
        out.append(parsed)
    report.guesses = list(reconciler.issues)
    if not report.rows:
        report.errors.append(Issue(2, "error", "no data rows"))
    return out


def _row(
    line: int, row: dict[str, str], reconciler: Reconciler, states: dict[str, int]
) -> _Parsed | None:
    for name in REQUIRED:
        if not row.get(name):
            raise Unplaced(line, f"{name} is empty")
    for name, value in row.items():
        if len(value) > TEXT_MAX:
            raise Unplaced(line, f"{name} is longer than {TEXT_MAX} characters")
    if row["district"].casefold() == STATE_LEVEL:
        return None
    code = row.get("lgd_code", "")
    if code and not code.isdigit():
        raise Unplaced(line, f"lgd_code {code!r} is not a number")
    try:
        source = updates.check_source(row["source"])
    except updates.InvalidUpdate as exc:
        raise Unplaced(line, str(exc)) from None
    # The product import's reconciler places a row by State, name, LGD code and close
    # spelling; the product fields of its Row are not read for that.
    probe = Row(line, row["state"], row["district"], int(code) if code else None, "",
                "Primary", SECTORS[0], "", False, "")
    district = reconciler.place(probe).district
    scope = row.get("evidence_scope", "")
    step = status.classify(row["status"], row.get("note", ""), scope).step
    return _Parsed(line, Place(district.id, district.name, district.state,
                               states[district.state]),
                   Reported(step, row["date"], source, row["status"],
                            row.get("prepared_or_held_by", ""), scope, row.get("note", "")))
