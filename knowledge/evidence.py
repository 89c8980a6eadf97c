"""Read files of plan-status evidence and place every row, all or nothing.

The format is `plan_status_evidence.csv`'s: district, state, lgd_code, status, date,
prepared_or_held_by, evidence_scope, note, source. A row is about one district, about a whole
State (`district` = "(state-level)") or about the country (`state` = "(all India)"). Districts
are placed exactly as the product import places them (`knowledge.reconcile`): by name or source
alias, then LGD code, former name or a clearly closest spelling, each guess reported. The
source's status words are mapped to one step of `knowledge.status`. A row that cannot be placed,
or has no status or no source, rejects the whole file: nothing of it is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from knowledge import status
from knowledge.importer import ImportFailed, decode, records
from knowledge.reconcile import DistrictIndex, Issue, Reconciler, Row, Unplaced, normalise

COLUMNS = ("district", "state", "lgd_code", "status", "date", "prepared_or_held_by",
           "evidence_scope", "note", "source")
STATE_LEVEL = "(state-level)"
ALL_INDIA = "(all india)"


@dataclass(frozen=True)
class EvidenceRow:
    line: int
    district_id: int | None  # None: a State's row (state_id) or the country's (neither)
    state_id: int | None
    step: status.Step
    status_text: str
    as_of: str
    prepared_by: str
    scope: str
    note: str
    source: str


@dataclass
class EvidenceReport:
    file: str
    rows: list[EvidenceRow] = field(default_factory=list)
    guesses: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)

    def format(self) -> str:
        steps = [r.step for r in self.rows]
        lines = [f"File: {self.file}; rows: {len(self.rows) + len(self.errors)}"]
        lines += [f"  {status.label(s)}: {steps.count(s)}" for s in status.ALL_STEPS
                  if s in steps]
        for title, issues in (("Could not be placed", self.errors), ("Guesses", self.guesses)):
            if issues:
                lines.append(f"{title} ({len(issues)}):")
                lines += [f"  {issue}" for issue in issues]
        if self.errors:
            lines.append("Rejected: nothing of this file was loaded.")
        return "\n".join(lines)


class EvidenceFailed(ImportFailed):
    """Some rows of an evidence file cannot be placed; nothing of it is loaded."""

    def __init__(self, evidence: EvidenceReport) -> None:
        first = evidence.errors[0]
        super().__init__(first.line, f"{evidence.file}: {first.message} "
                         f"({len(evidence.errors)} rows could not be placed)")
        self.evidence = evidence


def read_evidence(
    path: Path, index: DistrictIndex, state_ids: dict[str, int]
) -> EvidenceReport:
    """Every row of `path` placed and classified; raise EvidenceFailed if any cannot be."""
    text, _encoding = decode(path.read_bytes())
    report = EvidenceReport(path.name)
    it = records(text)
    first = next(it, None)
    if first is None:
        raise ImportFailed(1, f"{path.name} is empty")
    header = [h.strip() for h in first[1]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFailed(1, f"{path.name}: missing column(s) {', '.join(missing)}")
    reconciler = Reconciler(index, list(state_ids))
    for line, fields in it:
        if not fields:
            continue
        if len(fields) != len(header):
            report.errors.append(Issue(line, "error", f"{len(fields)} fields where the header "
                                       f"has {len(header)}"))
            continue
        row = {name: value.strip() for name, value in zip(header, fields, strict=True)}
        try:
            report.rows.append(_place(line, row, reconciler, state_ids))
        except Unplaced as exc:
            report.errors.append(Issue(exc.line, "error", exc.reason))
    report.guesses = list(reconciler.issues)
    if report.errors:
        raise EvidenceFailed(report)
    return report


def _place(
    line: int, row: dict[str, str], reconciler: Reconciler, state_ids: dict[str, int]
) -> EvidenceRow:
    for column in ("district", "state", "status", "source"):
        if not row[column]:
            raise Unplaced(line, f"{column} is empty")
    code = row["lgd_code"]
    if code and not code.isdigit():
        raise Unplaced(line, f"lgd_code {code!r} is not a number")
    district_id = state_id = None
    if normalise(row["state"]) != normalise(ALL_INDIA):
        probe = Row(line, row["state"], row["district"], int(code) if code else None,
                    product="", category="", sector="Others", description="", gi=False,
                    ministry="")
        if row["district"].casefold() == STATE_LEVEL:
            state_id = state_ids[reconciler.state(probe)]
        else:
            placed = reconciler.place(probe)
            district_id, state_id = placed.district.id, state_ids[placed.district.state]
    elif row["district"].casefold() != STATE_LEVEL:
        raise Unplaced(line, f"district {row['district']!r} given for the whole country")
    found = status.classify(row["status"], row["note"], row["evidence_scope"])
    return EvidenceRow(
        line=line, district_id=district_id, state_id=state_id, step=found.step,
        status_text=row["status"], as_of=row["date"], prepared_by=row["prepared_or_held_by"],
        scope=row["evidence_scope"], note=row["note"], source=row["source"],
    )
