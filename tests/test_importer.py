"""The ODOP import: the real V31 file, its diff, idempotence, dry run and broken copies."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from knowledge import store
from knowledge.db import create_schema, session_factory
from knowledge.importer import (
    ImportFailed,
    ImportReport,
    canonical_sector,
    decode,
    import_products,
    parse,
    parse_row,
    records,
)
from knowledge.models import District, ImportIssue, Meta, Product, State
from knowledge.quality import check_report, kb_stats
from knowledge.reconcile import DistrictIndex, Issue, name_variants
from knowledge.seed import DATA_DIR, PRODUCTS_AS_OF, PRODUCTS_FILE, PRODUCTS_SOURCE

REAL = DATA_DIR / PRODUCTS_FILE
REAL_BYTES = REAL.read_bytes()


# --- helpers ---------------------------------------------------------------------------------


def run_import(engine: Engine, path: Path, *, dry_run: bool = False):
    with session_factory(engine)() as session:
        return import_products(session, path, dry_run=dry_run, source=PRODUCTS_SOURCE,
                               as_of=PRODUCTS_AS_OF)


def snapshot(engine: Engine) -> tuple[object, ...]:
    """Everything an import may touch, in a comparable form."""
    with Session(engine) as s:
        products = sorted(
            (p.id, p.district_id, p.name, p.category, p.sector, p.gi, p.ministry,
             p.description, p.source, p.as_of)
            for p in s.scalars(select(Product))
        )
        issues = sorted((i.line, i.kind, i.message) for i in s.scalars(select(ImportIssue)))
        return products, issues, store.get_meta(s), store.counts(s)


def edited_records() -> list[list[str]]:
    return list(csv.reader(io.StringIO(REAL_BYTES.decode("cp1252"), newline="")))


def write_records(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def with_line(raw: bytes, at: int, new: bytes) -> bytes:
    """Insert `new` so that it becomes physical line `at` (which must start a record)."""
    lines = raw.split(b"\n")
    lines.insert(at - 1, new.rstrip(b"\r\n") + b"\r")
    return b"\n".join(lines)


def record_starts() -> set[int]:
    return {line for line, _ in records(REAL_BYTES.decode("cp1252"))}


def product_names(engine: Engine, state: str, district: str) -> set[str]:
    with Session(engine) as s:
        rows = s.scalars(
            select(Product.name).join(District).join(State)
            .where(State.name == state, District.name == district)
        )
        return set(rows)


def file_rows(district: str) -> list[list[str]]:
    return [r for r in edited_records()[1:] if r[2].strip() == district]


GOOD_ROW = b"Bihar,Test Litchi Honey,Muzaffarpur,,Primary,Agriculture,Honey.,No,,Ministry X"


# --- the real file ---------------------------------------------------------------------------


def test_seeded_products_match_the_official_counts(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        products = list(s.scalars(select(Product)))
    assert len(products) == 1241
    assert Counter(p.category for p in products) == {
        "Primary": 776, "Secondary": 314, "Tertiary": 103, "Others": 48}
    assert sum(p.gi for p in products) == 256
    sectors = Counter(p.sector for p in products)
    assert sectors["Handloom"] == 101
    assert sectors["Food Processing"] == 122
    assert sectors["Handicraft"] == 252
    assert "handlooms" not in sectors


def test_import_into_an_empty_product_table_adds_every_row(db_engine: Engine) -> None:
    with session_factory(db_engine).begin() as s:
        s.execute(delete(Product))
        s.execute(delete(Meta))
    report = run_import(db_engine, REAL)
    assert report.encoding == "Windows-1252 (not UTF-8)"
    assert (report.rows, report.products, report.districts) == (1241, 1241, 773)
    assert report.count("added") == 1241
    assert report.errors == []
    assert report.written
    assert kb_stats_products(db_engine) == 1241


def kb_stats_products(engine: Engine) -> int:
    with Session(engine) as s:
        return kb_stats(s)["products"]


def test_real_file_reports_conflicts_and_guesses(sqlite_engine: Engine) -> None:
    report = run_import(sqlite_engine, REAL, dry_run=True)
    conflicts = [str(c) for c in report.conflicts]
    guesses = [str(g) for g in report.guesses]
    assert "line 435: LGD code 192 given for Mewat (Haryana) belongs to Bhagalpur (Bihar); " \
           "used Nuh by name" in conflicts
    assert any("LGD code 752 given for Tirupati (Andhra Pradesh) is not in the LGD snapshot"
               in c for c in conflicts)
    assert any("'West Godavari District' (Andhra Pradesh) read as West Godavari" in g
               for g in guesses)
    assert any("read as Dadra and Nagar Haveli and Daman and Diu" in g for g in guesses)
    assert report.errors == []


def test_report_lists_a_repeated_message_once_with_its_lines() -> None:
    repeated = "LGD code 745 given for Alluri Sitarama Raju (Andhra Pradesh) is not in the LGD " \
               "snapshot; matched Alluri Sitarama Raju by name (code not stored)"
    report = ImportReport("f.csv", "0" * 64, "UTF-8", conflicts=[
        Issue(5, "lgd_not_in_snapshot", repeated),
        Issue(6, "lgd_not_in_snapshot", repeated),
        Issue(7, "lgd_not_in_snapshot", repeated),
        Issue(9, "duplicate", "Product 'X' of Y (Z) repeats line 8; kept line 8"),
        Issue(12, "lgd_not_in_snapshot", repeated),
    ], guesses=[Issue(3, "state_guess", "State 'A' read as B")])
    lines = report.format().splitlines()
    start = lines.index("Conflicts (5):")
    assert lines[start + 1:start + 3] == [
        f"  lines 5, 6, 7, 12: {repeated}",
        "  line 9: Product 'X' of Y (Z) repeats line 8; kept line 8",
    ]
    assert lines[start + 3:start + 5] == ["Guesses (1):", "  line 3: State 'A' read as B"]
    assert [i.line for i in report.conflicts] == [5, 6, 7, 9, 12]  # the issues stay per row


def test_real_file_report_prints_each_conflict_once(sqlite_engine: Engine) -> None:
    report = run_import(sqlite_engine, REAL, dry_run=True)
    text = report.format()
    assert "  lines 5, 6, 7: LGD code 745 given for Alluri Sitarama Raju (Andhra Pradesh) is " \
           "not in the LGD snapshot" in text
    assert "line 6: LGD code 745" not in text
    distinct = {c.message for c in report.conflicts}
    assert len(distinct) < len(report.conflicts)
    printed = text.split(f"Conflicts ({len(report.conflicts)}):\n")[1].split("\nGuesses")[0]
    assert len(printed.splitlines()) == len(distinct)


def test_new_district_code_is_reported_not_stored(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as s:
        tirupati = s.scalars(select(District).where(District.name == "Tirupati")).one()
        assert tirupati.lgd_code is None
        assert len(tirupati.products) == 6


@pytest.mark.parametrize(("spelling", "state", "canonical"), [
    ("Karimnager", "Telangana", "Karimnagar"),
    ("Kachch", "Gujarat", "Kachchh"),
    ("Mewat", "Haryana", "Nuh"),
    ("Shivamogga (Shimoga)", "Karnataka", "Shivamogga"),
    ("Dr. B. R. Ambedkar Konaseema", "Andhra Pradesh", "Dr BR Ambedkar Konaseema"),
])
def test_two_spellings_land_on_one_district(
    sqlite_engine: Engine, spelling: str, state: str, canonical: str
) -> None:
    rows = file_rows(spelling)
    assert rows, f"the official file has no {spelling!r} rows"
    stored = product_names(sqlite_engine, state, canonical)
    assert {r[1].strip() for r in rows} <= stored


# --- idempotence, diff, dry run --------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(db_engine: Engine) -> None:
    before = snapshot(db_engine)
    report = run_import(db_engine, REAL)
    assert report.diff == []
    assert not report.written
    assert "Already up to date" in report.format()
    assert snapshot(db_engine) == before


def test_cli_style_reimport_keeps_the_seeded_source_and_date(db_engine: Engine) -> None:
    before = snapshot(db_engine)
    with session_factory(db_engine)() as session:  # what `odop-bot kb import FILE` does
        report = import_products(session, REAL, dry_run=False)
    assert not report.written
    assert snapshot(db_engine) == before


def edit_file(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    """Remove Nicobars' coconut row, flip one GI No -> Yes, add a product to Karimnagar."""
    rows = edited_records()
    removed = rows.pop(1)
    flipped = next(r for r in rows[1:] if r[7].strip().casefold() == "no"
                   and r[2].strip() == "Muzaffarpur")
    flipped[7] = "Yes"
    rows.append(["Telangana", "Test Filigree Spoons", "Karimnagar", "508", "Secondary",
                 "Handicraft", "Made up for a test.", "No", "", "Ministry of Textiles"])
    return write_records(tmp_path / "edited.csv", rows), removed, flipped


def test_diff_shows_exactly_the_edits(db_engine: Engine, tmp_path: Path) -> None:
    path, removed, flipped = edit_file(tmp_path)
    report = run_import(db_engine, path)
    changes = {(c.kind, c.district, c.product): c for c in report.diff}
    assert set(changes) == {
        ("removed", "Nicobars", removed[1].strip()),
        ("changed", "Muzaffarpur", flipped[1].strip()),
        ("added", "Karimnagar", "Test Filigree Spoons"),
    }
    gi = changes[("changed", "Muzaffarpur", flipped[1].strip())].fields
    assert [(f.field, f.old, f.new) for f in gi] == [("gi", "no", "yes")]
    text = report.format()
    assert "+ Added: Test Filigree Spoons" in text
    assert f"- Removed: {removed[1].strip()}" in text
    assert "(gi: no -> yes)" in text
    assert "Test Filigree Spoons" in product_names(db_engine, "Telangana", "Karimnagar")
    assert removed[1].strip() not in product_names(db_engine, "Andaman and Nicobar Islands",
                                                   "Nicobars")
    again = run_import(db_engine, path)
    assert again.diff == []
    assert not again.written


def test_dry_run_reports_but_writes_nothing(db_engine: Engine, tmp_path: Path) -> None:
    path, _, _ = edit_file(tmp_path)
    before = snapshot(db_engine)
    report = run_import(db_engine, path, dry_run=True)
    assert len(report.diff) == 3
    assert "Dry run: nothing was written." in report.format()
    assert snapshot(db_engine) == before


def test_an_error_in_the_callers_transaction_undoes_the_import(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    path, _, _ = edit_file(tmp_path)
    before = snapshot(sqlite_engine)

    def import_then_fail() -> None:
        with session_factory(sqlite_engine).begin() as session:
            import_products(session, path, dry_run=False)
            raise RuntimeError("something after the import failed")

    with pytest.raises(RuntimeError):
        import_then_fail()
    assert snapshot(sqlite_engine) == before


def test_utf8_copy_imports_with_no_product_change(sqlite_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "utf8.csv"
    path.write_bytes(b"\xef\xbb\xbf" + REAL_BYTES.decode("cp1252").encode("utf-8"))
    report = run_import(sqlite_engine, path)
    assert report.encoding == "UTF-8 with BOM"
    assert report.diff == []


def test_duplicate_row_is_kept_once_and_reported(sqlite_engine: Engine, tmp_path: Path) -> None:
    first_record = REAL_BYTES.split(b"\n")[1]
    path = tmp_path / "dup.csv"
    path.write_bytes(with_line(REAL_BYTES, 3, first_record.replace(b",No,", b",Yes,")))
    report = run_import(sqlite_engine, path)
    duplicates = [c for c in report.conflicts if c.kind == "duplicate"]
    assert [d.line for d in duplicates] == [3]
    assert "repeats line 2 (differs in gi); kept line 2" in duplicates[0].message
    assert report.products == 1241
    assert report.diff == []


# --- broken copies ---------------------------------------------------------------------------


def _bad_byte(raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    lines[56] = lines[56].replace(b"a", b"\x81", 1)
    return b"\n".join(lines)


def _set_field(line: int, column: int, value: bytes) -> Callable[[bytes], bytes]:
    def mutate(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        fields = lines[line - 1].split(b",")
        fields[column] = value
        lines[line - 1] = b",".join(fields)
        return b"\n".join(lines)
    return mutate


BROKEN: dict[str, tuple[Callable[[bytes], bytes], int, str]] = {
    "undecodable byte": (_bad_byte, 57, "byte 0x81 is neither UTF-8 nor Windows-1252"),
    "mixed encodings": (lambda raw: with_line(raw, 57, GOOD_ROW.replace(b"Honey.",
                                                                        "Café".encode())),
                        57, "mixes encodings"),
    "missing column": (lambda raw: raw.replace(b",Sector,", b",Sectr,", 1), 1,
                       "missing column 'Sector'"),
    "too few fields": (lambda raw: with_line(raw, 57, b"Bihar,Litchi,Muzaffarpur"), 57,
                       "3 fields where the header has 10"),
    "binary junk": (lambda raw: with_line(raw, 57, b",".join([b"\x00\x01\x02\x03"] * 10)), 57,
                    "control characters"),
    "unknown district": (lambda raw: with_line(raw, 57, GOOD_ROW.replace(b"Muzaffarpur",
                                                                         b"Atlantis")),
                         57, "District 'Atlantis' (Bihar) matches no district"),
    "unknown state": (lambda raw: with_line(raw, 57, GOOD_ROW.replace(b"Bihar", b"Atlantis")),
                      57, "State 'Atlantis' is not one of the 36 States/UTs"),
    "bad GI": (lambda raw: with_line(raw, 57, GOOD_ROW.replace(b",No,", b",maybe,")), 57,
               "GI Status 'maybe' is not Yes or No"),
    "bad category": (lambda raw: with_line(raw, 57, GOOD_ROW.replace(b"Primary", b"Quaternary")),
                     57, "Category 'Quaternary' is not one of Primary/Secondary/Tertiary/Others"),
    "empty district": (lambda raw: with_line(raw, 57, GOOD_ROW.replace(b"Muzaffarpur", b" ")),
                       57, "District is empty"),
    "LGD code not a number": (_set_field(2, 3, b"6o3"), 2, "LGD Code '6o3' is not a number"),
    "empty file": (lambda raw: b"", 1, "the file is empty"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_changes_nothing_and_names_the_line(
    db_engine: Engine, tmp_path: Path, case: str
) -> None:
    assert 57 in record_starts()
    mutate, line, reason = BROKEN[case]
    path = tmp_path / "broken.csv"
    path.write_bytes(mutate(REAL_BYTES))
    before = snapshot(db_engine)
    with pytest.raises(ImportFailed) as failed:
        run_import(db_engine, path)
    assert failed.value.line == line
    assert reason in failed.value.reason
    assert str(failed.value).startswith(f"line {line}: ")
    assert snapshot(db_engine) == before


def test_every_bad_line_is_listed(sqlite_engine: Engine, tmp_path: Path) -> None:
    assert {10, 57} <= record_starts()
    raw = with_line(REAL_BYTES, 57, GOOD_ROW.replace(b"Muzaffarpur", b"Atlantis"))
    raw = with_line(raw, 10, GOOD_ROW.replace(b",No,", b",maybe,"))
    path = tmp_path / "two.csv"
    path.write_bytes(raw)
    with pytest.raises(ImportFailed) as failed:
        run_import(sqlite_engine, path)
    assert failed.value.line == 10
    report = failed.value.report
    assert report is not None
    assert [e.line for e in report.errors] == [10, 58]
    assert "Rejected: nothing was written." in report.format()


def test_import_needs_a_seeded_knowledge_base(fresh_engine: Engine) -> None:
    create_schema(fresh_engine)
    with pytest.raises(ImportFailed, match="seed it first"):
        run_import(fresh_engine, REAL)


# --- pieces ----------------------------------------------------------------------------------


def test_decode_prefers_utf8_and_names_the_encoding() -> None:
    assert decode("Café".encode()) == ("Café", "UTF-8")
    assert decode(b"\xef\xbb\xbfCaf\xc3\xa9") == ("Café", "UTF-8 with BOM")
    assert decode(b"Caf\xe9 \x96 ok") == ("Café – ok", "Windows-1252 (not UTF-8)")
    with pytest.raises(ImportFailed, match=r"^line 3: byte 0x81"):
        decode(b"a\r\nb\r\nc\x81\r\n")


@pytest.mark.parametrize(("name", "variants"), [
    ("Shivamogga (Shimoga)", ["Shivamogga (Shimoga)", "Shivamogga", "Shimoga"]),
    ("Bengaluru (Bangalore) Urban",
     ["Bengaluru (Bangalore) Urban", "Bengaluru Urban", "Bangalore Urban"]),
    ("West Godavari District", ["West Godavari District", "West Godavari"]),
    ("Nuh", ["Nuh"]),
])
def test_name_variants(name: str, variants: list[str]) -> None:
    assert name_variants(name) == variants


def test_missing_columns_are_all_named() -> None:
    with pytest.raises(ImportFailed) as failed:
        parse("State,Product,District\r\nBihar,Litchi,Muzaffarpur\r\n")
    assert failed.value.line == 1
    assert failed.value.reason.startswith("missing columns 'LGD Code', 'Category', 'Sector'")


def test_records_give_physical_line_numbers() -> None:
    text = 'h1,h2\r\n"first\nsecond\nthird",x\r\ny,z\r\n'
    assert [line for line, _ in records(text)] == [1, 2, 5]


def test_gi_error_names_line_and_value() -> None:
    columns = {c: i for i, c in enumerate(
        ["State", "Product", "District", "LGD Code", "Category", "Sector", "Description",
         "GI Status", "Ministry/ Department"])}
    fields = ["Bihar", "Litchi", "Muzaffarpur", "", "Primary", "Agriculture", "", "maybe", "M"]
    with pytest.raises(ImportFailed) as failed:
        parse_row(57, fields, columns, 9)
    assert str(failed.value) == "line 57: GI Status 'maybe' is not Yes or No"
    fields[7] = " NO "
    assert parse_row(57, fields, columns, 9).gi is False


@pytest.mark.parametrize(("given", "canonical"), [
    ("handlooms", "Handloom"), ("Food processing", "Food Processing"), ("textile", "Textile"),
    ("dairy", "Dairy"), ("Others", "Others"), ("Space Tech", "Space Tech"),
])
def test_sector_case_is_canonical(given: str, canonical: str) -> None:
    assert canonical_sector(given) == canonical


@pytest.mark.parametrize(("state", "name", "expected"), [
    ("Telangana", "Karimnagarr", "Karimnagar"),
    ("Uttar Pradesh", "Siddarthnagar", "Siddharth Nagar"),
    ("Karnataka", "Tumakuru (Tumkur)", "Tumakuru"),
    ("Delhi", "North Est", None),  # as close to North West as to North East: no guess
    ("Delhi", "Nort West", "North West"),
    ("Bihar", "Atlantis", None),
    ("Bihar", "Karimnagar", None),  # a district of another State is not a guess
])
def test_fuzzy_district_guess_needs_a_clear_close_match(
    sqlite_engine: Engine, state: str, name: str, expected: str | None
) -> None:
    with Session(sqlite_engine) as s:
        index = DistrictIndex(store.district_rows(s))
    found = index.fuzzy(state, name)
    assert (found[0].name if found else None) == expected


def test_check_report_and_stats_describe_what_is_loaded(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        report = check_report(s)
        stats = kb_stats(s)
    assert "LGD code 192 given for Mewat (Haryana) belongs to Bhagalpur (Bihar)" in report
    assert "Districts without products: 0" in report
    assert "Dr BR Ambedkar Konaseema (Andhra Pradesh): 7 products" in report
    assert "Districts whose names differ only in spacing or punctuation: 0" in report
    assert ("Export plan evidence for 112 of 773 districts (125 district rows, 14 State or "
            "national rows;") in report
    assert "  published: 22 rows, 21 districts" in report
    assert ("  Kathua (Jammu and Kashmir): published (2022-07-15) then draft prepared "
            "(2023-07-27)") in report
    assert "  Belagavi -> Bengaluru (2020-01)" in report
    assert {k: stats[k] for k in ("states", "districts", "products", "gi_products")} == {
        "states": 36, "districts": 773, "products": 1241, "gi_products": 256}
