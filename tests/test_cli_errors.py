"""Failures the README promises as one line, run as real processes (issue 7 item 8).

Each: a non-zero exit, exactly one line on stderr, no traceback. And a read-only SQLite
file that is already seeded is answered from without writing anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCTS = ROOT / "knowledge" / "data" / "odop_products_v31.csv"


def odop(*args: str, env: dict[str, str] | None = None,
         prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": "1:not-a-real-token",
            **(env or {})}
    full.pop("ODOP_DATABASE_URL", None)
    return subprocess.run([*prefix, sys.executable, "-m", "bot.cli", *args],
                          capture_output=True, text=True, env=full, timeout=300)


def assert_one_line_failure(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    for word in words:
        assert word in done.stderr


@pytest.fixture
def seeded(seeded_sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "db" / "odop.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(seeded_sqlite_template, path)
    return path


@pytest.mark.parametrize("code", ["²", "①", "٣"])
def test_a_digit_that_is_not_ascii_in_an_lgd_code_is_one_line(
    seeded: Path, tmp_path: Path, code: str
) -> None:
    text = PRODUCTS.read_bytes().decode("cp1252")  # as published; saved again as UTF-8
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace(",Nicobars,603,", f",Nicobars,{code},", 1), encoding="utf-8",
                   newline="")
    done = odop("--db", f"sqlite:///{seeded}", "kb", "import", str(bad))
    assert_one_line_failure(done, "line 2", "is not a number")


@pytest.mark.parametrize("command", [["ask", "agra"], ["kb", "check"], ["run"]])
def test_a_database_without_its_driver_is_one_line(command: list[str]) -> None:
    done = odop("--db", "mysql://someone@127.0.0.1:1/odop", *command)
    assert_one_line_failure(done, "cannot open the knowledge base", "mysql")


@pytest.mark.parametrize("command", [["ask", "agra"], ["run"]])
def test_a_sqlite_path_that_cannot_be_created_is_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    done = odop("--db", f"sqlite:///{blocker / 'sub' / 'odop.sqlite3'}", *command)
    assert_one_line_failure(done, "cannot open the knowledge base", str(blocker))


@pytest.mark.parametrize("command", [["ask", "agra"], ["kb", "check"], ["kb", "stats"]])
def test_dangling_foreign_keys_are_named_in_one_line(seeded: Path, command: list[str]) -> None:
    with sqlite3.connect(seeded) as conn:  # foreign keys are off unless asked for
        conn.execute("DELETE FROM districts WHERE name = 'Moradabad'")
    done = odop("--db", f"sqlite:///{seeded}", *command)
    assert_one_line_failure(done, "inconsistent", "products", "districts")


def read_only_prefix() -> tuple[str, ...]:
    """Run as root without the capability that lets root write any file, else as is."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is missing")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_read_only_seeded_file_is_answered_from(seeded: Path, journal: str) -> None:
    with sqlite3.connect(seeded) as conn:
        assert conn.execute(f"PRAGMA journal_mode={journal}").fetchone() == (journal,)
    conn.close()
    before = seeded.read_bytes()
    seeded.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    seeded.parent.chmod(0o555)  # nor can a -wal, -shm or -journal file be made beside it
    try:
        prefix = read_only_prefix()
        done = odop("--db", f"sqlite:///{seeded}", "ask", "--json", "agra", prefix=prefix)
        stats = odop("--db", f"sqlite:///{seeded}", "kb", "stats", prefix=prefix)
    finally:
        seeded.parent.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert '"name": "Agra"' in done.stdout
    assert stats.returncode == 0, stats.stderr
    assert sorted(p.name for p in seeded.parent.iterdir()) == ["odop.sqlite3"]
    assert seeded.read_bytes() == before


def test_a_read_only_empty_file_cannot_be_seeded_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "db" / "odop.sqlite3"
    path.parent.mkdir()
    sqlite3.connect(path).close()
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        done = odop("--db", f"sqlite:///{path}", "ask", "agra", prefix=read_only_prefix())
    finally:
        path.parent.chmod(0o755)
    assert_one_line_failure(done, "cannot open the knowledge base", "readonly")


@pytest.mark.parametrize("command", [["run"], ["worker"]])
def test_a_missing_token_is_one_line(seeded: Path, command: list[str]) -> None:
    done = odop("--db", f"sqlite:///{seeded}", *command, env={"TELEGRAM_BOT_TOKEN": ""})
    assert_one_line_failure(done, "TELEGRAM_BOT_TOKEN is not set")
    assert done.returncode == 2


def test_an_unexpected_failure_is_one_line_and_says_how_to_see_more(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import cli

    def broken(args: object) -> int:  # a command failing in a way no one foresaw
        return {}["missing"]  # type: ignore[no-any-return]

    monkeypatch.delenv("ODOP_LOG_LEVEL", raising=False)
    assert cli._dispatch(argparse.Namespace(func=broken)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "odop-bot: unexpected error: KeyError: 'missing'"
    assert "ODOP_LOG_LEVEL=DEBUG" in err[1]
    assert len(err) == 2
    monkeypatch.setenv("ODOP_LOG_LEVEL", "debug")  # and then the traceback is there
    with pytest.raises(KeyError):
        cli._dispatch(argparse.Namespace(func=broken))


def test_a_command_closes_the_sqlite_file_it_wrote(seeded: Path) -> None:
    from bot import cli

    assert cli.main(["--db", f"sqlite:///{seeded}", "kb", "set-status", "Agra", "published",
                     "--date", "2025-08-01", "--source", "DEPC minutes", "--by", "ops"]) == 0
    # Its last connection closed: the WAL is folded back, the file at rest for a snapshot.
    assert not seeded.with_name(seeded.name + "-wal").exists()
