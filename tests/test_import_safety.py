"""Imports that would do harm are refused, and nothing changes (issue 7 item 6).

Every bad file is built here from the shipped V31 export: cut short, re-encoded, or so short
that it would remove most products.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from knowledge import sourcefile
from knowledge.db import session_factory
from knowledge.importer import (
    MAX_REMOVED_SHARE,
    ImportFailed,
    RemovalsNeedConsent,
    decode,
    import_products,
)
from tests.test_importer import REAL_BYTES, snapshot

ROOT = Path(__file__).resolve().parents[1]
TEXT = REAL_BYTES.decode("cp1252")
RECORD_ENDS = [n + 2 for n in range(len(REAL_BYTES)) if REAL_BYTES[n:n + 2] == b"\r\n"]


def write(tmp_path: Path, raw: bytes, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def attempt(engine: Engine, path: Path, **kw: bool):
    with session_factory(engine)() as session:
        return import_products(session, path, dry_run=kw.pop("dry_run", False), **kw)


def assert_refused(engine: Engine, path: Path, match: str) -> ImportFailed:
    before = snapshot(engine)
    with pytest.raises(ImportFailed, match=match) as refused:
        attempt(engine, path)
    assert snapshot(engine) == before
    return refused.value


# --- the end of the file ---------------------------------------------------------------------


def test_the_shipped_file_ends_cleanly() -> None:
    sourcefile.refuse_cut_end(TEXT)
    assert REAL_BYTES.endswith(b"\r\n")


def test_a_file_cut_inside_its_last_field_is_refused(db_engine: Engine, tmp_path: Path) -> None:
    cut = REAL_BYTES[:-3]  # "...,DC Handicraf"
    assert cut.endswith(b"DC Handicraf")
    assert_refused(db_engine, write(tmp_path, cut), "ends without a line break")


def test_a_file_cut_inside_a_quoted_field_is_refused(db_engine: Engine, tmp_path: Path) -> None:
    last = REAL_BYTES.rindex(b',"')  # the last quoted Description
    cut = REAL_BYTES[:last + 40] + b"\r\n"  # even with a line break after the cut
    assert_refused(db_engine, write(tmp_path, cut), "inside a quoted field")


def test_a_last_row_missing_fields_is_refused(db_engine: Engine, tmp_path: Path) -> None:
    body = REAL_BYTES[:-2]
    cut = body[:body.rindex(b",")] + b"\r\n"  # the last field gone, the line break kept
    assert_refused(db_engine, write(tmp_path, cut), "fields where the header has")


def test_every_cut_inside_the_last_records_is_refused() -> None:
    # The rule, not an example: a cut anywhere but at the end of a record is refused.
    start = RECORD_ENDS[-4]
    for end in range(start + 1, len(REAL_BYTES)):
        if end in RECORD_ENDS or REAL_BYTES[end - 1:end] == b"\r":
            continue
        text = REAL_BYTES[:end].decode("cp1252")
        with pytest.raises(sourcefile.Unreadable):
            sourcefile.refuse_cut_end(text)


# --- removals --------------------------------------------------------------------------------


def test_a_file_cut_after_its_first_row_needs_consent(db_engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, REAL_BYTES[:RECORD_ENDS[1]])  # the header and one row, cleanly
    refused = assert_refused(db_engine, path, "would remove 1240 of 1241 products")
    assert isinstance(refused, RemovalsNeedConsent)
    report = refused.planned.format()
    assert report.count("- Removed: ") == 1240
    assert "--allow-removals" in report
    dry = attempt(db_engine, path, dry_run=True)
    assert dry.count("removed") == 1240
    assert "--allow-removals" in dry.format()
    done = attempt(db_engine, path, allow_removals=True)
    assert done.written
    assert done.count("removed") == 1240


def test_a_few_removals_need_no_consent(db_engine: Engine, tmp_path: Path) -> None:
    allowed = int(1241 * MAX_REMOVED_SHARE)  # 62 rows removed: within the share
    path = write(tmp_path, REAL_BYTES[:RECORD_ENDS[-1 - allowed]])
    report = attempt(db_engine, path)
    assert report.written
    assert 0 < report.count("removed") <= allowed


def test_the_cli_shows_what_would_go_and_asks_for_the_flag(
    seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "odop.sqlite3"
    db.write_bytes(seeded_sqlite_template.read_bytes())
    path = write(tmp_path, REAL_BYTES[:RECORD_ENDS[1]])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "bot.cli", "--db", f"sqlite:///{db}", "kb", "import",
            str(path)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 1
    assert done.stdout.count("- Removed: ") == 1240
    assert done.stderr.strip().splitlines() == [
        "odop-bot: import refused, nothing changed: would remove 1240 of 1241 products "
        "(more than 5%); check the list above, then import again with --allow-removals"]
    done = subprocess.run([*args, "--allow-removals"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "1240 removed" in done.stdout


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(("codec", "named"), [
    ("utf-16", "UTF-16 (little-endian, with BOM)"),
    ("utf-16-le", "UTF-16 (little-endian, no BOM)"),
    ("utf-16-be", "UTF-16 (big-endian, no BOM)"),
    ("utf-32", "UTF-32 (little-endian, with BOM)"),
])
def test_utf16_is_named_in_one_line(codec: str, named: str, sqlite_engine: Engine,
                                    tmp_path: Path) -> None:
    refused = assert_refused(sqlite_engine, write(tmp_path, TEXT.encode(codec)),
                             re.escape(f"the file is {named}"))
    assert refused.report is None  # one line, not an error per row


@pytest.mark.parametrize("shown_as", ["cp1252", "latin-1"])
def test_double_encoded_utf8_is_refused(shown_as: str, sqlite_engine: Engine,
                                        tmp_path: Path) -> None:
    twice = TEXT.encode("utf-8").decode(shown_as, "replace").encode("utf-8")
    assert_refused(sqlite_engine, write(tmp_path, twice), "encoded twice")


@pytest.mark.parametrize(("codec", "named"), [
    ("mac_roman", "Mac Roman"),
    ("koi8_r", "KOI8-R"),
])
def test_a_legacy_encoding_is_refused_and_named(codec: str, named: str, sqlite_engine: Engine,
                                                tmp_path: Path) -> None:
    raw = TEXT.encode(codec, "replace")
    assert_refused(sqlite_engine, write(tmp_path, raw), f"not plausible text.*looks like {named}")


@pytest.mark.parametrize("text", [
    "Café Coffee, Éclair, naïve, jalapeño, crème brûlée, Chhattisgarh’s “best”",
    "Moradabad\u00a0Metal — 25°C, € 100 • ±5%",
])
def test_plausible_accents_and_punctuation_pass(text: str) -> None:
    assert decode(text.encode("cp1252"))[0] == text
    assert decode(text.encode("utf-8"))[0] == text
