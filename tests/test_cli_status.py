"""`odop-bot kb set-status | import-status | history`, as real subprocesses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEADER = ("district,state,lgd_code,status,date,prepared_or_held_by,evidence_scope,note,"
          "source\n")


@pytest.fixture
def db_url(seeded_sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, path)
    return f"sqlite:///{path}"


def odop(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ODOP_DATABASE_URL": db_url, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "bot.cli", "kb", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def one_line_error(done: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert done.returncode == code
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("odop-bot: ")
    return done.stderr


def test_set_status_records_and_history_shows_it(db_url: str) -> None:
    done = odop(db_url, "set-status", "Aurangabad, Bihar", "approved", "--date", "2025-07-01",
                "--source", "DEPC minutes 7/2025", "--by", "R. Kumar")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("Aurangabad (Bihar): nothing recorded -> approved/finalised by the "
                           "DEPC (2025-07-01); recorded by R. Kumar\n")
    odop(db_url, "set-status", "189", "notified", "--date", "2025-07-20", "--source",
         "https://example.org/n.pdf", "--by", "S. Devi")
    done = odop(db_url, "history", "aurangabad bihar")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Aurangabad (Bihar) — changes made by people, newest first"
    assert "S. Devi (command line): plan status: approved/finalised by the DEPC " \
           "(2025-07-01) -> notified (2025-07-20)  [source: https://example.org/n.pdf]" in lines[1]
    assert "R. Kumar (command line)" in lines[2]
    assert len(lines) == 3


def test_set_status_twice_changes_nothing_the_second_time(db_url: str) -> None:
    args = ("set-status", "Agra", "draft", "--date", "2025-03-01", "--source", "ref 1",
            "--by", "ops")
    assert odop(db_url, *args).returncode == 0
    done = odop(db_url, *args)
    assert done.returncode == 0
    assert done.stdout == "Agra (Uttar Pradesh): already recorded, nothing changed\n"
    assert len(odop(db_url, "history", "Agra").stdout.splitlines()) == 2


@pytest.mark.parametrize(("args", "message"), [
    (("Aurangabad", "draft"), "'Aurangabad' is Aurangabad (Bihar) or Aurangabad (Maharashtra)"),
    (("Bihar", "draft"), "no district named 'Bihar'"),
    (("Agra", "sanctioned"), "'sanctioned' is not a plan status"),
    (("Agra", "draft", "--date", "2099-01-01"), "is in the future"),
    (("Agra", "draft", "--date", "1/2/3"), "is not a date"),
    (("Agra", "draft", "--source", "  "), "the source is empty"),
    (("Agra", "draft", "--by", " "), "--by is empty"),
])
def test_set_status_refuses_bad_input_in_one_line(
    db_url: str, args: tuple[str, ...], message: str
) -> None:
    defaults = {"--date": "2025-07-01", "--source": "ref", "--by": "ops"}
    given = dict(zip(args[2::2], args[3::2], strict=True))
    flags = [x for k, v in {**defaults, **given}.items() for x in (k, v)]
    err = one_line_error(odop(db_url, "set-status", *args[:2], *flags))
    assert message in err
    assert odop(db_url, "history", "Agra").stdout.endswith("No changes recorded.\n")


def test_import_status_then_again(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "status.csv"
    path.write_text(HEADER + "Agra,Uttar Pradesh,,notified,2025-06-30,DEPC Agra,district "
                    "document,,Notification 4/2025\n", encoding="utf-8")
    done = odop(db_url, "import-status", str(path), "--by", "ops")
    assert done.returncode == 0, done.stderr
    assert "Rows: 1; 1 new, 0 already recorded, 0 skipped" in done.stdout
    again = odop(db_url, "import-status", str(path), "--by", "ops")
    assert "Already up to date: nothing was written." in again.stdout
    history = odop(db_url, "history", "Agra").stdout.splitlines()
    assert len(history) == 2
    assert "ops (command line): plan status: nothing recorded -> notified (2025-06-30)" in (
        history[1])


def test_import_status_refused_names_every_bad_line(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "status.csv"
    path.write_text(HEADER + "Agra,Uttar Pradesh,,notified,2025-06-30,,,,ref\n"
                    "Atlantis,Uttar Pradesh,,draft,2025-01-01,,,,ref\n"
                    "Agra,Uttar Pradesh,,draft,,,,,ref\n", encoding="utf-8")
    done = odop(db_url, "import-status", str(path))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "odop-bot: import refused, nothing changed: line 3: District 'Atlantis' (Uttar "
        "Pradesh) matches no district of Uttar Pradesh by name, alias, LGD code or close "
        "spelling; a district is never invented",
        "  line 4: date is empty",
    ]
    assert odop(db_url, "history", "Agra").stdout.endswith("No changes recorded.\n")


def test_import_status_of_a_missing_file_is_one_line(db_url: str, tmp_path: Path) -> None:
    err = one_line_error(odop(db_url, "import-status", str(tmp_path / "nope.csv")))
    assert "nope.csv" in err


def test_kb_import_writes_what_it_changed_to_the_audit_log(db_url: str, tmp_path: Path) -> None:
    shipped = ROOT / "knowledge" / "data" / "odop_products_v31.csv"
    lines = shipped.read_bytes().split(b"\r\n")
    kept = [line for line in lines if not line.startswith(b"Uttar Pradesh,Leather Products,Agra,")]
    path = tmp_path / "20250801_ODOP_Products_V32.csv"
    path.write_bytes(b"\r\n".join(kept))
    done = odop(db_url, "import", str(path), "--by", "S. Devi")
    assert done.returncode == 0, done.stderr
    assert "- Removed: Leather Products" in done.stdout
    history = odop(db_url, "history", "Agra").stdout.splitlines()
    assert len(history) == 2
    assert ("S. Devi (command line): product: Leather Products -> " in history[1])
    assert "[source: ODOP product list (20250801_ODOP_Products_V32.csv)]" in history[1]
    again = odop(db_url, "import", str(path), "--by", "S. Devi")  # nothing changes this time
    assert again.returncode == 0, again.stderr
    assert len(odop(db_url, "history", "Agra").stdout.splitlines()) == 2
