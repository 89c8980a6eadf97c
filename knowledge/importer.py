"""Import the official ODOP product export (`odop-bot kb import FILE`).

The file is taken exactly as the DPIIT / Invest India portal publishes it (Windows-1252, stray
spaces, mixed case, districts spelled two ways, LGD codes that contradict the name). Every row is
reconciled to a district already in the knowledge base, every conflict and guess is reported, and
nothing is invented: a row that cannot be placed rejects the whole file. The write is one
transaction, so a bad file changes nothing, and importing the same file twice changes nothing.
Rows are placed on districts by `knowledge.reconcile`; `knowledge.quality` reports what is loaded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.orm import Session

from knowledge import sourcefile, store, version
from knowledge.normalise import ascii_int
from knowledge.reconcile import (
    SECTORS,
    DistrictIndex,
    Issue,
    Placed,
    Row,
    compact,
    normalise,
    reconcile,
)
from knowledge.store import DistrictRow, StoredProduct

REQUIRED_COLUMNS = (
    "State", "Product", "District", "LGD Code", "Category", "Sector", "Description",
    "GI Status", "Ministry/ Department",
)
CATEGORIES = ("Primary", "Secondary", "Tertiary", "Others")
# Issue kinds the report lists as conflicts; every other kind is a guess.
CONFLICT_KINDS = frozenset({"lgd_conflict", "lgd_not_in_snapshot", "duplicate", "new_sector"})
# A multi-byte UTF-8 sequence; genuine Windows-1252 prose practically never contains one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Column widths of the products table: PostgreSQL would refuse longer values at write time.
_LIMITS = {"Product": 200, "Sector": 40, "Ministry/ Department": 200}

ChangeKind = Literal["added", "removed", "changed"]


# An import that would remove more than this share of the loaded products needs
# --allow-removals: a file cut after its first rows is otherwise a clean-looking deletion.
MAX_REMOVED_SHARE = 0.05


class ImportFailed(Exception):
    """The file cannot be imported; nothing was written."""

    def __init__(self, line: int, reason: str, report: ImportReport | None = None) -> None:
        # line 0: the failure is not about any one line (e.g. nothing to reconcile against)
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.line = line
        self.reason = reason
        self.report = report


class RemovalsNeedConsent(ImportFailed):
    """The import would remove too many products; nothing was written (see the report)."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(0, report.removals_line(), report)
        self.planned = report


# --- values ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ProductChange:
    """One product added, removed or changed in one district: the unit a later alert is."""

    kind: ChangeKind
    district: str
    state: str
    product: str
    fields: tuple[FieldChange, ...] = ()
    district_id: int = 0

    def format(self) -> str:
        if self.kind == "added":
            return f"+ Added: {self.product}"
        if self.kind == "removed":
            return f"- Removed: {self.product}"
        parts = ", ".join(f"{c.field}: {_short(c.old)} -> {_short(c.new)}" for c in self.fields)
        return f"~ Changed: {self.product} ({parts})"


@dataclass
class ImportReport:
    file: str
    sha256: str
    encoding: str
    rows: int = 0
    products: int = 0
    districts: int = 0
    conflicts: list[Issue] = field(default_factory=list)
    guesses: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    diff: list[ProductChange] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    stored: int = 0  # products loaded before the import

    @property
    def too_many_removals(self) -> bool:
        return self.count("removed") > self.stored * MAX_REMOVED_SHARE

    def removals_line(self) -> str:
        return (f"would remove {self.count('removed')} of {self.stored} products (more than "
                f"{MAX_REMOVED_SHARE:.0%}); check the list above, then import again with "
                "--allow-removals")

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for c in self.diff if c.kind == kind)

    def format(self) -> str:
        lines = [
            f"File: {self.file} (sha256 {self.sha256[:12]}), encoding {self.encoding}",
            f"Rows: {self.rows}; products: {self.products} in {self.districts} districts",
        ]
        for title, issues in (("Errors", self.errors), ("Conflicts", self.conflicts),
                              ("Guesses", self.guesses)):
            if issues:
                lines.append(f"{title} ({len(issues)}):")
                lines.extend(f"  {line}" for line in _grouped(issues))
        lines.append(
            f"Changes: {self.count('added')} added, {self.count('removed')} removed, "
            f"{self.count('changed')} changed"
        )
        lines.extend(_format_diff(self.diff))
        if not self.errors and not self.written and self.too_many_removals:
            lines.append(f"This import {self.removals_line()}.")
        if self.errors:
            lines.append("Rejected: nothing was written.")
        elif self.dry_run:
            lines.append("Dry run: nothing was written.")
        elif not self.written and self.too_many_removals:
            lines.append("Refused: nothing was written.")
        elif not self.written:
            lines.append("Already up to date: nothing was written.")
        return "\n".join(lines)


def _grouped(issues: list[Issue]) -> list[str]:
    """One line per message, naming every line it was found on ("lines 5, 6, 7: ...").

    The official file repeats a district's conflict on each of its rows; listed once, the
    distinct problems stay readable. Messages keep the order of their first line.
    """
    lines_of: dict[str, list[int]] = defaultdict(list)
    for issue in issues:
        lines_of[issue.message].append(issue.line)
    return [
        f"line {lines[0]}: {message}" if len(lines) == 1
        else f"lines {', '.join(map(str, lines))}: {message}"
        for message, lines in lines_of.items()
    ]


def _format_diff(diff: list[ProductChange]) -> list[str]:
    by_district: dict[tuple[str, str], list[ProductChange]] = defaultdict(list)
    for change in diff:
        by_district[(change.state, change.district)].append(change)
    lines = []
    for state, district in sorted(by_district):
        lines.append(f"{district} ({state})")
        lines.extend(f"  {c.format()}" for c in by_district[(state, district)])
    return lines


def _short(text: str, limit: int = 60) -> str:
    flat = tidy(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def tidy(text: str) -> str:
    return " ".join(text.split())


# --- reading the file ------------------------------------------------------------------------


def decode(raw: bytes) -> tuple[str, str]:
    """Decode as UTF-8 (with or without BOM), else Windows-1252; name the encoding used.

    Refused: UTF-16/32, UTF-8 encoded twice, and text whose letters say the encoding is
    neither (Mac Roman, KOI8-R read as Windows-1252): see knowledge.sourcefile.
    """
    try:
        sourcefile.refuse_wide_encoding(raw)
        text, encoding = _decode(raw)
        if encoding.startswith("Windows"):
            sourcefile.refuse_implausible(raw, text, "Windows-1252")
        sourcefile.refuse_double_encoding(text)
    except sourcefile.Unreadable as exc:
        raise ImportFailed(exc.line, exc.reason) from exc
    return text, encoding


def _decode(raw: bytes) -> tuple[str, str]:
    try:
        if raw.startswith(b"\xef\xbb\xbf"):
            return raw.decode("utf-8-sig"), "UTF-8 with BOM"
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start]
        raise ImportFailed(
            line, f"byte 0x{byte:02X} is neither UTF-8 nor Windows-1252 text"
        ) from exc
    _refuse_mixed_encoding(raw)
    return text, "Windows-1252 (not UTF-8)"


def _refuse_mixed_encoding(raw: bytes) -> None:
    """Refuse a file that is partly UTF-8: read as Windows-1252 it would import as "Ã©"."""
    for found in _UTF8_SEQUENCE.finditer(raw):
        try:
            found.group().decode("utf-8")
        except UnicodeDecodeError:
            continue
        utf8_line = raw.count(b"\n", 0, found.start()) + 1
        raise ImportFailed(utf8_line, "mixes encodings: this line is UTF-8 but the file is "
                           "not valid UTF-8 elsewhere; re-save the whole file in one encoding")


def records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, fields) per CSV record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for fields in reader:
            yield start, fields
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailed(start, f"not valid CSV ({exc})") from exc


def header_positions(header: list[str]) -> dict[str, int]:
    """Map each required column to its index; the Photo column is optional."""
    found = {compact(name): i for i, name in enumerate(header)}
    missing = [c for c in REQUIRED_COLUMNS if compact(c) not in found]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise ImportFailed(1, f"missing column{plural} " + ", ".join(repr(c) for c in missing))
    return {c: found[compact(c)] for c in REQUIRED_COLUMNS}


def canonical_category(value: str) -> str | None:
    return next((c for c in CATEGORIES if c.casefold() == value.casefold()), None)


def canonical_sector(value: str) -> str:
    """Canonical case for known sectors ("handlooms" -> Handloom); others kept as written."""
    key = normalise(value)
    for sector in SECTORS:
        if key in (normalise(sector), normalise(sector) + "s"):
            return sector
    return value


def parse_gi(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value.casefold())


def parse_row(line: int, fields: list[str], cols: dict[str, int], width: int) -> Row:
    """Trim and type one record; raise ImportFailed naming the line and the field."""
    if len(fields) != width:
        raise ImportFailed(line, f"{len(fields)} fields where the header has {width}")
    for value in fields:
        if _CONTROL.search(value):
            raise ImportFailed(line, "contains control characters (binary data?)")
    get = {c: fields[i].strip() for c, i in cols.items()}
    for column in ("State", "District", "Product"):
        if not get[column]:
            raise ImportFailed(line, f"{column} is empty")
    category = canonical_category(tidy(get["Category"]))
    if category is None:
        raise ImportFailed(line, f"Category {get['Category']!r} is not one of "
                                 + "/".join(CATEGORIES))
    gi = parse_gi(tidy(get["GI Status"]))
    if gi is None:
        raise ImportFailed(line, f"GI Status {get['GI Status']!r} is not Yes or No")
    code = get["LGD Code"]
    lgd_code = ascii_int(code)
    if code and lgd_code is None:
        raise ImportFailed(line, f"LGD Code {code!r} is not a number")
    for column, limit in _LIMITS.items():
        if len(tidy(get[column])) > limit:
            raise ImportFailed(line, f"{column} is longer than {limit} characters")
    return Row(
        line=line,
        state=tidy(get["State"]),
        district=tidy(get["District"]),
        lgd_code=lgd_code,
        product=tidy(get["Product"]),
        category=category,
        sector=canonical_sector(tidy(get["Sector"])),
        description=get["Description"].replace("\r\n", "\n"),
        gi=gi,
        ministry=tidy(get["Ministry/ Department"]),
    )


def parse(text: str) -> tuple[list[Row], list[Issue]]:
    """Every data record of the file, and an error per record that cannot be read.

    A broken header or broken CSV quoting stops at once (nothing after it can be trusted);
    a bad value in one record is collected so that one run names every bad line.
    """
    it = records(text)
    first = next(it, None)
    if first is None:
        raise ImportFailed(1, "the file is empty")
    header = [h.strip() for h in first[1]]
    cols = header_positions(header)
    rows: list[Row] = []
    errors: list[Issue] = []
    for line, fields in it:
        if not fields:  # a blank line between records
            continue
        try:
            rows.append(parse_row(line, fields, cols, len(header)))
        except ImportFailed as exc:
            errors.append(Issue(exc.line, "error", exc.reason))
    if not rows and not errors:
        raise ImportFailed(2, "no data rows")
    return rows, errors


# --- repeated products -----------------------------------------------------------------------


def product_key(district_id: int, name: str) -> tuple[int, str]:
    """A product is identified by its district and its name, ignoring case and spacing."""
    return district_id, tidy(name).casefold()


def dedupe(placed: list[Placed]) -> tuple[list[Placed], list[Issue]]:
    """Keep the first of rows naming the same product in the same district; report the rest."""
    first: dict[tuple[int, str], Placed] = {}
    issues = []
    for p in placed:
        key = product_key(p.district.id, p.row.product)
        kept = first.setdefault(key, p)
        if kept is p:
            continue
        differ = [c.field for c in _field_changes(_row_values(kept.row), _row_values(p.row))]
        note = f" (differs in {', '.join(differ)})" if differ else ""
        issues.append(Issue(p.row.line, "duplicate", f"Product {p.row.product!r} of "
                            f"{p.district.name} ({p.district.state}) repeats line "
                            f"{kept.row.line}{note}; kept line {kept.row.line}"))
    return list(first.values()), issues


# --- what changes ----------------------------------------------------------------------------


def _row_values(row: Row) -> dict[str, Any]:
    return {"name": row.product, "category": row.category, "sector": row.sector, "gi": row.gi,
            "ministry": row.ministry, "description": row.description}


def _stored_values(p: StoredProduct) -> dict[str, Any]:
    return {name: getattr(p, name) for name in store.PRODUCT_FIELDS}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, _show(old[name]), _show(new[name]))
        for name in store.PRODUCT_FIELDS
        if old[name] != new[name]
    )


@dataclass
class Plan:
    changes: list[ProductChange] = field(default_factory=list)
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    deletes: list[int] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.inserts or self.updates or self.deletes)


def plan_changes(
    stored: list[StoredProduct], kept: list[Placed], names: dict[int, DistrictRow],
    source: str, as_of: str,
) -> Plan:
    """Compare the file with the loaded products: what to insert, update and delete."""
    plan = Plan()
    current = {product_key(p.district_id, p.name): p for p in stored}
    for p in kept:
        values = _row_values(p.row)
        old = current.pop(product_key(p.district.id, p.row.product), None)
        if old is None:
            plan.inserts.append({**values, "district_id": p.district.id, "source": source,
                                 "as_of": as_of})
            plan.changes.append(_change("added", p.district, p.row.product))
            continue
        fields = _field_changes(_stored_values(old), values)
        if fields or (old.source, old.as_of) != (source, as_of):
            plan.updates.append({**values, "id": old.id, "source": source, "as_of": as_of})
        if fields:
            plan.changes.append(_change("changed", p.district, p.row.product, fields))
    for old in current.values():
        plan.deletes.append(old.id)
        plan.changes.append(_change("removed", names[old.district_id], old.name))
    return plan


def _change(
    kind: ChangeKind, d: DistrictRow, product: str, fields: tuple[FieldChange, ...] = ()
) -> ProductChange:
    return ProductChange(kind, d.name, d.state, product, fields, d.id)


# --- the import ------------------------------------------------------------------------------


def default_as_of(path: Path) -> str:
    """The date in an export's name ("20250707_ODOP_Products_V31.csv"), else today."""
    found = re.match(r"(\d{4})(\d{2})(\d{2})", path.name)
    if found:
        try:
            return date(*(int(g) for g in found.groups())).isoformat()
        except ValueError:
            pass
    return date.today().isoformat()


def import_products(
    session: Session, path: Path, *, dry_run: bool, source: str | None = None,
    as_of: str | None = None, allow_removals: bool = False,
) -> ImportReport:
    """Import an ODOP export; raise ImportFailed (nothing written) if any row is bad, or
    RemovalsNeedConsent if it would remove more than MAX_REMOVED_SHARE of the products and
    `allow_removals` is not given.

    Runs inside the caller's transaction if one is open, otherwise in its own.
    """
    if session.in_transaction():
        return _import(session, path, dry_run, source, as_of, allow_removals)
    with session.begin():
        return _import(session, path, dry_run, source, as_of, allow_removals)


def _import(
    session: Session, path: Path, dry_run: bool, source: str | None, as_of: str | None,
    allow_removals: bool,
) -> ImportReport:
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    text, encoding = decode(raw)
    try:
        sourcefile.refuse_cut_end(text)
    except sourcefile.Unreadable as exc:
        raise ImportFailed(exc.line, exc.reason) from exc
    report = ImportReport(path.name, sha, encoding, dry_run=dry_run)
    rows, errors = parse(text)
    districts = store.district_rows(session)
    if not districts:
        raise ImportFailed(0, "the knowledge base has no districts to reconcile against; "
                           "seed it first")
    placed, issues, reconcile_errors = reconcile(
        rows, DistrictIndex(districts), store.state_names(session)
    )
    kept, duplicates = dedupe(placed)
    issues = sorted([*issues, *duplicates], key=lambda i: i.line)
    report.rows = len(rows) + len(errors)
    report.conflicts = [i for i in issues if i.kind in CONFLICT_KINDS]
    report.guesses = [i for i in issues if i.kind not in CONFLICT_KINDS]
    report.errors = sorted([*errors, *reconcile_errors], key=lambda i: i.line)
    if report.errors:
        first = report.errors[0]
        raise ImportFailed(first.line, first.message, report)
    meta = store.get_meta(session)
    # Re-importing the file already loaded keeps the source and date it was loaded with.
    same_file = meta.get("products_sha256") == sha
    source = source or (same_file and meta.get("products_source")) or (
        f"ODOP product list ({path.name})")
    as_of = as_of or (same_file and meta.get("products_as_of")) or default_as_of(path)
    current = store.stored_products(session)
    plan = plan_changes(current, kept, {d.id: d for d in districts}, source, as_of)
    report.diff = plan.changes
    report.products = len(kept)
    report.districts = len({p.district.id for p in kept})
    report.stored = len(current)
    if not dry_run and not allow_removals and report.too_many_removals:
        raise RemovalsNeedConsent(report)
    if dry_run or (plan.empty and same_file and _same_issues(session, issues)):
        return report
    _write(session, plan, issues, report, source, as_of)
    report.written = True
    return report


def _same_issues(session: Session, issues: list[Issue]) -> bool:
    stored = [(i.line, i.kind, i.message) for i in store.import_issues(session)
              if not i.kind.startswith(store.SEED_ISSUE_PREFIX)]
    return sorted(stored) == sorted((i.line, i.kind, i.message) for i in issues)


def _write(
    session: Session, plan: Plan, issues: list[Issue], report: ImportReport, source: str,
    as_of: str,
) -> None:
    version.bump(session)  # every replica reloads once this commits
    store.delete_products(session, plan.deletes)
    store.update_products(session, plan.updates)
    store.add_products(session, plan.inserts)
    store.replace_import_issues(session, [(i.line, i.kind, i.message) for i in issues])
    store.set_meta(session, {
        "products_file": report.file,
        "products_sha256": report.sha256,
        "products_encoding": report.encoding,
        "products_rows": str(report.rows),
        "products_source": source,
        "products_as_of": as_of,
        "products_imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    })
