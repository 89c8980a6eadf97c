"""The engine snapshot beside a SQLite file (knowledge/snapshot.py), through `odop-bot ask`.

A snapshot answers only while the database is as it was when the snapshot was read: after a
`kb set-status` or a `kb import` the next `ask` reads the database again, and says what changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from knowledge import snapshot

ROOT = Path(__file__).resolve().parents[1]
PRODUCTS = ROOT / "knowledge" / "data" / "odop_products_v31.csv"


def settle(db: Path, age: float) -> None:
    """Date the database's last write `age` seconds back, as if it were written then."""
    then = time.time() - age
    for path in (db, db.with_name(db.name + "-wal")):
        if path.exists():
            os.utime(path, (then, then))


@pytest.fixture
def db(seeded_sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, path)
    settle(path, age=100)
    return path


def ask(db: Path, capsys: pytest.CaptureFixture[str], text: str) -> dict[str, Any]:
    assert main(["--db", f"sqlite:///{db}", "ask", "--json", text]) == 0
    answer: dict[str, Any] = json.loads(capsys.readouterr().out)
    return answer


def test_an_ask_saves_a_snapshot_and_the_next_process_answers_from_it(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = ask(db, capsys, "agra")
    assert snapshot.path_for(db).is_file()
    engine = snapshot.load(db)
    assert engine is not None
    assert engine.ask("agra").districts[0].name == "Agra"
    # A new process answers the same without loading SQLAlchemy (nor the Telegram stack).
    code = (
        "import sys\nfrom bot import cli\n"
        f"status = cli.main(['--db', 'sqlite:///{db}', 'ask', '--json', 'agra'])\n"
        "loaded = [m for m in ('sqlalchemy', 'telegram', 'pydantic', 'alembic') "
        "if m in sys.modules]\n"
        "assert status == 0 and not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == first


def test_a_database_written_a_moment_ago_is_not_snapshotted(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settle(db, age=0)
    assert ask(db, capsys, "agra")["districts"]
    assert not snapshot.path_for(db).exists()


def test_a_status_set_after_the_snapshot_is_in_the_next_answer(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ask(db, capsys, "export plan status of agra")
    assert snapshot.load(db) is not None
    assert main(["--db", f"sqlite:///{db}", "kb", "set-status", "Agra", "published", "--date",
                 "2025-08-01", "--source", "https://example.org/agra-plan.pdf", "--by", "ops"]) \
        == 0
    capsys.readouterr()
    settle(db, age=50)  # settled again: only the changed key can keep the old snapshot out
    assert snapshot.load(db) is None
    after = ask(db, capsys, "export plan status of agra")
    assert "https://example.org/agra-plan.pdf" not in json.dumps(before)
    assert "https://example.org/agra-plan.pdf" in json.dumps(after)
    assert snapshot.load(db) is not None  # and the new state is saved for the next process


def test_an_import_after_the_snapshot_is_in_the_next_answer(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert [p["name"] for p in ask(db, capsys, "moradabad")["products"]] == [
        "Moradabad Metal Craft"]
    changed = tmp_path / "products.csv"
    changed.write_bytes(PRODUCTS.read_bytes().replace(b",Moradabad Metal Craft,Moradabad,",
                                                      b",Moradabad Brass Craft,Moradabad,"))
    assert main(["--db", f"sqlite:///{db}", "kb", "import", str(changed), "--by", "ops"]) == 0
    capsys.readouterr()
    settle(db, age=50)
    assert [p["name"] for p in ask(db, capsys, "moradabad")["products"]] == [
        "Moradabad Brass Craft"]


def test_a_damaged_snapshot_is_ignored_and_replaced(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = ask(db, capsys, "haldi kahan hoti hai")
    path = snapshot.path_for(db)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert snapshot.load(db) is None
    assert ask(db, capsys, "haldi kahan hoti hai") == first
    assert snapshot.load(db) is not None


def test_a_snapshot_others_may_write_is_not_loaded(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ask(db, capsys, "agra")
    snapshot.path_for(db).chmod(0o666)
    assert snapshot.load(db) is None


def test_processes_saving_at_once_leave_one_whole_snapshot(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ask(db, capsys, "agra")
    engine = snapshot.load(db)
    assert engine is not None
    snapshot.path_for(db).unlink()
    read_at = snapshot.key(db)
    saved: list[bool] = []
    writers = [threading.Thread(target=lambda: saved.append(snapshot.save(db, read_at, engine)))
               for _ in range(8)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert saved == [True] * 8
    again = snapshot.load(db)
    assert again is not None
    assert again.ask("agra").districts[0].name == "Agra"
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".")) == []
